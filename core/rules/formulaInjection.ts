import type { FieldName } from '../fields';
import { describeCharacter } from './cellEdits';
import { replaceCellValue } from './cellEdits';
import { ID_FIELDS } from './idFields';
import { quoted } from './messageText';
import type { RowRule } from './ruleTypes';

/** Columns that hold names, IDs and addresses: no real value of theirs starts like a formula. */
export const FORMULA_FIELDS: readonly FieldName[] = [
  'First Name',
  'Last Name',
  'Middle Name',
  'Prefix',
  'Suffix',
  'Username',
  ...ID_FIELDS,
  'School SIS ID',
  'Email Address',
];

/** = + - @ tab CR: a spreadsheet reads a cell that starts with one of them as a formula. */
export function startsLikeFormula(value: string): boolean {
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** The value without its leading formula characters (and the spaces after them). */
function withoutFormulaStart(value: string): string {
  return value.replace(/^[=+\-@\t\r]+\s*/, '');
}

export const valueFormula: RowRule = {
  kind: 'row',
  code: 'value.formula',
  defaultSeverity: 'error',
  title: 'A name, ID, Username or e-mail value starts with = + - @, a tab or a carriage return: a spreadsheet would run it as a formula.',
  check(ctx) {
    for (const field of FORMULA_FIELDS) {
      const value = ctx.value(field);
      if (value === undefined || value === '' || !startsLikeFormula(value)) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const first = describeCharacter(cell.value.charAt(0));
      const rest = withoutFormulaStart(cell.value);
      ctx.report({
        code: 'value.formula',
        message: `${field} ${quoted(cell.value)} starts with ${first}, so a spreadsheet that opens this file or a Classworks export of it would take the value for a formula and run it ("formula injection": it can compute, fetch a web address or show something else than the data). No real ${field} starts this way. Remove the character${rest !== '' ? '' : ', and enter the value from the SIS'}.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
        suggestions: rest !== '' && rest !== cell.value ? [{ title: `Remove the formula start: ${field} ${quoted(cell.value)} → ${quoted(rest)}`, edits: [replaceCellValue(cell, rest)] }] : [],
      });
    }
  },
};

export const passwordFormula: RowRule = {
  kind: 'row',
  code: 'password.formula',
  defaultSeverity: 'warning',
  title: 'Password starts with = + - @, a tab or a carriage return: a spreadsheet will evaluate or alter it.',
  check(ctx) {
    const value = ctx.value('Password');
    if (value === undefined || value === '' || !startsLikeFormula(value)) return;
    const cell = ctx.cell('Password');
    if (!cell) return;
    ctx.report({
      code: 'password.formula',
      message:
        'This password starts with a character that makes a spreadsheet read the cell as a formula (one of = + - @, a tab or a carriage return). Anyone who opens the file in Excel would have it evaluated or altered — the saved file would then hold a result or an error instead of the password — and a formula in a password cell can run. Choose a password that starts with a letter or a digit.',
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    });
  },
};
