/**
 * Idempotent submission: one Idempotency-Key per import the user means to make. The key is
 * stored (per document) before the request leaves, and reused for every retry of the same
 * request — after a dropped connection, a time-out, even a reload of VS Code — so the service
 * returns the import it already made instead of making a second one. A changed request (other
 * text, mapping or choices) gets a new key. No vscode: the store is injected.
 */
import { type CallOptions, ImportServiceError, type SubmitResult } from '../../core/importApi/client';
import type { ImportRequestInput } from '../../core/importApi/importRequest';

export interface PendingSubmission {
  key: string;
  /** Hash of the request body the key was made for. */
  fingerprint: string;
  createdAt: string;
}

export interface PendingStore {
  get(documentKey: string): PendingSubmission | undefined;
  set(documentKey: string, pending: PendingSubmission): PromiseLike<void>;
  delete(documentKey: string): PromiseLike<void>;
}

export interface SubmitClient {
  submit(request: ImportRequestInput, idempotencyKey: string, o?: CallOptions): Promise<SubmitResult>;
}

export interface SubmitAttempt {
  client: SubmitClient;
  store: PendingStore;
  documentKey: string;
  request: ImportRequestInput;
  fingerprint: string;
  newKey: () => string;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface SubmitOutcome extends SubmitResult {
  key: string;
  /** The key had been used before (a retry). */
  reusedKey: boolean;
}

export async function submitIdempotently(attempt: SubmitAttempt): Promise<SubmitOutcome> {
  const { client, store, documentKey, request, fingerprint } = attempt;
  const pending = store.get(documentKey);
  const reusedKey = pending !== undefined && pending.fingerprint === fingerprint;
  const key = reusedKey ? pending.key : attempt.newKey();
  if (!reusedKey) {
    await store.set(documentKey, { key, fingerprint, createdAt: (attempt.now?.() ?? new Date()).toISOString() });
  }
  try {
    const result = await client.submit(request, key, { signal: attempt.signal });
    await store.delete(documentKey);
    return { ...result, key, reusedKey };
  } catch (error) {
    // A definite refusal made nothing: the next attempt may start afresh. Anything else (no
    // answer, a time-out, a server error, a cancelled wait) may have made the import: keep the key.
    if (error instanceof ImportServiceError && !mayHaveSucceeded(error)) await store.delete(documentKey);
    throw error;
  }
}

/** Whether a failed submission may still have made the import on the service. */
export function mayHaveSucceeded(error: ImportServiceError): boolean {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500 || error.code === 'bad-response';
}
