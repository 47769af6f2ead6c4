import type { Connection } from 'vscode-languageserver/node';

/**
 * Logging to the client's output channel (connection.console). The client decides what it
 * shows (`classworks.trace.server` traces the protocol); the server logs only what a person
 * needs: start-up, unreadable settings or config, and failures. Never log cell values.
 */
export class Logger {
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.safely(() => this.connection.console.info(message));
  }

  warn(message: string): void {
    this.safely(() => this.connection.console.warn(message));
  }

  error(message: string, error?: unknown): void {
    this.safely(() => this.connection.console.error(error === undefined ? message : `${message}: ${describeError(error)}`));
  }

  /** Logs an error once per key (e.g. a rule that throws on every row). */
  errorOnce(key: string, message: string, error?: unknown): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.error(message, error);
  }

  /** Lets the keys of a closed document (`<kind>:<uri>[:…]`) be reported again when it is reopened. */
  forgetDocument(uri: string): void {
    for (const key of this.reported) {
      const rest = key.slice(key.indexOf(':') + 1);
      if (rest === uri || rest.startsWith(`${uri}:`)) this.reported.delete(key);
    }
  }

  private safely(write: () => void): void {
    try {
      write();
    } catch {
      // The connection is gone; there is nobody to tell.
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
