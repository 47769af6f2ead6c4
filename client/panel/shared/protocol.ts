/**
 * The import panel's messages, declared once for both sides: the extension host
 * (client/panel/*) and the webview (client/webview/*). Each direction is one discriminated
 * union; both sides validate what they receive with these schemas and drop anything else.
 * No vscode, no Node: this file is bundled into the webview too.
 */
import { z } from 'zod';
import { apiProblemSchema, fieldNameSchema, importNumberSchema } from '../../../core/importApi/common';
import { accountSchema, districtSchema } from '../../../core/importApi/district';
import { conflictResolutionSchema, passwordPolicySchema } from '../../../core/importApi/importRequest';
import {
  importDetailsSchema,
  importRowSchema,
  importSummarySchema,
  previewResponseSchema,
} from '../../../core/importApi/imports';
import type { ImportSnapshot } from '../../../core/protocol/lspProtocol';

export const PANEL_VIEW_TYPE = 'classworks.importPanel';

export const STEPS = ['upload', 'map', 'schools', 'validate', 'actions', 'review', 'history'] as const;
export const stepSchema = z.enum(STEPS);
export type Step = z.infer<typeof stepSchema>;

export const STEP_TITLES: Record<Step, string> = {
  upload: 'Upload',
  map: 'Map Fields',
  schools: 'School Mapping',
  validate: 'Validate',
  actions: 'Additional Actions',
  review: 'Review & Submit',
  history: 'Import History',
};

// ---------------------------------------------------------------------------------------------
// The language server's snapshot of the document (core/protocol/lspProtocol.ts), as a schema.
// ---------------------------------------------------------------------------------------------
const positionSchema = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
export const rangeSchema = z.object({ start: positionSchema, end: positionSchema });
const severitySchema = z.enum(['error', 'warning', 'info']);

export const importSnapshotSchema = z.object({
  uri: z.string(),
  version: z.number().int(),
  linted: z.boolean(),
  configPath: z.string().nullable(),
  config: z.object({
    columns: z.record(z.string(), fieldNameSchema.nullable()).optional(),
    columnOrder: z.array(fieldNameSchema.nullable()).optional(),
    hasHeaderRow: z.union([z.boolean(), z.literal('auto')]).optional(),
    schoolMapping: z.record(z.string(), z.string().nullable()).optional(),
    schools: z.array(z.object({ sisId: z.string(), name: z.string() })).optional(),
  }),
  configErrors: z.array(z.string()),
  hasHeaderRow: z.boolean(),
  unidentified: z.boolean(),
  columns: z.array(
    z.object({
      index: z.number().int().min(0),
      heading: z.string().nullable(),
      field: fieldNameSchema.nullable(),
      how: z.enum(['exact', 'normalized', 'alias', 'config', 'column-order']).nullable(),
      automaticField: fieldNameSchema.nullable(),
      samples: z.array(z.string()),
      masked: z.boolean(),
    }),
  ),
  requiredMissing: z.array(fieldNameSchema),
  duplicates: z.array(z.object({ column: z.number().int(), field: fieldNameSchema, firstColumn: z.number().int() })),
  dataRows: z.number().int().min(0),
  schoolValues: z.array(z.object({ value: z.string(), rows: z.number().int().min(1), firstLine: z.number().int().min(0) })),
  problems: z.array(
    z.object({
      index: z.number().int().min(0),
      code: z.string(),
      severity: severitySchema,
      message: z.string(),
      field: fieldNameSchema.nullable(),
      range: rangeSchema,
      fixTitle: z.string().nullable(),
      suggestionTitles: z.array(z.string()),
    }),
  ),
  problemsTruncated: z.boolean(),
  counts: z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() }),
  hiddenErrors: z
    .object({
      count: z.number().int().min(1),
      problems: z.array(z.object({ code: z.string(), message: z.string(), field: fieldNameSchema.nullable(), range: rangeSchema })),
      settings: z.array(z.object({ code: z.string(), severity: z.enum(['off', 'warning', 'info']), source: z.enum(['settings', 'config']) })),
    })
    .optional(),
}) satisfies z.ZodType<ImportSnapshot>;
export type { ImportSnapshot };
export type SnapshotProblem = ImportSnapshot['problems'][number];
export type SnapshotColumn = ImportSnapshot['columns'][number];

// ---------------------------------------------------------------------------------------------
// The user's choices that are not saved in .classworks.json. The host owns them; the webview
// shows and edits them, and keeps a copy in its state for the panel's restore after a reload.
// ---------------------------------------------------------------------------------------------
export const draftSchema = z.object({
  description: z.string().max(200),
  conflictResolution: conflictResolutionSchema,
  existingPasswords: passwordPolicySchema,
  customGroupId: z.number().int().min(1).nullable(),
  emailStaff: z.boolean(),
  /** The user accepted the warnings of the Validate step. */
  acceptCautions: z.boolean(),
});
export type Draft = z.infer<typeof draftSchema>;

export const DEFAULT_DRAFT: Draft = {
  description: '',
  conflictResolution: 'existing-wins',
  existingPasswords: 'maintain',
  customGroupId: null,
  emailStaff: false,
  acceptCautions: false,
};

// ---------------------------------------------------------------------------------------------
// The panel's state, host -> webview.
// ---------------------------------------------------------------------------------------------
export const TASKS = ['connect', 'mapping', 'fix', 'preview', 'submit', 'history', 'details', 'download'] as const;
export const taskSchema = z.enum(TASKS);
export type Task = z.infer<typeof taskSchema>;

