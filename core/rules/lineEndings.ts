import type { Row } from '../csv/csvTypes';
import type { OffsetEdit } from '../problems';
import type { FileContext, FileRule } from './ruleTypes';

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

function firstWith(ctx: FileContext, terminator: string): Row | undefined {
  return ctx.rows.find((r) => r.terminator === terminator);
}

export const fileCrLineEndings: FileRule = {
  kind: 'file',
  code: 'file.cr-line-endings',
  defaultSeverity: 'error',
  title: 'Lines end with a bare CR (classic Mac CSV).',
  check(ctx) {
    const { crlf, lf, cr } = ctx.lineEndings;
    if (cr === 0 || crlf > 0 || lf > 0) return;
    const row = firstWith(ctx, '\r');
    if (!row) return;
    const at = row.start + row.length;
    ctx.report({
      code: 'file.cr-line-endings',
      message:
        'Lines end with a bare carriage return (CR), the classic Mac "CSV" format. Classworks reads such files wrongly and schools fail to match. Convert the line endings to CRLF (in Excel: save as "MS-DOS Comma Separated").',
      start: at,
      end: at + 1,
      field: null,
      fix: { title: 'Convert line endings to CRLF', edits: toCrlf(ctx.rows) },
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
      { t: '\r\n', n: counts.crlf, name: 'CRLF' },
      { t: '\n', n: counts.lf, name: 'LF' },
      { t: '\r', n: counts.cr, name: 'CR' },
    ].filter((k) => k.n > 0);
    if (kinds.length < 2) return;
    kinds.sort((a, b) => b.n - a.n);
    const main = kinds[0];
    const odd = ctx.rows.find((r) => r.terminator !== '' && r.terminator !== main?.t);
    if (!main || !odd) return;
    const oddName = odd.terminator === '\n' ? 'LF' : odd.terminator === '\r' ? 'CR' : 'CRLF';
    const at = odd.start + odd.length;
    ctx.report({
      code: 'file.mixed-line-endings',
      message: `Line endings are mixed: ${kinds.map((k) => `${k.n} ${k.name}`).join(', ')}; this line ends with ${oddName}. Importers can split or join rows at the odd endings. Convert them all to CRLF.`,
      start: at,
      end: at + odd.terminator.length,
      field: null,
      fix: { title: 'Convert line endings to CRLF', edits: toCrlf(ctx.rows) },
    });
  },
};
