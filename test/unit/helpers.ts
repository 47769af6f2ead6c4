/** Small helpers for the core unit tests: build enrollment CSV text and find problems in it. */
import * as assert from 'node:assert/strict';
import {
  type ClassworksConfig,
  EnrollmentDocument,
  type Fix,
  type LintOptions,
  type Problem,
  type Range,
  REQUIRED_FIELDS,
  applyTextEdits,
  lineStarts,
} from '../../core';

/** "Today" for every test, so birthdate checks are deterministic (3 Dec 2026). */
export const TODAY = new Date(2026, 11, 3);

/** Classworks' own headings for the ten required fields, in the rulebook's order. */
export const HEADER = REQUIRED_FIELDS.join(',');

export const SCHOOLS: ClassworksConfig = {
  schools: [
    { sisId: '00123', name: 'Lincoln Elementary' },
    { sisId: '00456', name: 'Washington Elementary' },
    { sisId: 'HS01', name: 'Ridgeview High School' },
  ],
};

export type RowValues = Partial<Record<(typeof REQUIRED_FIELDS)[number], string>>;

/** A valid student: every field passes every rule (with SCHOOLS configured). */
export const STUDENT: Required<RowValues> = {
  'First Name': 'Ana',
  'Last Name': 'Lee',
  Username: 'alee',
  'District ID': '1001',
  Password: 'Maple!274',
  Birthdate: '4/2/2018',
  'User Type': '0',
  Grade: '3',
  'Email Address': 'alee@lincoln.example.org',
  'School SIS ID': '00123',
};

/** A valid staff member (Grade blank, as staff may). */
export const STAFF: Required<RowValues> = {
  'First Name': 'Carl',
  'Last Name': 'Stone',
  Username: 'cstone',
  'District ID': 'T900',
  Password: 'Cedar#518',
  Birthdate: '5/17/1980',
  'User Type': '1',
  Grade: '',
  'Email Address': 'cstone@lincoln.example.org',
  'School SIS ID': '00123',
};

/**
 * One data row in the header's column order. `n` makes Username, District ID, Password and
 * Email Address unique so several rows can sit in one file without duplicate problems.
 */
export function row(overrides: RowValues = {}, n = 0, base: Required<RowValues> = STUDENT): string {
  const values: Required<RowValues> = { ...base };
  if (n > 0) {
    values.Username = `${base.Username}${n}`;
    values['District ID'] = `${base['District ID']}${n}`;
    values.Password = `${base.Password}${n}`;
    values['Email Address'] = base['Email Address'].replace('@', `${n}@`);
  }
  Object.assign(values, overrides);
  return REQUIRED_FIELDS.map((f) => values[f]).join(',');
}

export function staffRow(overrides: RowValues = {}, n = 0): string {
  return row(overrides, n, STAFF);
}

/** Joins lines with `eol`, ending with `eol` too (as spreadsheets save). */
export function csv(lines: readonly string[], eol = '\n'): string {
  return lines.map((l) => l + eol).join('');
}

/** A file with the Classworks header and the given data rows. */
export function file(rows: readonly string[], eol = '\n'): string {
  return csv([HEADER, ...rows], eol);
}

export function lint(text: string, options: LintOptions = {}): Problem[] {
  return new EnrollmentDocument(text, { today: TODAY, ...options }).getProblems();
}

/** Problems of one code. */
export function withCode(problems: readonly Problem[], code: string): Problem[] {
  return problems.filter((p) => p.code === code);
}

/** The one problem of `code`; fails when there are none or several. */
export function only(problems: readonly Problem[], code: string): Problem {
  const found = withCode(problems, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}: ${summary(problems)}`);
  return found[0] as Problem;
}

/** Codes of all problems, in document order. */
export function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

export function summary(problems: readonly Problem[]): string {
  return JSON.stringify(problems.map((p) => `${p.code}@${p.range.start.line}:${p.range.start.character}`));
}

export function range(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/** A range on one line. */
export function on(line: number, character: number, endCharacter: number): Range {
  return range(line, character, line, endCharacter);
}

/** The range of the `nth` occurrence (0-based) of `needle` on `line` of `text`. */
export function find(text: string, line: number, needle: string, nth = 0): Range {
  const starts = lineStarts(text);
  const from = starts[line] ?? 0;
  const to = starts[line + 1] ?? text.length;
  const lineText = text.slice(from, to);
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = lineText.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found on line ${line}`);
  }
  return on(line, at, at + needle.length);
}

/** The text a range covers, read the way an editor would. */
export function textAt(text: string, r: Range): string {
  const starts = lineStarts(text);
  const offset = (p: Range['start']) => (starts[p.line] ?? text.length) + p.character;
  return text.slice(offset(r.start), offset(r.end));
}

/** Applies a fix (or suggestion) to `text` with the core's applyTextEdits. */
export function applyFix(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'expected a fix');
  const result = applyTextEdits(text, fix.edits);
  assert.equal(result.applied, fix.edits.length, 'every edit of the fix applies');
  return result.text;
}

/** The suggestion whose title contains `needle`. */
export function suggestion(problem: Problem, needle: string): Fix {
  const found = problem.suggestions.find((s) => s.title.includes(needle));
  assert.ok(found, `no suggestion with "${needle}" in ${JSON.stringify(problem.suggestions.map((s) => s.title))}`);
  return found;
}

/** Messages say what is wrong, why and how to fix it; this checks the parts a user relies on. */
export function assertMessage(problem: Problem, ...fragments: (string | RegExp)[]): void {
  for (const f of fragments) {
    if (typeof f === 'string') assert.ok(problem.message.includes(f), `message lacks "${f}": ${problem.message}`);
    else assert.match(problem.message, f);
  }
}
