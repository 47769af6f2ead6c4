import * as assert from 'node:assert/strict';
import { EnrollmentDocument, fixAllText, parseConfig } from '../../core';
import { excelSerialToDate } from '../../core/values/spreadsheetDamage';
import {
  DAMAGE_CONFIG,
  DAY_FIRST,
  DAY_FIRST_CONVERTED,
  DAY_FIRST_LINES,
  MIXED,
  MIXED_EXPECTED,
  MIXED_FIXED,
  MIXED_LINES,
  cellRangeOn,
} from '../fixtures/damage/fixtures';
import { HEADER, SCHOOLS, TODAY, assertMessage, csv, file, find, lint, on, only, row, staffRow, suggestion, withCode } from './helpers';
import { assertRoundTrip } from './roundTrip';

const options = { config: SCHOOLS };

/** A file with CRLF line endings, as Excel saves. */
const crlf = (rows: readonly string[], header = HEADER) => csv([header, ...rows], '\r\n');

/** The value of a problem's range. */
function assertNoPassword(message: string, password: string): void {
  assert.ok(!message.includes(password), `the message shows the password: ${message}`);
}

describe('spreadsheet damage: the mixed fixture through the core', () => {
  const text = MIXED.toString('utf8');
  const opts = { today: TODAY, config: DAMAGE_CONFIG as never };

  it('reports each kind once, at its cell, with its severity and safe fix', () => {
    const problems = lint(text, opts);
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line + 1, p.severity]),
      MIXED_EXPECTED.map((e) => [e.code, e.line, e.severity]),
    );
    problems.forEach((p, k) => {
      const e = MIXED_EXPECTED[k]!;
      const [start, end] = cellRangeOn(MIXED_LINES[e.line - 1]!, e.value);
      assert.deepEqual(p.range, on(e.line - 1, start, end), `${p.code} on line ${e.line}`);
      if (e.fix === null) assert.equal(p.fix, undefined, p.code);
      else if (typeof e.fix === 'string') assert.equal(p.fix?.title, e.fix);
      else assert.match(p.fix?.title ?? '', e.fix);
    });
  });

  it('fix-all writes exactly the fixed fixture', () => {
    assert.equal(fixAllText(text, opts).text, MIXED_FIXED.toString('utf8'));
  });

  it('every safe fix round-trips on its own', () => {
    for (const p of lint(text, opts).filter((q) => q.fix)) {
      const edit = p.fix!.edits[0]!;
      const lines = text.split('\r\n');
      const line = lines[edit.range.start.line]!;
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      assertRoundTrip(text, opts, p, p.fix, lines.join('\r\n'));
    }
  });

  it('no message shows a password', () => {
    for (const p of lint(text, opts).filter((q) => q.field === 'Password')) {
      assertNoPassword(p.message, '1.23E+05');
      assertNoPassword(p.message, '=Plum274!');
    }
  });
});

describe('rule id.leading-zeros-lost', () => {
  const ids = (values: readonly string[]) => values.map((id, k) => row({ 'District ID': id }, k + 1));

  it('flags an all-digit ID shorter than the usual width, with a pad suggestion that round-trips', () => {
    const text = crlf(ids(['013001', '013002', '013003', '13004']));
    const p = only(lint(text, options), 'id.leading-zeros-lost');
    assert.equal(p.severity, 'warning');
    assert.equal(p.field, 'District ID');
    assert.deepEqual(p.range, find(text, 4, '13004'));
    assertMessage(
      p,
      'District ID "13004" has 5 digits, but 3 of the 4 all-digit District IDs in this column have 6, all of them starting with 0',
      'dropped its leading zeros ("013004" became "13004")',
      'would add a second user',
      'If the SIS has "013004", pad it',
    );
    assert.equal(p.fix, undefined);
    const pad = suggestion(p, 'Pad District ID "13004" with zeros to 6 digits: "013004"');
    assertRoundTrip(text, options, p, pad, text.replace(',13004,', ',013004,'));
  });

  it('says "most" without claiming zero padding when the usual IDs do not start with 0', () => {
    const text = crlf(ids(['213001', '213002', '213003', '1234']));
    const p = only(lint(text, options), 'id.leading-zeros-lost');
    assertMessage(p, '"1234" has 4 digits, but 3 of the 4 all-digit District IDs in this column have 6:');
    assert.equal(suggestion(p, 'Pad').edits[0]!.newText, '001234');
  });

  it('needs at least 3 IDs of the usual width, and more than half of the all-digit IDs', () => {
    for (const values of [
      ['013001', '013002', '1234'],
      ['013001', '013002', '013003', '1234', '1235', '1236'],
      ['013001', '013002', '013003', '12345', '12346', '12347', '1'],
    ]) {
      assert.deepEqual(withCode(lint(crlf(ids(values)), options), 'id.leading-zeros-lost'), [], values.join(' '));
    }
  });

  it('ignores IDs that are not all digits, and longer IDs', () => {
    const text = crlf([...ids(['013001', '013002', '013003', '0130041']), staffRow({ 'District ID': 'T900' }, 9)]);
    assert.deepEqual(withCode(lint(text, options), 'id.leading-zeros-lost'), []);
  });

  it('checks State User ID and Alternate User ID as columns of their own', () => {
    const header = `${HEADER},State User ID,Alternate User ID`;
    const rows = ['700001,5', '700002,6', '700003,7', '70004,8'].map((extra, k) => `${row({}, k + 1)},${extra}`);
    const text = crlf(rows, header);
    const p = only(lint(text, options), 'id.leading-zeros-lost');
    assert.equal(p.field, 'State User ID');
    assert.deepEqual(p.range, find(text, 4, '70004'));
    assertMessage(p, "no longer matches the state's records");
  });

  it('keeps a quoted ID quoted when padding it', () => {
    const text = crlf(ids(['013001', '013002', '013003', '"13004"']));
    const p = only(lint(text, options), 'id.leading-zeros-lost');
    assertRoundTrip(text, options, p, p.suggestions[0], text.replace(',"13004",', ',"013004",'));
  });
});

