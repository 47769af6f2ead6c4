import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CATALOG, ruleAnchorLines, ruleDocsLineUrl, ruleDocsUrl } from '../../core';

const RULES_MD = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

describe('rule links into docs/rules.md', () => {
  it('finds the 1-based line of each <a id="code"> anchor', () => {
    const text = '# Rules\r\n\r\n<a id="grade.invalid"></a>\r\n### grade.invalid\n<a name="value.missing"></a>\n';
    assert.deepEqual([...ruleAnchorLines(text)], [
      ['grade.invalid', 3],
      ['value.missing', 5],
    ]);
  });

  it('links a file to #L<line> of the anchor, and to the bare file when the anchor is missing', () => {
    const lines = new Map([['grade.invalid', 548]]);
    assert.equal(ruleDocsLineUrl('grade.invalid', 'file:///ext/docs/rules.md', lines), 'file:///ext/docs/rules.md#L548');
    assert.equal(ruleDocsLineUrl('no.such-rule', 'file:///ext/docs/rules.md', lines), 'file:///ext/docs/rules.md');
    // SARIF's helpUri keeps the named anchor (the CLI's contract).
    assert.equal(ruleDocsUrl('grade.invalid', 'file:///ext/docs/rules.md'), 'file:///ext/docs/rules.md#grade.invalid');
  });

  it('the shipped docs/rules.md has an anchor line for every rule of the catalogue that has a section', () => {
    const lines = ruleAnchorLines(RULES_MD);
    const fileLines = RULES_MD.split(/\r?\n/);
    const value = lines.get('value.missing');
    assert.ok(value !== undefined && value > 1);
    assert.equal(fileLines[value - 1], '<a id="value.missing"></a>');
    for (const rule of RULE_CATALOG) {
      const line = lines.get(rule.code);
      if (line !== undefined) assert.match(fileLines[line - 1] as string, new RegExp(`id="${rule.code.replace(/\./g, '\\.')}"`));
    }
  });
});
