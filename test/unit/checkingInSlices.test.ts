import * as assert from 'node:assert/strict';
import { EnrollmentDocument, type Problem } from '../../core';
import { ChunkedText } from '../../core/text/chunkedText';
import { SCHOOLS, TODAY, assertMessage, file, only, row } from './helpers';

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

  it('carries on after a cell edit mid-check, starts over when the heading is put back, and ends as a fresh check', () => {
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

  it('a document opened with deferCheck is checked in slices; edits before and after the rows checked so far carry the check on and end as a fresh check', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS, { deferCheck: true });
    assert.equal(doc.isChecking(), true, 'nothing checked yet');
    assert.deepEqual(doc.checkProgress(), { checked: 0, total: 3001 });
    while ((doc.checkProgress()?.checked ?? 0) < 1500) doc.continueChecking(0);
    const reached = doc.checkProgress()?.checked as number;
    // Behind the check: a duplicate Username on a checked row, and a line removed.
    edit(doc, 'alee1000,', 'alee999,');
    const line = doc.getText().indexOf('\n', doc.getText().indexOf('alee20,')) + 1;
    doc.applyEdit(line, doc.getText().indexOf('\n', line) + 1, '');
    assert.equal(doc.checkProgress()?.checked, reached - 1, 'the check carries on where it was, one row less behind it');
    // Ahead of it: a bad grade, and a new line splitting a row in two (a row of too few cells).
    edit(doc, 'alee2500,', 'alee2499,');
    const split = doc.getText().indexOf(',', doc.getText().indexOf('alee2600,'));
    doc.applyEdit(split, split + 1, '\r\n');
    assert.equal(doc.checkProgress()?.checked, reached - 1);
    assert.equal(doc.checkProgress()?.total, 3001);
    // Straddling it: two lines around the row the check is at replaced by one.
    const text = doc.getText();
    let at = 0;
    for (let k = 0; k < reached - 2; k++) at = text.indexOf('\n', at) + 1;
    const through = text.indexOf('\n', text.indexOf('\n', at) + 1) + 1;
    doc.applyEdit(at, through, text.slice(at, text.indexOf('\n', at) + 1));
    assert.equal(doc.isChecking(), true);
    const problems = doc.getProblems();
    assert.equal(doc.isChecking(), false);
    const fresh = new EnrollmentDocument(doc.getText(), OPTIONS);
    assert.deepEqual(described(problems), described(fresh.getProblems()));
    assert.equal(problems.filter((p) => p.code === 'duplicate.username').length, 2);
    assert.ok(problems.some((p) => p.code === 'row.cell-count'), 'the split row is short of cells');
  });

  it('a document opened without deferCheck is checked at once', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS);
    assert.equal(doc.isChecking(), false);
    assert.equal(doc.checkProgress(), undefined);
  });

  it('checks a cell edit at once when the mapping stays the same', () => {
    const doc = new EnrollmentDocument(bigFile(), OPTIONS);
    edit(doc, 'alee5,', 'alee4,');
    assert.equal(doc.isChecking(), false);
    assert.equal(doc.getProblems().filter((p) => p.code === 'duplicate.username').length, 1);
  });
});

describe('applyEdit on a text shared with the caller (the server edits its copy, the model reads it)', () => {
  it('reads the edit the caller made in the shared text, and ends as a fresh check of the new text', () => {
    const text = bigFile();
    const at = text.indexOf('alee7,');
    const after = `${text.slice(0, at)}alee6,${text.slice(at + 'alee7,'.length)}`;
    const shared = new ChunkedText(text);
    const given = new EnrollmentDocument(shared, OPTIONS);
    shared.replace(at, at + 6, 'alee6,');
    given.applyEdit(at, at + 6, 'alee6,', { sourceEdited: true });
    assert.equal(given.getText(), after);
    const own = new EnrollmentDocument(text, OPTIONS);
    own.applyEdit(at, at + 6, 'alee6,');
    assert.equal(own.getText(), after, 'without sourceEdited the model edits its text itself');
    const fresh = new EnrollmentDocument(after, OPTIONS);
    assert.deepEqual(described(given.getProblems()), described(fresh.getProblems()));
    assert.deepEqual(described(own.getProblems()), described(fresh.getProblems()));
    assert.equal(given.getProblems().filter((p) => p.code === 'duplicate.username').length, 1);
  });
});

describe('an edit that replaces most of a large file (a paste, a reload from disk)', () => {
  it('takes 130,000 new rows at once (spreading them as arguments overflowed the stack)', () => {
    const header = 'Code,Note\n';
    const text = `${header}${'a1,x\n'.repeat(150_000)}`;
    const doc = new EnrollmentDocument(text, OPTIONS);
    const replaced = 'b2,y\n'.repeat(130_000);
    const from = header.length;
    doc.applyEdit(from, from + 'a1,x\n'.length * 140_000, replaced);
    const expected = `${header}${replaced}${'a1,x\n'.repeat(10_000)}`;
    assert.equal(doc.getText(), expected);
    const rows = doc.getRows();
    assert.equal(rows.length, 1 + 130_000 + 10_000);
    assert.equal(rows[130_000]?.value(0), 'b2');
    assert.equal(rows[130_001]?.value(0), 'a1');
    assert.equal(rows[130_001]?.line, 130_001);
    assert.equal(rows[130_001]?.start, header.length + replaced.length);
  });
});

describe('line endings counted on disk (the editor normalises them)', () => {
  it('a new count checks the file rules again, not every row', () => {
    const text = bigFile();
    const doc = new EnrollmentDocument(text, { ...OPTIONS, diskLineEndings: { crlf: 0, lf: 3001, cr: 0 } });
    assert.equal(doc.getProblems().filter((p) => p.code === 'file.mixed-line-endings').length, 0);
    doc.setDiskLineEndings({ crlf: 2990, lf: 11, cr: 0 });
    assert.equal(doc.isChecking(), false, 'no check of every row');
    assertMessage(only(doc.getProblems(), 'file.mixed-line-endings'), 'mixed on disk');
    doc.setDiskLineEndings({ crlf: 2990, lf: 11, cr: 0 });
    doc.setDiskLineEndings(undefined);
    assert.equal(doc.getProblems().filter((p) => p.code === 'file.mixed-line-endings').length, 0, 'counted in the text again (all LF)');
  });
});