describe('rule value.scientific-notation', () => {
  const cases: [string, string][] = [
    ['District ID', '1.23457E+11'],
    ['District ID', '1.2E5'],
    ['Username', '1.23457e+11'],
    ['School SIS ID', '1E+05'],
  ];
  for (const [field, value] of cases) {
    it(`flags ${field} "${value}" as digits lost, with no fix: re-export`, () => {
      const text = crlf([row({ [field]: value })]);
      const problems = lint(text, options);
      const p = only(problems, 'value.scientific-notation');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, field);
      assert.deepEqual(p.range, find(text, 1, value));
      assertMessage(p, `${field} "${value}" is a number in scientific notation`, 'cannot be worked out from this file', 'Export the users from the SIS again', 'set to Text');
      assert.equal(p.fix, undefined);
      assert.deepEqual(p.suggestions, []);
      assert.deepEqual(withCode(problems, 'school.unknown'), [], 'no misleading school suggestions');
    });
  }

  it('leaves codes like 12E3 and plain numbers alone', () => {
    for (const value of ['12E3', '123456789012', 'E12', '1.5']) {
      assert.deepEqual(withCode(lint(crlf([row({ 'District ID': value })]), options), 'value.scientific-notation'), [], value);
    }
  });
});

describe('rule birthdate.excel-serial', () => {
  it('reads serials in the 1900 system, with its leap-year bug, and in the 1904 system', () => {
    assert.deepEqual(excelSerialToDate(1), { year: 1900, month: 1, day: 1 });
    assert.deepEqual(excelSerialToDate(59), { year: 1900, month: 2, day: 28 });
    assert.equal(excelSerialToDate(60), undefined, '29 February 1900 never was');
    assert.deepEqual(excelSerialToDate(61), { year: 1900, month: 3, day: 1 });
    assert.deepEqual(excelSerialToDate(42064), { year: 2015, month: 3, day: 1 });
    assert.deepEqual(excelSerialToDate(0, '1904'), { year: 1904, month: 1, day: 1 });
    assert.deepEqual(excelSerialToDate(42064, '1904'), { year: 2019, month: 3, day: 2 });
  });

  const formats: [Record<string, string>, string, string][] = [
    [{ dateSystem: '1900' }, '03/01/2015', '1 March 2015'],
    [{ dateSystem: '1900', dateFormat: 'M/D/YYYY' }, '3/1/2015', '1 March 2015'],
    [{ dateSystem: '1900', dateFormat: 'YYYY-MM-DD' }, '2015-03-01', '1 March 2015'],
    [{ dateSystem: '1904' }, '03/02/2019', '2 March 2019'],
  ];
  for (const [extra, written, spelt] of formats) {
    it(`converts 42064 to ${written} with ${JSON.stringify(extra)} (dateSystem set), as a safe fix that round-trips`, () => {
      const opts = { config: { ...SCHOOLS, ...extra } as never };
      const text = crlf([row({ Birthdate: '42064' })]);
      const p = only(lint(text, opts), 'birthdate.excel-serial');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, find(text, 1, '42064'));
      assertMessage(p, 'Birthdate "42064" is a date serial number', `Serial 42064 is ${spelt}`, `write ${written}`);
      assert.equal(p.fix?.title, `Change Birthdate "42064" to "${written}" (${spelt})`);
      assertRoundTrip(text, opts, p, p.fix, text.replace(',42064,', `,${written},`));
    });
  }

  for (const [extra, first, second] of [
    [{}, '03/01/2015', '03/02/2019'],
    [{ dateFormat: 'YYYY-MM-DD' }, '2015-03-01', '2019-03-02'],
  ] as const) {
    it(`without dateSystem (${JSON.stringify(extra)}): no safe fix, the 1900 and the 1904 readings as suggestions, and the message says to set dateSystem`, () => {
      const opts = { config: { ...SCHOOLS, ...extra } as never };
      const text = crlf([row({ Birthdate: '42064' })]);
      const p = only(lint(text, opts), 'birthdate.excel-serial');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, find(text, 1, '42064'));
      assert.equal(p.fix, undefined, 'which date system made the serial is a guess');
      assertMessage(
        p,
        `Serial 42064 is 1 March 2015 in Excel's default 1900 date system (write ${first})`,
        'but 2 March 2019 in the 1904 system',
        'Set "dateSystem": "1900" (or "1904") in .classworks.json',
        'Fix All and classworks fix convert every serial birthdate',
      );
      assert.deepEqual(
        p.suggestions.map((s) => s.title),
        [
          `Change Birthdate "42064" to "${first}" (1 March 2015, Excel's 1900 date system)`,
          `Change Birthdate "42064" to "${second}" (2 March 2019, Excel for Mac 2011's 1904 date system)`,
        ],
      );
      assertRoundTrip(text, opts, p, p.suggestions[0], text.replace(',42064,', `,${first},`));
      assertRoundTrip(text, opts, p, p.suggestions[1], text.replace(',42064,', `,${second},`));
      // Fix All leaves it alone.
      assert.equal(fixAllText(text, opts).text, text);
    });
  }

  it('without dateSystem, a serial whose 1904 reading is in the future gets only the 1900 suggestion', () => {
    // 45000 is 15 March 2023 in 1900 and 16 March 2027 in 1904, after the tests' TODAY (3 December 2026).
    const opts = { config: { ...SCHOOLS } as never };
    const p = only(lint(crlf([row({ Birthdate: '45000' })]), opts), 'birthdate.excel-serial');
    assert.deepEqual(p.suggestions.map((s) => s.title), [`Change Birthdate "45000" to "03/15/2023" (15 March 2023, Excel's 1900 date system)`]);
  });

  it('offers no fix for a serial that would be in the future', () => {
    const p = only(lint(crlf([row({ Birthdate: '60000' })]), options), 'birthdate.excel-serial');
    assertMessage(p, 'in the future', 'probably not a date at all');
    assert.equal(p.fix, undefined);
  });

  it('leaves four-digit values (a year of birth?) to birthdate.invalid', () => {
    const problems = lint(crlf([row({ Birthdate: '2015' })]), options);
    assert.deepEqual(withCode(problems, 'birthdate.excel-serial'), []);
    only(problems, 'birthdate.invalid');
  });
});

