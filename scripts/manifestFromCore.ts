// What package.json and schemas/ take from the core, computed in one place: by
// scripts/generate-schema.ts (`npm run schema`) to write them, and by the unit tests
// (test/unit/configSchemaFile.test.ts) to fail when the committed files are stale.
import { classworksConfigJsonSchema } from '../core/config/configSchema';
import { RULE_CATALOG } from '../core/rules/ruleCatalog';

/** The committed JSON Schema of `.classworks.json`, contributed through `jsonValidation`. */
export const SCHEMA_FILE = 'schemas/classworks.schema.json';

/** The exact text of schemas/classworks.schema.json. */
export function schemaFileText(): string {
  return `${JSON.stringify(classworksConfigJsonSchema(), null, 2)}\n`;
}

const SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
const SEVERITY_DESCRIPTIONS = [
  'Report as an error (the import would fail or go wrong).',
  'Report as a warning.',
  'Report as information.',
  'Do not check this rule.',
];

/** The `classworks.rules` setting of package.json: one property per rule code of the core's catalogue. */
export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of RULE_CATALOG) {
    properties[rule.code] = {
      type: 'string',
      enum: [...SEVERITIES],
      enumDescriptions: SEVERITY_DESCRIPTIONS,
      default: rule.defaultSeverity,
      markdownDescription: `${rule.title} Default: \`${rule.defaultSeverity}\`.`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    markdownDescription:
      'Severity per rule code: `error`, `warning`, `info`, or `off` to skip the rule. Rules not listed keep their default. ' +
      'Example: `{ "password.shared": "off", "school.unknown": "error" }`. These settings win over a `rules` object in `.classworks.json`. ' +
      'Run **Classworks: Open Rule Reference** to read what each rule checks.',
    properties,
    // Codes reported outside the core's catalogue (e.g. the server's config.invalid) are allowed too.
    additionalProperties: { type: 'string', enum: [...SEVERITIES] },
  };
}
