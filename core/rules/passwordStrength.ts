import type { RowRule } from './ruleTypes';

export const MIN_PASSWORD_LENGTH = 7;

// Made once (a bundler may turn a literal with \p{…} into a `new RegExp` at each use).
const LETTER = /\p{L}/u;
const SYMBOL = /[^\p{L}\d\s]/u;

/** `[...value].length`: characters counted as code points (a surrogate pair is one, a lone surrogate one). */
export function codePointCount(value: string): number {
  let count = value.length;
  for (let i = 0; i + 1 < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

export const HAS_LETTER = 1;
export const HAS_DIGIT = 2;
export const HAS_SYMBOL = 4;
const ALL_CLASSES = HAS_LETTER | HAS_DIGIT | HAS_SYMBOL;

/**
 * Which of LETTER, `\d` and SYMBOL an all-ASCII value has (HAS_… bits), in one pass over it;
 * -1 when it has a character past ASCII (then the expressions decide). In ASCII, \p{L} is A–Z
 * and a–z, and \s is tab, line feed, vertical tab, form feed, carriage return and space.
 */
export function asciiClasses(value: string): number {
  let has = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) return -1;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) has |= HAS_LETTER;
    else if (c >= 48 && c <= 57) has |= HAS_DIGIT;
    else if (!(c === 32 || (c >= 9 && c <= 13))) has |= HAS_SYMBOL;
  }
  return has;
}

export const passwordTooShort: RowRule = {
  kind: 'row',
  code: 'password.too-short',
  defaultSeverity: 'error',
  title: 'Password is shorter than 7 characters.',
  check(ctx) {
    const value = ctx.value('Password');
    if (value === undefined || value === '' || value.length >= 2 * MIN_PASSWORD_LENGTH) return;
    const length = codePointCount(value);
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
    const has = asciiClasses(value);
    if (has === ALL_CLASSES) return;
    const letter = has >= 0 ? (has & HAS_LETTER) !== 0 : LETTER.test(value);
    const digit = has >= 0 ? (has & HAS_DIGIT) !== 0 : /\d/.test(value);
    const symbol = has >= 0 ? (has & HAS_SYMBOL) !== 0 : SYMBOL.test(value);
    const missing: string[] = [];
    if (!letter) missing.push('a letter');
    if (!digit) missing.push('a digit');
    if (!symbol) missing.push('a symbol (such as ! # $ or *)');
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
