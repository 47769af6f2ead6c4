import type { Problem, ProblemCounts, ProblemReport } from '../core';

/**
 * How many diagnostics VS Code shows of one file: past it, it keeps the most severe and drops the
 * rest, the summaries below with them. The server publishes at most this many, summaries included.
 */
export const EDITOR_DIAGNOSTICS_PER_FILE = 1000;

/**
 * The problems left out by `classworks.maxProblems`, one per rule: where the listed problems
 * stop, the editor says how many more of each rule there are and where the exact totals are.
 * Each carries the rule's code (so its link opens the rule's documentation) and severity (so
 * it sorts with the problems it stands for), at the start of the file, with no fix. `listed`:
 * how many were listed, fewer than maxProblems when the summaries had to fit in what the editor
 * shows of a file.
 */
export function omittedSummaries(omitted: ProblemReport['omitted'], maxProblems: number, listed = maxProblems): Problem[] {
  const fewer =
    listed < maxProblems
      ? ` (here ${listed}, so that these summaries fit in the ${EDITOR_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')} problems VS Code shows of a file)`
      : '';
  return omitted.map(({ code, severity, count }) => ({
    code,
    severity,
    message:
      `${count} more ${code} ${count === 1 ? 'problem is' : 'problems are'} not listed: Classworks lists at most ${maxProblems} problems per file ` +
      `(setting classworks.maxProblems)${fewer}, the errors first, then the warnings, then the rest, each by position. ` +
      'The status bar, the Import panel and the command-line linter (node dist/cli.js lint) count every problem. ' +
      'Fix the listed ones, or raise classworks.maxProblems, to see the rest.',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    field: null,
    suggestions: [],
  }));
}

/** Totals of a list of problems by severity. */
export function countBySeverity(problems: readonly Problem[]): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) {
    if (p.severity === 'error') counts.errors++;
    else if (p.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

export function addCounts(a: ProblemCounts, b: ProblemCounts): ProblemCounts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos };
}
