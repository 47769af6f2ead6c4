import type { Problem, RuleMeta } from '../core';

/** Reported by the CLI (not the core) when a file's bytes are not UTF-8; always an error. */
export const FILE_NOT_UTF8: RuleMeta = {
  code: 'file.not-utf8',
  defaultSeverity: 'error',
  title: 'The file is not UTF-8 text, so it cannot be checked.',
};

/** Rules only the CLI reports, listed beside the core's RULE_CATALOG (e.g. in SARIF). */
export const CLI_RULES: readonly RuleMeta[] = [FILE_NOT_UTF8];

/**
 * The one problem reported for a file that is not UTF-8, at the start of line 1: what the file
 * is, and how to convert it from that encoding (a UTF-16 file is named as such; other bytes are
 * most likely Windows-1252).
 */
export function notUtf8Problem(content: { line: number; utf16: 'le' | 'be' | false }): Problem {
  const at = { line: 0, character: 0 };
  let message: string;
  if (content.utf16) {
    const name = content.utf16 === 'le' ? 'UTF-16LE' : 'UTF-16BE';
    message =
      `This file is ${name} text (Excel's "Unicode Text", which also separates cells with tabs), not UTF-8, so it cannot be checked. ` +
      `Save it from Excel as "CSV UTF-8 (Comma delimited)", or convert it, e.g. iconv -f ${name} -t UTF-8 (which keeps the tabs), and check it again.`;
  } else {
    message =
      `This file is not UTF-8: line ${content.line} holds bytes that are not valid UTF-8 (probably a legacy encoding such as Windows-1252, Excel's "CSV (Comma delimited)"), ` +
      'so it cannot be checked and accented letters would reach the import garbled. ' +
      'Save it as "CSV UTF-8 (Comma delimited)" (or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8) and check it again.';
  }
  return {
    code: FILE_NOT_UTF8.code,
    severity: 'error',
    message,
    range: { start: at, end: at },
    field: null,
    suggestions: [],
  };
}
