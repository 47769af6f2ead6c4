import { EnrollmentDocument } from '../model/enrollmentDocument';
import type { LintOptions } from '../model/lintOptions';
import type { Problem, TextEdit } from '../problems';
import { applyTextEdits, compatibleFixes } from './applyEdits';

/** The edits of every safe fix that can be applied together, for one pass of fix-all. */
export function fixAllEdits(problems: readonly Problem[], code?: string): TextEdit[] {
  const fixes = problems.filter((p) => p.fix && (code === undefined || p.code === code)).map((p) => p.fix!);
  return compatibleFixes(fixes).flatMap((f) => f.edits);
}

/**
 * Applies every safe fix, re-checking between passes until nothing changes (a fix can make
 * another one possible). Returns the new text and how many fixes were applied.
 */
export function fixAllText(text: string, options: LintOptions = {}, maxPasses = 5): { text: string; fixed: number } {
  let current = text;
  let fixed = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const problems = new EnrollmentDocument(current, options).getProblems();
    const fixes = compatibleFixes(problems.filter((p) => p.fix).map((p) => p.fix!));
    if (fixes.length === 0) break;
    current = applyTextEdits(current, fixes.flatMap((f) => f.edits)).text;
    fixed += fixes.length;
  }
  return { text: current, fixed };
}
