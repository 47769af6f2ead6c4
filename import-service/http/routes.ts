import { createRoute, z } from '@hono/zod-openapi';
import {
  accountSchema,
  apiSchoolSchema,
  districtSchema,
  districtSeedSchema,
  districtUsersPageSchema,
  errorBodySchema,
  groupSchema,
  healthSchema,
  importDetailsSchema,
  importFormSchema,
  importListSchema,
  importRequestSchema,
  importRowsPageSchema,
  importSummarySchema,
  newAccountResponseSchema,
  newAccountSchema,
  newGroupSchema,
  previewResponseSchema,
  rowOutcomeSchema,
  shutdownResponseSchema,
  verifyPasswordRequestSchema,
  verifyPasswordResponseSchema,
} from '../../core/importApi';

/**
 * The API's routes, each with the schemas (declared once, in core/importApi) that validate its
 * request and describe its answers. /api/v1/openapi.json is generated from these.
 */

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(errorBodySchema, description);
const secured = [{ bearerAuth: [] as string[] }];
const authErrors = {
  401: error('No bearer token, or one the service does not know.'),
  403: error('The token\'s account is not a district administrator.'),
};

const importNumberParam = z.object({
  number: z
    .string()
    .regex(/^\d{1,9}$/, 'an import number is digits, e.g. 00001')
    .meta({ param: { name: 'number', in: 'path' }, example: '00001' }),
});
const page = {
  offset: z.coerce.number().int().min(0).default(0).meta({ param: { name: 'offset', in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(1000).default(100).meta({ param: { name: 'limit', in: 'query' } }),
};
const importBody = {
  content: {
    'application/json': { schema: importRequestSchema },
    'multipart/form-data': { schema: importFormSchema },
  },
  description: 'JSON (ImportRequest), or the same as a multipart form so curl can upload the file.',
};

export const healthRoute = createRoute({
  method: 'get',
  path: '/api/v1/health',
  summary: 'Whether the service is up (no token needed).',
  tags: ['Service'],
  responses: { 200: json(healthSchema, 'Up.') },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'The account the token belongs to.',
  tags: ['Access'],
  security: secured,
  responses: { 200: json(accountSchema, 'The account.'), 401: authErrors[401] },
});

export const createAccountRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts',
  summary: 'Adds an account with a role and returns its token (once).',
  tags: ['Access'],
  security: secured,
  request: { body: { ...json(newAccountSchema, 'The account.'), required: true } },
  responses: {
    201: json(newAccountResponseSchema, 'Created; the token is shown this once.'),
    400: error('Malformed or invalid body.'),
    ...authErrors,
    409: error('The username is taken.'),
  },
});

export const districtRoute = createRoute({
  method: 'get',
  path: '/api/v1/district',
  summary: "The district: its name, schools and custom groups (any role).",
  tags: ['District'],
  security: secured,
  responses: { 200: json(districtSchema, 'The district.'), 401: authErrors[401] },
});

export const seedDistrictRoute = createRoute({
  method: 'post',
  path: '/api/v1/district/seed',
  summary: 'Merges a district JSON or a .classworks.json into the district (schools by SIS ID, groups by name).',
  tags: ['District'],
  security: secured,
  request: { body: { ...json(districtSeedSchema, 'A district seed, or the contents of a .classworks.json.'), required: true } },
  responses: { 200: json(districtSchema, 'The district after the merge.'), 400: error('Malformed or invalid body.'), ...authErrors },
});

export const addSchoolRoute = createRoute({
  method: 'post',
  path: '/api/v1/district/schools',
  summary: 'Adds a school.',
  tags: ['District'],
  security: secured,
  request: { body: { ...json(apiSchoolSchema, 'The school.'), required: true } },
  responses: {
    201: json(apiSchoolSchema, 'Added.'),
    400: error('Malformed or invalid body.'),
    ...authErrors,
    409: error('A school with this SIS ID exists.'),
  },
});

export const addGroupRoute = createRoute({
  method: 'post',
  path: '/api/v1/district/groups',
  summary: 'Adds a custom group.',
  tags: ['District'],
  security: secured,
  request: { body: { ...json(newGroupSchema, 'The group.'), required: true } },
  responses: {
    201: json(groupSchema, 'Added.'),
    400: error('Malformed or invalid body.'),
    ...authErrors,
    409: error('A group with this name exists.'),
  },
});

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/v1/district/users',
  summary: "The district's users (never their passwords).",
  tags: ['District'],
  security: secured,
  request: {
    query: z.object({ districtId: z.string().optional().meta({ param: { name: 'districtId', in: 'query' } }), ...page }),
  },
  responses: { 200: json(districtUsersPageSchema, 'A page of users.'), 400: error('Bad query.'), ...authErrors },
});

