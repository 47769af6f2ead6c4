import type { RowRule } from './ruleTypes';

export const MIN_PASSWORD_LENGTH = 7;

// Made once (a bundler may turn a literal with \p{…} into a `new RegExp` at each use).
const LETTER = /\p{L}/u;
const SYMBOL = /[^\p{L}\d\s]/u;

export const passwordTooShort: RowRule = {
  kind: 'row',
  code: 'password.too-short',
  defaultSeverity: 'error',
  title: 'Password is shorter than 7 characters.',
  check(ctx) {
    const value = ctx.value('Password');
    if (value === undefined || value === '' || value.length >= 2 * MIN_PASSWORD_LENGTH) return;
    const length = [...value].length;
    if (length >= MIN_PASSWORD_LENGTH) return;
    const cell = ctx.cell('Password');
    if (!cell) return;
    ctx.report({
      code: 'password.too-short',
      message: `Password has ${length} character${length === 1 ? '' : 's'}; Classworks requires at least ${MIN_PASSWORD_LENGTH}, with a letter, a digit and a symbol. The import rejects it: set a longer password for this user.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    });
  },
};

export const passwordTooWeak: RowRule = {
  kind: 'row',
  code: 'password.too-weak',
  defaultSeverity: 'error',
  title: 'Password lacks a letter, a digit or a symbol.',
  check(ctx) {
    const value = ctx.value('Password');
    if (value === undefined || value === '') return;
    const missing: string[] = [];
    if (!LETTER.test(value)) missing.push('a letter');
    if (!/\d/.test(value)) missing.push('a digit');
    if (!SYMBOL.test(value)) missing.push('a symbol (such as ! # $ or *)');
    if (missing.length === 0) return;
    const cell = ctx.cell('Password');
    if (!cell) return;
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}` : missing[0];
    ctx.report({
      code: 'password.too-weak',
      message: `Password lacks ${list}. Classworks requires letters, numbers and symbols in every password, so the import rejects it: add ${list}.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    });
  },
};
