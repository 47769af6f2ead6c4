import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'lint'; files: string[]; format: Format; config: string | undefined }
  | { kind: 'fix'; files: string[]; output: string | undefined; config: string | undefined };

/**
 * Bad usage: the message says what is wrong; the caller prints it with a hint and exits 2.
 * `showUsage`: print the usage text after it (a misspelt or incomplete option).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** What each option that takes a value needs, for the message when it is missing. */
const VALUE_NEEDED: Record<string, string> = {
  format: 'a report format: text, json or sarif (e.g. --format json)',
  config: 'the path of a .classworks.json (e.g. --config district/.classworks.json)',
  output: 'the name of the file to write (e.g. --output fixed.csv)',
};

const OPTION_LIST = '--format (lint), --config, --output (fix), --help and --version';

/** "--format", or "-f (--format)" when the short form was typed. */
function shown(rawName: string, name: string): string {
  return rawName === `--${name}` ? rawName : `${rawName} (--${name})`;
}

/**
 * Checks the options before Node's parser does, so a mistake gets our words (Node's say e.g.
 * "Option '-f, --format <value>' argument missing"): an unknown option, an option without its
 * value (at the end, or followed by another option), a value given to a switch.
 */
function checkOptions(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = (OPTIONS as Record<string, { type: string }>)[token.name];
    if (!option) {
      throw new UsageError(`Unknown option "${token.rawName}": the options are ${OPTION_LIST}. (A file whose name starts with "-" goes after "--".)`, true);
    }
    const what = shown(token.rawName, token.name);
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${what} takes no value (got "${token.value}").`, true);
      continue;
    }
    if (token.value === undefined || token.value === '') throw new UsageError(`${what} needs ${VALUE_NEEDED[token.name]}.`, true);
    if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-') {
      throw new UsageError(`${what} needs ${VALUE_NEEDED[token.name]}, but "${token.value}" follows it (for a value that starts with "-", write ${token.rawName.startsWith('--') ? `${token.rawName}=${token.value}` : `--${token.name}=${token.value}`}).`, true);
    }
  }
}

/** Reads the command line (without `node` and the script). Throws UsageError. */
export function parseCommandLine(argv: readonly string[]): Command {
  checkOptions(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError('No command given: use "lint" or "fix".');
  const config = nonEmpty(values.config, '--config');
  if (files.includes('-')) {
    throw new UsageError('Reading a file from standard input ("-") is not supported: pass the path of the CSV file, e.g. students.csv (to check a pipe, save it to a file first).');
  }

  if (command === 'lint') {
    if (values.output !== undefined) throw new UsageError('--output applies to "fix" only.');
    if (files.length === 0) throw new UsageError('"lint" needs at least one file.');
    const format = values.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`Unknown format "${format}": use ${FORMATS.join(', ')}.`);
    }
    return { kind: 'lint', files, format: format as Format, config };
  }

  if (command === 'fix') {
    if (values.format !== undefined) throw new UsageError('--format applies to "lint" only; "fix" reports in text.');
    if (files.length === 0) throw new UsageError('"fix" needs a file.');
    const output = nonEmpty(values.output, '--output');
    if (output !== undefined && files.length > 1) {
      throw new UsageError('--output takes one input file; without --output several files are fixed in place.');
    }
    return { kind: 'fix', files, output, config };
  }

  throw new UsageError(`Unknown command "${command}": use "lint" or "fix".`);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === '') throw new UsageError(`${flag} needs a file name.`);
  return value;
}
