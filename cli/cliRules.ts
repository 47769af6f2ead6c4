import type { Problem, RuleMeta, SeveritySetting } from '../core';
import { ICONV_NAMES, SOURCE_ENCODING_NAMES, describeNotUtf8Start } from '../core/encoding/decodeFile';
import type { NotUtf8File, UndecodableFile } from './readCsvFile';

/** Reported by the CLI (not the core) when a file's bytes are not UTF-8; an error unless the config's `rules` say otherwise. */
export const FILE_NOT_UTF8: RuleMeta = {
  code: 'file.not-utf8',
  defaultSeverity: 'error',
  title: 'The file is not UTF-8 text: accented letters would reach the import garbled.',
};

/** Rules only the CLI reports, listed beside the core's RULE_CATALOG (e.g. in SARIF). */
export const CLI_RULES: readonly RuleMeta[] = [FILE_NOT_UTF8];

const NEEDS_UTF8 = 'Classworks needs UTF-8: in any other encoding accented letters reach the import garbled.';

/** Where Windows-1252 / Mac Roman / UTF-16 files come from. */
const SOURCE: Record<NotUtf8File['encoding'], string> = {
  windows1252: 'most likely Windows-1252, what Excel for Windows saves as "CSV (Comma delimited)"',
  macroman: 'most likely Mac Roman, what Excel for Mac saves as "CSV (Macintosh)"',
  utf16le: 'UTF-16 LE text, what Excel saves as "Unicode Text"',
  utf16be: 'UTF-16 BE text, what Excel saves as "Unicode Text"',
};

/** What the file is; for UTF-16 text separated by tabs, that Excel's "Unicode Text" does that too (file.delimiter reports the tabs). */
function describeSource(file: NotUtf8File): string {
  const wide = file.encoding === 'utf16le' || file.encoding === 'utf16be';
  return wide && file.text.includes('\t') ? `${SOURCE[file.encoding]} (which also separates cells with tabs)` : SOURCE[file.encoding];
}

/**
 * The one problem of a file whose bytes are not UTF-8 but were decoded from another encoding,
 * at the first byte that is not UTF-8 (a UTF-16 file: at the start): what the file is, the
 * byte and what it reads as, and that `classworks fix` converts the file. The rest of the file
 * is checked as decoded, so this is the only problem the encoding causes.
 */
export function notUtf8Problem(file: NotUtf8File, severity: SeveritySetting | undefined): Problem | undefined {
  if (severity === 'off') return undefined;
  const name = SOURCE_ENCODING_NAMES[file.encoding];
  const start = { line: file.start.line, character: file.start.character };
  const end = { line: file.start.line, character: file.start.character + file.start.length };
  const message =
    `This file is not UTF-8 but ${describeSource(file)}; it starts at ${describeNotUtf8Start(file)}. ${NEEDS_UTF8} ` +
    `The rest of the file was read as ${name} and checked. To fix it: classworks fix converts the file to UTF-8 and changes nothing else ` +
    `(or run iconv -f ${ICONV_NAMES[file.encoding]} -t UTF-8, or save it from Excel as "CSV UTF-8 (Comma delimited)"); ` +
    'if the letters named here look wrong, the file is in another encoding: convert it from that one.';
  // The conversion is no text edit: classworks fix makes it when it writes the file (JSON shows its title).
  const fix = { title: `Convert the file from ${name} to UTF-8 (classworks fix)`, edits: [] };
  return { code: FILE_NOT_UTF8.code, severity: severity ?? 'error', message, range: { start, end }, field: null, fix, suggestions: [] };
}

/**
 * The one problem of a file that is not UTF-8 and not exactly text in the encoding guessed
 * either (a byte that stands for no character): it cannot be checked. At the start of the
 * line holding that byte.
 */
export function undecodableProblem(file: UndecodableFile, severity: SeveritySetting | undefined): Problem {
  const name = SOURCE_ENCODING_NAMES[file.encoding];
  const at = { line: file.line, character: 0 };
  const message =
    `This file is not UTF-8, and not exactly ${name} either: at line ${file.line + 1}, ${file.reason}; so it cannot be checked. ${NEEDS_UTF8} ` +
    'Find out which encoding the file was saved in and convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8), or save it from Excel as "CSV UTF-8 (Comma delimited)", and check it again.';
  return fileNotUtf8At(at, message, severity);
}

/**
 * The one problem of a file that is not text at all (an Excel workbook renamed to .csv, bytes
 * with NUL in them): at 1:1, an error unless the config makes file.not-utf8 a warning or info
 * (never off: nothing else in the file can be checked). No fix: converting would garble it.
 */
export function notTextProblem(message: string, severity: SeveritySetting | undefined): Problem {
  return fileNotUtf8At({ line: 0, character: 0 }, message, severity);
}

/** A file.not-utf8 problem at one place: an error unless the config says warning or info (never off). */
function fileNotUtf8At(at: { line: number; character: number }, message: string, severity: SeveritySetting | undefined): Problem {
  return {
    code: FILE_NOT_UTF8.code,
    severity: severity === undefined || severity === 'off' ? 'error' : severity,
    message,
    range: { start: at, end: at },
    field: null,
    suggestions: [],
  };
}
