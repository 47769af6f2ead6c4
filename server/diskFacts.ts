import type { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import type { Fix, Problem, SeveritySetting } from '../core';
import { DISK_ENCODINGS, type DiskEncoding, type DiskFactsParams, type LineEndingCounts } from '../core/protocol/lspProtocol';

/** What the client read in a file's bytes (`classworks/diskFacts`); an absent fact is unknown. */
export interface DiskFacts {
  lineEndings?: LineEndingCounts;
  encoding?: DiskEncoding;
}

const count = z.number().int().nonnegative();

/**
 * `classworks/diskFacts` as it crosses the wire. A fact that does not read right is dropped on
 * its own (unknown), and fields a newer client adds are ignored.
 */
export const diskFactsParamsSchema = z.object({
  uri: z.string().min(1),
  lineEndings: z.object({ crlf: count, lf: count, cr: count }).optional().catch(undefined),
  encoding: z.enum(DISK_ENCODINGS as [DiskEncoding, ...DiskEncoding[]]).optional().catch(undefined),
}) satisfies z.ZodType<DiskFactsParams, unknown>;

/** The facts of a validated notification, without its URI and without absent facts. */
export function diskFactsOf(params: z.infer<typeof diskFactsParamsSchema>): DiskFacts {
  const facts: DiskFacts = {};
  if (params.lineEndings) facts.lineEndings = params.lineEndings;
  if (params.encoding) facts.encoding = params.encoding;
  return facts;
}

/**
 * Reported by the language server (not the core: the core gets text, not bytes) when the
 * client found the file is not UTF-8; the CLI reports the same code from the bytes it reads.
 */
export const FILE_NOT_UTF8 = 'file.not-utf8';

/**
 * The problem at line 1 of a file whose bytes on disk are UTF-16 or not UTF-8: what the file
 * is, that Classworks needs UTF-8, and how to convert it in VS Code. Undefined for UTF-8
 * (with or without BOM), unknown encodings, and when the rule is off.
 */
export function encodingProblem(encoding: DiskEncoding | undefined, text: TextDocument, rules: Record<string, SeveritySetting>): Problem | undefined {
  if (encoding === undefined || encoding === 'utf8' || encoding === 'utf8-bom') return undefined;
  const setting = rules[FILE_NOT_UTF8];
  if (setting === 'off') return undefined;
  const needs = 'Classworks needs UTF-8: in any other encoding accented letters reach the import garbled.';
  const message =
    encoding === 'not-utf8'
      ? 'This file is not UTF-8: its bytes are in a legacy encoding, most likely Windows-1252 (what Excel saves as "CSV (Comma delimited)"), ' +
        'so VS Code shows each letter it could not decode as the replacement character U+FFFD. ' +
        `${needs} To fix it in VS Code: click the encoding in the status bar (or run "Change File Encoding"), choose "Reopen with Encoding" → ` +
        '"Western (Windows 1252)" and check that the letters look right; then "Save with Encoding" → "UTF-8". ' +
        'Quick fixes that would replace a U+FFFD are not offered until then.'
      : `This file is ${encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE'} text (Excel saves "Unicode Text" this way), not UTF-8. ` +
        `${needs} To fix it in VS Code: click the encoding in the status bar (or run "Change File Encoding") and choose "Save with Encoding" → "UTF-8".`;
  return {
    code: FILE_NOT_UTF8,
    severity: setting ?? 'error',
    message,
    range: { start: { line: 0, character: 0 }, end: text.positionAt(firstLineLength(text.getText())) },
    field: null,
    suggestions: [],
  };
}

const REPLACEMENT = '\uFFFD';

/**
 * The problems with every fix and suggestion dropped that would replace text holding U+FFFD:
 * that character stands for one lost when the file was decoded (a file that is not UTF-8), and
 * rewriting the cell would lose it for good. Such a problem says why it has no fix.
 * The same list when the text has no U+FFFD.
 */
export function withoutLossyFixes(problems: Problem[], text: TextDocument): Problem[] {
  const content = text.getText();
  if (!content.includes(REPLACEMENT)) return problems;
  const lossy = (fix: Fix) => fix.edits.some((e) => content.slice(text.offsetAt(e.range.start), text.offsetAt(e.range.end)).includes(REPLACEMENT));
  return problems.map((problem) => {
    const fix = problem.fix && lossy(problem.fix) ? undefined : problem.fix;
    const suggestions = problem.suggestions.filter((s) => !lossy(s));
    if (fix === problem.fix && suggestions.length === problem.suggestions.length) return problem;
    const { fix: _dropped, ...rest } = problem;
    return {
      ...rest,
      ...(fix ? { fix } : {}),
      suggestions,
      message: `${problem.message} No fix is offered here: the value holds U+FFFD, a character lost when the file was decoded; reopen the file with its real encoding first.`,
    };
  });
}

function firstLineLength(text: string): number {
  const end = text.search(/\r|\n/);
  return end === -1 ? text.length : end;
}
