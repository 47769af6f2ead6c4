import { z } from 'zod';
import { apiProblemSchema, fieldNameSchema, importNumberSchema, problemCountsSchema } from './common';
import { apiSchoolSchema } from './district';
import { columnMappingSchema, importOptionsSchema, IMPORT_TYPE } from './importRequest';

/** Row counts of a preview, of a submission (expected) and of a processed import (actual). */
export const rowCountsSchema = z
  .object({
    rows: z.number().int().meta({ description: 'Data rows in the file.' }),
    create: z.number().int().meta({ description: 'Rows that create a new user (no user has their District ID).' }),
    update: z.number().int().meta({ description: 'Rows that change an existing user.' }),
    unchanged: z.number().int().meta({ description: 'Rows that match an existing user and change nothing.' }),
    conflict: z
      .number()
      .int()
      .meta({ description: 'Rows matching an existing user where a field differs (resolved by the conflict policy); also counted in update or unchanged.' }),
    error: z.number().int().meta({ description: 'Rows that cannot be imported.' }),
    withoutSchool: z.number().int().meta({ description: 'Users who will be in the district without a school.' }),
    addedToGroup: z.number().int().meta({ description: 'Students added to the chosen custom group.' }),
  })
  .meta({ id: 'RowCounts' });
export type RowCounts = z.infer<typeof rowCountsSchema>;

export function emptyRowCounts(): RowCounts {
  return { rows: 0, create: 0, update: 0, unchanged: 0, conflict: 0, error: 0, withoutSchool: 0, addedToGroup: 0 };
}

export const fieldChangeSchema = z
  .object({
    field: fieldNameSchema,
    from: z.string().nullable().meta({ description: 'The existing value (null for Password, which is never shown).' }),
    to: z.string().nullable().meta({ description: 'The new value (null for Password).' }),
  })
  .meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const fieldConflictSchema = z
  .object({
    field: fieldNameSchema,
    fileValue: z.string(),
    existingValue: z.string(),
    kept: z.enum(['imported', 'existing']).meta({ description: 'Which value the user ends up with.' }),
  })
  .meta({ id: 'FieldConflict', description: 'A field whose value in the file differs from the existing user\'s ("Robert" vs "Bob").' });
export type FieldConflict = z.infer<typeof fieldConflictSchema>;

export const rowSchoolSchema = z
  .object({
    value: z.string().meta({ description: 'The School SIS ID in the file.' }),
    sisId: z.string().nullable().meta({ description: 'The school the user is enrolled at; null: the district only.' }),
    name: z.string().nullable(),
  })
  .meta({ id: 'RowSchool' });

export const rowMessageSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'RowMessage' });
export type RowMessage = z.infer<typeof rowMessageSchema>;

const rowIdentity = {
  line: z.number().int().min(1).meta({ description: '1-based line of the row in the file.' }),
  districtId: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  userType: z.enum(['0', '1', '']).meta({ description: '0 student, 1 staff.' }),
  changes: z.array(fieldChangeSchema),
  conflicts: z.array(fieldConflictSchema),
  school: rowSchoolSchema,
  addedToGroup: z.boolean(),
  errors: z.array(rowMessageSchema),
};

export const previewOutcomeSchema = z.enum(['create', 'update', 'unchanged', 'error']).meta({ id: 'PreviewOutcome' });
export type PreviewOutcome = z.infer<typeof previewOutcomeSchema>;

export const rowPreviewSchema = z.object({ ...rowIdentity, outcome: previewOutcomeSchema }).meta({ id: 'RowPreview' });
export type RowPreview = z.infer<typeof rowPreviewSchema>;

export const mappedColumnSchema = z
  .object({
    column: z.number().int().min(1),
    heading: z.string().nullable().meta({ description: 'The heading in the file; null without a header row.' }),
    field: fieldNameSchema.nullable(),
    how: z.enum(['exact', 'normalized', 'alias', 'config', 'column-order']).nullable(),
  })
  .meta({ id: 'MappedColumn' });
export type MappedColumn = z.infer<typeof mappedColumnSchema>;

export const schoolValueSchema = z
  .object({
    value: z.string(),
    rows: z.number().int(),
    sisId: z.string().nullable(),
    name: z.string().nullable(),
    how: z.enum(['mapped', 'exact', 'none']).meta({ description: 'mapped: by schoolMapping; exact: same SIS ID; none: district only.' }),
    suggestion: apiSchoolSchema
      .nullable()
      .meta({ description: 'For a value that leads nowhere: the school it most likely means (spaces, capitals or lost leading zeros).' }),
  })
  .meta({ id: 'SchoolValue', description: 'A distinct School SIS ID value found in the file and where it leads.' });
export type SchoolValue = z.infer<typeof schoolValueSchema>;

export const EXAMPLES_PER_KIND = 10;