export const taskStateSchema = z.object({
  status: z.enum(['idle', 'running', 'done', 'failed']),
  /** While running: what is happening; failed: what failed; done: what came of it. */
  message: z.string().nullable(),
  /** For a failure: what to do. */
  hint: z.string().nullable(),
  cancellable: z.boolean(),
  /** A failed submission that may be sent again with the same Idempotency-Key. */
  retryable: z.boolean(),
  /** Problems the service reported (file.invalid, district conflicts). */
  problems: z.array(apiProblemSchema),
});
export type TaskState = z.infer<typeof taskStateSchema>;
export const IDLE_TASK: TaskState = { status: 'idle', message: null, hint: null, cancellable: false, retryable: false, problems: [] };

export const connectionStateSchema = z.object({
  status: z.enum(['disconnected', 'connecting', 'connected', 'failed']),
  kind: z.enum(['remote', 'sandbox']).nullable(),
  url: z.string().nullable(),
  account: accountSchema.pick({ name: true, username: true }).nullable(),
  /** For disconnected or failed: why, and what to do. */
  message: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const panelStateSchema = z.object({
  /** The CSV the panel imports; null when opened for the history only. */
  document: z
    .object({
      uri: z.string(),
      fileName: z.string(),
      /** Path shown to the user (relative to the workspace when inside it). */
      displayPath: z.string(),
      dirty: z.boolean(),
      /** Null until the language server has checked the document. */
      snapshot: importSnapshotSchema.nullable(),
    })
    .nullable(),
  connection: connectionStateSchema,
  district: districtSchema.nullable(),
  tasks: z.record(taskSchema, taskStateSchema),
  preview: z
    .object({
      result: previewResponseSchema,
      /** Still describes the file and choices as they are now. */
      current: z.boolean(),
      /** Document version the preview was made for. */
      version: z.number().int(),
    })
    .nullable(),
  submission: z.object({ import: importSummarySchema, replayed: z.boolean() }).nullable(),
  history: z.object({ imports: z.array(importSummarySchema), total: z.number().int(), loadedAt: z.string() }).nullable(),
  details: z
    .object({ import: importDetailsSchema, rows: z.array(importRowSchema), rowsTotal: z.number().int() })
    .nullable(),
  /** Import numbers being watched until they complete. */
  watching: z.array(importNumberSchema),
  /** The user's choices; the host keeps them (a command may submit without the webview). */
  draft: draftSchema,
  /**
   * The `seq` of the last draft message from this webview the host applied. A webview whose
   * own changes are newer keeps them (they are on their way) instead of this draft.
   */
  draftAck: z.number().int().min(0),
});
export type PanelState = z.infer<typeof panelStateSchema>;

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: panelStateSchema }),
  /** A command asked for a step (Submit Import: review; Show Import History: history). */
  z.object({ type: z.literal('showStep'), step: stepSchema }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

// ---------------------------------------------------------------------------------------------
// webview -> host
// ---------------------------------------------------------------------------------------------
const schoolTargetSchema = z.discriminatedUnion('kind', [
  /** Forget the mapping: the value matches the school with exactly that SIS ID, if any. */
  z.object({ kind: z.literal('auto') }),
  z.object({ kind: z.literal('school'), sisId: z.string().min(1) }),
  /** Map the value to no school: those users join the district only. */
  z.object({ kind: z.literal('none') }),
]);
export type SchoolTarget = z.infer<typeof schoolTargetSchema>;

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The handshake: the webview is listening; the host answers with the state. */
  z.object({ type: z.literal('ready') }),
  /** The user changed a choice; `seq` counts the webview's changes (see PanelState.draftAck). */
  z.object({ type: z.literal('draft'), draft: draftSchema, seq: z.number().int().min(1) }),
  z.object({ type: z.literal('setColumn'), index: z.number().int().min(0), field: fieldNameSchema.nullable() }),
  z.object({ type: z.literal('setHeaderRow'), value: z.union([z.boolean(), z.literal('auto')]) }),
  z.object({ type: z.literal('setSchool'), value: z.string(), target: schoolTargetSchema }),
  z.object({ type: z.literal('acceptSchoolSuggestions') }),
  z.object({ type: z.literal('reveal'), range: rangeSchema }),
  z.object({
    type: z.literal('applyFix'),
    version: z.number().int(),
    index: z.number().int().min(0),
    title: z.string().min(1),
  }),
  z.object({ type: z.literal('fixAll') }),
  z.object({ type: z.literal('save') }),
  /** "Treat This File as an Enrollment File" for the panel's document. */
  z.object({ type: z.literal('markFile') }),
  z.object({ type: z.literal('connect') }),
  z.object({ type: z.literal('startSandbox') }),
  z.object({ type: z.literal('disconnect') }),
  z.object({ type: z.literal('preview') }),
  z.object({ type: z.literal('submit') }),
  z.object({ type: z.literal('cancel'), task: taskSchema }),
  z.object({ type: z.literal('loadHistory') }),
  z.object({ type: z.literal('openImport'), number: importNumberSchema }),
  z.object({ type: z.literal('downloadImport'), number: importNumberSchema }),
  /** The webview's Content-Security-Policy blocked something (a bug: reported to the log). */
  z.object({ type: z.literal('cspViolation'), directive: z.string(), blocked: z.string() }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** What the webview keeps with vscode.setState (restored when hidden/shown and after a reload). */
export const webviewStateSchema = z.object({
  step: stepSchema,
  draft: draftSchema,
  /** The import whose details are open in the history. */
  openImport: importNumberSchema.nullable(),
  problemFilter: z.enum(['all', 'error', 'warning', 'info']),
  /** The document the state belongs to: another document starts afresh. */
  documentUri: z.string().nullable(),
  /** The steps the user has shown for this document (the step list ticks only those). */
  visited: z.array(stepSchema).default([]),
});
export type WebviewState = z.infer<typeof webviewStateSchema>;
