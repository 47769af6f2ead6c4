/** Round trips of fixes: apply one, check the text byte for byte, lint again. */
import * as assert from 'node:assert/strict';
import type { Fix, LintOptions, Problem } from '../../core';
import { applyFix, lint } from './helpers';

const where = (p: Problem) => `${p.code}@${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`;

/**
 * Applies `fix` (the safe fix or a suggestion of `problem`) to `text` and checks that:
 * - the result is exactly `expected` (so nothing else in the file changed);
 * - linting the result again no longer reports `problem`'s code at its place;
 * - every other problem of the file is still reported at the same place (none appeared or
 *   went away), except problems of the codes in `alsoResolved` (which the fix may resolve or
 *   bring, e.g. a column conversion, or an implausible age after choosing a century).
 * Returns the problems of the fixed text.
 */
export function assertRoundTrip(
  text: string,
  options: LintOptions,
  problem: Problem,
  fix: Fix | undefined,
  expected: string,
  alsoResolved: readonly string[] = [],
): Problem[] {
  const fixed = applyFix(text, fix);
  assert.equal(fixed, expected, 'the fix changes exactly what it must');
  const before = lint(text, options);
  const after = lint(fixed, options);
  assert.ok(!after.some((p) => p.code === problem.code && p.range.start.line === problem.range.start.line), `${where(problem)} is gone after the fix: ${JSON.stringify(after.map(where))}`);
  // Other problems stay (positions compared on the line: a fix on the line may shift later cells).
  const sameLine = (p: Problem) => p.range.start.line === problem.range.start.line;
  const key = (p: Problem) => (sameLine(p) ? `${p.code}@${p.range.start.line}` : where(p));
  const rest = before.filter((p) => p !== before.find((q) => where(q) === where(problem)) && !alsoResolved.includes(p.code)).map(key);
  assert.deepEqual(
    after.filter((p) => !alsoResolved.includes(p.code)).map(key),
    rest,
    'no other problem appears or goes away',
  );
  return after;
}
