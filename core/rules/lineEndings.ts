import type { Row } from '../csv/csvTypes';
import { lazyFix } from '../fixes/lazyFix';
import type { OffsetEdit, OffsetFix, OffsetProblem } from '../problems';
import type { FileContext, FileRule } from './ruleTypes';

const FIX_TITLE = 'Convert line endings to CRLF';

function toCrlf(rows: readonly Row[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  for (const row of rows) {
    if (row.terminator === '\n' || row.terminator === '\r') {
      const at = row.start + row.length;
      edits.push({ start: at, end: at + row.terminator.length, newText: '\r\n' });
    }
  }
  return edits;
}

const NAMES: Record<string, string> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };

/**
 * Where the problem goes and how it is fixed: at the first row ending the odd way, with a text
 * edit — or, when the endings were counted on disk (the editor's text is normalised and shows
 * none of them), at the start of the file with a conversion only the editor can do.
 */
function place(ctx: FileContext, terminator: string): Pick<OffsetProblem, 'start' | 'end' | 'fix' | 'editorCommand'> | undefined {
  if (ctx.lineEndingsFromDisk) {
    const start = ctx.rows[0]?.start ?? 0;
    return { start, end: start + (ctx.rows[0]?.length ?? 0), editorCommand: 'convert-line-endings-crlf' };
  }
  const row = ctx.rows.find((r) => r.terminator === terminator);
  if (!row) return undefined;
  const at = row.start + row.length;
  // Worked out when read: every row of a large file, after every keystroke, for a fix rarely applied.
  const rows = ctx.rows;
  const fix: OffsetFix = lazyFix(FIX_TITLE, () => toCrlf(rows));
  return { start: at, end: at + terminator.length, fix };
}

export const fileCrLineEndings: FileRule = {
  kind: 'file',
  code: 'file.cr-line-endings',
  defaultSeverity: 'error',
  title: 'Lines end with a bare CR (classic Mac CSV).',
  check(ctx) {
    const { crlf, lf, cr } = ctx.lineEndings;
    if (cr === 0 || crlf > 0 || lf > 0) return;
    const at = place(ctx, '\r');
    if (!at) return;
    ctx.report({
      code: 'file.cr-line-endings',
      message:
        `${ctx.lineEndingsFromDisk ? 'On disk, lines' : 'Lines'} end with a bare carriage return (CR), the classic Mac "CSV" format. Classworks reads such files wrongly and schools fail to match. Convert the line endings to CRLF (in Excel: save as "MS-DOS Comma Separated").`,
      field: null,
      ...at,
    });
  },
};

export const fileMixedLineEndings: FileRule = {
  kind: 'file',
  code: 'file.mixed-line-endings',
  defaultSeverity: 'warning',
  title: 'Lines end in different ways (CRLF, LF, CR) within one file.',
  check(ctx) {
    const counts = ctx.lineEndings;
    const kinds = [
      { t: '\r\n', n: counts.crlf },
      { t: '\n', n: counts.lf },
      { t: '\r', n: counts.cr },
    ].filter((k) => k.n > 0);
    if (kinds.length < 2) return;
    kinds.sort((a, b) => b.n - a.n);
    const main = kinds[0] as { t: string; n: number };
    const odd = ctx.lineEndingsFromDisk ? (kinds[1] as { t: string }).t : ctx.rows.find((r) => r.terminator !== '' && r.terminator !== main.t)?.terminator;
    if (!odd) return;
    const at = place(ctx, odd);
    if (!at) return;
    const list = kinds.map((k) => `${k.n} ${NAMES[k.t]}`).join(', ');
    ctx.report({
      code: 'file.mixed-line-endings',
      message: `Line endings are mixed${ctx.lineEndingsFromDisk ? ' on disk' : ''}: ${list}${ctx.lineEndingsFromDisk ? '' : `; this line ends with ${NAMES[odd]}`}. Importers can split or join rows at the odd endings. Convert them all to CRLF.`,
      field: null,
      ...at,
    });
  },
};
