import { guessLegacyEncoding } from './guessLegacyEncoding';
import type { LegacyEncoding } from './singleByte';
import { firstInvalidUtf8 } from './utf8';

/** What a file's bytes are, as far as the bytes tell. */
export type ByteEncoding =
  /** UTF-8 (pure ASCII included), with or without a byte order mark. */
  | { kind: 'utf8'; bom: boolean }
  /** UTF-16, by its byte order mark or, without one, by the zero bytes of ASCII text in it. */
  | { kind: 'utf16'; byteOrder: 'le' | 'be'; bom: boolean }
  /**
   * Bytes that are not UTF-8, guessed to be in a single-byte encoding; `firstInvalid` is the
   * offset of the first byte that is not UTF-8 (also its character offset once decoded).
   */
  | { kind: 'legacy'; encoding: LegacyEncoding; firstInvalid: number };

export function detectEncoding(bytes: Uint8Array): ByteEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const bad = firstInvalidUtf8(bytes, 3);
    if (bad < 0) return { kind: 'utf8', bom: true };
    // The BOM's own bytes are not text to score.
    return { kind: 'legacy', encoding: guessLegacyEncoding(bytes.subarray(3)), firstInvalid: bad };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'utf16', byteOrder: 'le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'utf16', byteOrder: 'be', bom: true };
  const guessed = guessUtf16(bytes);
  if (guessed) return { kind: 'utf16', byteOrder: guessed, bom: false };
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { kind: 'utf8', bom: false };
  return { kind: 'legacy', encoding: guessLegacyEncoding(bytes), firstInvalid: bad };
}

/** UTF-16 without a BOM: zeros in (nearly) every other byte of the start, and none in the others. */
function guessUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.8 && evenZeros === 0) return 'le';
  if (evenZeros >= pairs * 0.8 && oddZeros === 0) return 'be';
  return undefined;
}