describe('rule value.excel-date', () => {
  const cases: [string, string, string, string][] = [
    ['Username', 'Nov-12', 'November 12', '11-12'],
    ['District ID', 'Mar-04', 'March 04', '3-4'],
  ];
  for (const [field, value, reading, original] of cases) {
    it(`says ${field} "${value}" was probably "${original}", with a suggestion that round-trips`, () => {
      const text = crlf([row({ [field]: value })]);
      const problems = lint(text, options);
      const p = only(problems, 'value.excel-date');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, field);
      assert.deepEqual(p.range, find(text, 1, value));
      assertMessage(p, `${field} "${value}" is a date (${reading})`, `was probably "${original}"`);
      assert.equal(p.fix, undefined);
      assert.deepEqual(p.suggestions.map((s) => s.title), [`Change ${field} "${value}" back to "${original}"`]);
      assert.deepEqual(withCode(problems, 'grade.invalid'), [], 'one problem per cell');
      const fixed = text.replace(`,${value},`, `,${original},`);
      const after = assertRoundTrip(text, options, p, p.suggestions[0], fixed);
      assert.deepEqual(withCode(after, 'value.excel-date'), []);
    });
  }

  const grades: [string, string, string, string[]][] = [
    ['4-Mar', '4 March', '3-4', ['3', '4']],
    ['12-Nov', '12 November', '11-12', ['11', '12']],
    ['Nov-12', 'November 12', '11-12', ['11', '12']],
    ['31-Dec', '31 December', '12-31', ['12']],
  ];
  for (const [value, reading, original, picks] of grades) {
    it(`Grade "${value}": probably the grade range "${original}", which is no grade either; suggests only real grades (${picks.join(', ')}), each leaving no problem`, () => {
      const text = crlf([row({ Grade: value })]);
      const problems = lint(text, options);
      const p = only(problems, 'value.excel-date');
      assert.equal(p.field, 'Grade');
      assert.deepEqual(p.range, find(text, 1, value));
      assertMessage(
        p,
        `Grade "${value}" is a date (${reading})`,
        `so the value was probably "${original}", a range of grades (a combined class)`,
        'That is no Classworks grade either: each student has one grade (Pre-K, K or 1–12)',
        `the suggestions write ${picks.map((g) => `"${g}"`).join(' or ')}`,
      );
      assert.equal(p.fix, undefined, 'which grade is the student\'s is a person\'s choice');
      assert.deepEqual(withCode(problems, 'grade.invalid'), [], 'one problem per cell');
      assert.equal(p.suggestions.length, picks.length);
      for (const [k, grade] of picks.entries()) {
        assert.match(p.suggestions[k]!.title, new RegExp(`^Change Grade "${value}" to "${grade}" \\(`));
        const after = assertRoundTrip(text, options, p, p.suggestions[k], text.replace(`,${value},`, `,${grade},`));
        assert.deepEqual(after.filter((q) => q.field === 'Grade'), [], `"${grade}" is a Classworks grade`);
      }
    });
  }

  it('Grade "4-Mar" with "3-4" in gradeMapping: suggests the mapped grade only', () => {
    const opts = { config: { ...SCHOOLS, gradeMapping: { '3-4': '4' } } as never };
    const p = only(lint(crlf([row({ Grade: '4-Mar' })]), opts), 'value.excel-date');
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Change Grade "4-Mar" to "4" (gradeMapping\'s grade for "3-4")']);
  });

  it('names a full date without guessing the original', () => {
    const text = crlf([row({ Grade: '3/4/2024' })]);
    const p = only(lint(text, options), 'value.excel-date');
    assertMessage(p, 'Grade "3/4/2024" is a date (March 4, 2024)', 'cannot be told from this file');
    assert.deepEqual(p.suggestions, []);
  });

  it('leaves lower-case words, plain values and known school codes alone', () => {
    const text = crlf([row({ Username: 'mar-4' }, 1), row({ Username: 'jsmith-12' }, 2)]);
    assert.deepEqual(withCode(lint(text, options), 'value.excel-date'), []);
    const schools = { config: { schools: [{ sisId: 'Mar-04', name: 'Marion' }] } };
    assert.deepEqual(withCode(lint(crlf([row({ 'School SIS ID': 'Mar-04' })]), schools), 'value.excel-date'), []);
  });
});

