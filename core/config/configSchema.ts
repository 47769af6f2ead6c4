import { z } from 'zod';
import { ALL_FIELDS } from '../fields';
import { DATE_FORMATS, type DateFormat } from '../values/dates';
import { CLASSWORKS_GRADES } from '../values/grades';

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
    dateFormat: z
      .enum(DATE_FORMATS as [DateFormat, ...DateFormat[]])
      .optional()
      .describe(
        'How fixes write a Birthdate: "MM/DD/YYYY" (default, e.g. 03/01/2015), "M/D/YYYY" (3/1/2015) or "YYYY-MM-DD" (2015-03-01). Birthdates already written in any of these are accepted as they are.',
      ),
    dateSystem: z
      .enum(['1900', '1904'])
      .optional()
      .describe(
        'The Excel date system that turned Birthdates into serial numbers such as 42064: "1900" (default; Excel for Windows and current Excel for Mac, 42064 = 03/01/2015) or "1904" (Excel for Mac 2011 and older, 42064 = 03/02/2019).',
      ),
    gradeMapping: z
      .record(z.string(), z.enum(CLASSWORKS_GRADES))
      .optional()
      .describe(
        'Grade values of the district\'s SIS that have no single Classworks grade -> the Classworks grade they mean here, e.g. {"TK": "K", "PPK": "Pre-K"}. Keys are compared ignoring case and surrounding spaces; grade.invalid then offers a safe fix to the mapped grade.',
      ),
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

/** Codes reported outside the core's rule catalogue (by the editor or the CLI); valid in `rules`. */
export const FACE_RULE_CODES: readonly string[] = ['config.invalid', 'file.not-utf8'];

/**
 * Parses the text of a `.classworks.json`; never throws. A bad value costs only itself: the
 * other keys, schools, mappings and rule settings are kept, and each bad one is reported.
 */
export function parseConfig(
  text: string,
  knownRuleCodes?: ReadonlySet<string>,
): { config: ClassworksConfig; errors: ConfigError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { config: {}, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const errors: ConfigError[] = [];
  let config: ClassworksConfig = {};
  const whole = classworksConfigSchema.safeParse(json);
  if (whole.success) {
    config = whole.data;
  } else if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { config: {}, errors: [{ path: '', message: 'the file must hold one JSON object, e.g. {"schools": []}' }] };
  } else {
    const shape = classworksConfigSchema.shape as Record<string, z.ZodType>;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(json)) {
      const schema = shape[key];
      if (!schema) continue;
      const one = schema.safeParse(value);
      if (one.success) {
        kept[key] = one.data;
        continue;
      }
      // Keep the good entries of a list or a map, report the bad ones.
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        value.forEach((item, i) => {
          const r = schema.safeParse([item]);
          if (r.success) items.push(...(r.data as unknown[]));
          else errors.push(...describeIssues(r.error.issues, [key, i], item, true));
        });
        kept[key] = items;
      } else if (value !== null && typeof value === 'object') {
        const entries: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          const r = schema.safeParse({ [k]: v });
          if (r.success) Object.assign(entries, r.data);
          else errors.push(...describeIssues(r.error.issues, [key], { [k]: v }, false));
        }
        kept[key] = entries;
      } else {
        errors.push(...describeIssues(one.error.issues, [key], value, false));
      }
    }
    config = classworksConfigSchema.parse(kept);
  }
  if (knownRuleCodes && config.rules) {
    for (const code of Object.keys(config.rules)) {
      if (!knownRuleCodes.has(code) && !FACE_RULE_CODES.includes(code)) {
        errors.push({ path: `rules.${code}`, message: `no rule has the code "${code}" (see docs/rules.md for the codes)` });
      }
    }
  }
  return { config, errors };
}

/** Short messages: a bad field name says so in a line, not with the list of all 21 fields. */
function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[], input: unknown, dropFirst: boolean): ConfigError[] {
  return issues.map((issue) => {
    const rest = dropFirst ? issue.path.slice(1) : issue.path;
    const path = [...prefix, ...rest].join('.');
    let received: unknown = input;
    for (const step of rest) received = (received as Record<PropertyKey, unknown> | undefined)?.[step as PropertyKey];
    if (issue.code === 'invalid_value') {
      const values = issue.values.map((v) => JSON.stringify(v));
      const expected = values.length > 6 ? `one of ${values.length} values such as ${values.slice(0, 3).join(', ')}` : values.join(', ');
      return { path, message: `${JSON.stringify(received)} is not allowed here; expected ${expected}` };
    }
    if (issue.code === 'invalid_union') {
      return { path, message: `${JSON.stringify(received)} is not allowed here` };
    }
    return { path, message: issue.message };
  });
}

/** The JSON Schema contributed to VS Code for `.classworks.json`. */
export function classworksConfigJsonSchema(): object {
  return {
    title: 'Classworks Enrollment Tools configuration',
    ...z.toJSONSchema(classworksConfigSchema, { target: 'draft-7', io: 'input' }),
  };
}
