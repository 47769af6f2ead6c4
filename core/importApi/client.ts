import type { z } from 'zod';
import { type ErrorBody, type ErrorCode, errorBodySchema, type ApiProblem, type ApiProblemCounts } from './common';
import {
  type Account,
  accountSchema,
  type District,
  type DistrictSeed,
  districtSchema,
  type Group,
  groupSchema,
  type Health,
  healthSchema,
  type ApiSchool,
  apiSchoolSchema,
  type NewAccount,
  type NewAccountResponse,
  newAccountResponseSchema,
  type ShutdownResponse,
  shutdownResponseSchema,
} from './district';
import type { ImportRequestInput } from './importRequest';
import {
  type DistrictUsersPage,
  districtUsersPageSchema,
  FINAL_STATUSES,
  type ImportDetails,
  importDetailsSchema,
  type ImportList,
  importListSchema,
  type ImportRowsPage,
  importRowsPageSchema,
  type ImportStatus,
  type ImportSummary,
  importSummarySchema,
  type PreviewResponse,
  previewResponseSchema,
  type RowOutcome,
  verifyPasswordResponseSchema,
} from './imports';

/** A failed call: the service's error (status, code, message, problems) or a transport failure. */
export class ImportServiceError extends Error {
  override readonly name = 'ImportServiceError';
  constructor(
    message: string,
    /** HTTP status; 0 when the service could not be reached or answered nonsense. */
    readonly status: number,
    readonly code: ErrorCode | 'network' | 'timeout' | 'bad-response',
    readonly body?: ErrorBody,
    /** For code 'network': the underlying error's code (e.g. UND_ERR_HEADERS_TIMEOUT, ECONNREFUSED). */
    readonly causeCode?: string,
  ) {
    super(message);
  }

  get problems(): ApiProblem[] {
    return this.body?.error.problems ?? [];
  }

  /** For a refused file: how many problems it has of each severity (exact, also when `problems` is cut short). */
  get problemCounts(): ApiProblemCounts | undefined {
    return this.body?.error.problemCounts;
  }

  /** For a refused file: whether it has more problems than `problems` lists (at most 1000). */
  get problemsTruncated(): boolean {
    return this.body?.error.problemsTruncated ?? false;
  }
}

export interface ImportServiceClientOptions {
  /** e.g. http://127.0.0.1:7412 (with or without a trailing slash; /api/v1 is added). */
  baseUrl: string;
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * How many times submit() sends the request again, with the same Idempotency-Key, when the
   * answer is lost to a timeout or a dropped connection (default 3). A large file can take the
   * service minutes to hash; Node's fetch gives up waiting for the headers after 300 s. The
   * retry is safe: the service waits for the first request with that key and answers its import.
   */
  submitRetries?: number;
}

/** Errors of a request that may have reached the service: its answer was lost, not refused. */
const LOST_ANSWER_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SubmitResult {
  import: ImportSummary;
  /** True when the Idempotency-Key had been used already: this is the import it made then. */
  replayed: boolean;
}

/** A typed client for the import service's API (no vscode; fetch only). */
export class ImportServiceClient {
  private readonly base: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;
  private readonly submitRetries: number;