export const previewResponseSchema = z
  .object({
    fileName: z.string(),
    description: z.string(),
    type: z.literal(IMPORT_TYPE),
    submittable: z.boolean().meta({ description: 'True when nothing blocks a submission (no errors).' }),
    options: importOptionsSchema
      .optional()
      .meta({ description: 'The options this preview applied (defaults filled in): check them before submitting.' }),
    passwordsOverwritten: z
      .number()
      .int()
      .optional()
      .meta({
        description:
          'With existingPasswords "overwrite": existing users whose password will be set from the file. Not verified against their current password (that would cost a slow scrypt per user), so a password that is already the same is counted too.',
      }),
    mapping: z.object({ hasHeaderRow: z.boolean(), columns: z.array(mappedColumnSchema) }),
    schools: z.array(schoolValueSchema),
    problemCounts: problemCountsSchema,
    problems: z.array(apiProblemSchema).meta({ description: 'File problems (the editor\'s rules) and district conflicts, at most 1000.' }),
    problemsTruncated: z.boolean(),
    counts: rowCountsSchema,
    examples: z
      .object({
        create: z.array(rowPreviewSchema),
        update: z.array(rowPreviewSchema),
        unchanged: z.array(rowPreviewSchema),
        conflict: z.array(rowPreviewSchema),
        error: z.array(rowPreviewSchema),
        withoutSchool: z.array(rowPreviewSchema),
      })
      .meta({ description: `The first ${EXAMPLES_PER_KIND} rows of each kind.` }),
  })
  .meta({ id: 'Preview' });
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

export const IMPORT_STATUSES = ['Scheduled', 'Processing', 'Completed', 'Completed with errors', 'Failed'] as const;
export const importStatusSchema = z.enum(IMPORT_STATUSES).meta({ id: 'ImportStatus' });
export type ImportStatus = z.infer<typeof importStatusSchema>;
export const FINAL_STATUSES: readonly ImportStatus[] = ['Completed', 'Completed with errors', 'Failed'];

export const importSummarySchema = z
  .object({
    number: importNumberSchema,
    description: z.string(),
    type: z.literal(IMPORT_TYPE),
    fileName: z.string(),
    status: importStatusSchema,
    submittedAt: z.string().meta({ description: 'ISO 8601 date-time.' }),
    submittedBy: z.object({ username: z.string(), name: z.string() }),
    scheduledFor: z.string().nullable().meta({ description: 'When processing may start (the next off-peak window), while Scheduled.' }),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable().meta({ description: 'The Complete Date of the import history.' }),
    expectedCounts: rowCountsSchema.meta({ description: 'What the submission was expected to do (its preview).' }),
    counts: rowCountsSchema.nullable().meta({ description: 'What processing did; null until it has run.' }),
    failureReasons: z.array(z.string()),
    options: importOptionsSchema.optional().meta({ description: 'The options the import applies (defaults filled in).' }),
  })
  .meta({ id: 'ImportSummary' });
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importListSchema = z
  .object({ total: z.number().int(), imports: z.array(importSummarySchema) })
  .meta({ id: 'ImportList' });
export type ImportList = z.infer<typeof importListSchema>;

export const importDetailsSchema = importSummarySchema
  .extend({
    options: importOptionsSchema,
    mapping: columnMappingSchema,
    schoolMapping: z.record(z.string(), z.string().nullable()),
    customGroup: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    problems: z.array(apiProblemSchema).meta({ description: 'The warnings and notes accepted at submission.' }),
    attempts: z.number().int().meta({ description: 'How many times processing started (more than 1 after an interruption).' }),
  })
  .meta({ id: 'ImportDetails' });
export type ImportDetails = z.infer<typeof importDetailsSchema>;

export const rowOutcomeSchema = z
  .enum(['pending', 'created', 'updated', 'unchanged', 'error', 'not-applied'])
  .meta({ id: 'RowOutcome', description: 'pending until the import is processed; not-applied when the import Failed (none of its rows was applied).' });
export type RowOutcome = z.infer<typeof rowOutcomeSchema>;

export const importRowSchema = z
  .object({
    ...rowIdentity,
    outcome: rowOutcomeSchema,
    warnings: z.array(rowMessageSchema).meta({ description: 'Warnings the file had on this row, accepted at submission.' }),
    loginEmail: z.boolean().meta({ description: 'A login e-mail was queued for this (staff) user.' }),
  })
  .meta({ id: 'ImportRow' });
export type ImportRow = z.infer<typeof importRowSchema>;

export const importRowsPageSchema = z
  .object({ total: z.number().int(), offset: z.number().int(), rows: z.array(importRowSchema) })
  .meta({ id: 'ImportRows' });
export type ImportRowsPage = z.infer<typeof importRowsPageSchema>;

export const districtUserSchema = z
  .object({
    districtId: z.string(),
    fields: z
      .record(z.string(), z.string())
      .meta({ description: 'Field name → value for every field the user has (never Password).' }),
    schoolSisId: z.string().nullable(),
    groups: z.array(z.number().int()),
    createdByImport: importNumberSchema.nullable(),
    updatedByImport: importNumberSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DistrictUser' });
export type DistrictUser = z.infer<typeof districtUserSchema>;

export const districtUsersPageSchema = z
  .object({ total: z.number().int(), offset: z.number().int(), users: z.array(districtUserSchema) })
  .meta({ id: 'DistrictUsers' });
export type DistrictUsersPage = z.infer<typeof districtUsersPageSchema>;

export const verifyPasswordRequestSchema = z
  .object({ username: z.string().min(1), password: z.string().min(1) })
  .meta({ id: 'VerifyPasswordRequest' });
export const verifyPasswordResponseSchema = z
  .object({ matches: z.boolean() })
  .meta({ id: 'VerifyPasswordResponse', description: 'Whether the password is the user\'s current one; false for an unknown username too.' });
