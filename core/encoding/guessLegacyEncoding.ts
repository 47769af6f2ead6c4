import { type LegacyEncoding, decodeByte } from './singleByte';

/** Accented letters and punctuation that district names and files commonly hold. */
const COMMON = new Set(
  [...'éèêëáàâäãåíìîïóòôöõúùûüñçøæßÉÈÊËÁÀÂÄÃÅÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇØÆ’‘“”–—'],
);
/** Quotes that open: unlikely right after a letter. */
const OPENING = new Set(['‘', '“', '‚', '„']);
/** Punctuation a word processor or spreadsheet puts into text. */
const TYPOGRAPHIC = new Set([...'’‘“”‚„–—…•€™']);

// Made once (a bundler may turn a literal with \p{…} into a `new RegExp` at each use).
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const isLetter = (c: string | undefined) => c !== undefined && LETTER.test(c);
const isLower = (c: string | undefined) => c !== undefined && LOWER.test(c);
const isUpper = (c: string | undefined) => c !== undefined && UPPER.test(c);

/**
 * Which single-byte encoding bytes that are not UTF-8 are most likely in: Windows-1252 or Mac
 * Roman. Each byte from 0x80 up is read both ways and scored by what it then is where it
 * stands — a common accented letter of the right case for its word (é after "Jos"), quotes
 * and dashes where text has them — and by what it should not be (a byte the encoding leaves
 * undefined, a capital inside a lower-case word, "–" inside a word). Windows-1252 `José` is
 * `4a 6f 73 e9` (Mac Roman would read "JosÈ"); Mac Roman `José` is `4a 6f 73 8e` (Windows-1252
 * would read "JosŽ"). Ties go to Windows-1252, by far the more common. Looks at the first
 * `limit` bytes.
 */
export function guessLegacyEncoding(bytes: Uint8Array, limit = 1 << 20): LegacyEncoding {
  const n = Math.min(bytes.length, limit);
  let windows = 0;
  let mac = 0;
  for (let i = 0; i < n; i++) {
    if ((bytes[i] as number) < 0x80) continue;
    windows += scoreAt(bytes, i, 'windows1252');
    mac += scoreAt(bytes, i, 'macroman');
  }
  return mac > windows ? 'macroman' : 'windows1252';
}

function scoreAt(bytes: Uint8Array, i: number, encoding: LegacyEncoding): number {
  const c = decodeByte(bytes[i] as number, encoding);
  const prev = i > 0 ? decodeByte(bytes[i - 1] as number, encoding) : undefined;
  const next = i + 1 < bytes.length ? decodeByte(bytes[i + 1] as number, encoding) : undefined;
  const code = c.charCodeAt(0);
  // Undefined in Windows-1252 (decoded as C1 controls) or the Apple logo: not text.
  if ((code >= 0x80 && code <= 0x9f) || code === 0xf8ff || code === 0xfffd) return -4;
  const base = COMMON.has(c) ? 2 : 0;
  if (isLetter(c)) {
    if (isUpper(c) && isLower(prev)) return base - 2;
    if (isLower(c) && isLetter(prev) && next !== undefined && /[A-Z]/.test(next)) return base - 1;
    return base + 1;
  }
  if (TYPOGRAPHIC.has(c)) {
    if (OPENING.has(c) && isLetter(prev)) return base - 2;
    if (isLetter(prev) && isLetter(next)) return c === '’' ? base + 1 : base - 2;
    return base + 1;
  }
  return base - 1;
}