describe('rule flag.invalid', () => {
  const header = `${HEADER},Disabled,Limited English,Economically Disadvantaged,Migrant`;
  const flags = (values: string) => crlf([`${row()},${values}`], header);

  it('passes Y, N, 1, 0 and blank', () => {
    assert.deepEqual(lint(flags('Y,N,1,0'), options), []);
    assert.deepEqual(lint(flags(',,,'), options), []);
  });

  const words: [string, 'Y' | 'N'][] = [
    ['TRUE', 'Y'],
    ['Yes', 'Y'],
    ['y', 'Y'],
    ['FALSE', 'N'],
    ['No', 'N'],
    ['n', 'N'],
  ];
  for (const [word, meant] of words) {
    it(`turns ${word} into ${meant} with a safe fix that round-trips`, () => {
      const text = flags(`${word},N,N,N`);
      const p = only(lint(text, options), 'flag.invalid');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'Disabled');
      const at = row().length + 1;
      assert.deepEqual(p.range, on(1, at, at + word.length));
      assertMessage(p, `Disabled "${word}" means ${meant === 'Y' ? 'yes' : 'no'}`, 'Y or 1 for yes and N or 0 (or blank) for no', `Write ${meant}.`);
      assert.equal(p.fix?.title, `Change Disabled "${word}" to ${meant} (${meant === 'Y' ? 'yes' : 'no'})`);
      assertRoundTrip(text, options, p, p.fix, flags(`${meant},N,N,N`));
    });
  }

  it('reports anything else as an error, with Y and N as suggestions', () => {
    const text = flags('Y,maybe,N,N');
    const p = only(lint(text, options), 'flag.invalid');
    assert.equal(p.field, 'Limited English');
    assertMessage(p, 'Limited English "maybe" is not a yes/no value');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Change Limited English to Y (yes)', 'Change Limited English to N (no)']);
    assertRoundTrip(text, options, p, p.suggestions[1], flags('Y,N,N,N'));
  });

  it('fix-all normalises a column of TRUE/FALSE', () => {
    const text = crlf([`${row({}, 1)},TRUE,FALSE,Yes,No`, `${row({}, 2)},true,false,Y,N`], header);
    const fixed = fixAllText(text, { today: TODAY, ...options }).text;
    assert.equal(fixed, crlf([`${row({}, 1)},Y,N,Y,N`, `${row({}, 2)},Y,N,Y,N`], header));
    assert.deepEqual(lint(fixed, options), []);
  });
});

describe('rule gender.invalid', () => {
  const header = `${HEADER},Gender`;
  const gender = (value: string) => crlf([`${row()},${value}`], header);

  it('passes M, F, Male, Female and blank', () => {
    for (const value of ['M', 'F', 'Male', 'Female', '']) assert.deepEqual(lint(gender(value), options), [], value);
  });

  it('fixes a change of case safely', () => {
    const text = gender('male');
    const p = only(lint(text, options), 'gender.invalid');
    assert.equal(p.severity, 'warning');
    assert.equal(p.fix?.title, 'Change Gender "male" to "Male"');
    assertRoundTrip(text, options, p, p.fix, gender('Male'));
  });

  it('warns about other values, with suggestions and no safe fix', () => {
    const text = gender('X');
    const p = only(lint(text, options), 'gender.invalid');
    assertMessage(p, 'Gender "X" is not one of the values Classworks lists (M, F, Male, Female)', 'optional');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Clear the Gender (it is optional)', 'Change Gender to "M"', 'Change Gender to "F"']);
    assertRoundTrip(text, options, p, p.suggestions[0], gender(''));
  });
});

