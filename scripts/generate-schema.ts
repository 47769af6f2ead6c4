// `npm run schema`: regenerates what package.json and schemas/ take from the core:
//   - schemas/classworks.schema.json from classworksConfigJsonSchema() (jsonValidation of .classworks.json);
//   - package.json contributes.configuration "classworks.rules" from RULE_CATALOG.
// test/unit/configSchemaFile.test.ts fails when either is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILE, rulesSettingSchema, schemaFileText } from './manifestFromCore';

const root = path.resolve(__dirname, '..');

function writeIfChanged(file: string, text: string): void {
  const full = path.join(root, file);
  const old = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  if (old === text) {
    console.log(`${file}: up to date`);
    return;
  }
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  console.log(`${file}: written`);
}

writeIfChanged(SCHEMA_FILE, schemaFileText());

const manifestPath = path.join(root, 'package.json');
const manifestText = fs.readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(manifestText) as { contributes?: { configuration?: { properties?: Record<string, unknown> } } };
const properties = manifest.contributes?.configuration?.properties;
if (!properties) {
  console.error('package.json has no contributes.configuration.properties');
  process.exit(1);
}
properties['classworks.rules'] = rulesSettingSchema();
writeIfChanged('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
