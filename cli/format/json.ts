import type { Problem, Severity } from '../../core';
import { countProblems } from '../counts';
import type { LintReport } from '../lintFile';

/** One problem in the JSON report: the CLI's contract, 1-based positions in UTF-16 code units. */
export interface JsonProblem {
  code: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  /** Exclusive, as in the editor. */
  endColumn: number;
  field: string | null;
  /** Title of the safe fix, or null. */
  fix: string | null;
  /** Titles of the suggestions. */
  suggestions: string[];
}

export interface JsonReport {
  files: { path: string; problems: JsonProblem[] }[];
  /** Extra keys beside the contract: totals, and files that could not be checked. */
  summary: { files: number; errors: number; warnings: number; infos: number };
  skipped: { path: string; reason: string }[];
}

export function toJsonProblem(p: Problem): JsonProblem {
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    field: p.field,
    fix: p.fix?.title ?? null,
    suggestions: p.suggestions.map((s) => s.title),
  };
}

export function toJsonReport(report: LintReport): JsonReport {
  const all = countProblems(report.files.flatMap((f) => f.problems));
  return {
    files: report.files.map((f) => ({ path: f.path, problems: f.problems.map(toJsonProblem) })),
    summary: { files: report.files.length, ...all },
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
  };
}

export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
