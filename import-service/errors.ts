import type { ApiProblem, ErrorBody, ErrorCode, ApiProblemCounts } from '../core/importApi';

/** A refusal the API reports as JSON (see ErrorBody); thrown before anything is written. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 500,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      details?: { path: string; message: string }[];
      problems?: ApiProblem[];
      problemCounts?: ApiProblemCounts;
      problemsTruncated?: boolean;
    } = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { status: this.status, code: this.code, message: this.message, ...this.extra } };
  }
}
