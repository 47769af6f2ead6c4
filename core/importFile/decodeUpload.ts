import { binarySignature, type BinaryFileKind } from '../encoding/binarySignature';

/**
 * Strict decoding of an uploaded CSV file: UTF-8 (a UTF-8 BOM is dropped) or a refusal that
 * says what the bytes probably are. Never decodes lossily: a file that is not UTF-8 would reach
 * the import with U+FFFD in its names and passwords.
 */
export type DecodedUpload =
  | { ok: true; text: string }
  | {
      ok: false;
      /** Windows-1252 is a guess: single-byte text that is not UTF-8 is most often Excel's "CSV (Comma delimited)". */
      encoding: 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';
      /** 1-based line of the first byte that is not UTF-8 (1 for UTF-16). */
      line: number;
      message: string;
    }
  | {
      ok: false;
      /** Not text at all: a workbook or an archive with a .csv name (core/encoding/binarySignature). */
      encoding: 'binary';
      binary: BinaryFileKind;
      line: 1;
      message: string;
    };

function utf16Order(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  // Without a BOM: ASCII text in UTF-16 has a zero in (nearly) every other byte.
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd >= (n / 2) * 0.8 && even === 0) return 'UTF-16LE';
  if (even >= (n / 2) * 0.8 && odd === 0) return 'UTF-16BE';
  return undefined;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/** A file name as a shell word: bare when it is plain, else in single quotes. */
function shellWord(name: string): string {
  return /^[A-Za-z0-9._+-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/** The iconv command that converts the uploaded file (named as it was uploaded; students.csv when unknown). */
function iconvCommand(from: string, fileName: string | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop()?.trim() || 'students.csv';
  const stem = base.replace(/\.[^.]*$/, '') || base;
  return `iconv -f ${from} -t UTF-8 ${shellWord(base)} > ${shellWord(`${stem}-utf8.csv`)}`;
}

export function notUtf8Message(encoding: 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252', line: number, fileName?: string): string {
  if (encoding !== 'Windows-1252') {
    return (
      `The file is ${encoding} text (Excel's "Unicode Text"), not UTF-8, so it cannot be imported. ` +
      `Save it from Excel as "CSV UTF-8 (Comma delimited)", or convert it (e.g. ${iconvCommand(encoding, fileName)}), and upload it again. Nothing was written.`
    );
  }
  return (
    `The file is not UTF-8: line ${line} holds bytes that are not valid UTF-8 (probably Windows-1252, Excel's "CSV (Comma delimited)"), ` +
    'so accented letters and passwords would reach the import garbled. ' +
    `Save it from Excel as "CSV UTF-8 (Comma delimited)", or convert it (e.g. ${iconvCommand('WINDOWS-1252', fileName)}), and upload it again. Nothing was written.`
  );
}

/**
 * Decodes uploaded bytes as UTF-8 (dropping a UTF-8 BOM), or says why it cannot: a workbook or
 * archive renamed to .csv is named as such (converting its bytes as text would only garble
 * them); otherwise the encoding it probably is. `fileName` (as uploaded) names the file in the
 * conversion command.
 */
export function decodeUpload(bytes: Uint8Array, fileName?: string): DecodedUpload {
  const binary = binarySignature(bytes);
  if (binary) {
    return { ok: false, encoding: 'binary', binary: binary.kind, line: 1, message: `${binary.message}; then upload that CSV file. Nothing was written.` };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!bom) {
    const utf16 = utf16Order(bytes);
    if (utf16) return { ok: false, encoding: utf16, line: 1, message: notUtf8Message(utf16, 1, fileName) };
  }
  const start = bom ? 3 : 0;
  const bad = firstInvalidUtf8Byte(bytes, start);
  if (bad >= 0) {
    const line = lineOf(bytes, bad);
    return { ok: false, encoding: 'Windows-1252', line, message: notUtf8Message('Windows-1252', line, fileName) };
  }
  return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(start)) };
}

/**
 * For text that arrived already decoded (a JSON body's csv): U+FFFD (a lossy decoding happened
 * somewhere) or NUL (UTF-16 read as single bytes) means the file was not UTF-8. Returns the
 * refusal, or undefined when the text is fine.
 */
export function checkDecodedText(text: string): { line: number; message: string; binary?: BinaryFileKind } | undefined {
  if (text.startsWith('PK')) {
    // A ZIP (an .xlsx) read as text: its part names are ASCII and survive any decoding.
    const head = text.slice(0, 1 << 16);
    const bytes = new Uint8Array(head.length);
    for (let i = 0; i < head.length; i++) {
      const c = head.charCodeAt(i);
      bytes[i] = c < 0x100 ? c : 0x3f;
    }
    const binary = binarySignature(bytes);
    if (binary) return { line: 1, binary: binary.kind, message: `${binary.message}; then send that CSV file's text. Nothing was written.` };
  }
  const at = text.search(/[\uFFFD\u0000]/);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  const nul = text.charCodeAt(at) === 0;
  return {
    line,
    message: nul
      ? `The csv text has NUL characters (line ${line}): the file was probably UTF-16 (Excel's "Unicode Text") read as bytes. ` +
        'Save it as "CSV UTF-8 (Comma delimited)" (or convert it, e.g. iconv -f UTF-16 -t UTF-8) and send its text again. Nothing was written.'
      : `The csv text has a replacement character (U+FFFD) on line ${line}: the file was not UTF-8 (probably Windows-1252, Excel's "CSV (Comma delimited)") and was decoded lossily, so names and passwords are garbled. ` +
        'Read the file with its real encoding, or save it as "CSV UTF-8 (Comma delimited)" (e.g. iconv -f WINDOWS-1252 -t UTF-8), and send it again. Nothing was written.',
  };
}
