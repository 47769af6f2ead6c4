import * as assert from 'node:assert/strict';
import { EnrollmentDocument } from '../../core';
import { normalizeSettings } from '../../server/settings';
import { SCHOOLS, TODAY, file, row } from './helpers';

/**
 * Lines 2–7 (1-based): a warning first (unknown school), then errors (an accented name, a
 * bad user type), another warning, another error. Six problems: three errors, three warnings.
 */
const TEXT = file([
  row({ 'School SIS ID': '99999' }, 1), // line 2: school.unknown (warning)
  row({ 'First Name': 'José' }, 2), // line 3: name.invalid-character (error)
  row({ 'School SIS ID': '88888' }, 3), // line 4: school.unknown (warning)
  row({ 'User Type': 'Student' }, 4), // line 5: user-type.invalid (error)
  row({ 'School SIS ID': '77777' }, 5), // line 6: school.unknown (warning)
  row({ 'First Name': 'Zoë' }, 6), // line 7: name.invalid-character (error)
]);

function shown(limit: number) {
  const report = new EnrollmentDocument(TEXT, { today: TODAY, config: SCHOOLS }).getReport(limit);
  return { ...report, listed: report.problems.map((p) => `${p.code} ${p.range.start.line}`) };
}

describe('problem cap (classworks.maxProblems): which problems are listed', () => {
  it('lists every problem, in document order, when they fit', () => {
    const report = shown(1000);
    assert.deepEqual(report.listed, [
      'school.unknown 1',
      'name.invalid-character 2',
      'school.unknown 3',
      'user-type.invalid 4',
      'school.unknown 5',
      'name.invalid-character 6',
    ]);
    assert.deepEqual(report.omitted, []);
    assert.deepEqual(report.counts, { errors: 3, warnings: 3, infos: 0 });
  });

  it('takes the errors before any warning, and the earlier problems of a severity first; shows them in document order', () => {
    const report = shown(4);
    // All three errors, then the first warning by position (line 2), listed top to bottom.
    assert.deepEqual(report.listed, ['school.unknown 1', 'name.invalid-character 2', 'user-type.invalid 4', 'name.invalid-character 6']);
    assert.deepEqual(report.omitted, [{ code: 'school.unknown', severity: 'warning', count: 2 }]);
    assert.deepEqual(report.counts, { errors: 3, warnings: 3, infos: 0 }, 'the totals stay exact');
    assert.equal(report.total, 6);
  });

  it('cuts within the errors by position, and counts what it left out per rule', () => {
    const report = shown(2);
    assert.deepEqual(report.listed, ['name.invalid-character 2', 'user-type.invalid 4']);
    assert.deepEqual(
      [...report.omitted].sort((a, b) => a.code.localeCompare(b.code)),
      [
        { code: 'name.invalid-character', severity: 'error', count: 1 },
        { code: 'school.unknown', severity: 'warning', count: 3 },
      ],
    );
    assert.deepEqual(report.counts, { errors: 3, warnings: 3, infos: 0 });
  });
});

describe('classworks.maxProblems setting', () => {
  it('takes a whole number of at least 1, else says so and keeps the default of 1000', () => {
    assert.equal(normalizeSettings({ maxProblems: 50 }).settings.maxProblems, 50);
    assert.equal(normalizeSettings({}).settings.maxProblems, 1000);
    for (const bad of [0, 2.5, '200', -3]) {
      const { settings, problems } = normalizeSettings({ maxProblems: bad, rules: { 'name.extra-space': 'off' } });
      assert.equal(settings.maxProblems, 1000, String(bad));
      assert.deepEqual(problems, ['classworks.maxProblems must be a whole number of at least 1; using 1000.']);
      assert.equal(settings.rules['name.extra-space'], 'off', 'the other settings still apply');
    }
  });
});