describe('rule password.spreadsheet-changed', () => {
  const cases: [string, string, string[], string][] = [
    ['1.23E+05', 'scientific notation', [], 'in scientific notation (which passes the strength rules)'],
    ['43831', 'only a number', ['password.too-short', 'password.too-weak'], 'that is a date serial number'],
    ['3/4/2024', 'looks like a date', ['password.too-weak'], 'that is a date'],
    ['20240304', 'only a number', ['password.too-weak'], 'of eight digits'],
  ];
  for (const [password, shape, others, label] of cases) {
    it(`warns that a spreadsheet probably changed a password ${label}, without showing it`, () => {
      const text = crlf([row({ Password: password })]);
      const problems = lint(text, options);
      const p = only(problems, 'password.spreadsheet-changed');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, find(text, 1, password));
      assertMessage(p, 'This password', shape, 'Take the password from the SIS again');
      for (const q of problems) assertNoPassword(q.message, password);
      assert.deepEqual(problems.map((q) => q.code).filter((c) => c !== 'password.spreadsheet-changed').sort(), others);
    });
  }

  it('leaves ordinary passwords alone', () => {
    for (const password of ['Maple!274', 'correcthorse9!', 'E12-x!aa']) {
      assert.deepEqual(withCode(lint(crlf([row({ Password: password })]), options), 'password.spreadsheet-changed'), [], password);
    }
  });
});

describe('rule value.formula and password.formula', () => {
  const starts: [string, string][] = [
    ['=', '"="'],
    ['+', '"+"'],
    ['-', '"-"'],
    ['@', '"@"'],
    ['\t', 'U+0009 (tab)'],
    ['\r', 'U+000D (carriage return)'],
  ];
  for (const [start, named] of starts) {
    it(`flags a Username starting with ${JSON.stringify(start)} as an error, suggesting to remove it`, () => {
      const cell = /[\r]/.test(start) ? `"${start}alee"` : `${start}alee`;
      const text = crlf([row({ Username: cell })]);
      const problems = lint(text, options);
      const p = only(problems, 'value.formula');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'Username');
      assertMessage(p, `starts with ${named}`, 'formula', 'Remove the character');
      assert.deepEqual(p.suggestions.map((s) => s.title).length, 1);
      // Other checks of invisible characters may report the same cell; they go with the character.
      const sameCell = problems.filter((q) => q !== p && q.range.start.line === p.range.start.line && q.field === 'Username').map((q) => q.code);
      assertRoundTrip(text, options, p, p.suggestions[0], text.replace(cell, cell.startsWith('"') ? '"alee"' : 'alee'), sameCell);
    });
  }

  it('flags names, IDs and e-mail addresses, with the exact range', () => {
    const text = crlf([row({ 'Last Name': '=HYPERLINK("x")', 'District ID': '+1001', 'Email Address': '@alee@lincoln.example.org' })]);
    const problems = withCode(lint(text, options), 'value.formula');
    assert.deepEqual(
      problems.map((p) => p.field),
      ['Last Name', 'District ID', 'Email Address'],
    );
    assert.deepEqual(problems[0]!.range, find(text, 1, '=HYPERLINK("x")'));
    assert.deepEqual(problems[1]!.range, find(text, 1, '+1001'));
  });

  it('warns about a password that starts like a formula, without showing it or its first character', () => {
    for (const password of ['=Maple274!', '+Maple274!', '-Maple274!', '@Maple274!']) {
      const text = crlf([row({ Password: password })]);
      const problems = lint(text, options);
      const p = only(problems, 'password.formula');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, find(text, 1, password));
      assertMessage(p, 'This password starts with a character that makes a spreadsheet read the cell as a formula');
      assertNoPassword(p.message, password);
      assert.ok(!p.message.includes(`"${password[0]}"`));
      assert.deepEqual(problems.map((q) => q.code), ['password.formula']);
    }
  });

  it('looks past leading spaces and line breaks, which trimming would remove', () => {
    const text = crlf([row({ Username: '" \n=cmd"' })]);
    const p = only(lint(text, options), 'value.formula');
    assertMessage(p, 'starts with "=" (after leading spaces or line breaks, which trimming removes)');
    assert.deepEqual(p.suggestions.map((s) => s.edits[0]!.newText), ['cmd']);
  });

  it('leaves values with a formula character later on alone', () => {
    assert.deepEqual(lint(crlf([row({ Username: 'a=b', Password: 'Maple=274' })]), options), []);
  });
});

