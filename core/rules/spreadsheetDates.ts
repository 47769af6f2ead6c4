import type { FieldName } from '../fields';
import { spreadsheetDate } from '../values/spreadsheetDamage';
import { replaceCellValue } from './cellEdits';
import { ID_FIELDS, ID_WHY } from './idFields';
import type { RowRule } from './ruleTypes';

/** Columns that never hold a date, where a date is a value a spreadsheet rewrote. */
export const DATE_DAMAGE_FIELDS: readonly FieldName[] = ['Grade', 'Username', ...ID_FIELDS, 'School SIS ID'];

/** Cheap pre-check: a date has a separator and a digit; most IDs, usernames and grades have no separator. */
const MAYBE_DATE = /^\s*(?:\d{1,2}[-/ ]|[A-Z][a-z]{2,8}[- ]\d)/;

export function isSpreadsheetDate(value: string): boolean {
  return MAYBE_DATE.test(value) && spreadsheetDate(value) !== undefined;
}

export const valueExcelDate: RowRule = {
  kind: 'row',
  code: 'value.excel-date',
  defaultSeverity: 'error',
  title: 'A Grade, Username or ID is a date a spreadsheet made of it (4-Mar from "3-4").',
  check(ctx) {
    for (const field of DATE_DAMAGE_FIELDS) {
      const value = ctx.value(field);
      if (value === undefined || value === '' || !MAYBE_DATE.test(value)) continue;
      if (field === 'School SIS ID' && ctx.schoolIds?.has(value)) continue;
      const date = spreadsheetDate(value);
      if (!date) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const why =
        field === 'Grade'
          ? 'A date is not a grade, so the student would not be placed in one.'
          : (ID_WHY[field] ?? '');
      const original = date.original;
      ctx.report({
        code: 'value.excel-date',
        message: original
          ? `${field} "${cell.value}" is a date (${date.reading}): a spreadsheet read "${original}" as a month and a day and rewrote it, so "${cell.value}" was probably "${original}". ${why} Restore the value from the SIS (the suggestion writes "${original}"), and format the column as Text before opening the file in Excel again.`
          : `${field} "${cell.value}" is a date (${date.reading}): a spreadsheet took the value for a date and rewrote it, and what it was cannot be told from this file. ${why} Take the value from the SIS again, and format the column as Text before opening the file in Excel again.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
        suggestions: original ? [{ title: `Change ${field} "${cell.value}" back to "${original}"`, edits: [replaceCellValue(cell, original)] }] : [],
      });
    }
  },
};
