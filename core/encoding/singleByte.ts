/**
 * The two single-byte encodings district files arrive in besides UTF-8: Windows-1252 (Excel's
 * "CSV (Comma delimited)" on Windows) and Mac Roman (Excel for Mac's older "CSV"). Bytes below
 * 0x80 are ASCII in both; these tables give the characters of 0x80–0xFF. Pure data, so the
 * core can recognise text that was decoded with the wrong one (mojibake) without any library;
 * the CLI and the editor decode whole files with iconv-lite.
 */

export type LegacyEncoding = 'windows1252' | 'macroman';

export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['windows1252', 'macroman'];

/** How people name them (VS Code's "Western (Windows 1252)", iconv's WINDOWS-1252, …). */
export const LEGACY_ENCODING_NAMES: Record<LegacyEncoding, string> = {
  windows1252: 'Windows-1252',
  macroman: 'Mac Roman',
};

/**
 * Windows-1252 0x80–0x9F (0xA0–0xFF are U+00A0–U+00FF). The five bytes Windows leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 control of the same number, as
 * browsers (WHATWG) and Python's "cp1252" with surrogates do, so they can be encoded back.
 */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Mac Roman 0x80–0xFF (Apple's mapping: 0xDB is €, 0xF0 the Apple logo U+F8FF). */
const MACROMAN_80_FF =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' +
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const HIGH: Record<LegacyEncoding, string> = {
  windows1252: CP1252_80_9F + Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''),
  macroman: MACROMAN_80_FF,
};

const REVERSE: Record<LegacyEncoding, ReadonlyMap<number, number>> = {
  windows1252: reverse(HIGH.windows1252),
  macroman: reverse(HIGH.macroman),
};

function reverse(high: string): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < high.length; i++) map.set(high.charCodeAt(i), 0x80 + i);
  return map;
}

/** The character a byte stands for in the encoding. */
export function decodeByte(byte: number, encoding: LegacyEncoding): string {
  return byte < 0x80 ? String.fromCharCode(byte) : (HIGH[encoding][byte - 0x80] as string);
}

/** Decodes bytes (each one character). */
export function decodeSingleByte(bytes: Uint8Array, encoding: LegacyEncoding): string {
  const high = HIGH[encoding];
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out += b < 0x80 ? String.fromCharCode(b) : high[b - 0x80];
  }
  return out;
}

/** The bytes of a text in the encoding, or undefined when a character has no byte there. */
export function encodeSingleByte(text: string, encoding: LegacyEncoding): Uint8Array | undefined {
  const table = REVERSE[encoding];
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes[i] = c;
      continue;
    }
    const b = table.get(c);
    if (b === undefined) return undefined;
    bytes[i] = b;
  }
  return bytes;
}
