/**
 * Custom LSP messages between the VS Code client and the language server, declared once.
 * Everything else between them is plain LSP.
 */
import type { FieldName } from '../fields';
import type { Severity } from '../problems';

/** Server -> client, after each validation of a document: what the status bar shows. */
export const FILE_STATUS_NOTIFICATION = 'classworks/fileStatus';
export interface FileStatusParams {
  uri: string;
  /** Whether the server treats the document as an enrollment file and lints it. */
  linted: boolean;
  /** Why it is (or is not) linted, for the status bar tooltip. */
  reason: string;
  errors: number;
  warnings: number;
  infos: number;
}

/** Client -> server: the documents the user marked with "Treat This File as an Enrollment File". */
export const MARKED_FILES_NOTIFICATION = 'classworks/markedFiles';
export interface MarkedFilesParams {
  uris: string[];
}

/**
 * Client -> server: facts about a file's bytes on disk that the editor's text hides. VS Code
 * normalises line endings and decodes the bytes when it loads a file, so what the server gets
 * in didOpen/didChange cannot show bare CRs or the encoding. The client reads the bytes when
 * the file is opened, saved or changed on disk and sends what it found; the server lints with
 * them. Every fact is optional: an absent one is unknown (an LSP editor that sends the raw text
 * needs none), and a notification with no facts (e.g. the file is gone) forgets the earlier ones.
 * New kinds of facts are added here as further optional fields.
 */
export const DISK_FACTS_NOTIFICATION = 'classworks/diskFacts';
export interface DiskFactsParams {
  uri: string;
  /** Line endings counted in the raw text (quoted cells included). */
  lineEndings?: LineEndingCounts;
  /** How the bytes are encoded. */
  encoding?: DiskEncoding;
  /** For bytes that are not UTF-8 (`encoding` not-utf8, utf16le or utf16be): what they read as. */
  notUtf8?: NotUtf8Facts;
}
/** The encodings other than UTF-8 a file is read and converted from (core/encoding/decodeFile). */
export type NonUtf8Encoding = 'windows1252' | 'macroman' | 'utf16le' | 'utf16be';
export const NON_UTF8_ENCODINGS: readonly NonUtf8Encoding[] = ['windows1252', 'macroman', 'utf16le', 'utf16be'];
export interface NotUtf8Facts {
  /** The encodings the bytes decode from exactly, the likeliest first (empty: none does). */
  candidates: NonUtf8Encoding[];
  /**
   * The first byte that is not UTF-8 (single-byte encodings only): the byte, what it reads as in
   * candidates[0], and its 0-based line and character in the text decoded from candidates[0].
   */
  first?: { byte: number; reads: string; line: number; character: number };
}
export interface LineEndingCounts {
  crlf: number;
  lf: number;
  cr: number;
}
/** `utf8-bom`: UTF-8 with a byte order mark; `not-utf8`: no BOM and bytes that are not valid UTF-8 (e.g. Windows-1252). */
export type DiskEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'not-utf8';
export const DISK_ENCODINGS: readonly DiskEncoding[] = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'not-utf8'];

/**
 * Client-side command a code action carries when only the editor can fix a problem
 * (Problem.editorCommand 'convert-line-endings-crlf'): sets the document's end of line to
 * CRLF and saves it. Argument: the document URI (string).
 */
export const CONVERT_LINE_ENDINGS_COMMAND = 'classworks.convertLineEndingsToCrlf';

/**
 * Client-side commands the quick fixes of file.not-utf8 run (also in the Command Palette as
 * "Classworks: Reopen with Encoding…" and "Classworks: Convert File to UTF-8 from…"). Arguments:
 * the document URI (string), optionally the encoding (NonUtf8Encoding) to skip the question.
 */
export const REOPEN_WITH_ENCODING_COMMAND = 'classworks.reopenWithEncoding';
export const CONVERT_TO_UTF8_COMMAND = 'classworks.convertToUtf8';

