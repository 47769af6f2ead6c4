import type { Row } from '../csv/csvTypes';
import { lazyFix } from '../fixes/lazyFix';
import { emptyFrom } from '../model/edgeTracker';
import type { OffsetEdit } from '../problems';
import type { FileContext, FileRule } from './ruleTypes';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The first of the columns at the right edge that have no heading and no value in any row
 * (Excel's trailing `,,,`); the header's width when there are none. Never 0: the first column
 * stays.
 */
export function firstTrailingEmptyColumn(ctx: FileContext): number {
  const width = ctx.mapping.width ?? 0;
  if (!ctx.headerRow || !ctx.mapping.hasHeader) return width;
  let first = width;
  while (first > 1 && ctx.mapping.unnamed.includes(first - 1) && ctx.edges.filledCount(first - 1) === 0) first--;
  return first;
}

/** Removes the cells of a row from `keep` on (they are empty), with the delimiter before them. */
function cutRow(row: Row, keep: number): OffsetEdit | undefined {
  if (row.cellCount <= keep || keep < 1 || !emptyFrom(row, keep)) return undefined;
  const last = row.cell(keep - 1);
  if (!last) return undefined;
  return { start: row.start + last.end, end: row.start + row.length, newText: '' };
}

/**
 * Empty rows and columns at the edges of the file — blank lines and rows of separators after
 * the last user, columns at the right with no heading and no value, cells past the last
 * heading that are all empty — as one problem with one fix that removes them all.
 */
export const fileTrailingEmpty: FileRule = {
  kind: 'file',
  code: 'file.trailing-empty',
  defaultSeverity: 'warning',
  title: 'Empty rows at the end or empty columns at the right edge (left behind by a spreadsheet).',
  check(ctx) {
    const header = ctx.headerRow;
    const width = ctx.mapping.width;
    const keep = firstTrailingEmptyColumn(ctx);
    const emptyColumns = width === undefined ? 0 : width - keep;
    const extraRows = ctx.edges.emptyExtraRows;
    const blanks = ctx.edges.trailingBlankRows;
    if (emptyColumns === 0 && extraRows === 0 && blanks.length === 0) return;

    let start: number;
    let end: number;
    if (emptyColumns > 0 && header) {
      const first = header.cell(keep) as NonNullable<ReturnType<Row['cell']>>;
      start = header.start + first.start - 1;
      end = header.start + header.length;
    } else if (extraRows > 0 && header) {
      const last = header.cell(header.cellCount - 1);
      start = header.start + (last ? last.start : 0);
      end = header.start + header.length;
    } else if (extraRows > 0) {
      start = ctx.rows[0]?.start ?? 0;
      end = start + (ctx.rows[0]?.length ?? 0);
    } else {
      const first = blanks[0] as Row;
      start = first.start;
      end = first.start + (first.blank ? first.terminator.length : first.length);
    }

    const parts: string[] = [];
    if (emptyColumns > 0) parts.push(`${plural(emptyColumns, 'empty column')} at the right edge (no heading, and no value in any row)`);
    if (extraRows > 0) parts.push(`${plural(extraRows, 'row')} with empty cells past the last ${ctx.mapping.hasHeader ? 'heading' : 'column of "columnOrder"'}`);
    if (blanks.length > 0) parts.push(`${plural(blanks.length, 'blank row')} at the end`);
    const { dataRows } = ctx;
    const blankSet = new Set(blanks);
    ctx.report({
      code: 'file.trailing-empty',
      message:
        `The file has ${parts.join(', ')}: what a spreadsheet leaves behind when cells were once used there (Excel then writes ",,," at the end of every line). ` +
        'The importer may read them as extra fields without a name, or as users with every field empty. Remove them (safe fix; values are not touched).',
      start,
      end,
      field: null,
      fix: lazyFix('Remove the empty rows and columns at the edges of the file', () => {
        const edits: OffsetEdit[] = [];
        const cutAt = emptyColumns > 0 ? keep : (width ?? Number.POSITIVE_INFINITY);
        if (header && emptyColumns > 0) {
          const cut = cutRow(header, keep);
          if (cut) edits.push(cut);
        }
        if (Number.isFinite(cutAt)) {
          for (const row of dataRows) {
            if (row.blank || row.broken || blankSet.has(row)) continue;
            const cut = cutRow(row, cutAt);
            if (cut) edits.push(cut);
          }
        }
        if (blanks.length > 0) {
          const first = blanks[0] as Row;
          const last = blanks[blanks.length - 1] as Row;
          edits.push({ start: first.start, end: last.start + last.length + last.terminator.length, newText: '' });
        }
        return edits;
      }),
    });
  },
};

/** Removes column `c` (empty in every row) with one of the delimiters around it. */
function removeColumn(row: Row, c: number): OffsetEdit | undefined {
  const cell = row.cell(c);
  if (!cell || cell.value.trim() !== '') return undefined;
  if (c > 0) {
    const before = row.cell(c - 1) as NonNullable<ReturnType<Row['cell']>>;
    return { start: row.start + before.end, end: row.start + cell.end, newText: '' };
  }
  const after = row.cell(1);
  if (!after) return undefined;
  return { start: row.start + cell.start, end: row.start + after.start, newText: '' };
}

/**
 * A header cell with no heading, inside the header (those at the right edge over empty columns
 * are file.trailing-empty): over an empty column it can go; over values, the import ignores them.
 */
export const columnUnnamed: FileRule = {
  kind: 'file',
  code: 'column.unnamed',
  defaultSeverity: 'warning',
  title: 'A header cell has no heading.',
  check(ctx) {
    const header = ctx.headerRow;
    if (!header || !ctx.mapping.hasHeader) return;
    const keep = firstTrailingEmptyColumn(ctx);
    for (const c of ctx.mapping.unnamed) {
      if (c >= keep) continue;
      const cell = header.cell(c);
      if (!cell) continue;
      const start = header.start + (c > 0 ? cell.start - 1 : cell.start);
      const end = header.start + (c > 0 ? cell.end : Math.min(header.length, cell.end + 1));
      const filled = ctx.edges.filledCount(c);
      if (filled === 0) {
        ctx.report({
          code: 'column.unnamed',
          message: `Column ${c + 1} has no heading and no value in any row: an empty column, probably left by a spreadsheet. The importer may read it as a field without a name. Remove it (safe fix).`,
          start,
          end,
          field: null,
          fix: lazyFix(`Remove the empty column ${c + 1}`, () => {
            const edits: OffsetEdit[] = [];
            for (const row of [header, ...ctx.dataRows]) {
              if (row.blank || row.broken) continue;
              const edit = removeColumn(row, c);
              if (edit) edits.push(edit);
            }
            return edits;
          }),
        });
      } else {
        ctx.report({
          code: 'column.unnamed',
          message: `Column ${c + 1} has no heading, so the import ignores its values (${plural(filled, 'row')} ${filled === 1 ? 'holds' : 'hold'} one). If it holds a Classworks field, give it that heading or map it in .classworks.json ("columns"); otherwise remove the column.`,
          start,
          end,
          field: null,
        });
      }
    }
  },
};
