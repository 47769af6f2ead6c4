import { z } from 'zod';
import { decodeUpload } from '../importFile/decodeUpload';
import { fieldNameSchema } from './common';

export const IMPORT_TYPE = 'User Data' as const;

/**
 * How file columns map to Classworks fields: the same keys as `.classworks.json`, so the
 * panel sends what it saved beside the file. Headings not named here are matched
 * automatically (Classworks' own headings and common SIS aliases, as in the editor).
 */
export const columnMappingSchema = z
  .object({
    hasHeaderRow: z
      .union([z.boolean(), z.literal('auto')])
      .optional()
      .meta({ description: 'Whether the first row holds headings; "auto" (default) recognises it.' }),
    columns: z
      .record(z.string(), fieldNameSchema.nullable())
      .optional()
      .meta({
        description: 'File heading → Classworks field (null ignores the column). Every heading named must be in the file.',
        example: { 'Student Number': 'District ID', Building: 'School SIS ID' },
      }),
    columnOrder: z
      .array(fieldNameSchema.nullable())
      .optional()
      .meta({ description: 'For a file without a header row: the field of each column, in order (null skips a column).' }),
  })
  .strict()
  .meta({ id: 'ColumnMapping', description: 'Unknown keys are refused (400 request.invalid), so a misspelt key cannot be ignored silently.' });
export type ColumnMappingInput = z.infer<typeof columnMappingSchema>;

export const conflictResolutionSchema = z
  .enum(['imported-wins', 'existing-wins'])
  .meta({
    id: 'ConflictResolution',
    description:
      'When a row matches an existing user (same District ID) and a field differs: "imported-wins" replaces the existing value with the file\'s, "existing-wins" keeps the existing value.',
  });
export type ConflictResolution = z.infer<typeof conflictResolutionSchema>;

