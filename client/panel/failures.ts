/**
 * A failed request told the way the panel shows it: what failed, what to do, and whether a
 * retry makes sense. Pure: unit-tested on its own.
 */
import type { ApiProblem } from '../../core/importApi/common';
import { ImportServiceError } from '../../core/importApi/client';
import { mayHaveSucceeded } from './submission';

export interface Failure {
  /** What failed, e.g. "The preview failed: could not reach the import service at …". */
  message: string;
  /** What to do about it. */
  hint: string;
  retryable: boolean;
  problems: ApiProblem[];
}

export interface FailureContext {
  /** e.g. "The preview", "Submitting the import", "Loading the import history". */
  what: string;
  kind: 'remote' | 'sandbox' | null;
  /** The choices are kept: the hint may say so. */
  keepsChoices?: boolean;
}

export function isCancellation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'AbortError' || name === 'CancellationError';
}

export function describeFailure(error: unknown, context: FailureContext): Failure {
  const kept = context.keepsChoices === false ? '' : ' Your choices are kept.';
  if (error instanceof ImportServiceError) {
    const problems = error.problems;
    const base = { problems, retryable: mayHaveSucceeded(error) };
    if (error.status === 0 && error.code === 'network') {
      return {
        ...base,
        message: `${context.what} failed: ${error.message}`,
        hint:
          context.kind === 'sandbox'
            ? `The local sandbox district may have stopped: run "Classworks: Start Local Sandbox District", then try again.${kept}`
            : `Check the network and that the district's import service is running, then try again.${kept}`,
      };
    }
    if (error.status === 401) {
      return { ...base, message: `${context.what} failed: the district did not accept the token (${error.message}).`, hint: 'Run "Classworks: Connect to District" again with a valid administrator token.' };
    }
    if (error.status === 403) {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: "Only district administrators may preview, submit or read imports: connect with an administrator's token." };
    }
    if (error.status === 413) {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: 'Split the file into smaller files, or ask for a larger limit on the service.' };
    }
    if (error.code === 'group.unknown') {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: `Choose another custom group under Additional Actions (the district's list was refreshed).${kept}` };
    }
    if (error.code === 'school-mapping.unknown-school') {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: `Map those values to one of the district's schools under School Mapping.${kept}` };
    }
    if (error.code.startsWith('mapping.')) {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: `Correct the column mapping under Map Fields.${kept}` };
    }
    if (problems.length > 0 || error.code === 'file.invalid' || error.code === 'file.conflicts-with-district') {
      return {
        ...base,
        message: `${context.what} failed: ${error.message}`,
        hint: 'Fix the problems listed (those in the file are also marked in the editor), save, and try again.',
      };
    }
    if (error.code === 'bad-response') {
      return { ...base, message: `${context.what} failed: ${error.message}`, hint: 'Check that the district URL points to a Classworks import service, then try again.' };
    }
    if (error.status >= 500) {
      return { ...base, message: `${context.what} failed: the import service had an error (${error.message}).`, hint: `Try again; if it keeps failing, the service's log says why.${kept}` };
    }
    return { ...base, message: `${context.what} failed: ${error.message}`, hint: `Correct what the message says, then try again.${kept}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { message: `${context.what} failed: the import service did not answer in time.`, hint: `Try again.${kept}`, retryable: true, problems: [] };
  }
  return { message: `${context.what} failed: ${text}`, hint: `Try again.${kept}`, retryable: true, problems: [] };
}
