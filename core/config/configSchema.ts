import { z } from 'zod';
import { ALL_FIELDS } from '../fields';

export const severitySettingSchema = z.enum(['error', 'warning', 'info', 'off']);
export type SeveritySetting = z.infer<typeof severitySettingSchema>;

export const schoolSchema = z.object({
  sisId: z.string().min(1).describe("The school's SIS code exactly as stored in Classworks, e.g. \"00123\"."),
  name: z.string().describe('The school name, e.g. "Lincoln Elementary".'),
});
export type School = z.infer<typeof schoolSchema>;

const fieldSchema = z.enum(ALL_FIELDS as [string, ...string[]]);

/** The `.classworks.json` file that sits in the CSV's folder or any ancestor folder. */
export const classworksConfigSchema = z
  .object({
    $schema: z.string().optional(),
    schools: z
      .array(schoolSchema)
      .optional()
      .describe("The district's schools. School SIS ID values in enrollment files are checked against them."),
    columns: z
      .record(z.string(), fieldSchema.nullable())
      .optional()
      .describe('Explicit column mapping: file heading -> Classworks field (null ignores the column).'),
    columnOrder: z
      .array(fieldSchema.nullable())
      .optional()
      .describe('For files without a header row: the Classworks field of each column, in order (null skips a column).'),
    schoolMapping: z
      .record(z.string(), z.string().nullable())
      .optional()
      .describe(
        'School SIS ID value found in enrollment files -> the SIS ID of one of the district\'s schools (null: those users join the district without a school). Written by the import panel\'s School Mapping step; values not listed match the school with exactly that SIS ID.',
      ),
    hasHeaderRow: z
      .union([z.boolean(), z.literal('auto')])
      .optional()
      .describe('Whether the first row holds headings. "auto" (default) recognises it from the headings.'),
    rules: z
      .record(z.string(), severitySettingSchema)
      .optional()
      .describe('Severity per rule code, e.g. {"password.shared": "off"}.'),
  });

export type ClassworksConfig = z.infer<typeof classworksConfigSchema>;

export interface ConfigError {
  message: string;
  /** JSON path of the offending value, e.g. "schools.0.sisId". */
  path: string;
}

/** Parses the text of a `.classworks.json`; never throws. */
export function parseConfig(text: string): { config: ClassworksConfig; errors: ConfigError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: {}, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const result = classworksConfigSchema.safeParse(json);
  if (result.success) return { config: result.data, errors: [] };
  return {
    config: {},
    errors: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}

/** The JSON Schema contributed to VS Code for `.classworks.json`. */
export function classworksConfigJsonSchema(): object {
  return {
    title: 'Classworks Enrollment Tools configuration',
    ...z.toJSONSchema(classworksConfigSchema, { target: 'draft-7', io: 'input' }),
  };
}
