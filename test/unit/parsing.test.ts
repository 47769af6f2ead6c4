import * as assert from 'node:assert/strict';
import { EnrollmentDocument } from '../../core';
import { HEADER, SCHOOLS, TODAY, applyFix, assertMessage, codes, csv, file, lint, on, only, range, row, textAt } from './helpers';

const options = { config: SCHOOLS };

describe('parsing: where cells are', () => {
  it('puts a quoted cell with "" escapes at the value inside its quotes', () => {
    const text = file([row({ 'First Name': '"Ana ""Bo"""' })]);
    const doc = new EnrollmentDocument(text, { today: TODAY, ...options });
    const cell = doc.getRows()[1]?.cells[0];
    assert.deepEqual(cell && { ...cell }, { value: 'Ana "Bo"', start: 0, end: 12, valueStart: 1, valueEnd: 11, quoted: true });
    const p = only(doc.getProblems(), 'name.invalid-character');
    assert.deepEqual(p.range, on(1, 1, 11));
    assert.equal(textAt(text, p.range), 'Ana ""Bo""');
    // The cells after it are where the raw text has them.
    assert.equal(doc.getRows()[1]?.cells[1]?.start, 13);
  });

  it('keeps a comma inside quotes in its cell', () => {
    const text = file([row({ 'Last Name': '"Lee, Jr"' })]);
    const p = only(lint(text, options), 'name.invalid-character');
    assert.deepEqual(p.range, on(1, 5, 12));
    assert.equal(textAt(text, p.range), 'Lee, Jr');
    assert.equal(codes(lint(text, options)).includes('row.cell-count'), false);
  });

  it('gives positions on the later lines of a multi-line quoted cell', () => {
    // A notes column whose value spans two lines, before the fields.
    const text = csv([`Notes,${HEADER}`, `"line one\nline two",${row({ 'Last Name': "O'Brien" })}`, `x,${row({ 'First Name': 'José' }, 2)}`]);
    const problems = lint(text, options);
    assert.deepEqual(codes(problems), ['column.unknown', 'value.line-break', 'name.invalid-character', 'name.invalid-character']);
    // The notes value spans lines 1 and 2.
    assert.deepEqual(problems[1]?.range, range(1, 1, 2, 8));
    // O'Brien sits on file line 2 (0-based), after `line two",Ana,`.
    assert.deepEqual(problems[2]?.range, on(2, 14, 21));
    assert.equal(textAt(text, problems[2]!.range), "O'Brien");
    // The next record starts on line 3, not line 2.
    assert.deepEqual(problems[3]?.range, on(3, 2, 6));
  });

  it('reports a value that spans lines with a range across those lines', () => {
    const text = file([row({ 'First Name': '"Ana\r\nMarie"' })], '\r\n');
    const p = only(lint(text, options), 'value.line-break');
    assert.deepEqual(p.range, range(1, 1, 2, 5));
    assert.equal(textAt(text, p.range), 'Ana\r\nMarie');
    assertMessage(p, 'holds a line break', '2 lines');
    // Joined by a space, the name is a plain name: nothing else to report.
    assert.equal(applyFix(text, p.fix), file([row({ 'First Name': '"Ana Marie"' })], '\r\n'));
    assert.deepEqual(lint(applyFix(text, p.fix), options), []);
  });

  for (const [name, eol] of [
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ] as const) {
    it(`reads ${name} line endings with the same lines and characters`, () => {
      const text = file([row({}, 1), row({ 'Last Name': "O'Brien" }, 2), row({ Grade: 'KG' }, 3)], eol);
      const problems = lint(text, options).filter((p) => p.code !== 'file.cr-line-endings');
      assert.deepEqual(
        problems.map((p) => [p.code, p.range]),
        [
          ['name.invalid-character', on(2, 4, 11)],
          ['grade.invalid', on(3, 42, 44)],
        ],
      );
    });
  }

  it('accepts a UTF-8 BOM silently and counts it on line 0 like any character', () => {
    const plain = csv([`${HEADER},Notes`, `${row({ 'First Name': 'José' })},x`], '\r\n');
    const text = `\uFEFF${plain}`;
    const problems = lint(text, options);
    assert.deepEqual(codes(problems), ['column.unknown', 'name.invalid-character']);
    // Line 0 holds the BOM, so "Notes" starts one character later than without it…
    assert.deepEqual(problems[0]?.range, on(0, HEADER.length + 2, HEADER.length + 7));
    assert.equal(textAt(text, problems[0]!.range), 'Notes');
    // …and later lines are unaffected.
    assert.deepEqual(problems[1]?.range, on(1, 0, 4));
    // The first heading is recognised although the BOM precedes it.
    assert.equal(new EnrollmentDocument(text, options).getMapping().columnOf['First Name'], 0);
  });

  it('applies a fix on the header line of a BOM file at the right place', () => {
    const text = `\uFEFF${csv(['First Name,Last Name,Username,District ID,Password,Birthdate,Grade,Email Address,School SIS ID', 'Ana,Lee,alee,1001,Maple!274,4/2/2018,3,alee@x.org,00123'], '\r\n')}`;
    const p = only(lint(text, { ...options, fileName: 'students.csv' }), 'column.missing-required');
    assert.equal(
      applyFix(text, p.fix),
      `\uFEFF${csv(['First Name,Last Name,Username,District ID,Password,Birthdate,Grade,Email Address,School SIS ID,User Type', 'Ana,Lee,alee,1001,Maple!274,4/2/2018,3,alee@x.org,00123,0'], '\r\n')}`,
    );
  });

  it('reports an empty file (or one holding only a BOM or blank lines) once, as having nothing to import', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n']) {
      const problems = lint(text, options);
      assert.deepEqual(codes(problems).filter((c) => c !== 'row.blank'), ['file.empty'], JSON.stringify(text));
      assert.match(problems.find((p) => p.code === 'file.empty')!.message, /nothing to import/);
      assert.deepEqual(problems.find((p) => p.code === 'file.empty')!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    }
  });

  it('reports a file with only its header row (and blank lines or separators) as having no users, at the header', () => {
    for (const text of [`${HEADER}\r\n`, HEADER, `${HEADER}\r\n\r\n,,,,,,,,,\r\n`]) {
      const p = only(lint(text, options), 'file.empty');
      assertMessage(p, 'only its header row and no users', 'nothing to import');
      assert.deepEqual(p.range, on(0, 0, HEADER.length), JSON.stringify(text));
    }
    // One user is enough, even after blank lines.
    assert.deepEqual(codes(lint(`${HEADER}\r\n\r\n${row()}\r\n`, options)).filter((c) => c === 'file.empty'), []);
  });

  it('accepts a file without a final line break', () => {
    const text = `${HEADER}\n${row()}`;
    assert.deepEqual(lint(text, options), []);
  });
});

