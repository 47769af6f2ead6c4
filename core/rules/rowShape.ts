import { alignedDespiteWidth } from '../model/edgeTracker';
import type { RowRule } from './ruleTypes';

export const rowCellCount: RowRule = {
  kind: 'row',
  code: 'row.cell-count',
  defaultSeverity: 'error',
  title: 'A row has more or fewer cells than the header.',
  check(ctx) {
    const width = ctx.mapping.width;
    // Empty cells past the last heading (Excel's ",,,") are one file.trailing-empty problem.
    if (width === undefined || alignedDespiteWidth(ctx.row, ctx.mapping)) return;
    const cells = ctx.row.cells;
    const source = ctx.mapping.hasHeader ? 'the header' : 'the column order in .classworks.json';
    if (cells.length > width) {
      const first = cells[width];
      const last = cells[cells.length - 1];
      const extra = cells.length - width;
      ctx.report({
        code: 'row.cell-count',
        message: `This row has ${cells.length} cells but ${source} has ${width}: ${extra} extra cell${extra > 1 ? 's' : ''} at the end. Usually a value holds an unquoted comma, which shifts every later value into the wrong field. Quote that value or remove the extra cells.`,
        start: first ? first.start - 1 : 0,
        end: last ? last.end : ctx.row.length,
        field: null,
      });
    } else {
      const missing = width - cells.length;
      ctx.report({
        code: 'row.cell-count',
        message: `This row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but ${source} has ${width}: ${missing} missing, so the last fields of this user are empty. Add the missing values (or empty cells) so each value sits under its heading.`,
        start: 0,
        end: ctx.row.length,
        field: null,
      });
    }
  },
};

export const rowBlank: RowRule = {
  kind: 'row',
  code: 'row.blank',
  defaultSeverity: 'warning',
  title: 'A blank line between rows.',
  check() {},
};

export const csvUnclosedQuote: RowRule = {
  kind: 'row',
  code: 'csv.unclosed-quote',
  defaultSeverity: 'error',
  title: 'A quote opens a cell and is never closed, swallowing the rest of the file.',
  check() {},
};

export const csvMalformed: RowRule = {
  kind: 'row',
  code: 'csv.malformed',
  defaultSeverity: 'error',
  title: 'A row that the CSV parser cannot read.',
  check() {},
};
