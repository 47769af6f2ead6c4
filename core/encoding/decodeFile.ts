import * as iconv from 'iconv-lite';
import { detectEncoding } from './detectEncoding';
import { LEGACY_ENCODINGS, LEGACY_ENCODING_NAMES, type LegacyEncoding, decodeByte, decodeSingleByte } from './singleByte';
import { firstInvalidUtf8 } from './utf8';

/**
 * Whole-file decoding and conversion to UTF-8 for the faces that read bytes (the CLI, the
 * editor's "Convert File to UTF-8 from…"). Pure: bytes in, text or bytes out, no I/O. Decodes
 * UTF-16 with iconv-lite and Windows-1252 / Mac Roman with the core's tables (singleByte.ts),
 * and only when the decoding is exact: the text encodes back to the very same bytes, so
 * converting loses nothing (a byte the encoding leaves undefined is refused).
 */

/** The encodings a district file is read or converted from. */
export type SourceEncoding = 'utf8' | LegacyEncoding | 'utf16le' | 'utf16be';

export const SOURCE_ENCODINGS: readonly SourceEncoding[] = ['windows1252', 'macroman', 'utf16le', 'utf16be', 'utf8'];

/** How people name them (VS Code's pickers say "Western (Windows 1252)", "UTF-16 LE", …). */
export const SOURCE_ENCODING_NAMES: Record<SourceEncoding, string> = {
  utf8: 'UTF-8',
  ...LEGACY_ENCODING_NAMES,
  utf16le: 'UTF-16 LE',
  utf16be: 'UTF-16 BE',
};

/** The iconv name (also what `iconv -f` takes). */
export const ICONV_NAMES: Record<SourceEncoding, string> = {
  utf8: 'UTF-8',
  windows1252: 'WINDOWS-1252',
  macroman: 'MACINTOSH',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
};

/** VS Code's id of the encoding (TextDocument.encoding, openTextDocument's `encoding` option). */
export const VSCODE_ENCODING_IDS: Record<SourceEncoding, string> = {
  utf8: 'utf8',
  windows1252: 'windows1252',
  macroman: 'macroman',
  utf16le: 'utf16le',
  utf16be: 'utf16be',
};

/** Where a file stops being UTF-8, in the text decoded from its real encoding. */
export interface NotUtf8Start {
  /** Offset of the first byte that is not UTF-8 (the byte order mark of a UTF-16 file: 0). */
  byteOffset: number;
  /** 0-based line and UTF-16 character of that byte's character in the decoded text (without BOM). */
  line: number;
  character: number;
  /** Its offset in the decoded text, and how many UTF-16 code units it spans there (0 for a UTF-16 BOM). */
  offset: number;
  length: number;
  /** The byte (legacy encodings; undefined for UTF-16). */
  byte?: number;
  /** What the byte reads as in the file's encoding ("é"). */
  reads?: string;
  /** What it would read as in the other legacy encoding ("È" in Mac Roman). */
  otherReading?: { encoding: LegacyEncoding; reads: string };
  /** The word around it as decoded ("José"), when it stands in one. */
  word?: string;
}

