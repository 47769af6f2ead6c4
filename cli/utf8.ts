/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode
 * Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let follow: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) follow = 1;
    else if (b === 0xe0) (follow = 2), (lo = 0xa0);
    else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) follow = 2;
    else if (b === 0xed) (follow = 2), (hi = 0x9f);
    else if (b === 0xf0) (follow = 3), (lo = 0x90);
    else if (b >= 0xf1 && b <= 0xf3) follow = 3;
    else if (b === 0xf4) (follow = 3), (hi = 0x8f);
    else return i;
    if (i + follow >= n) return i;
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= follow; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += follow + 1;
  }
  return -1;
}

/** 1-based line of a byte offset (CRLF, LF and lone CR each end a line). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The byte order of a UTF-16 file by its BOM (FF FE: little-endian, FE FF: big-endian); false without one. */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | false {
  if (bytes.length < 2) return false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return false;
}

export const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
