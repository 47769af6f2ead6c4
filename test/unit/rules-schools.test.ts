import * as assert from 'node:assert/strict';
import { HEADER, SCHOOLS, applyFix, assertMessage, csv, file, lint, on, only, row, suggestion, withCode } from './helpers';

const options = { config: SCHOOLS };

/** Row 1 of `row(…)`: School SIS ID starts after "…,alee@lincoln.example.org,". */
const SCHOOL_AT = row().lastIndexOf(',') + 1;

function schoolProblem(value: string, eol = '\n') {
  const text = file([row({ 'School SIS ID': value })], eol);
  return { text, p: only(lint(text, options), 'school.unknown') };
}

describe('rule school.unknown', () => {
  it("passes codes that are exactly the district's", () => {
    const text = file([row({ 'School SIS ID': '00123' }, 1), row({ 'School SIS ID': '00456' }, 2), row({ 'School SIS ID': 'HS01' }, 3)]);
    assert.deepEqual(lint(text, options), []);
  });

  it('restores lost leading zeros with a safe fix ("123" → "00123")', () => {
    const { text, p } = schoolProblem('123', '\r\n');
    assert.equal(p.severity, 'warning');
    assert.equal(p.field, 'School SIS ID');
    assert.deepEqual(p.range, on(1, SCHOOL_AT, SCHOOL_AT + 3));
    assertMessage(p, 'School SIS ID "123" matches none', 'join the district without a school', '"00123" (Lincoln Elementary)', 'leading zeros');
    assert.equal(p.fix?.title, 'Change School SIS ID "123" to "00123" (Lincoln Elementary)');
    assert.equal(applyFix(text, p.fix), file([row({ 'School SIS ID': '00123' })], '\r\n'));
  });

  it('fixes case ("hs01" → "HS01") and spaces ("00123 " → "00123") safely', () => {
    const lower = schoolProblem('hs01');
    assertMessage(lower.p, 'different capitals');
    assert.equal(applyFix(lower.text, lower.p.fix), file([row({ 'School SIS ID': 'HS01' })]));
    const spaced = schoolProblem('00123 ');
    assertMessage(spaced.p, 'spaces around it');
    assert.deepEqual(spaced.p.range, on(1, SCHOOL_AT, SCHOOL_AT + 6));
    assert.equal(applyFix(spaced.text, spaced.p.fix), file([row({ 'School SIS ID': '00123' })]));
  });

  it('keeps a quoted code quoted when it fixes it', () => {
    const { text, p } = schoolProblem('"123"');
    assert.deepEqual(p.range, on(1, SCHOOL_AT + 1, SCHOOL_AT + 4));
    assert.equal(applyFix(text, p.fix), file([row({ 'School SIS ID': '"00123"' })]));
  });

  it('suggests the nearest code, with no safe fix, for a near miss', () => {
    const { text, p } = schoolProblem('00124');
    assert.equal(p.fix, undefined);
    assertMessage(p, 'codes close to it: "00123" Lincoln Elementary');
    assert.equal(applyFix(text, suggestion(p, '"00123"')), file([row({ 'School SIS ID': '00123' })]));
  });

  it('suggests a school by its name when the cell holds a name', () => {
    const { text, p } = schoolProblem('Washington Elem');
    assert.equal(p.fix, undefined);
    assert.deepEqual(
      p.suggestions.map((s) => s.title),
      ['Change School SIS ID to "00456" (Washington Elementary)'],
    );
    assert.equal(applyFix(text, p.suggestions[0]), file([row({ 'School SIS ID': '00456' })]));
    assert.deepEqual(
      schoolProblem('Lincoln').p.suggestions.map((s) => s.title),
      ['Change School SIS ID to "00123" (Lincoln Elementary)'],
    );
  });

  it('says where to find the codes when nothing is close', () => {
    const { p } = schoolProblem('99999');
    assert.deepEqual(p.suggestions, []);
    assert.equal(p.fix, undefined);
    assertMessage(p, 'Manage Classworks > Schools', '.classworks.json');
  });

  it('leaves a blank School SIS ID to value.missing', () => {
    const problems = lint(file([row({ 'School SIS ID': '' })]), options);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['value.missing'],
    );
  });
});

describe('rule school.no-school-list', () => {
  it('says once, at the School SIS ID heading, that codes are not checked without a school list', () => {
    const text = file([row({ 'School SIS ID': '123' }, 1), row({ 'School SIS ID': 'nope' }, 2)]);
    const problems = lint(text, { config: {} });
    const p = only(problems, 'school.no-school-list');
    assert.equal(p.severity, 'info');
    assert.equal(p.field, 'School SIS ID');
    assert.deepEqual(p.range, on(0, HEADER.length - 'School SIS ID'.length, HEADER.length));
    assertMessage(p, 'not checked', '"schools"', '.classworks.json');
    assert.deepEqual(withCode(problems, 'school.unknown'), []);
    assert.equal(problems.length, 1);
  });

  it('also applies to an empty school list, and not without a School SIS ID column', () => {
    assert.equal(only(lint(file([row()]), { config: { schools: [] } }), 'school.no-school-list').severity, 'info');
    const noColumn = lint(csv(['First Name,Last Name', 'Ana,Lee']), { config: {} });
    assert.deepEqual(withCode(noColumn, 'school.no-school-list'), []);
  });
});