describe('grade vocabularies and gradeMapping', () => {
  it('asks for a mapping for TK, suggesting K and Pre-K', () => {
    const text = crlf([row({ Grade: 'TK' })]);
    const p = only(lint(text, options), 'grade.invalid');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, find(text, 1, 'TK'));
    assertMessage(p, 'Grade "TK"', 'transitional kindergarten', 'say it once in .classworks.json', '"gradeMapping": {"TK": "K"}');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Change Grade "TK" to "K"', 'Change Grade "TK" to "Pre-K"']);
  });

  for (const [value, meaning, suggestions] of [
    ['PPK', 'pre-pre-kindergarten', ['Change Grade "PPK" to "Pre-K"']],
    ['UG', 'ungraded', []],
    ['13', 'a 13th year', ['Change Grade "13" to "12"']],
  ] as const) {
    it(`asks for a mapping for ${value} (${meaning})`, () => {
      const p = only(lint(crlf([row({ Grade: value })]), options), 'grade.invalid');
      assertMessage(p, meaning, `"gradeMapping": {"${value}"`);
      assert.equal(p.fix, undefined);
      assert.deepEqual(p.suggestions.map((s) => s.title), suggestions);
    });
  }

  it('applies gradeMapping as a safe fix (keys compared ignoring case and spaces) that round-trips', () => {
    const opts = { config: { ...SCHOOLS, gradeMapping: { ' tk ': 'K', PPK: 'Pre-K' } } as never };
    const text = crlf([row({ Grade: 'TK' }, 1), row({ Grade: 'ppk' }, 2)]);
    const [tk, ppk] = withCode(lint(text, opts), 'grade.invalid');
    assertMessage(tk!, '.classworks.json maps it to "K"');
    assert.equal(tk!.fix?.title, 'Change Grade "TK" to "K"');
    assert.equal(ppk!.fix?.title, 'Change Grade "ppk" to "Pre-K"');
    assertRoundTrip(text, opts, tk!, tk!.fix, text.replace(',0,TK,', ',0,K,'));
    assert.equal(fixAllText(text, { today: TODAY, ...opts }).text, crlf([row({ Grade: 'K' }, 1), row({ Grade: 'Pre-K' }, 2)]));
  });

  it('lets the mapping win over the built-in spellings, and not over Classworks grades', () => {
    const opts = { config: { gradeMapping: { KG: 'Pre-K', K: 'Pre-K' } } as never };
    const problems = lint(crlf([row({ Grade: 'KG' }, 1), row({ Grade: 'K' }, 2)]), opts);
    assert.equal(only(problems, 'grade.invalid').fix?.title, 'Change Grade "KG" to "Pre-K"');
  });

  it('on a staff row offers the mapped grade as a suggestion, beside clearing it', () => {
    const opts = { config: { gradeMapping: { TK: 'K' } } as never };
    const p = only(lint(crlf([staffRow({ Grade: 'TK' })]), opts), 'grade.invalid');
    assert.equal(p.fix, undefined);
    assert.deepEqual(p.suggestions.map((s) => s.title), ['Change Grade "TK" to "K"', 'Clear the Grade (staff may leave it blank)']);
  });

  it('rejects a mapping to a value that is not a Classworks grade, keeping the others', () => {
    const { config, errors } = parseConfig(JSON.stringify({ gradeMapping: { TK: 'K', PPK: 'Pre K' } }));
    assert.deepEqual(config.gradeMapping, { TK: 'K' });
    assert.deepEqual(errors.map((e) => e.path), ['gradeMapping.PPK']);
  });

  it('reads dateFormat and dateSystem, and rejects other values', () => {
    assert.deepEqual(parseConfig('{"dateFormat": "YYYY-MM-DD", "dateSystem": "1904"}').config, { dateFormat: 'YYYY-MM-DD', dateSystem: '1904' });
    assert.deepEqual(parseConfig('{"dateFormat": "DD/MM/YYYY", "dateSystem": 1904}').errors.map((e) => e.path), ['dateFormat', 'dateSystem']);
  });
});

