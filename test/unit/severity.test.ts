import * as assert from 'node:assert/strict';
import { EnrollmentDocument, RULE_BY_CODE, RULE_CATALOG, ruleDocsUrl } from '../../core';
import { SCHOOLS, TODAY, file, lint, row } from './helpers';

/** One student with a shared password, an unknown school and an accented name. */
const TEXT = file([row({}, 1), row({ Password: 'Maple!2741', 'School SIS ID': '99999', 'First Name': 'José' }, 2)]);

function severities(problems: ReturnType<typeof lint>) {
  return Object.fromEntries(problems.map((p) => [p.code, p.severity]));
}

describe('severities', () => {
  it('uses each rule’s default severity', () => {
    assert.deepEqual(severities(lint(TEXT, { config: SCHOOLS })), {
      'name.invalid-character': 'error',
      'password.shared': 'warning',
      'school.unknown': 'warning',
    });
    for (const code of ['name.invalid-character', 'password.shared', 'school.unknown']) {
      assert.ok(RULE_BY_CODE.get(code), code);
    }
  });

  it('takes overrides from the config file’s "rules", including off', () => {
    const config = { ...SCHOOLS, rules: { 'password.shared': 'error', 'school.unknown': 'off', 'name.invalid-character': 'info' } as const };
    assert.deepEqual(severities(lint(TEXT, { config })), {
      'name.invalid-character': 'info',
      'password.shared': 'error',
    });
  });

  it('lets options.severities (editor settings) win over the config file', () => {
    const config = { ...SCHOOLS, rules: { 'password.shared': 'off', 'school.unknown': 'error' } as const };
    const problems = lint(TEXT, { config, severities: { 'password.shared': 'warning', 'school.unknown': 'off', 'name.invalid-character': 'off' } });
    assert.deepEqual(severities(problems), { 'password.shared': 'warning' });
  });

  it('turns off file rules too (school.no-school-list)', () => {
    assert.deepEqual(lint(file([row()]), { config: {} }).map((p) => p.code), ['school.no-school-list']);
    assert.deepEqual(lint(file([row()]), { config: { rules: { 'school.no-school-list': 'off' } } }), []);
  });

  it('applies new settings to an open document with setOptions', () => {
    const doc = new EnrollmentDocument(TEXT, { today: TODAY, config: SCHOOLS });
    assert.equal(doc.getCounts().errors, 1);
    doc.setOptions({ today: TODAY, config: SCHOOLS, severities: { 'password.shared': 'error', 'school.unknown': 'error' } });
    assert.deepEqual(doc.getCounts(), { errors: 3, warnings: 0, infos: 0 });
  });
});

describe('rule catalogue', () => {
  it('has one entry per code, each with a severity, a title and a docs anchor', () => {
    const codes = RULE_CATALOG.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const rule of RULE_CATALOG) {
      assert.match(rule.code, /^[a-z-]+(\.[a-z-]+)+$/);
      assert.ok(['error', 'warning', 'info'].includes(rule.defaultSeverity), rule.code);
      assert.ok(rule.title.length > 10, rule.code);
      assert.equal(ruleDocsUrl(rule.code, 'https://example.org/docs/rules.md'), `https://example.org/docs/rules.md#${rule.code}`);
    }
    for (const code of [
      'column.missing-required',
      'value.missing',
      'name.invalid-character',
      'name.extra-space',
      'password.too-short',
      'password.too-weak',
      'password.shared',
      'user-type.invalid',
      'grade.invalid',
      'birthdate.invalid',
      'birthdate.future',
      'birthdate.implausible',
      'email.invalid',
      'duplicate.district-id',
      'duplicate.username',
      'duplicate.email',
      'school.unknown',
      'school.no-school-list',
      'row.cell-count',
      'file.cr-line-endings',
      'file.mixed-line-endings',
    ]) {
      assert.ok(RULE_BY_CODE.has(code), code);
    }
  });
});
