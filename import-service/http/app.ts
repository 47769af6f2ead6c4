import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import {
  formatImportNumber,
  IMPORT_FORM_KEYS,
  IMPORT_REQUEST_KEYS,
  importFormToRequest,
  type ImportRequest,
  importRequestSchema,
  type Processing,
  type Role,
} from '../../core/importApi';
import { checkDecodedText } from '../../core/importFile';
import { ApiError } from '../errors';
import { seedProblems } from '../seed';
import type { ImportService } from '../importing/importService';
import { PlanCancelled } from '../importing/planImport';
import type { Logger } from '../log';
import { verifyPassword } from '../passwords';
import type { AccountRecord, AccountStore } from '../store/accountStore';
import type { DistrictStore } from '../store/districtStore';
import type { ImportStore } from '../store/importStore';
import type { UserStore } from '../store/userStore';
import { bodyLimit } from './bodyLimit';
import * as routes from './routes';

export interface AppDeps {
  accounts: AccountStore;
  district: DistrictStore;
  users: UserStore;
  imports: ImportStore;
  importService: ImportService;
  log: Logger;
  maxBodyBytes: number;
  version: string;
  /** When submitted imports are processed: told with the district (GET /district). */
  processing?: Processing;
  /** Stops the service (POST /shutdown); absent unless it was started with --allow-shutdown. */
  shutdown?: () => void;
}

type Env = { Variables: { account: AccountRecord } };

const PUBLIC_PATHS = new Set(['/api/v1/health', '/api/v1/openapi.json']);

/** Edit distance, for "did you mean" on a misspelt key. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/** The message for a key the schema does not have: the allowed keys, and the nearest one. */
export function unknownKeyMessage(key: string, allowed: readonly string[] | undefined): string {
  if (!allowed || allowed.length === 0) return 'is not a known key';
  const best = [...allowed].sort((a, b) => distance(key, a) - distance(key, b))[0] as string;
  const hint = distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? ` Did you mean "${best}"?` : '';
  return `is not a known key (misspelt keys are refused, not ignored).${hint} Allowed: ${allowed.join(', ')}`;
}

function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix = '',
  allowedKeys: (path: string) => readonly string[] | undefined = () => undefined,
): { path: string; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      const inner = issue.path.map(String).join('.');
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: unknownKeyMessage(key, allowedKeys(inner)) }));
    }
    return [{ path: path || '(body)', message: issue.message }];
  });
}

const requestKeys = (path: string) => IMPORT_REQUEST_KEYS[path];
const formKeys = (path: string) => (path === '' ? IMPORT_FORM_KEYS : undefined);

function invalid(details: { path: string; message: string }[], what = 'The request'): ApiError {
  return new ApiError(
    400,
    'request.invalid',
    `${what} does not match the API: ${details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ')}${details.length > 5 ? ` (and ${details.length - 5} more)` : ''}. See /api/v1/openapi.json.`,
    { details },
  );
}

function parseNumber(text: string): number {
  return Number.parseInt(text, 10);
}

function requireRole(c: Context<Env>, role: Role): AccountRecord {
  const account = c.get('account');
  if (account.role !== role) {
    throw new ApiError(
      403,
      'auth.forbidden',
      `Only district administrators may do this; this token belongs to ${account.username}, a ${account.role}.`,
    );
  }
  return account;
}

interface KnownRoute {
  method: string;
  pattern: RegExp;
  /** The media types its body may have (none: it takes no body). */
  bodyTypes: string[];
}

