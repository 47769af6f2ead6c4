import * as assert from 'node:assert/strict';
import { HEADER, SCHOOLS, applyFix, assertMessage, csv, file, lint, on, only, range, row, textAt, withCode } from './helpers';

const options = { config: SCHOOLS };

describe('rule row.cell-count', () => {
  it('flags extra cells from the comma before the first extra one to the end of the row', () => {
    const text = file([`${row()},extra,more`]);
    const p = only(lint(text, options), 'row.cell-count');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, null);
    assert.deepEqual(p.range, on(1, row().length, row().length + 11));
    assert.equal(textAt(text, p.range), ',extra,more');
    assertMessage(p, 'has 12 cells but the header has 10', '2 extra cells', 'unquoted comma', 'Quote that value');
  });

  it('flags an extra cell with a value at the end of a row', () => {
    const text = file([`${row()},x`]);
    const p = only(lint(text, options), 'row.cell-count');
    assert.deepEqual(p.range, on(1, row().length, row().length + 2));
    assertMessage(p, '1 extra cell at');
  });

  it('takes a trailing comma (an empty cell past the last heading) for file.trailing-empty, not row.cell-count', () => {
    const text = file([`${row()},`]);
    const p = only(lint(text, options), 'file.trailing-empty');
    assertMessage(p, '1 row with empty cells past the last heading');
    assert.equal(applyFix(text, p.fix), file([row()]));
  });

  it('flags a short row over its whole length and says how many cells are missing', () => {
    const text = file(['Ana,Lee,alee'], '\r\n');
    const problems = lint(text, options);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['row.cell-count'],
    );
    assert.deepEqual(problems[0]!.range, on(1, 0, 12));
    assertMessage(problems[0]!, 'has 3 cells but the header has 10', '7 missing');
  });

  it('compares with the columnOrder of a file without a header row', () => {
    const config = { ...SCHOOLS, columnOrder: ['First Name', 'Last Name', 'Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade', 'Email Address', 'School SIS ID'] as never };
    const p = only(lint(csv([row(), `${row({}, 2)},x`]), { config }), 'row.cell-count');
    assertMessage(p, 'the column order in .classworks.json has 10');
  });
});

describe('rule file.cr-line-endings', () => {
  it('flags a classic-Mac file once, as an error, and its fix converts every ending to CRLF', () => {
    const text = `${HEADER}\r${row({}, 1)}\r"multi\rline",Lee,alee2,10012,Maple!2742,4/2/2018,0,3,alee2@x.org,00123\r`;
    const problems = lint(text, options);
    const p = only(problems, 'file.cr-line-endings');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, null);
    assert.deepEqual(p.range, range(0, HEADER.length, 1, 0));
    assertMessage(p, 'bare carriage return', 'schools fail to match', 'MS-DOS Comma Separated');
    // The CR inside the quoted value is data, not a line ending: it stays.
    assert.equal(
      applyFix(text, p.fix),
      `${HEADER}\r\n${row({}, 1)}\r\n"multi\rline",Lee,alee2,10012,Maple!2742,4/2/2018,0,3,alee2@x.org,00123\r\n`,
    );
  });

  it('keeps a BOM and a missing final line break as they were', () => {
    const text = `\uFEFF${HEADER}\r${row()}`;
    const p = only(lint(text, options), 'file.cr-line-endings');
    assert.deepEqual(p.range, range(0, HEADER.length + 1, 1, 0));
    assert.equal(applyFix(text, p.fix), `\uFEFF${HEADER}\r\n${row()}`);
  });

  it('does not flag CRLF or LF files', () => {
    assert.deepEqual(lint(file([row()], '\r\n'), options), []);
    assert.deepEqual(lint(file([row()], '\n'), options), []);
  });
});

describe('rule file.mixed-line-endings', () => {
  it('warns at the first odd ending, counts each kind, and its fix converts all to CRLF', () => {
    const text = `${HEADER}\r\n${row({}, 1)}\n${row({}, 2)}\r\n${row({}, 3)}\r\n`;
    const p = only(lint(text, options), 'file.mixed-line-endings');
    assert.equal(p.severity, 'warning');
    assert.deepEqual(p.range, range(1, row({}, 1).length, 2, 0));
    assertMessage(p, '3 CRLF, 1 LF', 'this line ends with LF', 'Convert them all to CRLF');
    assert.equal(applyFix(text, p.fix), file([row({}, 1), row({}, 2), row({}, 3)], '\r\n'));
  });

  it('converts LF-mostly files to CRLF too', () => {
    const text = `${HEADER}\n${row({}, 1)}\r\n${row({}, 2)}\n${row({}, 3)}`;
    const p = only(lint(text, options), 'file.mixed-line-endings');
    assertMessage(p, '2 LF, 1 CRLF', 'ends with CRLF');
    assert.equal(applyFix(text, p.fix), `${HEADER}\r\n${row({}, 1)}\r\n${row({}, 2)}\r\n${row({}, 3)}`);
  });
});

