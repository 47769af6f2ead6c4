import type { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import type { Fix, Problem, SeveritySetting } from '../core';
import { SOURCE_ENCODING_NAMES, hex } from '../core/encoding/decodeFile';
import { EditableDocument, firstLineOf } from './editableDocument';
import {
  DISK_ENCODINGS,
  type DiskEncoding,
  type DiskFactsParams,
  type LineEndingCounts,
  NON_UTF8_ENCODINGS,
  type NonUtf8Encoding,
  type NotUtf8Facts,
} from '../core/protocol/lspProtocol';

/** What the client read in a file's bytes (`classworks/diskFacts`); an absent fact is unknown. */
export interface DiskFacts {
  lineEndings?: LineEndingCounts;
  encoding?: DiskEncoding;
  notUtf8?: NotUtf8Facts;
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
  notUtf8: z
    .object({
      candidates: z.array(z.enum(NON_UTF8_ENCODINGS as [NonUtf8Encoding, ...NonUtf8Encoding[]])),
      first: z.object({ byte: z.number().int().min(0x80).max(0xff), reads: z.string().min(1).max(2), line: count, character: count }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
}) satisfies z.ZodType<DiskFactsParams, unknown>;

/** The facts of a validated notification, without its URI and without absent facts. */
export function diskFactsOf(params: z.infer<typeof diskFactsParamsSchema>): DiskFacts {
  const facts: DiskFacts = {};
  if (params.lineEndings) facts.lineEndings = params.lineEndings;
  if (params.encoding) facts.encoding = params.encoding;
  if (params.notUtf8) facts.notUtf8 = params.notUtf8.first ? { candidates: params.notUtf8.candidates, first: params.notUtf8.first } : { candidates: params.notUtf8.candidates };
  return facts;
}

/**
 * Reported by the language server (not the core: the core gets text, not bytes) when the
 * client found the file is not UTF-8; the CLI reports the same code from the bytes it reads.
 */
export const FILE_NOT_UTF8 = 'file.not-utf8';

/** Where files in each encoding come from. */
const SOURCE: Record<NonUtf8Encoding, string> = {
  windows1252: 'what Excel for Windows saves as "CSV (Comma delimited)"',
  macroman: 'what Excel for Mac saves as "CSV (Macintosh)"',
  utf16le: 'what Excel saves as "Unicode Text"',
  utf16be: 'what Excel saves as "Unicode Text"',
};

const NEEDS_UTF8 = 'Classworks needs UTF-8: in any other encoding accented letters reach the import garbled.';
const BUILT_IN = 'or use VS Code\'s own: click the encoding in the status bar, "Reopen with Encoding", then "Save with Encoding" → "UTF-8"';

/**
 * The problem of a file whose bytes on disk are UTF-16 or not UTF-8, reported once, where it
 * starts: a single-byte file at the first character VS Code could not decode (the first U+FFFD;
 * once reopened with the right encoding, the first byte that is not UTF-8, as the client read
 * it), a UTF-16 file on line 1. It says what the file most likely is, the byte and what it reads
 * as, and offers the client's commands (codeActions: Convert File to UTF-8 from…, Reopen with
 * Encoding…). Undefined for UTF-8 (with or without BOM), unknown encodings, and when the rule is off.
 */
export function encodingProblem(
  encoding: DiskEncoding | undefined,
  text: TextDocument,
  rules: Record<string, SeveritySetting>,
  notUtf8?: NotUtf8Facts,
): Problem | undefined {
  if (encoding === undefined || encoding === 'utf8' || encoding === 'utf8-bom') return undefined;
  const setting = rules[FILE_NOT_UTF8];
  if (setting === 'off') return undefined;
  const content = text.getText();
  const guess: NonUtf8Encoding | undefined = notUtf8?.candidates[0] ?? (encoding === 'utf16le' || encoding === 'utf16be' ? encoding : undefined);
  let range = { start: { line: 0, character: 0 }, end: { line: 0, character: firstLineOf(text).length } };
  let message: string;
  const fixes = (name: string, reopen = true) =>
    `To fix it: the quick fix "Convert File to UTF-8 from…" (${name} is offered first) rewrites the file as UTF-8 and changes nothing else; ` +
    `${reopen ? `"Classworks: Reopen with Encoding…" shows it as ${name} first, to check that the letters look right; ` : ''}${BUILT_IN}.`;
  if (encoding === 'utf16le' || encoding === 'utf16be') {
    const name = SOURCE_ENCODING_NAMES[encoding];
    // VS Code reads UTF-16 by its byte order mark: the letters already look right.
    message = `This file is ${name} text (${SOURCE[encoding]}), not UTF-8. ${NEEDS_UTF8} ${fixes(name, false)}`;
  } else if (guess === undefined) {
    // Bytes that are not exactly text in Windows-1252 or Mac Roman (or a client that does not say).
    message =
      'This file is not UTF-8: its bytes are in a legacy encoding, most likely Windows-1252 (what Excel saves as "CSV (Comma delimited)"), ' +
      `so VS Code shows each letter it could not decode as the replacement character U+FFFD. ${NEEDS_UTF8} ` +
      `To fix it in VS Code: click the encoding in the status bar (or run "Change File Encoding"), choose "Reopen with Encoding" → ` +
      '"Western (Windows 1252)" and check that the letters look right; then "Save with Encoding" → "UTF-8". ' +
      'Quick fixes that would replace a U+FFFD are not offered until then.';
  } else {
    const name = SOURCE_ENCODING_NAMES[guess];
    const first = notUtf8?.first;
    const lost = content.indexOf(REPLACEMENT);
    let where: string;
    if (lost >= 0) {
      range = { start: text.positionAt(lost), end: text.positionAt(lost + 1) };
      where = first
        ? `VS Code read it as UTF-8 and shows U+FFFD (�) for the first byte it could not decode, here: byte ${hex(first.byte)}, which reads as "${first.reads}" in ${name}`
        : 'VS Code read it as UTF-8 and shows U+FFFD (�) for the first byte it could not decode, here';
    } else if (first && textAt(text, first.line, first.character, first.reads.length) === first.reads) {
      // Reopened with the right encoding: the first byte that is not UTF-8 is where the client found it.
      const at = text.offsetAt({ line: first.line, character: first.character });
      range = { start: text.positionAt(at), end: text.positionAt(at + first.reads.length) };
      where = `the first byte that is not UTF-8 is here: byte ${hex(first.byte)}, which reads as "${first.reads}" in ${name}`;
    } else {
      where = first ? `its first byte that is not UTF-8 is byte ${hex(first.byte)} on line ${first.line + 1}, which reads as "${first.reads}" in ${name}` : `its bytes read as ${name}`;
    }
    const lossy = lost >= 0 ? ' Quick fixes that would replace a U+FFFD are not offered until then.' : '';
    message = `This file is not UTF-8 but most likely ${name} (${SOURCE[guess]}): ${where}. ${NEEDS_UTF8} ${fixes(name)}${lossy}`;
  }
  return {
    code: FILE_NOT_UTF8,
    severity: setting ?? 'error',
    message,
    range,
    field: null,
    suggestions: [],
  };
}

/** The text at a position, as long as `length` characters (empty when the position is past the line). */
function textAt(text: TextDocument, line: number, character: number, length = 1): string {
  if (line >= text.lineCount) return '';
  const start = text.offsetAt({ line, character });
  const check = text.positionAt(start);
  if (check.line !== line || check.character !== character) return '';
  return text.getText().slice(start, start + length);
}

const REPLACEMENT = '\uFFFD';

/**
 * The problems with every fix and suggestion dropped that would replace text holding U+FFFD:
 * that character stands for one lost when the file was decoded (a file that is not UTF-8), and
 * rewriting the cell would lose it for good. Such a problem says why it has no fix.
 * The same list when the text has no U+FFFD.
 */
export function withoutLossyFixes(problems: Problem[], text: TextDocument): Problem[] {
  if (!(text instanceof EditableDocument ? text.includesChar(REPLACEMENT) : text.getText().includes(REPLACEMENT))) return problems;
  const lossy = (fix: Fix) => fix.edits.some((e) => text.getText(e.range).includes(REPLACEMENT));
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

