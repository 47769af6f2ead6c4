/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode
 * Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or -1 when all are.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const follow = utf8SequenceLength(bytes, i);
    if (follow === 0) return i;
    i += follow;
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence of 2–4 bytes starting at `i`, or 0 when there is none. */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  const b = bytes[i] as number;
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
  else return 0;
  if (i + follow >= n) return 0;
  const second = bytes[i + 1] as number;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k <= follow; k++) {
    const c = bytes[i + k] as number;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return follow + 1;
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
