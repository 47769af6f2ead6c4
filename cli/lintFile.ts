import { EnrollmentDocument, type LintOptions, type Problem, configForLint } from '../core';
import { FILE_NOT_UTF8, notTextProblem, notUtf8Problem, undecodableProblem } from './cliRules';
import type { ConfigResolver } from './configLookup';
import { readCsvFile } from './readCsvFile';

/** A file that was checked: its path as given on the command line and the core's problems. */
export interface LintedFile {
  path: string;
  problems: Problem[];
}

/** A file that could not be checked (unreadable, or its configuration is invalid). */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface LintReport {
  files: LintedFile[];
  skipped: SkippedFile[];
}

export type LintOutcome = { kind: 'linted'; file: LintedFile } | { kind: 'skipped'; skipped: SkippedFile };

/**
 * The options the editor uses for a file: its configuration (with the schools `schoolMapping`
 * maps, as the editor applies them: configForLint) and its name.
 */
export function lintOptionsFor(absolutePath: string, config: NonNullable<LintOptions['config']>): LintOptions {
  return { config: configForLint(config), fileName: absolutePath };
}

/** Checks one file exactly as the editor does: same core, same configuration, same file name. */
export function lintFile(shownPath: string, absolutePath: string, configs: ConfigResolver): LintOutcome {
  const content = readCsvFile(absolutePath);
  if (content.kind === 'unreadable') {
    return { kind: 'skipped', skipped: { path: shownPath, reason: `cannot read ${shownPath}: ${content.reason}` } };
  }
  const config = configs.forFile(absolutePath);
  if (!config.ok) {
    return { kind: 'skipped', skipped: { path: shownPath, reason: `${shownPath} not checked: ${config.message}` } };
  }
  const severity = config.config.rules?.[FILE_NOT_UTF8.code];
  if (content.kind === 'not-text') {
    return { kind: 'linted', file: { path: shownPath, problems: [notTextProblem(content.message, severity)] } };
  }
  if (content.kind === 'not-utf8') {
    return { kind: 'linted', file: { path: shownPath, problems: [undecodableProblem(content.file, severity)] } };
  }
  const document = new EnrollmentDocument(content.text, lintOptionsFor(absolutePath, config.config));
  // A file decoded from another encoding: the encoding reported once, where it starts; the rest checked as decoded.
  const encoding = content.notUtf8 ? notUtf8Problem(content.notUtf8, severity) : undefined;
  return { kind: 'linted', file: { path: shownPath, problems: [...(encoding ? [encoding] : []), ...document.getProblems()] } };
}