export type DecodedFile =
  /** UTF-8 (pure ASCII included); `bom` says whether a UTF-8 BOM started the bytes. */
  | { kind: 'utf8'; text: string; bom: boolean }
  /** Not UTF-8, decoded exactly from `encoding`; `bom` says whether a byte order mark started the bytes. */
  | { kind: 'decoded'; encoding: Exclude<SourceEncoding, 'utf8'>; text: string; bom: boolean; start: NotUtf8Start }
  /**
   * Not UTF-8, and not exactly decodable in the encoding guessed (or asked for): `line` (0-based)
   * of the first byte that is not UTF-8, and why the decoding would not be exact.
   */
  | { kind: 'undecodable'; encoding: Exclude<SourceEncoding, 'utf8'>; line: number; byteOffset: number; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** The byte order mark of `encoding` at the start of `bytes`, if there is one. */
function bomLength(bytes: Uint8Array, encoding: SourceEncoding): number {
  if (encoding === 'utf16le') return startsWith(bytes, [0xff, 0xfe]) ? 2 : 0;
  if (encoding === 'utf16be') return startsWith(bytes, [0xfe, 0xff]) ? 2 : 0;
  return startsWith(bytes, UTF8_BOM) ? 3 : 0;
}

/**
 * The text of `body` in `encoding`, or why it is not exact: the text must encode back to the
 * same bytes (iconv-lite reads a byte Windows-1252 leaves undefined, or a lone UTF-16
 * surrogate, as U+FFFD).
 */
export function decodeExactly(body: Uint8Array, encoding: SourceEncoding): { ok: true; text: string } | { ok: false; byteOffset: number; reason: string } {
  const name = SOURCE_ENCODING_NAMES[encoding];
  if (encoding === 'utf8') {
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) return { ok: false, byteOffset: bad, reason: `byte ${hex(body[bad] as number)} is not part of any UTF-8 character` };
    return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body) };
  }
  if ((encoding === 'utf16le' || encoding === 'utf16be') && body.length % 2 === 1) {
    return { ok: false, byteOffset: body.length - 1, reason: `the file has an odd number of bytes, so it cannot be ${name} text` };
  }
  if (encoding === 'windows1252' || encoding === 'macroman') {
    // The core's tables, not iconv-lite's: its Mac Roman is Apple's table before 1998 (0xDB
    // read as ¤, not €). Windows-1252 leaves five bytes undefined (read as C1 controls here).
    const text = decodeSingleByte(body, encoding);
    const undefinedAt = encoding === 'windows1252' ? text.search(/[\x80-\x9f]/) : -1;
    if (undefinedAt >= 0) return { ok: false, byteOffset: undefinedAt, reason: `byte ${hex(body[undefinedAt] as number)} stands for no character in ${name}` };
    return { ok: true, text };
  }
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const text = iconv.decode(buffer, ICONV_NAMES[encoding], { stripBOM: false });
  const back = iconv.encode(text, ICONV_NAMES[encoding], { addBOM: false });
  if (back.equals(buffer)) return { ok: true, text };
  let i = 0;
  while (i < buffer.length && back[i] === buffer[i]) i++;
  const unit = i & ~1;
  return { ok: false, byteOffset: unit, reason: `the bytes at offset ${unit} are half of a character (a lone surrogate), so they are not ${name} text` };
}

/**
 * Decodes a file's bytes: UTF-8 as it is; otherwise in `encoding` when given, else in the
 * encoding the bytes say (a UTF-16 byte order mark, or zero bytes of UTF-16 text) or, for
 * single-byte text, the likelier of Windows-1252 and Mac Roman (guessLegacyEncoding).
 */
export function decodeFile(bytes: Uint8Array, encoding?: Exclude<SourceEncoding, 'utf8'>): DecodedFile {
  const detected = detectEncoding(bytes);
  if (detected.kind === 'utf8' && encoding === undefined) {
    const bom = detected.bom;
    return { kind: 'utf8', text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes), bom };
  }
  const chosen: Exclude<SourceEncoding, 'utf8'> =
    encoding ?? (detected.kind === 'utf16' ? (detected.byteOrder === 'le' ? 'utf16le' : 'utf16be') : detected.kind === 'legacy' ? detected.encoding : 'windows1252');
  const skip = bomLength(bytes, chosen);
  const body = bytes.subarray(skip);
  const decoded = decodeExactly(body, chosen);
  if (!decoded.ok) {
    const byteOffset = skip + decoded.byteOffset;
    return { kind: 'undecodable', encoding: chosen, line: lineAtByte(bytes, byteOffset, chosen), byteOffset, reason: decoded.reason };
  }
  const text = decoded.text;
  if (chosen === 'utf16le' || chosen === 'utf16be') {
    return { kind: 'decoded', encoding: chosen, text, bom: skip > 0, start: { byteOffset: 0, line: 0, character: 0, offset: 0, length: 0 } };
  }
  // Single-byte: the first byte that is not UTF-8 is character `byteOffset - skip` of the text.
  const bad = firstInvalidUtf8(bytes, skip);
  const byteOffset = bad >= 0 ? bad : skip;
  const offset = byteOffset - skip;
  const { line, character } = positionOf(text, offset);
  const byte = bytes[byteOffset] as number;
  const start: NotUtf8Start = { byteOffset, line, character, offset, length: offset < text.length ? 1 : 0 };
  if (bad >= 0) {
    start.byte = byte;
    start.reads = text.charAt(offset);
    const other = LEGACY_ENCODINGS.find((e) => e !== chosen);
    const otherReads = other ? decodeByte(byte, other) : undefined;
    // Not when the byte is undefined there (a C1 control in Windows-1252) or Apple's logo: that reading helps no one.
    if (other && otherReads && !/[\x80-\x9f\uf8ff]/.test(otherReads)) start.otherReading = { encoding: other, reads: otherReads };
    const word = wordAround(text, offset);
    if (word.length > 1) start.word = word;
  }
  return { kind: 'decoded', encoding: chosen, text, bom: skip > 0, start };
}

/** The UTF-8 bytes of a file converted from `encoding`; a byte order mark the file had is kept as the UTF-8 one. */
export type ConvertedFile = { ok: true; bytes: Uint8Array; text: string; bom: boolean } | { ok: false; message: string };

