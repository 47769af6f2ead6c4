import * as path from 'node:path';
import picomatch from 'picomatch';
import { type ClassworksConfig, CONFIG_FILE_NAME, isImportDownload, looksLikeEnrollmentFile } from '../core';
import type { ServerSettings } from './settings';

export interface LintDecision {
  linted: boolean;
  /** Why, in words for the status bar tooltip. */
  reason: string;
  /** Linted because its first line names Classworks fields: it stays linted while open (see `stickyLinted`). */
  byHeader?: boolean;
}

export interface DetectionInput {
  /** File system path, when the document is a file. */
  path: string | undefined;
  /** Path relative to its workspace folder, with `/`. */
  relativePath: string | undefined;
  /** The document's first line, without its line break. */
  firstLine: string;
  settings: ServerSettings;
  config: ClassworksConfig;
  marked: boolean;
  /**
   * The document was linted for its header earlier while open. It stays linted when an edit
   * makes the header unrecognisable, so that header.unrecognized explains what happened
   * instead of every problem vanishing.
   */
  stickyLinted?: boolean;
}

/**
 * Whether a document is an enrollment file the server lints: one the user marked, never a
 * download from the Import History (`.classworks/imports/`) otherwise, one the
 * `classworks.files.include` globs match, one the `.classworks.json` gives a `columnOrder`
 * for, one whose first line names Classworks fields, or one whose first line did so earlier
 * while it is open. `classworks.enable: false` wins.
 */
export function decideLinting(input: DetectionInput): LintDecision {
  if (!input.settings.enable) return { linted: false, reason: 'Classworks linting is turned off (classworks.enable is false).' };
  if (input.path !== undefined && path.basename(input.path) === CONFIG_FILE_NAME) {
    return { linted: false, reason: 'This is the Classworks configuration file (.classworks.json).' };
  }
  if (input.marked) return { linted: true, reason: 'Marked as an enrollment file ("Treat This File as an Enrollment File").' };
  if (input.path !== undefined && isImportDownload(input.path)) {
    return {
      linted: false,
      reason:
        'A file downloaded from the Import History (in .classworks/imports): a copy of what was imported, with its passwords emptied by the service, so it is not checked. Use "Treat This File as an Enrollment File" to check it.',
    };
  }
  const glob = matchingGlob(input.settings.include, input.path, input.relativePath);
  if (glob !== undefined) return { linted: true, reason: `Matches "${glob}" in classworks.files.include.` };
  if (input.config.columnOrder && input.config.columnOrder.length > 0) {
    return { linted: true, reason: 'The .classworks.json for this file gives a columnOrder.' };
  }
  if (looksLikeEnrollmentFile(input.firstLine, input.config)) {
    return { linted: true, reason: 'Its header row names Classworks fields.', byHeader: true };
  }
  if (input.stickyLinted) {
    return {
      linted: true,
      reason: 'Its header row named Classworks fields when it was opened or edited; it is checked until it is closed, although its first line no longer names them.',
    };
  }
  return {
    linted: false,
    reason:
      'Not recognised as an enrollment file: its first line does not name Classworks fields. Use "Treat This File as an Enrollment File" or classworks.files.include to lint it.',
  };
}

/** The first glob that matches the workspace-relative path, the absolute path, or (for a glob without `/`) the file name. */
export function matchingGlob(globs: readonly string[], filePath: string | undefined, relativePath: string | undefined): string | undefined {
  if (filePath === undefined || globs.length === 0) return undefined;
  const absolute = filePath.split(path.sep).join('/');
  const candidates = [relativePath, absolute].filter((c): c is string => c !== undefined);
  for (const glob of globs) {
    let isMatch: (p: string) => boolean;
    try {
      isMatch = picomatch(glob, { dot: true, windows: false });
    } catch {
      continue;
    }
    if (candidates.some(isMatch)) return glob;
    if (!glob.includes('/') && isMatch(path.basename(filePath))) return glob;
  }
  return undefined;
}

