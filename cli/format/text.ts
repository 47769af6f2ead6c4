import type { Problem } from '../../core';
import type { LintReport } from '../lintFile';
import { printable } from './printable';

/** `path:line:column: severity message [code]`, 1-based, as problem matchers and CI logs read it. */
export function formatProblemLine(path: string, p: Problem): string {
  const { line, character } = p.range.start;
  return `${printable(path)}:${line + 1}:${character + 1}: ${p.severity} ${printable(p.message)} [${p.code}]`;
}

/** One line per problem, files in command-line order; empty when there is none. */
export function formatText(report: LintReport): string {
  const lines = report.files.flatMap((f) => f.problems.map((p) => formatProblemLine(f.path, p)));
  return lines.map((l) => `${l}\n`).join('');
}