  constructor(options: ImportServiceClientOptions) {
    this.submitRetries = options.submitRetries ?? 3;
    this.base = options.baseUrl.replace(/\/+$/, '') + '/api/v1';
    this.token = options.token;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  health(o?: CallOptions): Promise<Health> {
    return this.json('GET', '/health', healthSchema, o);
  }

  /** Stops the service: a local sandbox started with --allow-shutdown (403 otherwise). */
  shutdown(o?: CallOptions): Promise<ShutdownResponse> {
    return this.json('POST', '/shutdown', shutdownResponseSchema, o);
  }

  me(o?: CallOptions): Promise<Account> {
    return this.json('GET', '/me', accountSchema, o);
  }

  getDistrict(o?: CallOptions): Promise<District> {
    return this.json('GET', '/district', districtSchema, o);
  }

  seedDistrict(seed: DistrictSeed, o?: CallOptions): Promise<District> {
    return this.json('POST', '/district/seed', districtSchema, o, seed);
  }

  addSchool(school: ApiSchool, o?: CallOptions): Promise<ApiSchool> {
    return this.json('POST', '/district/schools', apiSchoolSchema, o, school);
  }

  addGroup(name: string, o?: CallOptions): Promise<Group> {
    return this.json('POST', '/district/groups', groupSchema, o, { name });
  }

  createAccount(account: NewAccount, o?: CallOptions): Promise<NewAccountResponse> {
    return this.json('POST', '/accounts', newAccountResponseSchema, o, account);
  }

  listUsers(query: { districtId?: string; offset?: number; limit?: number } = {}, o?: CallOptions): Promise<DistrictUsersPage> {
    return this.json('GET', `/district/users${queryString(query)}`, districtUsersPageSchema, o);
  }

  async verifyPassword(username: string, password: string, o?: CallOptions): Promise<boolean> {
    const r = await this.json('POST', '/district/users/verify-password', verifyPasswordResponseSchema, o, { username, password });
    return r.matches;
  }

  /** The dry run: what a submission of this request would do. Writes nothing. */
  preview(request: ImportRequestInput, o?: CallOptions): Promise<PreviewResponse> {
    return this.json('POST', '/imports/preview', previewResponseSchema, o, request);
  }

  /**
   * Submits an import. Use one idempotency key per import the user means to make (e.g. a
   * UUID made when they press Submit) and send it again on every retry: the service never
   * makes a second import for it.
   */
  async submit(request: ImportRequestInput, idempotencyKey: string, o?: CallOptions): Promise<SubmitResult> {
    let response: Response;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await this.send('POST', '/imports', o, request, { 'Idempotency-Key': idempotencyKey });
        break;
      } catch (error) {
        // The answer was lost (e.g. the 300 s headers timeout of a long submission): ask again with the same key.
        const lost = error instanceof ImportServiceError && error.code === 'network' && LOST_ANSWER_CODES.has(error.causeCode ?? '');
        if (!lost || attempt >= this.submitRetries || o?.signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** attempt)));
      }
    }
    const summary = await this.parse(response, importSummarySchema);
    return { import: summary, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
  }

  listImports(query: { offset?: number; limit?: number } = {}, o?: CallOptions): Promise<ImportList> {
    return this.json('GET', `/imports${queryString(query)}`, importListSchema, o);
  }

  getImport(number: string, o?: CallOptions): Promise<ImportDetails> {
    return this.json('GET', `/imports/${encodeURIComponent(number)}`, importDetailsSchema, o);
  }

  getImportRows(
    number: string,
    query: { outcome?: RowOutcome; offset?: number; limit?: number } = {},
    o?: CallOptions,
  ): Promise<ImportRowsPage> {
    return this.json('GET', `/imports/${encodeURIComponent(number)}/rows${queryString(query)}`, importRowsPageSchema, o);
  }

  /** The imported file again (its Password cells emptied: passwords are never kept). */
  async downloadImportFile(number: string, o?: CallOptions): Promise<{ fileName: string; text: string }> {
    const response = await this.send('GET', `/imports/${encodeURIComponent(number)}/file`, o);
    if (!response.ok) await this.fail(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="([^"]*)"/i.exec(disposition);
    return { fileName: match?.[1] ? decodeURIComponent(match[1]) : `import-${number}.csv`, text: await response.text() };
  }

  async openApiDocument(o?: CallOptions): Promise<Record<string, unknown>> {
    const response = await this.send('GET', '/openapi.json', o);
    if (!response.ok) await this.fail(response);
    return (await response.json()) as Record<string, unknown>;
  }

  /**
   * Polls an import until its status is final (or one of `until`), with a deadline.
   * `onStatus` is told each status seen.
   */
  async waitForImport(
    number: string,
    options: { until?: readonly ImportStatus[]; timeoutMs?: number; intervalMs?: number; signal?: AbortSignal; onStatus?: (s: ImportStatus) => void } = {},
  ): Promise<ImportDetails> {
    const until = options.until ?? FINAL_STATUSES;
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const interval = options.intervalMs ?? 250;
    for (;;) {
      const details = await this.getImport(number, { signal: options.signal });
      options.onStatus?.(details.status);
      if (until.includes(details.status)) return details;
      if (Date.now() > deadline) {
        throw new ImportServiceError(`Import ${number} is still ${details.status} after the deadline.`, 0, 'timeout');
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, interval);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(options.signal?.reason ?? new Error('aborted'));
        }, { once: true });
      });
    }
  }

  // ---- internals ----

  private async json<S extends z.ZodType>(method: string, path: string, schema: S, o?: CallOptions, body?: unknown): Promise<z.infer<S>> {
    const response = await this.send(method, path, o, body);
    return this.parse(response, schema);
  }

  private async send(method: string, path: string, o?: CallOptions, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: o?.signal,
    };
    try {
      return await this.fetchImpl(this.base + path, init);
    } catch (error) {
      if (o?.signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
      throw new ImportServiceError(
        `Could not reach the import service at ${this.base}: ${(error as Error).message}${causeCode ? ` (${causeCode})` : ''}. Check that it is running and the URL is right.`,
        0,
        'network',
        undefined,
        causeCode,
      );
    }
  }

  private async parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
    if (!response.ok) await this.fail(response);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ImportServiceError(`The import service answered ${response.status} with a body that is not JSON.`, response.status, 'bad-response');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ImportServiceError(
        `The import service's answer does not match the API (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
        response.status,
        'bad-response',
      );
    }
    return parsed.data;
  }

  private async fail(response: Response): Promise<never> {
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) {
      throw new ImportServiceError(parsed.data.error.message, response.status, parsed.data.error.code, parsed.data);
    }
    throw new ImportServiceError(`The import service answered ${response.status} ${response.statusText}.`, response.status, 'bad-response');
  }
}

function queryString(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string | number][];
  if (entries.length === 0) return '';
  return '?' + entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}
