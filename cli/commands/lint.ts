import * as path from 'node:path';
import type { Format } from '../args';
import { ConfigResolver } from '../configLookup';
import { countProblems, describeCounts, plural } from '../counts';
import { rulesDocUrl } from '../docsUrl';
import { EXIT, type ExitCode } from '../exitCodes';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import type { CliIo } from '../io';
import { type LintReport, lintFile } from '../lintFile';
import { CLI_VERSION } from '../version';

export interface LintCommand {
  files: string[];
  format: Format;
  config: string | undefined;
}

/**
 * Checks every file and prints one report on stdout. A file that cannot be read (or whose
 * configuration is invalid) is named on stderr and the others are still checked; the exit
 * code is then 2.
 */
export function runLint(cmd: LintCommand, io: CliIo): ExitCode {
  const configs = new ConfigResolver(io.cwd, cmd.config);
  const explicit = configs.explicitConfig();
  if (explicit && !explicit.ok) {
    io.err(`classworks: ${explicit.message}\n`);
    return EXIT.failure;
  }

  const report: LintReport = { files: [], skipped: [] };
  for (const file of cmd.files) {
    const outcome = lintFile(file, path.resolve(io.cwd, file), configs);
    if (outcome.kind === 'linted') report.files.push(outcome.file);
    else {
      report.skipped.push(outcome.skipped);
      io.err(`classworks: ${outcome.skipped.reason}\n`);
    }
  }

  if (cmd.format === 'json') io.out(formatJson(report));
  else if (cmd.format === 'sarif') io.out(formatSarif(report, { cwd: io.cwd, version: CLI_VERSION, rulesDocUrl: rulesDocUrl() }));
  else {
    io.out(formatText(report));
    io.err(`${summaryLine(report)}\n`);
  }

  if (report.skipped.length > 0) return EXIT.failure;
  return report.files.some((f) => f.problems.some((p) => p.severity === 'error')) ? EXIT.errors : EXIT.clean;
}

/** "2 files: 3 errors, 1 warning, 0 info" (never shaped like a problem line). */
export function summaryLine(report: LintReport): string {
  const counts = countProblems(report.files.flatMap((f) => f.problems));
  const skipped = report.skipped.length > 0 ? `; ${plural(report.skipped.length, 'file')} could not be checked` : '';
  return `${plural(report.files.length, 'file')}: ${describeCounts(counts)}${skipped}`;
}