/**
 * Converts a file's bytes from `from` to UTF-8, changing nothing else: line endings, quotes
 * and every ASCII byte stay as they are. Refused when the bytes are not exactly text in
 * `from` (the message says where and why), and when they are UTF-8 already.
 */
export function convertToUtf8(bytes: Uint8Array, from: Exclude<SourceEncoding, 'utf8'>): ConvertedFile {
  const name = SOURCE_ENCODING_NAMES[from];
  if ((from === 'windows1252' || from === 'macroman') && firstInvalidUtf8(bytes) < 0) {
    // Reading UTF-8 as a single-byte encoding is how mojibake is made (é → Ã©).
    return { ok: false, message: 'The file is already UTF-8: there is nothing to convert.' };
  }
  const decoded = decodeFile(bytes, from);
  if (decoded.kind === 'undecodable') {
    return { ok: false, message: `The file is not ${name} text: at line ${decoded.line + 1}, ${decoded.reason}. Nothing was converted; pick the encoding the file was saved in.` };
  }
  if (decoded.kind === 'utf8') return { ok: false, message: 'The file is already UTF-8.' };
  return { ok: true, bytes: encodeUtf8(decoded.text, decoded.bom), text: decoded.text, bom: decoded.bom };
}

/** The UTF-8 bytes of a text, with a BOM first when `bom`. */
export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM, 0);
  out.set(body, 3);
  return out;
}

/**
 * The encodings that read a file's bytes exactly, the likeliest first: the one the bytes say
 * (decodeFile's guess), then the other single-byte one; none for UTF-8.
 */
export function encodingCandidates(bytes: Uint8Array): Exclude<SourceEncoding, 'utf8'>[] {
  const guess = decodeFile(bytes);
  if (guess.kind === 'utf8') return [];
  // UTF-16 only when the bytes look like it (any even number of bytes "decodes" as UTF-16).
  if (guess.encoding === 'utf16le' || guess.encoding === 'utf16be') return [guess.encoding];
  const rest = LEGACY_ENCODINGS.filter((e) => e !== guess.encoding && decodeFile(bytes, e).kind === 'decoded');
  return guess.kind === 'decoded' ? [guess.encoding, ...rest] : rest;
}

/**
 * The "where it starts" part of a file.not-utf8 message, e.g. `line 3, column 1: byte 0xE9,
 * which reads as "é" in Windows-1252 (in "José"; in Mac Roman it would read "È")`.
 */
export function describeNotUtf8Start(decoded: Extract<DecodedFile, { kind: 'decoded' }>): string {
  const { start } = decoded;
  const name = SOURCE_ENCODING_NAMES[decoded.encoding];
  if (start.byte === undefined || start.reads === undefined) {
    const mark = decoded.encoding === 'utf16le' ? 'FF FE' : 'FE FF';
    return decoded.bom ? `the start of the file (the ${name} byte order mark ${mark})` : 'the start of the file (a zero byte beside each ASCII letter)';
  }
  const parts: string[] = [];
  if (start.word) parts.push(`in "${start.word}"`);
  if (start.otherReading) parts.push(`in ${SOURCE_ENCODING_NAMES[start.otherReading.encoding]} it would read "${start.otherReading.reads}"`);
  const aside = parts.length > 0 ? ` (${parts.join('; ')})` : '';
  return `line ${start.line + 1}, column ${start.character + 1}: byte ${hex(start.byte)}, which reads as "${start.reads}" in ${name}${aside}`;
}

export function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** 0-based line and character of a text offset (CRLF, LF and a lone CR each end a line). */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** 0-based line of a byte offset in a file of this encoding. */
function lineAtByte(bytes: Uint8Array, offset: number, encoding: SourceEncoding): number {
  const wide = encoding === 'utf16le' || encoding === 'utf16be';
  const step = wide ? 2 : 1;
  const unit = (i: number) => (!wide ? (bytes[i] as number) : encoding === 'utf16le' ? (bytes[i] as number) | ((bytes[i + 1] as number) << 8) : ((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  let line = 0;
  for (let i = 0; i + step <= offset; i += step) {
    const u = unit(i);
    if (u === 0x0a || (u === 0x0d && (i + step >= bytes.length || unit(i + step) !== 0x0a))) line++;
  }
  return line;
}

/** The run of letters (and apostrophes, hyphens) around `offset`. */
function wordAround(text: string, offset: number): string {
  const inWord = (c: string) => /[\p{L}\p{M}'’-]/u.test(c);
  let a = offset;
  let b = offset + 1;
  while (a > 0 && inWord(text.charAt(a - 1))) a--;
  while (b < text.length && inWord(text.charAt(b))) b++;
  return text.slice(a, b);
}