export const passwordPolicySchema = z
  .enum(['maintain', 'overwrite'])
  .meta({
    id: 'ExistingPasswords',
    description: 'Existing users\' passwords: "maintain" keeps them, "overwrite" sets the file\'s. New users always get the file\'s.',
  });
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const importOptionsSchema = z
  .object({
    conflictResolution: conflictResolutionSchema.default('existing-wins'),
    existingPasswords: passwordPolicySchema.default('maintain'),
    customGroupId: z
      .number()
      .int()
      .min(1)
      .nullable()
      .default(null)
      .meta({ description: 'An existing custom group to add the file\'s students (User Type 0) to; null for none.' }),
    emailStaff: z
      .boolean()
      .default(false)
      .meta({ description: 'E-mail each staff user (User Type 1) in the file their login information (username and how to sign in; never a password).' }),
  })
  .strict()
  .meta({ id: 'ImportOptions', description: 'Unknown keys are refused (400 request.invalid): a misspelt option would otherwise run the import with the default policy.' });
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const FORBIDDEN = /[<>:"|?*]/;

/**
 * Why a file name cannot be an import's `fileName`, or undefined. The name is kept and given
 * back as the downloaded file's name, so it must be a plain file name on every system: a
 * folder part (`../../x.csv`, `a/b.csv`, `..\\x.csv`) could make a client write outside its folder.
 */
export function fileNameProblem(name: string): string | undefined {
  const usable = (candidate: string) => (/^[^.].*\.csv$/i.test(candidate) && fileNameProblem(candidate) === undefined ? candidate : 'students.csv');
  // No final full stop: the API puts the message in its own sentence ("fileName: …. See …").
  const send = (suggestion: string) => `Send another name, e.g. "${usable(suggestion)}"`;
  const separator = /[\\/]/.exec(name)?.[0];
  if (separator) {
    const base = name.split(/[\\/]/).pop() ?? '';
    return `"${name}" has a folder part ("${separator}"): a file name cannot hold / or \\, because a client saving the file under this name could write outside its folder. Send only the file's own name, e.g. "${usable(base)}"`;
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) return `The file name has a control character (e.g. a line break or tab), which no file name may hold. ${send('students.csv')}`;
  const forbidden = FORBIDDEN.exec(name)?.[0];
  if (forbidden) {
    return `"${name}" holds "${forbidden}", which file names cannot hold on Windows (nor any of < > : " | ? *). ${send(name.replace(/[<>:"|?*]/g, '_'))}`;
  }
  if (name.startsWith('.')) {
    return /^\.csv$/i.test(name)
      ? `".csv" has no name before the ".csv". ${send('students.csv')}`
      : `"${name}" starts with a dot, which hides the file on macOS and Linux ("." and ".." also name folders). ${send(name.replace(/^\.+/, ''))}`;
  }
  const stem = name.split('.')[0] ?? '';
  if (WINDOWS_DEVICE.test(stem.trim())) {
    return `"${name}" is named after the Windows device ${stem.trim().toUpperCase()}, so no file can have this name on Windows. ${send(`${stem.trim()}-students.csv`)}`;
  }
  return undefined;
}

/** A preview (dry run) and a submission take the same body. */
export const importRequestSchema = z
  .object({
    type: z.literal(IMPORT_TYPE).default(IMPORT_TYPE).meta({ description: 'The import type; only "User Data".' }),
    description: z
      .string()
      .trim()
      .max(200)
      .default('')
      .meta({ description: 'Shown in the import history.', example: 'First Street ES Student File' }),
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/\.[cC][sS][vV]$/, 'must be a .csv file name')
      .superRefine((name, ctx) => {
        const problem = fileNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .meta({
        description:
          'The file\'s own name, ending in .csv: no folder (no / or \\), not starting with a dot, none of the characters < > : " | ? * or control characters, and not a Windows device name (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9). It is shown in the import history and given back when the file is downloaded.',
        example: 'students.csv',
      }),
    csv: z.string().meta({
      description:
        'The whole CSV file as text (UTF-8; a BOM is accepted). Text with U+FFFD or NUL characters (a file that was not UTF-8, decoded lossily) is refused with 422 file.not-utf8; an empty file with 422 file.empty.',
    }),
    mapping: columnMappingSchema.default({}),
    schoolMapping: z
      .record(z.string(), z.string().nullable())
      .default({})
      .meta({
        description:
          'School SIS ID value found in the file → the SIS ID of one of the district\'s schools (null: the users join the district without a school). Values not listed map to the school with exactly that SIS ID, if any.',
        example: { '123': '00123' },
      }),
    options: importOptionsSchema.default({
      conflictResolution: 'existing-wins',
      existingPasswords: 'maintain',
      customGroupId: null,
      emailStaff: false,
    }),
  })
  .strict()
  .meta({ id: 'ImportRequest', description: 'Unknown keys are refused (400 request.invalid).' });
export type ImportRequest = z.infer<typeof importRequestSchema>;
export type ImportRequestInput = z.input<typeof importRequestSchema>;

/**
 * The same request as multipart/form-data, so that curl alone can send a file:
 * `-F file=@students.csv -F description=... -F conflictResolution=imported-wins`.
 * `columns`, `columnOrder` and `schoolMapping` are JSON text.
 */
export const importFormSchema = z
  .object({
    file: z.any().meta({ type: 'string', format: 'binary', description: 'The CSV file.' }),
    fileName: z.string().optional().meta({ description: 'Defaults to the uploaded file\'s name.' }),
    type: z.string().optional(),
    description: z.string().optional(),
    hasHeaderRow: z.enum(['true', 'false', 'auto']).optional(),
    columns: z.string().optional().meta({ description: 'JSON object: heading → field.' }),
    columnOrder: z.string().optional().meta({ description: 'JSON array of fields.' }),
    schoolMapping: z.string().optional().meta({ description: 'JSON object: file value → school SIS ID.' }),
    conflictResolution: z.string().optional(),
    existingPasswords: z.string().optional(),
    customGroupId: z.string().optional(),
    emailStaff: z.enum(['true', 'false']).optional(),
  })
  .strict()
  .meta({ id: 'ImportForm', description: 'Unknown fields are refused (400 request.invalid).' });

/** The keys each part of a request may have, for the message that refuses an unknown one. */
export const IMPORT_REQUEST_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(importRequestSchema.shape),
  mapping: Object.keys(columnMappingSchema.shape),
  options: Object.keys(importOptionsSchema.shape),
};
export const IMPORT_FORM_KEYS: readonly string[] = Object.keys(importFormSchema.shape);

interface FormFile {
  name?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isFormFile(value: unknown): value is FormFile {
  return typeof value === 'object' && value !== null && typeof (value as FormFile).arrayBuffer === 'function';
}

/** An uploaded file whose bytes are not UTF-8: refused with 422 file.not-utf8. */
export interface NotUtf8Upload {
  /** 'binary': not text at all (an Excel workbook, an archive…), named in `message`. */
  encoding: 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252' | 'binary';
  line: number;
  message: string;
}

/**
 * Turns a multipart form into the JSON request shape (not yet validated: the caller runs
 * importRequestSchema on the result). JSON fields that do not parse are reported by path.
 */
export async function importFormToRequest(
  form: Record<string, unknown>,
): Promise<{ request: unknown; errors: { path: string; message: string }[]; notUtf8?: NotUtf8Upload }> {
  const errors: { path: string; message: string }[] = [];
  const text = (key: string): string | undefined => {
    const value = form[key];
    return typeof value === 'string' ? value : undefined;
  };
  const json = (key: string): unknown => {
    const value = text(key);
    if (value === undefined || value.trim() === '') return undefined;
    try {
      return JSON.parse(value);
    } catch {
      errors.push({ path: key, message: 'is not valid JSON' });
      return undefined;
    }
  };
  const file = form.file;
  let csv: string | undefined;
  let uploadedName: string | undefined;
  if (isFormFile(file)) {
    // Strictly: bytes that are not UTF-8 are refused, never decoded with U+FFFD.
    uploadedName = file.name;
    const decoded = decodeUpload(new Uint8Array(await file.arrayBuffer()), text('fileName') ?? uploadedName);
    if (!decoded.ok) return { request: undefined, errors, notUtf8: { encoding: decoded.encoding, line: decoded.line, message: decoded.message } };
    csv = decoded.text;
  } else if (typeof file === 'string') {
    errors.push({
      path: 'file',
      message: `is text, not an uploaded file: attach the CSV file with -F file=@students.csv (with the @; "-F file=${file.length > 20 ? `${file.slice(0, 20)}…` : file}" sends those characters as the value)`,
    });
  } else {
    errors.push({ path: 'file', message: 'is missing: attach the CSV file with -F file=@students.csv' });
  }
  const hasHeader = text('hasHeaderRow');
  const groupText = text('customGroupId');
  const mapping: Record<string, unknown> = {};
  if (hasHeader !== undefined) mapping.hasHeaderRow = hasHeader === 'auto' ? 'auto' : hasHeader === 'true';
  const columns = json('columns');
  if (columns !== undefined) mapping.columns = columns;
  const columnOrder = json('columnOrder');
  if (columnOrder !== undefined) mapping.columnOrder = columnOrder;
  const options: Record<string, unknown> = {};
  if (text('conflictResolution')) options.conflictResolution = text('conflictResolution');
  if (text('existingPasswords')) options.existingPasswords = text('existingPasswords');
  if (groupText !== undefined && groupText.trim() !== '') {
    options.customGroupId = /^\d+$/.test(groupText.trim()) ? Number(groupText.trim()) : groupText;
  }
  if (text('emailStaff') !== undefined) options.emailStaff = text('emailStaff') === 'true';
  const request: Record<string, unknown> = {
    fileName: text('fileName') ?? uploadedName,
    csv,
    mapping,
    options,
  };
  if (text('type') !== undefined) request.type = text('type');
  if (text('description') !== undefined) request.description = text('description');
  const schoolMapping = json('schoolMapping');
  if (schoolMapping !== undefined) request.schoolMapping = schoolMapping;
  return { request, errors };
}