describe('dates: two-digit years', () => {
  const cases: [string, (o?: object, n?: number) => string, string, string, string][] = [
    ['student', row, '3/1/15', '03/01/2015', '2015: age 11'],
    ['staff member', staffRow, '3/1/80', '03/01/1980', '1980: age 46'],
    ['student written day first', row, '15/7/14', '07/15/2014', 'no month 15'],
  ];
  for (const [who, make, value, written, note] of cases) {
    it(`fixes ${value} for a ${who} with the plausible century, as a safe fix that round-trips`, () => {
      const text = crlf([make({ Birthdate: value })]);
      const p = only(lint(text, options), 'birthdate.two-digit-year');
      assert.equal(p.severity, 'warning');
      assert.deepEqual(p.range, find(text, 1, value));
      assertMessage(p, `Birthdate "${value}" has a two-digit year`, note, `Write the full year: ${written}`);
      assert.match(p.fix?.title ?? '', new RegExp(`^Change Birthdate "${value.replace(/\//g, '\\/')}" to "${written.replace(/\//g, '\\/')}"`));
      assertRoundTrip(text, options, p, p.fix, text.replace(`,${value},`, `,${written},`));
    });
  }

  it('writes the configured format', () => {
    const opts = { config: { dateFormat: 'YYYY-MM-DD' } as never };
    const text = crlf([row({ Birthdate: '3/1/15' })]);
    assert.equal(only(lint(text, opts), 'birthdate.two-digit-year').fix?.edits[0]!.newText, '2015-03-01');
  });

  it('offers a suggestion per century when neither gives a plausible age (staff, 3/1/15)', () => {
    const text = crlf([staffRow({ Birthdate: '3/1/15' })]);
    const p = only(lint(text, options), 'birthdate.two-digit-year');
    assert.equal(p.fix, undefined);
    assertMessage(p, 'No reading gives a usual age for a staff member (16–100; 1915: age 111, 2015: age 11)');
    assert.deepEqual(p.suggestions.map((s) => s.title), [
      'Change Birthdate "3/1/15" to "03/01/1915" (1 March 1915, age 111)',
      'Change Birthdate "3/1/15" to "03/01/2015" (1 March 2015, age 11)',
    ]);
    assertRoundTrip(text, options, p, p.suggestions[0], text.replace(',3/1/15,', ',03/01/1915,'), ['birthdate.implausible']);
  });

  it('never picks a century in the future', () => {
    const p = only(lint(crlf([staffRow({ Birthdate: '3/1/30' })]), options), 'birthdate.two-digit-year');
    assert.equal(p.fix?.edits[0]!.newText, '03/01/1930');
  });
});

describe('dates: day-first columns', () => {
  it('fixes a day-first date safely when no other date of the column is ambiguous', () => {
    const text = crlf([row({ Birthdate: '15/07/2014' }, 1), row({ Birthdate: '7/20/2015' }, 2), row({ Birthdate: '2015-03-04' }, 3), row({ Birthdate: '5/5/2015' }, 4)]);
    const problems = lint(text, options);
    const p = only(problems, 'birthdate.day-first');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, find(text, 1, '15/07/2014'));
    assertMessage(p, 'Birthdate "15/07/2014" is written day first (DD/MM/YYYY): there is no month 15, so it is 15 July 2014', 'Write it as 07/15/2014.');
    assert.equal(p.fix?.title, 'Change Birthdate "15/07/2014" to "07/15/2014" (15 July 2014)');
    assert.deepEqual(withCode(problems, 'birthdate.ambiguous'), [], 'ISO dates, dates with day = month and month-first dates are not ambiguous');
    assertRoundTrip(text, options, p, p.fix, text.replace('15/07/2014', '07/15/2014'));
  });

  it('does not report ambiguous dates in a column without a day-first date', () => {
    assert.deepEqual(lint(crlf([row({ Birthdate: '03/04/2015' }, 1), row({ Birthdate: '11/10/2014' }, 2)]), options), []);
  });

  describe('the day-first fixture', () => {
    const text = DAY_FIRST.toString('utf8');

    it('flags the proving rows (no safe fix while another date is ambiguous) and the ambiguous row', () => {
      const problems = lint(text, options);
      assert.deepEqual(
        problems.map((p) => [p.code, p.range]),
        [
          ['birthdate.day-first', on(1, ...cellRangeOn(DAY_FIRST_LINES[1], '15/07/2014'))],
          ['birthdate.ambiguous', on(2, ...cellRangeOn(DAY_FIRST_LINES[2], '03/04/2015'))],
          ['birthdate.day-first', on(3, ...cellRangeOn(DAY_FIRST_LINES[3], '20/11/2016'))],
        ],
      );
      const [proof, ambiguous] = problems;
      assert.equal(proof!.fix, undefined);
      assertMessage(proof!, '1 other Birthdate in this column (the first on line 3) can be read either way round');
      assert.equal(ambiguous!.severity, 'warning');
      assertMessage(
        ambiguous!,
        'Birthdate "03/04/2015" can be read two ways: 4 March 2015 (month first, as the import reads it) or 3 April 2015 (day first)',
        'This column has dates written day first ("15/07/2014" on line 2)',
      );
      assert.deepEqual(ambiguous!.suggestions.map((s) => s.title), [
        'Read the 3 day-first Birthdates of this column day first and write them as MM/DD/YYYY',
        'Read it day first: change Birthdate "03/04/2015" to "04/03/2015" (3 April 2015)',
      ]);
      assert.deepEqual(proof!.suggestions.map((s) => s.title), [
        'Read the 3 day-first Birthdates of this column day first and write them as MM/DD/YYYY',
        'Change Birthdate "15/07/2014" to "07/15/2014" (15 July 2014)',
      ]);
    });

    it('the column conversion resolves every problem of the column and changes nothing else', () => {
      const problems = lint(text, options);
      for (const p of problems) {
        const after = assertRoundTrip(text, options, p, p.suggestions[0], DAY_FIRST_CONVERTED.toString('utf8'), ['birthdate.day-first', 'birthdate.ambiguous']);
        assert.deepEqual(after, []);
      }
    });

    it('fix-all leaves the column alone while a date is ambiguous', () => {
      assert.equal(fixAllText(text, { today: TODAY, ...options }).text, text);
    });
  });

  it('reports a day-first reading that is no real date as birthdate.invalid', () => {
    const p = only(lint(crlf([row({ Birthdate: '31/02/2015' })]), options), 'birthdate.invalid');
    assertMessage(p, 'not a real date');
  });
});

