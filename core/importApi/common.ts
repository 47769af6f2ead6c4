import { z } from 'zod';
import { ALL_FIELDS, type FieldName } from '../fields';

/**
 * Schemas shared by the import service and its clients. Each is declared once, here; the
 * service validates every request with them and generates its OpenAPI document from them
 * (a `meta({ id })` becomes a named component), and the typed client parses every answer
 * with them.
 */

export const fieldNameSchema = z
  .enum(ALL_FIELDS as unknown as [FieldName, ...FieldName[]])
  .meta({ id: 'FieldName', description: 'A Classworks user-import field, as the rulebook names it.' });

/** "00001": the import number, zero-padded to at least five digits. */
export const importNumberSchema = z
  .string()
  .regex(/^\d{5,}$/)
  .meta({ id: 'ImportNumber', description: 'Import number, zero-padded to five digits.', example: '00001' });

export const severitySchema = z.enum(['error', 'warning', 'info']);

/** One problem found in the file, with the same rule code the editor and the CLI show. */
export const apiProblemSchema = z
  .object({
    code: z.string().meta({ description: 'Rule code, e.g. `name.invalid-character` (an anchor in docs/rules.md).' }),
    severity: severitySchema,
    message: z.string(),
    line: z.number().int().min(1).meta({ description: '1-based line of the start.' }),
    column: z.number().int().min(1).meta({ description: '1-based column (UTF-16 code units) of the start.' }),
    endLine: z.number().int().min(1),
    endColumn: z.number().int().min(1),
    field: fieldNameSchema.nullable(),
  })
  .meta({ id: 'Problem' });
export type ApiProblem = z.infer<typeof apiProblemSchema>;

/** How many problems of each severity (exact, also when the list of problems is cut short). */
export const problemCountsSchema = z
  .object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() })
  .meta({ id: 'ProblemCounts' });
export type ApiProblemCounts = z.infer<typeof problemCountsSchema>;

/** At most this many problems are listed in a preview or a refusal (the counts stay exact). */
export const MAX_LISTED_PROBLEMS = 1000;

export const errorCodeSchema = z.enum([
  'request.malformed-json',
  'request.invalid',
  'request.method-not-allowed',
  'request.too-large',
  'request.unsupported-media-type',
  'request.idempotency-key-missing',
  'auth.missing-token',
  'auth.invalid-token',
  'auth.forbidden',
  'not-found',
  'import.not-found',
  'school.exists',
  'group.exists',
  'account.exists',
  'idempotency.key-reused',
  'file.empty',
  'file.not-utf8',
  'file.invalid',
  'file.conflicts-with-district',
  'mapping.unknown-column',
  'mapping.required-unmapped',
  'mapping.duplicate-field',
  'school-mapping.unknown-school',
  'group.unknown',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Every 4xx/5xx answer has this body; nothing was written. */
export const errorBodySchema = z
  .object({
    error: z.object({
      status: z.number().int(),
      code: errorCodeSchema,
      message: z.string().meta({ description: 'What is wrong and what to do, in a sentence or two.' }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'For request.invalid and mapping errors: each offending part of the request.' }),
      problems: z
        .array(apiProblemSchema)
        .optional()
        .meta({
          description:
            'For file.invalid and file.conflicts-with-district: the problems of the file, in line order, at most 1000 (the errors first chosen when there are more; see problemsTruncated).',
        }),
      problemCounts: problemCountsSchema
        .optional()
        .meta({ description: 'With problems: how many the file has of each severity, exact even when the list is cut short.' }),
      problemsTruncated: z
        .boolean()
        .optional()
        .meta({ description: 'With problems: true when the file has more problems than are listed (see problemCounts for all).' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function formatImportNumber(n: number): string {
  return String(n).padStart(5, '0');
}