describe('rule column.missing-required', () => {
  /** The rulebook's header without User Type. */
  const NO_USER_TYPE = HEADER.replace(',User Type', '');
  const student = (grade: string, n: number) => row({ Grade: grade }, n).replace(/,0,(?=[^,]*,[^,]*,[^,]*$)/, ',');

  it('flags a missing required column at the header and adds it with User Type 0 for a students file', () => {
    const text = csv([NO_USER_TYPE, student('3', 1), student('', 2)], '\r\n');
    const p = only(lint(text, { ...options, fileName: 'district/students.csv' }), 'column.missing-required');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, 'User Type');
    // At the last heading, where the new column goes.
    assert.deepEqual(p.range, on(0, NO_USER_TYPE.lastIndexOf(',') + 1, NO_USER_TYPE.length));
    assertMessage(p, 'no "User Type" column', 'import cannot start', 'Rename the column', 'add the column');
    assert.equal(p.fix?.title, 'Add a "User Type" column (0 on every row)');
    assert.equal(applyFix(text, p.fix), csv([`${NO_USER_TYPE},User Type`, `${student('3', 1)},0`, `${student('', 2)},0`], '\r\n'));
  });

  it('fills User Type 0 on rows with a grade when the file name says nothing', () => {
    const text = csv([NO_USER_TYPE, student('3', 1), student('KG', 2)]);
    const p = only(lint(text, { ...options, fileName: 'export.csv' }), 'column.missing-required');
    assert.equal(p.fix?.title, 'Add a "User Type" column (0 on every row)');
    assert.equal(applyFix(text, p.fix), csv([`${NO_USER_TYPE},User Type`, `${student('3', 1)},0`, `${student('KG', 2)},0`]));
  });

  it('fills User Type 1 for a staff file; a column it can only partly fill is a suggestion with empty cells', () => {
    const staffText = csv([NO_USER_TYPE, student('', 1)]);
    const staff = only(lint(staffText, { ...options, fileName: 'staff.csv' }), 'column.missing-required');
    assert.equal(applyFix(staffText, staff.fix), csv([`${NO_USER_TYPE},User Type`, `${student('', 1)},1`]));

    const mixedText = csv([NO_USER_TYPE, student('3', 1), student('', 2)]);
    const mixed = only(lint(mixedText, options), 'column.missing-required');
    assert.equal(mixed.fix, undefined);
    assert.equal(mixed.suggestions[0]?.title, 'Add a "User Type" column (filled on 1 of 2 rows; fill in the rest)');
    assert.equal(applyFix(mixedText, mixed.suggestions[0]), csv([`${NO_USER_TYPE},User Type`, `${student('3', 1)},0`, `${student('', 2)},`]));
  });

  it('reports each missing column, and nothing per row while columns are missing', () => {
    const problems = lint(csv(['First Name,Last Name', 'Ana,Lee']), options);
    assert.deepEqual(
      problems.map((p) => p.field),
      ['Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade', 'Email Address', 'School SIS ID'],
    );
    assert.ok(problems.every((p) => p.code === 'column.missing-required'));
  });

  it('says to fix the columnOrder for a file without a header row', () => {
    const config = { ...SCHOOLS, columnOrder: ['First Name', 'Last Name'] as never };
    const problems = withCode(lint(csv(['Ana,Lee']), { config }), 'column.missing-required');
    assert.equal(problems.length, 8);
    assertMessage(problems[0]!, 'columnOrder');
    assert.equal(problems[0]!.fix, undefined);
  });

  // Found by the fix-all property in incremental.test.ts.
  it('puts the value of the new column after the last cell of the header, even on a row with an extra cell', () => {
    const text = csv([NO_USER_TYPE, `${student('3', 1)},extra`]);
    const p = only(lint(text, { ...options, fileName: 'students.csv' }), 'column.missing-required');
    assert.equal(applyFix(text, p.fix), csv([`${NO_USER_TYPE},User Type`, `${student('3', 1)},0,extra`]));
  });

  it('offers a column it cannot fill as a suggestion, not a safe fix', () => {
    const text = csv(['First Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID', 'Ana,alee,1001,Maple!274,4/2/2018,0,3,alee@x.org,00123']);
    const p = only(lint(text, options), 'column.missing-required');
    assert.equal(p.fix, undefined, 'an empty Last Name column should be a suggestion, not fix-all');
    assert.equal(p.suggestions.length, 1);
  });

  it('sanity: the student() helper drops exactly the User Type cell', () => {
    assert.equal(student('3', 1), 'Ana,Lee,alee1,10011,Maple!2741,4/2/2018,3,alee1@lincoln.example.org,00123');
  });
});
