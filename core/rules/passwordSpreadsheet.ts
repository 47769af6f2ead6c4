import { numberLikeShape } from '../values/spreadsheetDamage';
import type { RowRule } from './ruleTypes';

/** What each shape means; no example values, so that no message can echo a password. */
const SHAPE_TEXT = {
  scientific:
    'looks like a number in scientific notation (digits, an E and an exponent): the form a spreadsheet gives a long number after rounding it',
  number:
    'is only a number: a spreadsheet that read it as one may have dropped leading zeros, rounded it, or written a date it had turned into a serial number',
  date: 'looks like a date: a spreadsheet may have turned the password into a date and written it its own way',
} as const;

export const passwordSpreadsheetChanged: RowRule = {
  kind: 'row',
  code: 'password.spreadsheet-changed',
  defaultSeverity: 'warning',
  title: 'Password looks like a number, a date or scientific notation: a spreadsheet probably changed it.',
  check(ctx) {
    const value = ctx.value('Password');
    if (value === undefined || value === '' || /[^\d\s.+\-/eE:a-zA-Z]/.test(value)) return;
    const shape = numberLikeShape(value);
    if (!shape) return;
    const cell = ctx.cell('Password');
    if (!cell) return;
    ctx.report({
      code: 'password.spreadsheet-changed',
      message: `This password ${SHAPE_TEXT[shape]}. The password in the file is then probably not the one the user was given, and they could not sign in with it. Take the password from the SIS again, and keep spreadsheets from converting the column (format it as Text before opening the file in Excel).`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    });
  },
};
