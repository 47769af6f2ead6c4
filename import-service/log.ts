/**
 * The service's log: one line per event on stderr (stdout carries only the "listening on"
 * line). Callers pass facts (import numbers, counts, codes), never row contents: no value
 * from a file and never a password reaches this log.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function stderrLogger(quiet = false): Logger {
  const write = (level: string, message: string) => {
    process.stderr.write(`${new Date().toISOString()} ${level} ${message}\n`);
  };
  return {
    info: (m) => (quiet ? undefined : write('info', m)),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}
