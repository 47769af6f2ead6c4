import * as assert from 'node:assert/strict';
import { RULE_BY_CODE, parseConfig } from '../../core';
import { HEADER, SCHOOLS, TODAY, applyFix, assertMessage, codes, file, lint, only, row, staffRow, suggestion } from './helpers';

const options = { config: SCHOOLS, today: TODAY };

describe('rows whose cells do not line up with the header', () => {
  it('reports only the shape of a row with a cell missing: no value problems, no password in any message', () => {
    // Birthdate is missing, so every later value sits under the wrong heading.
    const cells = row({}, 1).split(',');
    cells.splice(5, 1);
    const text = file([cells.join(',')]);
    const problems = lint(text, options);
    assert.deepEqual(codes(problems), ['row.cell-count']);
    for (const p of problems) assert.ok(!p.message.includes('Maple!2741'), p.message);
  });
});

describe('staff grades', () => {
  it('does not call a staff member a student, and offers to clear the grade', () => {
    const text = file([staffRow({ Grade: 'UG' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assertMessage(p, 'staff (User Type 1)', 'may simply be blank');
    assert.equal(p.fix, undefined);
    assert.equal(applyFix(text, suggestion(p, 'Clear the Grade')), file([staffRow({ Grade: '' })]));
  });
});

describe('characters in names', () => {
  it('names a Cyrillic look-alike with its code point', () => {
    const p = only(lint(file([row({ 'First Name': 'J\u0430mes' })]), options), 'name.invalid-character');
    assertMessage(p, 'U+0430', 'Cyrillic letter that looks like a Latin one');
  });

  it('removes a zero-width space or a direction mark with a safe fix', () => {
    const text = file([row({ 'First Name': 'Ana\u200b', 'Last Name': 'Lee\u200f' })]);
    const problems = lint(text, options).filter((p) => p.code === 'name.invalid-character');
    assert.equal(problems.length, 2);
    assertMessage(problems[0]!, 'U+200B (zero-width space)');
    assertMessage(problems[1]!, 'U+200F (right-to-left mark)');
    assert.equal(applyFix(applyFix(text, problems[1]!.fix), problems[0]!.fix), file([row()]));
  });

  it('gives one suggestion, not two identical ones, for a decomposed accent', () => {
    const p = only(lint(file([row({ 'First Name': 'Jose\u0301' })]), options), 'name.invalid-character');
    assertMessage(p, 'U+0301 (a combining accent');
    assert.deepEqual(
      p.suggestions.map((s) => s.title),
      ['Remove accents: First Name "Jose\u0301" → "Jose"'],
    );
  });

  it('offers no fix for a replacement character, which stands for a letter lost in decoding', () => {
    const p = only(lint(file([row({ 'First Name': 'Jos\uFFFD' })]), options), 'name.invalid-character');
    assertMessage(p, 'U+FFFD', 'probably not UTF-8', 'Reopen the file with its real encoding');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions, []);
  });
});

describe('.classworks.json with bad values', () => {
  const codesKnown = new Set(RULE_BY_CODE.keys());

  it('keeps the good schools, mappings and rule settings and reports each bad one briefly', () => {
    const { config, errors } = parseConfig(
      JSON.stringify({
        schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: 5 }],
        columns: { Legal: 'First Name', Typo: 'Frist Name' },
        rules: { 'password.shared': 'of', 'grade.invalid': 'off', 'nope.rule': 'off' },
      }),
      codesKnown,
    );
    assert.deepEqual(config.schools, [{ sisId: '00123', name: 'Lincoln Elementary' }]);
    assert.deepEqual(config.columns, { Legal: 'First Name' });
    assert.deepEqual(config.rules, { 'grade.invalid': 'off', 'nope.rule': 'off' });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    assert.match(byPath['rules.password.shared'] ?? '', /"of" is not allowed here; expected "error", "warning", "info", "off"/);
    assert.match(byPath['columns.Typo'] ?? '', /"Frist Name" is not allowed here; expected one of 21 values/);
    assert.match(byPath['rules.nope.rule'] ?? '', /no rule has the code "nope.rule"/);
    assert.ok(byPath['schools.1.sisId']);
  });

  it('still says so when the file is not one JSON object', () => {
    assert.deepEqual(parseConfig('[1]').errors.map((e) => e.message), ['the file must hold one JSON object, e.g. {"schools": []}']);
  });
});

describe('the header row', () => {
  it('places a missing column at the last heading, so the other headings keep their own hover', () => {
    const header = HEADER.replace(',User Type', '');
    const text = `${header}\n${row().replace(',0,3,', ',3,')}\n`;
    const p = only(lint(text, { ...options, fileName: 'students.csv' }), 'column.missing-required');
    assert.equal(p.range.start.character, header.lastIndexOf(',') + 1);
    assert.equal(p.range.end.character, header.length);
  });
});
