import type { FieldName } from '../fields';
import { canonicalGrade, mappedGrade } from '../values/grades';
import { spreadsheetDate } from '../values/spreadsheetDamage';
import { replaceCellValue } from './cellEdits';
import { ID_FIELDS, ID_WHY } from './idFields';
import type { Cell } from '../csv/csvTypes';
import type { OffsetProblem } from '../problems';
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
    const columns = ctx.columns(DATE_DAMAGE_FIELDS);
    for (let k = 0; k < DATE_DAMAGE_FIELDS.length; k++) {
      const field = DATE_DAMAGE_FIELDS[k] as (typeof DATE_DAMAGE_FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || value === '' || !MAYBE_DATE.test(value)) continue;
      if (field === 'School SIS ID' && ctx.schoolIds?.has(value)) continue;
      const date = spreadsheetDate(value);
      if (!date) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const original = date.original;
      if (field === 'Grade' && original) {
        ctx.report(gradeRange(cell, date.reading, original, ctx.config.gradeMapping));
        continue;
      }
      const why =
        field === 'Grade'
          ? 'A date is not a grade, so the student would not be placed in one.'
          : (ID_WHY[field] ?? '');
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

/**
 * A Grade a spreadsheet turned into a date ("4-Mar" from "3-4"): the value was a range of two
 * grades (a combined class), which is no Classworks grade either (one grade per student), so
 * restoring it would only trade this error for grade.invalid. The suggestions are the grade
 * `gradeMapping` gives the range, else each grade of the range that is a Classworks grade: a
 * person picks the student's own grade from the SIS. Never a safe fix.
 */
function gradeRange(cell: Cell, reading: string, original: string, mapping: Readonly<Record<string, string>> | undefined): OffsetProblem {
  const mapped = mappedGrade(original, mapping);
  const ends = original.split('-');
  const grades = mapped ? [mapped.grade] : [...new Set(ends.map((n) => canonicalGrade(n)).filter((g): g is string => g !== undefined))];
  const label = (grade: string) =>
    mapped ? `gradeMapping's grade for "${mapped.key}"` : ends.length === 2 && ends[0] !== ends[1] ? `the ${grade === canonicalGrade(ends[0] as string) ? 'first' : 'second'} grade of ${original}` : `grade ${grade}`;
  const pick =
    grades.length === 0
      ? 'Take the student\'s grade from the SIS'
      : `Take the student's grade from the SIS (the suggestions write ${grades.map((g) => `"${g}"`).join(' or ')})`;
  return {
    code: 'value.excel-date',
    message:
      `Grade "${cell.value}" is a date (${reading}): a spreadsheet read "${original}" as a month and a day and rewrote it, so the value was probably "${original}", a range of grades (a combined class). ` +
      `That is no Classworks grade either: each student has one grade (Pre-K, K or 1–12), and a date places the student in none. ${pick}, and format the column as Text before opening the file in Excel again.`,
    start: cell.valueStart,
    end: cell.valueEnd,
    field: 'Grade',
    suggestions: grades.map((grade) => ({ title: `Change Grade "${cell.value}" to "${grade}" (${label(grade)})`, edits: [replaceCellValue(cell, grade)] })),
  };
}
