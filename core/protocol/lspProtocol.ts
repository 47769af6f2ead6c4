/**
 * Custom LSP messages between the VS Code client and the language server, declared once.
 * Everything else between them is plain LSP.
 */
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