describe('column facts follow edits (incremental)', () => {
  const opts = { today: TODAY, config: SCHOOLS };
  const summary = (doc: EnrollmentDocument) => doc.getProblems().map((p) => `${p.code}@${p.range.start.line}`);
  const fresh = (doc: EnrollmentDocument) => new EnrollmentDocument(doc.getText(), opts).getProblems();

  it('re-reports other rows when one edit changes the usual ID width', () => {
    const ids = ['013001', '013002', '013003', '1304', '1305'];
    const text = crlf(ids.map((id, k) => row({ 'District ID': id }, k + 1)));
    const doc = new EnrollmentDocument(text, opts);
    assert.deepEqual(summary(doc), ['id.leading-zeros-lost@4', 'id.leading-zeros-lost@5']);
    // Line 3's ID loses its zeros too: 2 of 6 digits, 3 of 4 — the usual width is now 4.
    const at = text.indexOf('013003');
    doc.applyEdit(at, at + 6, '1303');
    assert.deepEqual(summary(doc), []);
    assert.deepEqual(doc.getProblems(), fresh(doc));
    // And back: the usual width is 6 again, and lines 4 and 5 are reported again.
    doc.applyEdit(at, at + 4, '013003');
    assert.deepEqual(summary(doc), ['id.leading-zeros-lost@4', 'id.leading-zeros-lost@5']);
    assert.deepEqual(doc.getProblems(), fresh(doc));
    // Deleting a whole row of the usual width also changes the fact.
    const lines = doc.getText().split('\r\n');
    const start = lines.slice(0, 1).join('\r\n').length + 2;
    doc.applyEdit(start, start + (lines[1] as string).length + 2, '');
    assert.deepEqual(summary(doc), []);
    assert.deepEqual(doc.getProblems(), fresh(doc));
  });

  it('re-reports ambiguous dates when one row proves the column day-first, and stops when it no longer does', () => {
    const text = crlf([row({ Birthdate: '03/04/2015' }, 1), row({ Birthdate: '7/20/2015' }, 2), row({ Birthdate: '11/10/2014' }, 3)]);
    const doc = new EnrollmentDocument(text, opts);
    assert.deepEqual(summary(doc), []);
    const at = doc.getText().indexOf('7/20/2015');
    doc.applyEdit(at, at + '7/20/2015'.length, '20/7/2015');
    assert.deepEqual(summary(doc), ['birthdate.ambiguous@1', 'birthdate.day-first@2', 'birthdate.ambiguous@3']);
    assert.deepEqual(doc.getProblems(), fresh(doc));
    doc.applyEdit(at, at + '20/7/2015'.length, '7/20/2015');
    assert.deepEqual(summary(doc), []);
    assert.deepEqual(doc.getProblems(), fresh(doc));
  });

  it('re-reports when a config change brings another date format', () => {
    const doc = new EnrollmentDocument(crlf([row({ Birthdate: '42064' })]), { ...opts, config: { ...SCHOOLS, dateSystem: '1900' } });
    assert.equal(doc.getProblems()[0]?.fix?.edits[0]?.newText, '03/01/2015');
    doc.setOptions({ ...opts, config: { ...SCHOOLS, dateSystem: '1900', dateFormat: 'YYYY-MM-DD' } });
    assert.equal(doc.getProblems()[0]?.fix?.edits[0]?.newText, '2015-03-01');
    // Without dateSystem the conversion is only a suggestion.
    doc.setOptions({ ...opts, config: { ...SCHOOLS, dateFormat: 'YYYY-MM-DD' } });
    assert.equal(doc.getProblems()[0]?.fix, undefined);
    assert.equal(doc.getProblems()[0]?.suggestions[0]?.edits[0]?.newText, '2015-03-01');
  });

  it('a file replaced by the mixed fixture in one edit shows what a fresh check shows', () => {
    const text = file([row({}, 1)], '\r\n');
    const doc = new EnrollmentDocument(text, { today: TODAY, config: DAMAGE_CONFIG as never });
    const mixed = MIXED.toString('utf8');
    doc.applyEdit(0, text.length, mixed);
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument(mixed, { today: TODAY, config: DAMAGE_CONFIG as never }).getProblems());
  });
});
