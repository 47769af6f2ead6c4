import * as fs from 'node:fs';
import { type DecodedFile, decodeFile } from '../core/encoding/decodeFile';
import { describeFsError } from './fsErrors';

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
  | { kind: 'unreadable'; reason: string };

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
  const decoded = decodeFile(bytes);
  if (decoded.kind === 'utf8') return { kind: 'text', text: decoded.text, bom: decoded.bom };
  if (decoded.kind === 'decoded') return { kind: 'text', text: decoded.text, bom: decoded.bom, notUtf8: decoded };
  return { kind: 'not-utf8', file: decoded };
}
