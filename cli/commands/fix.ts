import * as path from 'node:path';
import { EnrollmentDocument, fixAllText } from '../../core';
import { SOURCE_ENCODING_NAMES, encodeUtf8 } from '../../core/encoding/decodeFile';
import { FILE_NOT_UTF8, notTextProblem, undecodableProblem } from '../cliRules';
import { ConfigResolver } from '../configLookup';
import { countProblems, describeCounts, plural } from '../counts';
import { EXIT, type ExitCode, worstExit } from '../exitCodes';
import { formatProblemLine } from '../format/text';
import { describeFsError } from '../fsErrors';
import type { CliIo } from '../io';
import { lintOptionsFor } from '../lintFile';
import { readCsvFile } from '../readCsvFile';
import { writeFileAtomic } from '../writeFileAtomic';

export interface FixCommand {
  files: string[];
  /** Where to write the fixed text (one input file only); in place when undefined. */
  output: string | undefined;
  config: string | undefined;
}

/**
 * Applies every safe fix (the core's fix-all) to each file, writes the result atomically
 * (keeping a BOM), then prints the problems that remain and a line saying what was done. A
 * file in Windows-1252, Mac Roman or UTF-16 is written as UTF-8 (the safe fix of
 * file.not-utf8; every other character stays as it is).
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
  if (content.kind === 'not-text') {
    const problem = notTextProblem(content.message, config.config.rules?.[FILE_NOT_UTF8.code]);
    io.out(`${formatProblemLine(file, problem)}\n`);
    io.out(`${file}: nothing fixed (it is not a text file)${output !== undefined ? `, nothing written to ${output}` : ''}; 1 problem remains: ${describeCounts(countProblems([problem]))}\n`);
    return EXIT.errors;
  }
  if (content.kind === 'not-utf8') {
    const problem = undecodableProblem(content.file, config.config.rules?.[FILE_NOT_UTF8.code]);
    io.out(`${formatProblemLine(file, problem)}\n`);
    io.out(`${file}: nothing fixed (the file is not UTF-8, and not exactly ${SOURCE_ENCODING_NAMES[content.file.encoding]} either); 1 problem remains: ${describeCounts(countProblems([problem]))}\n`);
    return EXIT.errors;
  }

  const options = lintOptionsFor(absolute, config.config);
  const { text, fixed } = fixAllText(content.text, options);
  const target = output === undefined ? absolute : path.resolve(io.cwd, output);
  const shownTarget = output ?? file;
  // A file decoded from another encoding is written as UTF-8 (its BOM, if any, as the UTF-8 BOM): the safe fix of file.not-utf8.
  const converted = content.notUtf8 ? SOURCE_ENCODING_NAMES[content.notUtf8.encoding] : undefined;
  if (output !== undefined || fixed > 0 || converted) {
    try {
      writeFileAtomic(target, Buffer.from(encodeUtf8(text, content.bom)));
    } catch (error) {
      io.err(`classworks: cannot write ${shownTarget}: ${describeFsError(error, output !== undefined)}\n`);
      return EXIT.failure;
    }
  }

  const remaining = new EnrollmentDocument(text, options).getProblems();
  for (const p of remaining) io.out(`${formatProblemLine(shownTarget, p)}\n`);
  const counts = countProblems(remaining);
  const done = converted
    ? `converted from ${converted} to UTF-8${fixed > 0 ? `, applied ${plural(fixed, 'fix', 'fixes')}` : ''}, wrote ${shownTarget}`
    : fixed === 0
      ? `no safe fix to apply${output !== undefined ? `, wrote ${output} unchanged` : ''}`
      : `applied ${plural(fixed, 'fix', 'fixes')}, wrote ${shownTarget}`;
  const left = `${plural(remaining.length, 'problem')} ${remaining.length === 1 ? 'remains' : 'remain'}`;
  io.out(`${file}: ${done}; ${left}: ${describeCounts(counts)}\n`);
  return counts.errors > 0 ? EXIT.errors : EXIT.clean;
}