/** Data attached to each published Diagnostic, so code actions need no second lookup. */
export interface DiagnosticData {
  /** Document version the diagnostic was computed for; a fix for another version is refused. */
  version: number;
  /** Index of the problem in the server's list for that version. */
  index: number;
  hasFix: boolean;
  suggestionCount: number;
}

export type { Severity };

/**
 * Client -> server: what the import panel shows of a document, computed from the server's
 * own model of it (the mapping it lints with, the School SIS ID values, the problems it
 * published). The answer is null while the server has not opened the document.
 * The client asks again after each `classworks/fileStatus` of the document.
 */
export const IMPORT_SNAPSHOT_REQUEST = 'classworks/importSnapshot';
export interface ImportSnapshotParams {
  uri: string;
}

/** How a column was matched to its field (core MatchKind). */
export type SnapshotMatchKind = 'exact' | 'normalized' | 'alias' | 'config' | 'column-order';

export interface SnapshotColumn {
  /** 0-based column index. */
  index: number;
  /** The heading in the file; null without a header row. */
  heading: string | null;
  field: FieldName | null;
  how: SnapshotMatchKind | null;
  /** The field the heading matches without `.classworks.json` (Classworks headings, SIS aliases). */
  automaticField: FieldName | null;
  /** The first few distinct non-blank values; empty when `masked`. */
  samples: string[];
  /** The column holds (or may hold) passwords: its values are never sent. */
  masked: boolean;
}

export interface SnapshotProblem {
  /** Index in the server's published list for `version` (what code actions look up). */
  index: number;
  code: string;
  severity: Severity;
  message: string;
  field: FieldName | null;
  /** 0-based, as LSP. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Title of the safe fix, if any. */
  fixTitle: string | null;
  /** Titles of the suggestions a person chooses between. */
  suggestionTitles: string[];
}

/** The mapping keys of the `.classworks.json` the document was linted with. */
export interface SnapshotConfig {
  columns?: Record<string, FieldName | null>;
  columnOrder?: (FieldName | null)[];
  hasHeaderRow?: boolean | 'auto';
  schoolMapping?: Record<string, string | null>;
  schools?: { sisId: string; name: string }[];
}

export interface ImportSnapshot {
  uri: string;
  /** Document version the snapshot describes. */
  version: number;
  /** Whether the server lints the document as an enrollment file. */
  linted: boolean;
  /** The `.classworks.json` that applies (file system path), or null. */
  configPath: string | null;
  config: SnapshotConfig;
  /** Problems reading that `.classworks.json` (it is then ignored). */
  configErrors: string[];
  hasHeaderRow: boolean;
  /** No header row was recognised and no column order is configured. */
  unidentified: boolean;
  columns: SnapshotColumn[];
  requiredMissing: FieldName[];
  duplicates: { column: number; field: FieldName; firstColumn: number }[];
  /** Data rows: not the header, not blank, not unreadable. */
  dataRows: number;
  /** Every distinct (trimmed) School SIS ID value with its row count and first 0-based line. */
  schoolValues: { value: string; rows: number; firstLine: number }[];
  problems: SnapshotProblem[];
  /** More problems than `problems` holds (counts are always complete). */
  problemsTruncated: boolean;
  counts: { errors: number; warnings: number; infos: number };
  /**
   * Errors the import service refuses that the editor does not show as errors: the import
   * checks every rule at its default severity, but a severity setting (`classworks.rules`, or
   * `rules` in `.classworks.json`) turned these rules off or lowered them here. Absent when no
   * setting lowers a rule whose default is error.
   */
  hiddenErrors?: SnapshotHiddenErrors;
}

export interface SnapshotHiddenErrors {
  /** How many problems of those rules the file has (all of them, however many are listed). */
  count: number;
  /** The first of them (at most the snapshot's problem limit), in document order. */
  problems: { code: string; message: string; field: FieldName | null; range: SnapshotProblem['range'] }[];
  /** Each lowering setting that hides at least one of them, and where it is set. */
  settings: { code: string; severity: 'off' | 'warning' | 'info'; source: 'settings' | 'config' }[];
}
