import * as assert from 'node:assert/strict';
import { describeCharacter } from '../../core';
import { HEADER, SCHOOLS, assertMessage, csv, find, lint, only, row, withCode } from './helpers';
import { assertRoundTrip } from './roundTrip';

const options = { config: SCHOOLS };
const crlf = (rows: readonly string[]) => csv([HEADER, ...rows], '\r\n');

describe('rule value.typographic-character: spaces and tabs at the ends of a username or ID', () => {
  const cases: { field: 'Username' | 'District ID'; value: string; trimmed: string; told: string }[] = [
    { field: 'Username', value: ' alee', trimmed: 'alee', told: 'a leading space' },
    { field: 'District ID', value: '1001 ', trimmed: '1001', told: 'a trailing space' },
    { field: 'Username', value: 'alee\t', trimmed: 'alee', told: 'a trailing tab' },
    { field: 'District ID', value: '  1001 \t', trimmed: '1001', told: '2 leading spaces and a trailing space and a trailing tab' },
  ];
  for (const { field, value, trimmed, told } of cases) {
    it(`reports ${field} ${JSON.stringify(value)} at the cell, names what is at its ends, and trims it`, () => {
      const text = crlf([row({ [field]: value })]);
      const p = only(lint(text, options), 'value.typographic-character');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, field);
      assert.deepEqual(p.range, find(text, 1, value));
      assertMessage(p, `${field} "${value}" has ${told}`, 'Classworks stores the value as written', '(safe fix)');
      assert.equal(p.fix?.title, `Trim the spaces: ${field} "${trimmed}"`);
      assertRoundTrip(text, options, p, p.fix, text.replace(`,${value},`, `,${trimmed},`));
    });
  }

  it('leaves e-mail addresses, school codes of a school list, formula starts and line breaks to their own rules', () => {
    const text = crlf([
      row({ 'Email Address': ' alee@lincoln.example.org', 'School SIS ID': '00123 ' }),
      row({ 'District ID': '\t1002' }, 1),
      row({ Username: '"blee\n"' }, 2),
    ]);
    const problems = lint(text, options);
    assert.deepEqual(withCode(problems, 'value.typographic-character'), []);
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line]),
      [
        ['email.invalid', 1],
        ['school.unknown', 1],
        ['value.formula', 2],
        ['value.line-break', 3],
      ],
    );
  });

  it('reports spaces around a School SIS ID when no school list checks it', () => {
    const text = crlf([row({ 'School SIS ID': '00123 ' })]);
    const p = only(lint(text, {}), 'value.typographic-character');
    assert.equal(p.fix?.title, 'Trim the spaces: School SIS ID "00123"');
  });

  it('leaves plain values and spaces inside a value alone', () => {
    assert.deepEqual(withCode(lint(crlf([row({ Username: 'a lee' })]), options), 'value.typographic-character'), []);
  });
});

describe('invisible characters in User Type and Grade', () => {
  it('reads a User Type of 0 with a zero-width space as 0, with a safe fix', () => {
    const text = crlf([row({ 'User Type': '0\u200b' })]);
    const p = only(lint(text, options), 'user-type.invalid');
    assertMessage(p, 'User Type "0\u200b" (with U+200B (zero-width space) at character 2) is not a Classworks user type');
    assert.equal(p.fix?.title, 'Change User Type "0\u200b" to 0 (student)');
    assertRoundTrip(text, options, p, p.fix, text.replace('0\u200b', '0'));
  });

  it('reads a Grade of 5 with a zero-width space as 5, with a safe fix', () => {
    const text = crlf([row({ Grade: '5\u200b' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assertMessage(p, 'Grade "5\u200b" (with U+200B (zero-width space) at character 2) is not a Classworks grade');
    assert.equal(p.fix?.title, 'Change Grade "5\u200b" to "5"');
    assertRoundTrip(text, options, p, p.fix, text.replace('5\u200b', '5'));
  });
});

describe('hidden characters named in grade and user-type messages', () => {
  it('names a no-break space in a Grade, and says nothing extra for a plain space', () => {
    assertMessage(only(lint(crlf([row({ Grade: '\u00a05' })]), options), 'grade.invalid'), 'Grade "\u00a05" (with U+00A0 (no-break space) at character 1) is not');
    assertMessage(only(lint(crlf([row({ Grade: ' 5' })]), options), 'grade.invalid'), 'Grade " 5" is not');
  });
});

describe('rule value.line-break: the fix title says what it does', () => {
  it('a break inside a name becomes a space; one at its end is removed', () => {
    const inside = crlf([row({ 'Last Name': '"Lee\nKim"' })]);
    const p = only(lint(inside, options), 'value.line-break');
    assert.equal(p.fix?.title, 'Replace the line break with a space: Last Name "Lee Kim"');
    assertMessage(p, 'Replace the line break with a space (safe fix)');
    const end = crlf([row({ 'Last Name': '"Lee\n"' })]);
    const q = only(lint(end, options), 'value.line-break');
    assert.equal(q.fix?.title, 'Remove the line break: Last Name "Lee"');
    assertMessage(q, 'Remove the line break (safe fix)');
    assertRoundTrip(end, options, q, q.fix, end.replace('"Lee\n"', '"Lee"'));
  });
});

describe('describeCharacter', () => {
  it('names line breaks', () => {
    assert.equal(describeCharacter('\r'), 'U+000D (carriage return)');
    assert.equal(describeCharacter('\n'), 'U+000A (line feed)');
  });
});
