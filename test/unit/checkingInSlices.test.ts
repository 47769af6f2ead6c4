import * as assert from 'node:assert/strict';
import { EnrollmentDocument, type Problem } from '../../core';
import { SCHOOLS, TODAY, file, row } from './helpers';

/** 3,000 students; every 100th has a bad grade, every 250th repeats the first one's District ID. */
function bigFile(): string {
  const rows: string[] = [];
  for (let n = 1; n <= 3000; n++) {
    const overrides: Parameters<typeof row>[0] = {};
    if (n % 100 === 0) overrides.Grade = 'KG';
    if (n % 250 === 0) overrides['District ID'] = '10011';
    rows.push(row(overrides, n));
  }
  return file(rows);
}

const OPTIONS = { today: TODAY, config: SCHOOLS };

function described(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.code} ${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character} ${p.message}`);
}

function edit(doc: EnrollmentDocument, search: string, replacement: string, from = 0): void {
  const at = doc.getText().indexOf(search, from);
  assert.ok(at >= 0, `"${search}" is in the text`);
  doc.applyEdit(at, at + search.length, replacement);
}

describe('checking every row in slices after a header edit', () => {
  it('leaves the rows to check after a heading rename, checks them slice by slice, and ends as a fresh check of the text', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS);
    assert.equal(doc.isChecking(), false);
    edit(doc, 'Grade', 'Grdx');
    assert.equal(doc.isChecking(), true, 'the mapping changed: every row is to be checked again');
    assert.equal(doc.continueChecking(0), false, 'one slice, not every row');
    let slices = 1;
    while (!doc.continueChecking(0)) slices++;
    assert.ok(slices >= 5, `${slices} slices`);
    assert.equal(doc.isChecking(), false);
    const fresh = new EnrollmentDocument(doc.getText(), OPTIONS);
    assert.deepEqual(described(doc.getProblems()), described(fresh.getProblems()));
    assert.ok(doc.getProblems().some((p) => p.code === 'column.unknown'), 'Grdx is reported');
    assert.ok(!doc.getProblems().some((p) => p.code === 'grade.invalid'), 'no Grade column, so no grade problems');
  });

  it('starts over when an edit arrives mid-check (a cell, then the heading put back), and ends as a fresh check', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS);
    edit(doc, 'Grade', 'Grdx');
    doc.continueChecking(0);
    edit(doc, 'alee2000', 'alee1999'); // a duplicate Username on line 2001, while rows are being checked
    assert.equal(doc.isChecking(), true);
    doc.continueChecking(0);
    edit(doc, 'Grdx', 'Grade');
    assert.equal(doc.isChecking(), true);
    const problems = doc.getProblems(); // reading problems finishes the check
    assert.equal(doc.isChecking(), false);
    const fresh = new EnrollmentDocument(doc.getText(), OPTIONS);
    assert.deepEqual(described(problems), described(fresh.getProblems()));
    assert.equal(problems.filter((p) => p.code === 'grade.invalid').length, 30);
    assert.equal(problems.filter((p) => p.code === 'duplicate.username').length, 1);
    assert.equal(problems.filter((p) => p.code === 'duplicate.district-id').length, 12);
  });

  it('checks a cell edit at once when the mapping stays the same', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS);
    edit(doc, 'alee5,', 'alee4,');
    assert.equal(doc.isChecking(), false);
    assert.equal(doc.getProblems().filter((p) => p.code === 'duplicate.username').length, 1);
  });
});

describe('applyEdit with the text after the edit (the server passes its own copy)', () => {
  it('takes the given text, and falls back to its own edit when that text does not fit the edit', () => {
    const text = bigFile();
    const at = text.indexOf('alee7,');
    const after = `${text.slice(0, at)}alee6,${text.slice(at + 'alee7,'.length)}`;
    const given = new EnrollmentDocument(text, OPTIONS);
    given.applyEdit(at, at + 6, 'alee6,', after);
    assert.equal(given.getText(), after);
    const wrong = new EnrollmentDocument(text, OPTIONS);
    wrong.applyEdit(at, at + 6, 'alee6,', `${after}extra`);
    assert.equal(wrong.getText(), after, 'a text of the wrong length is not taken');
    const fresh = new EnrollmentDocument(after, OPTIONS);
    assert.deepEqual(described(given.getProblems()), described(fresh.getProblems()));
    assert.deepEqual(described(wrong.getProblems()), described(fresh.getProblems()));
    assert.equal(given.getProblems().filter((p) => p.code === 'duplicate.username').length, 1);
  });
});
