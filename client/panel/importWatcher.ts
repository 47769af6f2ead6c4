/**
 * Watches imports until they reach a final status (Completed, Completed with errors, Failed):
 * polls each watched import, reports every status change, and once when it is final. Errors
 * (the service restarting, the network) do not end a watch: it tries again, more slowly.
 * No vscode: the client and the callbacks are injected.
 */
import type { CallOptions } from '../../core/importApi/client';
import { FINAL_STATUSES, type ImportDetails, type ImportSummary } from '../../core/importApi/imports';

export interface WatchClient {
  getImport(number: string, o?: CallOptions): Promise<ImportDetails>;
}

export interface ImportWatcherOptions {
  /** The client to poll with; undefined while no district is connected (the watch waits). */
  client: () => WatchClient | undefined;
  onUpdate: (summary: ImportSummary) => void;
  onFinal: (summary: ImportSummary) => void;
  onError?: (number: string, error: unknown) => void;
  intervalMs?: number;
  maxIntervalMs?: number;
}

export function isFinal(summary: Pick<ImportSummary, 'status'>): boolean {
  return FINAL_STATUSES.includes(summary.status);
}

export class ImportWatcher {
  private readonly watched = new Map<string, { status: string | undefined; failures: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  private disposed = false;
  private readonly interval: number;
  private readonly maxInterval: number;

  constructor(private readonly options: ImportWatcherOptions) {
    this.interval = options.intervalMs ?? 1000;
    this.maxInterval = options.maxIntervalMs ?? 30_000;
  }

  /** Starts watching (a no-op for an import already watched). */
  watch(number: string, known?: ImportSummary): void {
    if (this.disposed || this.watched.has(number)) return;
    if (known && isFinal(known)) return;
    this.watched.set(number, { status: known?.status, failures: 0 });
    this.schedule(0);
  }

  numbers(): string[] {
    return [...this.watched.keys()];
  }

  /** Stops every watch (e.g. on disconnecting: the imports belong to that district). */
  clear(): void {
    this.watched.clear();
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private schedule(delay: number): void {
    if (this.disposed || this.timer || this.watched.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delay);
  }

  private async poll(): Promise<void> {
    const client = this.options.client();
    let slowest = 0;
    if (client) {
      const abort = new AbortController();
      this.abort = abort;
      for (const [number, entry] of [...this.watched]) {
        if (abort.signal.aborted) break;
        try {
          const details = await client.getImport(number, { signal: abort.signal });
          if (!this.watched.has(number)) continue;
          entry.failures = 0;
          const { options: _o, mapping: _m, schoolMapping: _s, customGroup: _g, problems: _p, attempts: _a, ...summary } = details;
          if (summary.status !== entry.status) {
            entry.status = summary.status;
            this.options.onUpdate(summary);
          }
          if (isFinal(summary)) {
            this.watched.delete(number);
            this.options.onFinal(summary);
          }
        } catch (error) {
          if (abort.signal.aborted) break;
          entry.failures++;
          slowest = Math.max(slowest, entry.failures);
          this.options.onError?.(number, error);
        }
      }
    }
    const delay = Math.min(this.maxInterval, this.interval * 2 ** Math.min(slowest, 5));
    this.schedule(delay);
  }
}