/** Every endpoint of the API (from the route declarations, plus the OpenAPI document). */
const KNOWN_ROUTES: KnownRoute[] = [
  ...Object.values(routes as Record<string, unknown>).flatMap((value) => {
    const route = value as { method?: string; path?: string; request?: { body?: { content?: Record<string, unknown> } } };
    if (typeof route?.method !== 'string' || typeof route.path !== 'string') return [];
    // An import number is digits: /imports/preview is not GET /imports/{number}.
    const pattern = new RegExp(`^${route.path.replace(/\{number\}/g, '\\d+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return [{ method: route.method.toUpperCase(), pattern, bodyTypes: Object.keys(route.request?.body?.content ?? {}) }];
  }),
  { method: 'GET', pattern: /^\/api\/v1\/openapi\.json$/, bodyTypes: [] },
];

function routesAt(pathname: string): KnownRoute[] {
  return KNOWN_ROUTES.filter((r) => r.pattern.test(pathname));
}

/** The media type of a Content-Type header ("application/json; charset=utf-8" → "application/json"). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function acceptsMediaType(accepted: readonly string[], type: string): boolean {
  return accepted.some((a) => a === type || (a === 'application/json' && /^application\/[a-z0-9.-]+\+json$/.test(type)));
}

/** The 415 for a body of a type the endpoint does not take: what it takes, and what came. */
export function unsupportedMediaType(method: string, pathname: string, accepted: readonly string[], received: string): ApiError {
  const sent = received ? `this request sent "Content-Type: ${received}"` : 'this request sent no Content-Type';
  const takes = accepted.includes('multipart/form-data')
    ? `takes an ImportRequest as JSON ("Content-Type: application/json"), or the same as a multipart/form-data form with the CSV in a "file" field (curl -F file=@students.csv)`
    : 'takes a JSON body: send it with "Content-Type: application/json"';
  return new ApiError(415, 'request.unsupported-media-type', `${method} ${pathname} ${takes}; ${sent}. Nothing was written.`);
}

/** The 405 for a method a known path does not take; `allow` goes into the Allow header. */
function methodNotAllowed(method: string, pathname: string, known: readonly KnownRoute[]): ApiError & { allow: string } {
  const methods = [...new Set(known.map((r) => r.method))];
  if (methods.includes('GET')) methods.push('HEAD');
  const allow = methods.sort().join(', ');
  const error = new ApiError(405, 'request.method-not-allowed', `${pathname} does not take ${method}; it takes ${allow}. See /api/v1/openapi.json.`);
  return Object.assign(error, { allow });
}

/**
 * `attachment` with the file's name, safe whatever name was stored (imports submitted before
 * fileName was checked may hold a folder part): a folder part and anything a quoted string or
 * a file system would misread becomes "_"; `filename` is printable ASCII in quotes, and
 * `filename*` (RFC 6266 / RFC 8187) carries the exact name in UTF-8, percent-encoded.
 */
export function contentDisposition(fileName: string): string {
  const plain = fileName.replace(/[\\/\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length)) || 'import.csv';
  const ascii = plain.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(plain).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The HTTP API: every request validated against the schemas in core/importApi. */
export function createApp(deps: AppDeps): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (result.success) return;
      const target = (result as { target?: string }).target;
      const issues = (result.error as z.ZodError).issues;
      if (target === 'header' && issues.some((i) => i.path[0] === 'idempotency-key')) {
        const missing = issues.some((i) => i.path[0] === 'idempotency-key' && i.code === 'invalid_type');
        if (missing) {
          throw new ApiError(
            400,
            'request.idempotency-key-missing',
            'A submission needs an Idempotency-Key header: a new unique value (e.g. a UUID) per import, sent again unchanged on every retry of it.',
          );
        }
      }
      throw invalid(
        describeIssues(
          issues,
          target === 'json' || target === 'form' ? '' : target,
          target === 'json' ? requestKeys : target === 'form' ? formKeys : undefined,
        ),
        target === 'form' ? 'The form' : 'The request',
      );
    },
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token of an account; the sandbox prints its administrator token once and keeps it in <data>/admin-token.',
  });

  app.use('/api/v1/*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new ApiError(401, 'auth.missing-token', 'This API needs a bearer token: send "Authorization: Bearer <token>".');
    }
    const account = deps.accounts.byToken(match[1] as string);
    if (!account) throw new ApiError(401, 'auth.invalid-token', 'The bearer token is not one this service issued (or it was replaced). Check the token.');
    c.set('account', account);
    return next();
  });

  // A wrong method on a known path, and a body of a type the endpoint does not take, are
  // refused before the body is read.
  app.use('/api/v1/*', async (c, next) => {
    const known = routesAt(c.req.path);
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (known.length > 0 && !known.some((r) => r.method === method)) throw methodNotAllowed(c.req.method, c.req.path, known);
    const route = known.find((r) => r.method === method);
    if (route && route.bodyTypes.length > 0) {
      const type = mediaType(c.req.header('content-type'));
      if (!acceptsMediaType(route.bodyTypes, type)) throw unsupportedMediaType(c.req.method, c.req.path, route.bodyTypes, type);
    }
    return next();
  });

  // After authentication: only a known account makes the service read a large body.
  app.use('/api/v1/*', bodyLimit(deps.maxBodyBytes));

  app.onError((error, c) => {
    let apiError: ApiError;
    if (error instanceof ApiError) apiError = error;
    else if (error instanceof HTTPException) {
      if (error.status === 415) {
        const route = routesAt(c.req.path).find((r) => r.method === c.req.method);
        apiError = unsupportedMediaType(c.req.method, c.req.path, route?.bodyTypes ?? ['application/json'], mediaType(c.req.header('content-type')));
      } else if (error.status === 400 && /json/i.test(error.message)) {
        apiError = new ApiError(400, 'request.malformed-json', `The body is not valid JSON (${error.message}). Nothing was written.`);
      } else if (error.status === 413) {
        apiError = new ApiError(413, 'request.too-large', 'The request body is over the size limit.');
      } else {
        apiError = new ApiError(400, 'request.invalid', error.message || 'Bad request.');
      }
    } else {
      deps.log.error(`${c.req.method} ${c.req.path}: ${(error as Error).stack ?? String(error)}`);
      apiError = new ApiError(500, 'internal', 'The service failed on this request; nothing was written. The service log has the details.');
    }
    const response = c.json(apiError.toBody(), apiError.status);
    if (apiError.status === 405 && 'allow' in apiError) response.headers.set('Allow', String(apiError.allow));
    if (apiError.status === 401) response.headers.set('WWW-Authenticate', 'Bearer realm="classworks-import"');
    return response;
  });

  app.notFound((c) => {
    const known = routesAt(c.req.path);
    if (known.length > 0) {
      const error = methodNotAllowed(c.req.method, c.req.path, known);
      const response = c.json(error.toBody(), 405);
      response.headers.set('Allow', error.allow);
      return response;
    }
    return c.json(new ApiError(404, 'not-found', `No such endpoint: ${c.req.method} ${c.req.path}. See /api/v1/openapi.json.`).toBody(), 404);
  });

  /** The ImportRequest of a preview or submission, from JSON or from a multipart form. */
  async function importRequest(c: Context<Env>, valid: { json: unknown; form: unknown }): Promise<ImportRequest> {
    const type = c.req.header('content-type') ?? '';
    let request: ImportRequest | undefined;
    if (/^application\/([a-z.-]+\+)?json/i.test(type)) request = valid.json as ImportRequest;
    else if (/^multipart\/form-data/i.test(type)) {
      const { request: fromForm, errors, notUtf8 } = await importFormToRequest(valid.form as Record<string, unknown>);
      if (notUtf8) {
        throw new ApiError(422, 'file.not-utf8', notUtf8.message, {
          details: [
            notUtf8.encoding === 'binary'
              ? { path: 'file', message: 'not text: a workbook or archive, not a CSV file' }
              : { path: 'file', message: `not UTF-8 (probably ${notUtf8.encoding}); first bad byte on line ${notUtf8.line}` },
          ],
        });
      }
      if (errors.length > 0) throw invalid(errors, 'The form');
      const parsed = importRequestSchema.safeParse(fromForm);
      if (!parsed.success) throw invalid(describeIssues(parsed.error.issues, '', requestKeys), 'The form');
      request = parsed.data;
    }
    if (request) {
      // Text that was decoded lossily before it got here: never store or hash it.
      const damaged = checkDecodedText(request.csv);
      if (damaged) {
        const detail = damaged.binary ? 'not text: a workbook or archive, not a CSV file' : `not UTF-8 text (line ${damaged.line})`;
        throw new ApiError(422, 'file.not-utf8', damaged.message, { details: [{ path: 'csv', message: detail }] });
      }
      return request;
    }
    throw new ApiError(400, 'request.invalid', 'The body is missing: send an ImportRequest as JSON, or a multipart form with the file.');
  }

  function importNumber(text: string): number {
    const number = parseNumber(text);
    if (!deps.imports.summary(number)) {
      throw new ApiError(404, 'import.not-found', `There is no import ${formatImportNumber(number)}. GET /api/v1/imports lists them.`);
    }
    return number;
  }

  app.openapi(routes.healthRoute, (c) =>
    c.json({ status: 'ok' as const, service: 'classworks-import-service', version: deps.version, apiVersion: 'v1' as const }, 200),
  );

  app.openapi(routes.meRoute, (c) => {
    const { id: _id, ...account } = c.get('account');
    return c.json(account, 200);
  });

  app.openapi(routes.createAccountRoute, (c) => {
    requireRole(c, 'district-admin');
    return c.json(deps.accounts.create(c.req.valid('json')), 201);
  });

  app.openapi(routes.districtRoute, (c) => c.json({ ...deps.district.district(), ...(deps.processing ? { processing: deps.processing } : {}) }, 200));

  app.openapi(routes.seedDistrictRoute, async (c) => {
    requireRole(c, 'district-admin');
    const seed = c.req.valid('json');
    // Checked as strictly as a --seed file: unknown keys, one SIS ID for two schools.
    const problems = seedProblems(await c.req.json());
    if (problems.length > 0) throw invalid(problems, 'The district seed');
    const district = deps.district.seed(seed);
    if (seed.admin) deps.accounts.ensureAdmin(seed.admin);
    return c.json(district, 200);
  });

  app.openapi(routes.addSchoolRoute, (c) => {
    requireRole(c, 'district-admin');
    return c.json(deps.district.addSchool(c.req.valid('json')), 201);
  });

  app.openapi(routes.addGroupRoute, (c) => {
    requireRole(c, 'district-admin');
    return c.json(deps.district.addGroup(c.req.valid('json').name), 201);
  });

  app.openapi(routes.listUsersRoute, (c) => {
    requireRole(c, 'district-admin');
    return c.json(deps.users.list(c.req.valid('query')), 200);
  });

  app.openapi(routes.verifyPasswordRoute, async (c) => {
    requireRole(c, 'district-admin');
    const { username, password } = c.req.valid('json');
    const user = deps.users.byUsername(username);
    const matches = user ? await verifyPassword(password, user.passwordHash) : false;
    return c.json({ matches }, 200);
  });

  app.openapi(routes.previewRoute, async (c) => {
    requireRole(c, 'district-admin');
    const request = await importRequest(c, { json: c.req.valid('json'), form: c.req.valid('form') });
    try {
      return c.json(await deps.importService.preview(request, c.req.raw.signal), 200);
    } catch (error) {
      if (!(error instanceof PlanCancelled)) throw error;
      // Nobody is left to answer: the work stops, and the log says so.
      deps.log.info(`preview cancelled: the client closed the connection; planning stopped after ${error.planned} of ${error.total} rows`);
      throw new ApiError(400, 'request.invalid', 'The connection was closed before the preview was ready, so it was stopped. Nothing was written.');
    }
  });

  app.openapi(routes.submitRoute, async (c) => {
    const account = requireRole(c, 'district-admin');
    const key = c.req.valid('header')['idempotency-key'];
    const request = await importRequest(c, { json: c.req.valid('json'), form: c.req.valid('form') });
    const { summary, replayed, passwordsHashed } = await deps.importService.submit(account, key, request);
    if (!replayed) {
      deps.log.info(`import ${summary.number}: submitted, ${summary.expectedCounts.rows} rows, ${passwordsHashed} password${passwordsHashed === 1 ? '' : 's'} hashed (only those the import writes)`);
    }
    c.header('Location', `/api/v1/imports/${summary.number}`);
    if (replayed) {
      c.header('Idempotent-Replayed', 'true');
      return c.json(summary, 200);
    }
    return c.json(summary, 201);
  });

  app.openapi(routes.listImportsRoute, (c) => {
    requireRole(c, 'district-admin');
    const { offset, limit } = c.req.valid('query');
    return c.json(deps.imports.list(offset, limit), 200);
  });

  app.openapi(routes.getImportRoute, (c) => {
    requireRole(c, 'district-admin');
    const number = importNumber(c.req.valid('param').number);
    const details = deps.imports.details(number, (id) => deps.district.group(id)?.name);
    return c.json(details!, 200);
  });

  app.openapi(routes.importRowsRoute, (c) => {
    requireRole(c, 'district-admin');
    const number = importNumber(c.req.valid('param').number);
    return c.json(deps.imports.rows(number, c.req.valid('query')), 200);
  });

  app.openapi(routes.importFileRoute, (c) => {
    requireRole(c, 'district-admin');
    const number = importNumber(c.req.valid('param').number);
    const file = deps.imports.file(number)!;
    return c.body(file.text, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(file.fileName),
    });
  });

  app.openapi(routes.shutdownRoute, (c) => {
    const account = requireRole(c, 'district-admin');
    const shutdown = deps.shutdown;
    if (!shutdown) {
      throw new ApiError(
        403,
        'auth.forbidden',
        'This service was not started with --allow-shutdown, so it cannot be stopped over HTTP: stop its process (SIGTERM, Ctrl+C).',
      );
    }
    deps.log.info(`shutdown requested by ${account.username}`);
    // After the answer has gone out: stopping closes the server.
    setTimeout(shutdown, 50);
    return c.json({ stopping: true as const, pid: process.pid }, 202);
  });

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Classworks import service',
      version: deps.version,
      description:
        'The Classworks bulk user import ("User Data") behind an HTTP API: district, preview, submit, history, details and the file. Every endpoint but /health and this document needs a bearer token; imports need a district administrator. Errors are JSON (components/schemas/Error). See docs/import-api.md.',
    },
    servers: [{ url: '/', description: 'This service' }],
  });

  return app;
}
