import * as path from 'node:path';
import { EnrollmentDocument, fixAllText } from '../../core';
import { notUtf8Problem } from '../cliRules';
import { ConfigResolver } from '../configLookup';
import { countProblems, describeCounts, plural } from '../counts';
import { EXIT, type ExitCode, worstExit } from '../exitCodes';
import { formatProblemLine } from '../format/text';
import { describeFsError } from '../fsErrors';
import type { CliIo } from '../io';
import { lintOptionsFor } from '../lintFile';
import { readCsvFile } from '../readCsvFile';
import { UTF8_BOM } from '../utf8';
import { writeFileAtomic } from '../writeFileAtomic';

export interface FixCommand {
  files: string[];
  /** Where to write the fixed text (one input file only); in place when undefined. */
  output: string | undefined;
  config: string | undefined;
}

/**
 * Applies every safe fix (the core's fix-all) to each file, writes the result atomically
 * (keeping a BOM), then prints the problems that remain and a line saying what was done.
 */
export function runFix(cmd: FixCommand, io: CliIo): ExitCode {
  const configs = new ConfigResolver(io.cwd, cmd.config);
  const explicit = configs.explicitConfig();
  if (explicit && !explicit.ok) {
    io.err(`classworks: ${explicit.message}\n`);
    return EXIT.failure;
  }
  let exit: ExitCode = EXIT.clean;
  for (const file of cmd.files) exit = worstExit(exit, fixOne(file, cmd.output, configs, io));
  return exit;
}

function fixOne(file: string, output: string | undefined, configs: ConfigResolver, io: CliIo): ExitCode {
  const absolute = path.resolve(io.cwd, file);
  const content = readCsvFile(absolute);
  if (content.kind === 'unreadable') {
    io.err(`classworks: cannot read ${file}: ${content.reason}\n`);
    return EXIT.failure;
  }
  const config = configs.forFile(absolute);
  if (!config.ok) {
    io.err(`classworks: ${file} not fixed: ${config.message}\n`);
    return EXIT.failure;
  }
  if (content.kind === 'not-utf8') {
    io.out(`${formatProblemLine(file, notUtf8Problem(content))}\n`);
    io.out(`${file}: nothing fixed (the file is not UTF-8); 1 problem remains: 1 error, 0 warnings, 0 info\n`);
    return EXIT.errors;
  }

  const options = lintOptionsFor(absolute, config.config);
  const { text, fixed } = fixAllText(content.text, options);
  const target = output === undefined ? absolute : path.resolve(io.cwd, output);
  const shownTarget = output ?? file;
  if (output !== undefined || fixed > 0) {
    const body = Buffer.from(text, 'utf8');
    try {
      writeFileAtomic(target, content.bom ? Buffer.concat([UTF8_BOM, body]) : body);
    } catch (error) {
      io.err(`classworks: cannot write ${shownTarget}: ${describeFsError(error)}\n`);
      return EXIT.failure;
    }
  }

  const remaining = new EnrollmentDocument(text, options).getProblems();
  for (const p of remaining) io.out(`${formatProblemLine(shownTarget, p)}\n`);
  const counts = countProblems(remaining);
  const done =
    fixed === 0
      ? `no safe fix to apply${output !== undefined ? `, wrote ${output} unchanged` : ''}`
      : `applied ${plural(fixed, 'fix', 'fixes')}, wrote ${shownTarget}`;
  const left = `${plural(remaining.length, 'problem')} ${remaining.length === 1 ? 'remains' : 'remain'}`;
  io.out(`${file}: ${done}; ${left}: ${describeCounts(counts)}\n`);
  return counts.errors > 0 ? EXIT.errors : EXIT.clean;
}
