/** Where the CLI writes and what it resolves relative paths against; injected so it can be tested. */
export interface CliIo {
  /** Writes text to standard output as is (callers add line breaks). */
  out(text: string): void;
  /** Writes text to standard error as is. */
  err(text: string): void;
  cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};
