/** Timing helpers for the benchmark: medians and percentiles, never single runs. */
import { spawnSync } from 'node:child_process';

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Milliseconds `work` takes. */
export function time(work: () => unknown): number {
  const start = now();
  work();
  return now() - start;
}

export async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = now();
  await work();
  return now() - start;
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall time of a process from spawn to exit (process start included); throws when it cannot run. */
export function timeProcess(command: string, args: readonly string[], okCodes: readonly number[] = [0]): number {
  const start = now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = now() - start;
  if (result.error) throw result.error;
  if (!okCodes.includes(result.status ?? -1)) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr?.toString().slice(0, 500)}`);
  return elapsed;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
