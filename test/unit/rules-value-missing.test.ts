import * as assert from 'node:assert/strict';
import { REQUIRED_FIELDS } from '../../core';
import { SCHOOLS, STUDENT, assertMessage, file, lint, on, only, row, staffRow, withCode } from './helpers';

const options = { config: SCHOOLS };

describe('rule value.missing', () => {
  it('flags each blank required field at its cell', () => {
    const text = file([row({ 'First Name': '', 'District ID': '' })]);
    const problems = withCode(lint(text, options), 'value.missing');
    assert.deepEqual(
      problems.map((p) => [p.field, p.severity, p.range]),
      [
        ['First Name', 'error', on(1, 0, 0)],
        ['District ID', 'error', on(1, 10, 10)],
      ],
    );
    assertMessage(problems[0]!, 'First Name is blank', "Enter the user's First Name");
    assertMessage(problems[1]!, 'District ID is blank', 'matches this row to an existing user');
  });

  it('treats a cell of spaces as blank, and covers the spaces', () => {
    const text = file([row({ Username: '  ' })]);
    const p = only(lint(text, options), 'value.missing');
    assert.equal(p.field, 'Username');
    assert.deepEqual(p.range, on(1, 8, 10));
  });

  it('reads a row of spaces as an empty row, not as ten blank fields', () => {
    const problems = lint(file([' , , , , , , , , , ', row()]), options);
    assert.deepEqual(withCode(problems, 'value.missing'), []);
    assert.equal(withCode(problems, 'row.blank').length, 1);
  });

  it('allows a blank Grade for staff (User Type 1, or a staff word) only', () => {
    assert.deepEqual(lint(file([staffRow({ Grade: '' })]), options), []);
    const teacher = lint(file([staffRow({ Grade: '', 'User Type': 'Teacher' })]), options);
    assert.deepEqual(withCode(teacher, 'value.missing'), []);

    const text = file([row({ Grade: '' })]);
    const p = only(lint(text, options), 'value.missing');
    assert.equal(p.field, 'Grade');
    const gradeAt = row({ Grade: '' }).indexOf(',,') + 1;
    assert.deepEqual(p.range, on(1, gradeAt, gradeAt));
    assertMessage(p, 'Grade is blank', 'students are placed by grade', 'only staff, User Type 1, may leave Grade blank');
  });

  it('does not let a row with a blank User Type leave Grade blank', () => {
    const problems = withCode(lint(file([row({ 'User Type': '', Grade: '' })]), options), 'value.missing');
    assert.deepEqual(
      problems.map((p) => p.field),
      ['User Type', 'Grade'],
    );
  });

  it('does not flag optional fields', () => {
    const header = `Prefix,Middle Name,${Object.keys(STUDENT).join(',')}`;
    assert.deepEqual(lint(`${header}\n,,${row()}\n`, options), []);
  });
});