export const verifyPasswordRoute = createRoute({
  method: 'post',
  path: '/api/v1/district/users/verify-password',
  summary: "Checks whether a password is a user's current one (help-desk check; the password is never stored or logged).",
  tags: ['District'],
  security: secured,
  request: { body: { ...json(verifyPasswordRequestSchema, 'Username and password.'), required: true } },
  responses: { 200: json(verifyPasswordResponseSchema, 'Whether it matches.'), 400: error('Malformed or invalid body.'), ...authErrors },
});

const importRequestErrors = {
  400: error('Malformed JSON, or a body that does not match ImportRequest.'),
  ...authErrors,
  413: error('The body is over the size limit.'),
  415: error('Neither JSON nor a multipart form.'),
  422: error(
    'The request cannot be carried out: a mapping naming a column the file lacks or leaving a required field unmapped, an unknown custom group or school, an empty file; for a submission also a file with errors (file.invalid, with the problems) or rows that clash with other users (file.conflicts-with-district), or an Idempotency-Key reused with a different request.',
  ),
};

export const previewRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports/preview',
  summary: 'Dry run: what submitting this request would do. Writes nothing.',
  tags: ['Imports'],
  security: secured,
  request: { body: importBody },
  responses: { 200: json(previewResponseSchema, 'The preview (also when the file has errors: see submittable and problems).'), ...importRequestErrors },
});

export const submitRoute = createRoute({
  method: 'post',
  path: '/api/v1/imports',
  summary: 'Submits an import; it is Scheduled and processed in the off-peak window (or at once with --process-now).',
  tags: ['Imports'],
  security: secured,
  request: {
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(255)
        .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
        .meta({
          param: { name: 'idempotency-key', in: 'header' },
          description: 'Required. One key per intended import (e.g. a UUID); retries send the same key and get the same import.',
          example: '5f0c6a64-2d4e-4f55-9b8e-1f7c0c1e6a11',
        }),
    }),
    body: importBody,
  },
  responses: {
    201: json(importSummarySchema, 'Submitted: the import number, status Scheduled.'),
    200: json(importSummarySchema, 'The key was used before with the same request: that import (header Idempotent-Replayed: true).'),
    ...importRequestErrors,
  },
});

export const listImportsRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports',
  summary: 'The import history, newest first.',
  tags: ['Imports'],
  security: secured,
  request: { query: z.object(page) },
  responses: { 200: json(importListSchema, 'A page of the history.'), 400: error('Bad query.'), ...authErrors },
});

export const getImportRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/{number}',
  summary: "One import's details.",
  tags: ['Imports'],
  security: secured,
  request: { params: importNumberParam },
  responses: { 200: json(importDetailsSchema, 'The import.'), 400: error('Not an import number.'), ...authErrors, 404: error('No such import.') },
});

export const importRowsRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/{number}/rows',
  summary: "Each row's outcome, errors and warnings.",
  tags: ['Imports'],
  security: secured,
  request: {
    params: importNumberParam,
    query: z.object({ outcome: rowOutcomeSchema.optional().meta({ param: { name: 'outcome', in: 'query' } }), ...page }),
  },
  responses: { 200: json(importRowsPageSchema, 'A page of rows.'), 400: error('Bad query.'), ...authErrors, 404: error('No such import.') },
});

export const importFileRoute = createRoute({
  method: 'get',
  path: '/api/v1/imports/{number}/file',
  summary: 'The imported file again, with its Password cells emptied (passwords are never kept).',
  tags: ['Imports'],
  security: secured,
  request: { params: importNumberParam },
  responses: {
    200: { content: { 'text/csv': { schema: z.string() } }, description: 'The CSV file (attachment).' },
    400: error('Not an import number.'),
    ...authErrors,
    404: error('No such import.'),
  },
});

export const shutdownRoute = createRoute({
  method: 'post',
  path: '/api/v1/shutdown',
  summary: 'Stops the service (a district administrator; only when it was started with --allow-shutdown, as the editor starts a local sandbox).',
  tags: ['Service'],
  security: secured,
  responses: {
    202: json(shutdownResponseSchema, 'Stopping, as on SIGTERM, once this answer is sent.'),
    ...authErrors,
  },
});
