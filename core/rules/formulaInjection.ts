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

const isFormulaChar = (c: number) => c === 61 || c === 43 || c === 45 || c === 64;
const isBlank = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/**
 * Where the formula start of a value is: a tab or CR at its start, or = + - @ at its start or
 * after leading spaces and line breaks (which trimming — by a spreadsheet, an importer or a fix
 * here — removes). -1 when the value does not start like a formula.
 */
export function formulaStart(value: string): number {
  const c = value.charCodeAt(0);
  if (isFormulaChar(c) || c === 9 || c === 13) return 0;
  let i = 0;
  while (i < value.length && isBlank(value.charCodeAt(i))) i++;
  return i > 0 && isFormulaChar(value.charCodeAt(i)) ? i : -1;
}

export function startsLikeFormula(value: string): boolean {
  return formulaStart(value) >= 0;
}

/** The value without its leading formula characters (and the spaces and line breaks around them). */
function withoutFormulaStart(value: string): string {
  return value.replace(/^[\s=+\-@]+/, '');
}

export const valueFormula: RowRule = {
  kind: 'row',
  code: 'value.formula',
  defaultSeverity: 'error',
  title: 'A name, ID, Username or e-mail value starts with = + - @, a tab or a carriage return: a spreadsheet would run it as a formula.',
  check(ctx) {
    const columns = ctx.columns(FORMULA_FIELDS);
    for (let k = 0; k < FORMULA_FIELDS.length; k++) {
      const field = FORMULA_FIELDS[k] as (typeof FORMULA_FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || value === '' || !startsLikeFormula(value)) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const at = formulaStart(cell.value);
      const first = describeCharacter(cell.value.charAt(at)) + (at > 0 ? ' (after leading spaces or line breaks, which trimming removes)' : '');
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
