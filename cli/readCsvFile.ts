import * as fs from 'node:fs';
import { binarySignature } from '../core/encoding/binarySignature';
import { type DecodedFile, decodeFile } from '../core/encoding/decodeFile';
import { detectEncoding } from '../core/encoding/detectEncoding';
import { describeFsError } from './fsErrors';
import { lineOfByte } from './utf8';

/** A file that is not UTF-8 but was decoded exactly from the encoding its bytes say. */
export type NotUtf8File = Extract<DecodedFile, { kind: 'decoded' }>;
/** A file that is not UTF-8 and not exactly text in the encoding guessed either. */
export type UndecodableFile = Extract<DecodedFile, { kind: 'undecodable' }>;

export type CsvFileContent =
  /**
   * The text without its BOM; `bom` says whether the file had one (kept when writing back).
   * `notUtf8`: the bytes were not UTF-8 and were decoded from another encoding (Windows-1252,
   * Mac Roman, UTF-16), which file.not-utf8 reports and `fix` converts.
   */
  | { kind: 'text'; text: string; bom: boolean; notUtf8?: NotUtf8File }
  /** Bytes that are not UTF-8 and cannot be decoded exactly: the file cannot be checked. */
  | { kind: 'not-utf8'; file: UndecodableFile }
  /** Not text at all: a workbook or archive saved under a .csv name, or bytes with NUL in them; `message` says what it is and what to do. */
  | { kind: 'not-text'; message: string }
  | { kind: 'unreadable'; reason: string };

const NOT_CHECKED = 'The import reads CSV text only, so nothing in this file was checked.';

/**
 * The message for bytes that are not text: an Excel workbook, OpenDocument spreadsheet, Office
 * document or ZIP archive by its signature, else a NUL byte outside UTF-16 (which has a zero
 * byte beside each ASCII letter). Undefined for text, in whatever encoding.
 */
export function notTextMessage(bytes: Uint8Array): string | undefined {
  const signature = binarySignature(bytes);
  if (signature) {
    // An archive holds the CSV already; the other kinds are saved as one.
    const then = signature.kind === 'zip' ? 'then check that CSV file' : 'then check the CSV it writes';
    return `${signature.message}, ${then}. ${NOT_CHECKED}`;
  }
  const nul = bytes.indexOf(0);
  if (nul < 0 || detectEncoding(bytes).kind === 'utf16') return undefined;
  return (
    `This is not a text file: line ${lineOfByte(bytes, nul)} holds a NUL byte (0x00, at byte ${nul + 1}), which CSV text never contains: the file is another kind of file with a .csv name, or it was damaged. ${NOT_CHECKED} ` +
    'Export the users from the SIS as CSV again, or open the file in the program that made it and save it as CSV UTF-8 (in Excel: File › Save As › CSV UTF-8 (Comma delimited)).'
  );
}

/**
 * Reads a CSV as bytes: UTF-8 (a UTF-8 BOM silently dropped), else decoded exactly from the
 * encoding the bytes say (core/encoding/decodeFile). Never throws.
 */
export function readCsvFile(file: string): CsvFileContent {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { kind: 'unreadable', reason: describeFsError(error) };
  }
  const notText = notTextMessage(bytes);
  if (notText !== undefined) return { kind: 'not-text', message: notText };
  const decoded = decodeFile(bytes);
  if (decoded.kind === 'utf8') return { kind: 'text', text: decoded.text, bom: decoded.bom };
  if (decoded.kind === 'decoded') return { kind: 'text', text: decoded.text, bom: decoded.bom, notUtf8: decoded };
  return { kind: 'not-utf8', file: decoded };
}