describe('parsing: broken quotes and blank lines', () => {
  it('reports an unclosed quote once, at the opening quote, with the number of lines it swallows', () => {
    const text = file([row({ 'First Name': 'José' }, 1), row({ 'First Name': '"Ana' }, 2), row({}, 3), row({ Grade: 'KG' }, 4)]);
    const problems = lint(text, options);
    // The row before it is still checked; nothing after the quote is, since it is all one value.
    assert.deepEqual(codes(problems), ['name.invalid-character', 'csv.unclosed-quote']);
    const p = only(problems, 'csv.unclosed-quote');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, on(2, 0, 1));
    assertMessage(p, 'never closed', '(3 lines)', 'Add the closing quote');
  });

  it('on the last line without a line break, says it is that line (not "0 lines")', () => {
    const text = `${file([row({}, 1)])}${row({ 'Last Name': '"Lee' }, 2)}`;
    const p = only(lint(text, options), 'csv.unclosed-quote');
    assertMessage(p, 'the rest of this last line is read as one value and this user cannot be imported');
    assert.doesNotMatch(p.message, /0 lines/);
  });

  it('finds an unclosed quote in the middle of a row', () => {
    const text = file([row({ 'Last Name': '"Lee' }, 1), row({}, 2)], '\r\n');
    const p = only(lint(text, options), 'csv.unclosed-quote');
    assert.deepEqual(p.range, on(1, 4, 5));
    assert.equal(textAt(text, p.range), '"');
    assertMessage(p, '(2 lines)');
  });

  it('reports a blank line between rows, and its fix deletes exactly that line', () => {
    const text = file([row({}, 1), '', row({}, 2)], '\r\n');
    const p = only(lint(text, options), 'row.blank');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.range, range(2, 0, 3, 0));
    assertMessage(p, 'Blank line', 'Delete the line');
    assert.equal(applyFix(text, p.fix), file([row({}, 1), row({}, 2)], '\r\n'));
  });

  it('does not call the final line break a blank line', () => {
    assert.deepEqual(lint(file([row()], '\r\n'), options), []);
  });

  it('reports blank lines at the end of the file once, with one fix that removes them all', () => {
    const text = `${file([row()])}\n\n`;
    const problems = lint(text, options);
    assert.deepEqual(
      problems.map((p) => [p.code, p.range]),
      [['file.trailing-empty', range(2, 0, 3, 0)]],
    );
    assertMessage(problems[0]!, '2 blank rows at the end');
    assert.equal(applyFix(text, problems[0]!.fix), file([row()]));
  });

  it('reports blank lines between rows one by one (row.blank)', () => {
    const text = file([row({}, 1), '', row({}, 2)]);
    assert.deepEqual(
      lint(text, options).map((p) => [p.code, p.range]),
      [['row.blank', range(2, 0, 3, 0)]],
    );
  });

  it('treats a row of separators only as an empty row to delete, not as a user with every field blank', () => {
    const text = file([',,,,,,,,,', row()], '\r\n');
    const problems = lint(text, options);
    assert.equal(problems.filter((p) => p.code === 'value.missing').length, 0);
    const blank = problems.find((p) => p.code === 'row.blank')!;
    assert.deepEqual(blank.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } });
    assert.equal(applyFix(text, blank.fix), file([row()], '\r\n'));
  });
});

describe('parsing: cells far into a long row', () => {
  it('keeps exact cells past 16,383 characters into a row (where the compact cell table falls back to an array)', () => {
    const notes = 'n'.repeat(70_000);
    const text = csv([`Notes,${HEADER}`, `${notes},${row({ 'First Name': 'José' })}`]);
    const doc = new EnrollmentDocument(text, { today: TODAY, ...options });
    const cells = doc.getRows()[1]?.cells ?? [];
    assert.equal(cells.length, 11);
    assert.equal(cells[0]?.value, notes);
    assert.deepEqual(cells[1] && { ...cells[1] }, { value: 'José', start: 70_001, end: 70_005, valueStart: 70_001, valueEnd: 70_005, quoted: false });
    assert.deepEqual(only(doc.getProblems(), 'name.invalid-character').range, on(1, 70_001, 70_005));
  });
});
