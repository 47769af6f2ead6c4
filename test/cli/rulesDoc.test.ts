import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CATALOG } from '../../core';
import { CLI_RULES } from '../../cli/cliRules';
import { ROOT } from './helpers';

/** Codes reported outside the core's catalogue: by the language server and by the CLI. */
const EXTRA = [{ code: 'config.invalid', defaultSeverity: 'warning' }, ...CLI_RULES];

describe('docs/rules.md', () => {
  let doc = '';
  before(() => {
    doc = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  });

  for (const rule of [...RULE_CATALOG, ...EXTRA]) {
    it(`documents ${rule.code} under its anchor, with its default severity`, () => {
      const anchor = `<a id="${rule.code}"></a>`;
      const at = doc.indexOf(anchor);
      assert.ok(at >= 0, `docs/rules.md has no ${anchor}`);
      const section = doc.slice(at + anchor.length).split(/\n<a id=/)[0] ?? '';
      assert.match(section, new RegExp(`^\\s*### ${rule.code.replace(/\./g, '\\.')}\\s*$`, 'm'), 'a "### CODE" heading follows the anchor');
      assert.match(section, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\b`));
    });
  }

  it('has no anchor for a code that does not exist', () => {
    const known = new Set([...RULE_CATALOG, ...EXTRA].map((r) => r.code));
    const anchors = [...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    assert.deepEqual(anchors.filter((a) => a && !known.has(a) && /\./.test(a)), []);
    assert.equal(new Set(anchors).size, anchors.length, 'each anchor once');
  });
});
