import { rowWithCommas } from '../csv/convertDelimiter';
import { DELIMITER_NAMES, type Delimiter } from '../csv/sniffDelimiter';
import { lazyFix } from '../fixes/lazyFix';
import type { OffsetEdit } from '../problems';
import type { FileRule } from './ruleTypes';

const WHY: Record<Delimiter, string> = {
  ',': '',
  ';': 'Excel saves "CSV" this way where the comma is the decimal separator (a European locale)',
  '\t': 'Excel saves "Unicode Text" and "Text (Tab delimited)" this way',
  '|': 'some SIS exports use it',
};

/**
 * The file's cells are separated by another character than the comma (sniffed from its first
 * records). Reported once, at the first delimiter of the first record; while it stands, the
 * document checks nothing else, because every column and cell problem would follow from it.
 */
export const fileDelimiter: FileRule = {
  kind: 'file',
  code: 'file.delimiter',
  defaultSeverity: 'error',
  title: 'Cells are separated by semicolons, tabs or another character instead of commas.',
  check(ctx) {
    const delimiter = ctx.delimiter as Delimiter;
    if (delimiter === ',') return;
    const first = ctx.rows.find((r) => !r.blank && !r.broken) ?? ctx.rows[0];
    if (!first) return;
    const second = first.cell(1);
    const at = first.start + (second ? second.start - 1 : 0);
    const { text, rows } = ctx;
    ctx.report({
      code: 'file.delimiter',
      message:
        `This file separates its cells with ${DELIMITER_NAMES[delimiter]}, not commas (${WHY[delimiter]}). ` +
        'Classworks reads only comma-separated files and would see each row as one long value, so nothing else in this file is checked until it uses commas. ' +
        'Convert it (safe fix: cells joined with commas, values that hold a comma quoted, every value unchanged), or save it from Excel as "CSV UTF-8 (Comma delimited)".',
      start: at,
      end: second ? at + 1 : first.start + first.length,
      field: null,
      fix: lazyFix(`Convert the delimiter from ${DELIMITER_NAMES[delimiter]} to commas`, () => {
        const edits: OffsetEdit[] = [];
        for (const row of rows) {
          const converted = rowWithCommas(text, row);
          if (converted !== undefined) edits.push({ start: row.start, end: row.start + row.length, newText: converted });
        }
        return edits;
      }),
    });
  },
};
