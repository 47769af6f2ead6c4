import * as fs from 'node:fs';
import { describeFsError } from './fsErrors';
import { firstInvalidUtf8, hasUtf8Bom, lineOfByte, utf16ByteOrder } from './utf8';

export type CsvFileContent =
  /** UTF-8 text without its BOM; `bom` says whether the file had one (kept when writing back). */
  | { kind: 'text'; text: string; bom: boolean }
  /** Bytes that are not UTF-8: `line` (1-based) holds the first bad byte; `utf16` names the byte order when a UTF-16 BOM starts the file. */
  | { kind: 'not-utf8'; line: number; utf16: 'le' | 'be' | false }
  | { kind: 'unreadable'; reason: string };

/** Reads a CSV as bytes and decodes it as UTF-8, silently dropping a UTF-8 BOM. Never throws. */
export function readCsvFile(file: string): CsvFileContent {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { kind: 'unreadable', reason: describeFsError(error) };
  }
  const utf16 = utf16ByteOrder(bytes);
  if (utf16) return { kind: 'not-utf8', line: 1, utf16 };
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) return { kind: 'not-utf8', line: lineOfByte(body, bad), utf16: false };
  return { kind: 'text', text: body.toString('utf8'), bom };
}
