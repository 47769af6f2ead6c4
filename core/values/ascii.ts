/**
 * Character tests that rules run on every cell of every row, written as loops over char codes:
 * on the short ASCII values most cells hold they are cheaper than a regular expression (each
 * says which expression it stands for, and a unit test compares the two).
 */

/** `/[^\x00-\x7f]/.test(value)`: a character outside ASCII. */
export function hasNonAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** `/^\d+$/.test(value)`: one or more ASCII digits and nothing else. */
export function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `/^[ \t]+|[ \t]+$/.test(value)`: a space or tab at either end. */
export function hasEdgeBlank(value: string): boolean {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first === 32 || first === 9 || last === 32 || last === 9;
}

/** `/[eE]/.test(value)`. */
export function hasLetterE(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 101 || c === 69) return true;
  }
  return false;
}

/** `/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(value)`: ASCII letters in words separated by single spaces. */
export function isPlainName(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  let afterSpace = true;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      afterSpace = false;
    } else if (c === 32 && !afterSpace) {
      afterSpace = true;
    } else {
      return false;
    }
  }
  return !afterSpace;
}
