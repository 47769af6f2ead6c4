// The committed files that package.json contributes from the core must match the core.
// When this fails, run `npm run schema` and commit the result.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CATALOG } from '../../core';
import { SCHEMA_FILE, rulesSettingSchema, schemaFileText } from '../../scripts/manifestFromCore';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('files generated from the core (npm run schema)', () => {
  it('schemas/classworks.schema.json is the JSON Schema of classworksConfigJsonSchema()', () => {
    const committed = fs.readFileSync(path.join(root, SCHEMA_FILE), 'utf8');
    assert.equal(committed, schemaFileText(), `${SCHEMA_FILE} is stale: run \`npm run schema\``);
  });

  it('package.json contributes the schema for .classworks.json', () => {
    const entry = manifest.contributes.jsonValidation.find((v: { fileMatch: unknown }) => v.fileMatch === '.classworks.json');
    assert.ok(entry, 'no jsonValidation entry for .classworks.json');
    assert.equal(path.normalize(entry.url), path.normalize(`./${SCHEMA_FILE}`));
  });

  it('the classworks.rules setting lists every rule code with its default severity', () => {
    const setting: { properties: Record<string, { default: string; markdownDescription: string }> } =
      manifest.contributes.configuration.properties['classworks.rules'];
    assert.deepEqual(setting as unknown, rulesSettingSchema(), 'classworks.rules in package.json is stale: run `npm run schema`');
    assert.deepEqual(Object.keys(setting.properties).sort(), RULE_CATALOG.map((r) => r.code).sort());
    for (const rule of RULE_CATALOG) {
      const property = setting.properties[rule.code];
      assert.ok(property, rule.code);
      assert.equal(property.default, rule.defaultSeverity, rule.code);
      assert.match(property.markdownDescription, new RegExp(`Default: \`${rule.defaultSeverity}\``));
    }
  });
});
