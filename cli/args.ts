import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'lint'; files: string[]; format: Format; config: string | undefined }
  | { kind: 'fix'; files: string[]; output: string | undefined; config: string | undefined };

/** Bad usage: the message says what is wrong; the caller prints it with a hint and exits 2. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Reads the command line (without `node` and the script). Throws UsageError. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...files] = positionals;
  if (command === undefined) throw new UsageError('No command given: use "lint" or "fix".');
  const config = nonEmpty(values.config, '--config');

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
