import * as assert from 'node:assert/strict';
import { SCHOOLS, STUDENT, applyFix, assertMessage, file, lint, on, only, row, staffRow, textAt } from './helpers';

const options = { config: SCHOOLS };

/** Row 1 of `row(…)`: the User Type cell starts after "Ana,Lee,alee,1001,Maple!274,4/2/2018,". */
const USER_TYPE_AT = 37;

describe('rule user-type.invalid', () => {
  it('passes 0 and 1', () => {
    assert.deepEqual(lint(file([row({}, 1), staffRow({}, 2)]), options), []);
  });

  const words: [string, '0' | '1', 'student' | 'staff'][] = [
    ['Student', '0', 'student'],
    ['Staff', '1', 'staff'],
    ['Teacher', '1', 'staff'],
  ];
  for (const [word, value, label] of words) {
    it(`turns "${word}" into ${value} with a safe fix`, () => {
      const base = value === '0' ? row : staffRow;
      const text = file([base({ 'User Type': word })], '\r\n');
      const p = only(lint(text, options), 'user-type.invalid');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'User Type');
      assert.equal(textAt(text, p.range), word);
      assertMessage(p, `User Type "${word}"`, 'use 0 for a student or 1 for staff', `means ${label}, so write ${value}`);
      assert.equal(p.fix?.title, `Change User Type "${word}" to ${value} (${label})`);
      assert.deepEqual(p.suggestions, []);
      assert.equal(applyFix(text, p.fix), file([base({ 'User Type': value })], '\r\n'));
    });
  }

  it('has the exact range of the cell', () => {
    const p = only(lint(file([row({ 'User Type': 'Student' })]), options), 'user-type.invalid');
    assert.deepEqual(p.range, on(1, USER_TYPE_AT, USER_TYPE_AT + 7));
  });

  it('offers 0 and 1 as suggestions, and no safe fix, for a word it does not know', () => {
    const text = file([row({ 'User Type': 'Guardian' })]);
    const p = only(lint(text, options), 'user-type.invalid');
    assert.deepEqual(p.range, on(1, USER_TYPE_AT, USER_TYPE_AT + 8));
    assertMessage(p, 'cannot tell what kind of user');
    assert.equal(p.fix, undefined);
    assert.deepEqual(
      p.suggestions.map((s) => s.title),
      ['Change User Type to 0 (student)', 'Change User Type to 1 (staff)'],
    );
    assert.equal(applyFix(text, p.suggestions[0]), file([row({ 'User Type': '0' })]));
    assert.equal(applyFix(text, p.suggestions[1]), file([row({ 'User Type': '1' })]));
  });

  it('keeps a quoted value quoted when it fixes it', () => {
    const text = file([row({ 'User Type': '"student"' })]);
    const p = only(lint(text, options), 'user-type.invalid');
    assert.deepEqual(p.range, on(1, USER_TYPE_AT + 1, USER_TYPE_AT + 8));
    assert.equal(applyFix(text, p.fix), file([row({ 'User Type': '"0"' })]));
  });
});

describe('rule grade.invalid', () => {
  it('passes Pre-K, K and 1–12', () => {
    const grades = ['Pre-K', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
    // Birthdates that fit each grade do not matter here: only grade.invalid is looked at.
    const problems = lint(file(grades.map((g, i) => row({ Grade: g }, i + 1))), options);
    assert.deepEqual(
      problems.filter((p) => p.code === 'grade.invalid'),
      [],
    );
  });

  const spellings: [string, string][] = [
    ['KG', 'K'],
    ['00', 'K'],
    ['PK', 'Pre-K'],
    ['Pre K', 'Pre-K'],
    ['05', '5'],
    ['k', 'K'],
  ];
  for (const [spelling, grade] of spellings) {
    it(`changes "${spelling}" to "${grade}" with a safe fix`, () => {
      const text = file([row({ Grade: spelling })], '\r\n');
      const p = only(lint(text, options), 'grade.invalid');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'Grade');
      assert.deepEqual(p.range, on(1, 39, 39 + spelling.length));
      assertMessage(p, `Grade "${spelling}"`, 'Pre-K, K or 1–12', `It means ${grade}: write "${grade}"`);
      assert.equal(p.fix?.title, `Change Grade "${spelling}" to "${grade}"`);
      assert.equal(applyFix(text, p.fix), file([row({ Grade: grade })], '\r\n'));
    });
  }

  it('flags "13" without a safe fix, asking for a gradeMapping', () => {
    const text = file([row({ Grade: '13' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assert.deepEqual(p.range, on(1, 39, 41));
    assertMessage(p, 'Grade "13"', 'a 13th year', '"gradeMapping": {"13": "12"}');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Change Grade "13" to "12"']);
  });

  it('flags an unknown grade without a fix, pointing at gradeMapping', () => {
    const text = file([row({ Grade: 'Adult' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assertMessage(p, 'Grade "Adult"', 'Write one of Pre-K, K, 1, 2 … 12', '"gradeMapping": {"Adult": "K"}');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions, []);
  });

  it('keeps the quotes of a quoted grade', () => {
    const text = file([row({ Grade: '"Pre K"' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assert.deepEqual(p.range, on(1, 40, 45));
    assert.equal(applyFix(text, p.fix), file([row({ Grade: '"Pre-K"' })]));
  });

  it('checks the fixture assumption: the Grade column starts at character 39 of a student row', () => {
    assert.equal(row().indexOf(`,${STUDENT.Grade},`) + 1, 39);
  });
});
