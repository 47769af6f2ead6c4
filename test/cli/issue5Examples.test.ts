import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_CONFIG, HEADER, type JsonProblem, lintJson, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

/**
 * Every example of issue 5 ("Real district files") through the built CLI, byte for byte: the
 * code, the line:column where it starts, the safe fix's title and the file's text after `fix`.
 * Problems of the whole file (encoding, delimiter, line endings, an unclosed quote, empty edges)
 * are checked on files of many rows: each is reported once, and nothing else drowns it.
 */

type Field = (typeof FIELDS)[number];
const FIELDS = HEADER.split(',') as readonly string[];

/** A valid student; `n` keeps usernames, IDs, passwords and addresses unique. */
function user(n: number, over: Partial<Record<Field, string>> = {}): string {
  const values: Record<string, string> = {
    'First Name': 'Ora',
    'Last Name': 'Klein',
    Username: `OKlein${n}`,
    'District ID': String(13001 + n),
    Password: `Maple!${274 + n}`,
    Birthdate: '4/2/2018',
    'User Type': '0',
    Grade: '3',
    'Email Address': `oklein${n}@lincoln.example.org`,
    'School SIS ID': '00123',
    ...over,
  };
  return FIELDS.map((f) => values[f]).join(',');
}

/** Lines joined with CRLF, the last one ended too (as Excel saves). */
const crlf = (lines: readonly string[]) => lines.map((l) => `${l}\r\n`).join('');

/** `count` valid users from n = `from`. */
const users = (count: number, from = 0) => Array.from({ length: count }, (_, k) => user(from + k));

/** The 1-based column where the `nth` `needle` starts on 1-based `line` of `text` (lines end in CRLF, LF or CR). */
function col(text: string, line: number, needle: string, nth = 0): number {
  const lineText = text.split(/\r\n|\r|\n/)[line - 1];
  assert.ok(lineText !== undefined, `no line ${line}`);
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = lineText.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not on line ${line}: ${lineText}`);
  }
  return at + 1;
}

interface Run {
  dir: string;
  problems: JsonProblem[];
  status: number | null;
}

function lint(content: string | Uint8Array, config = FIXTURE_CONFIG): Run {
  const dir = workspace({ '.classworks.json': config, 'district.csv': content });
  const { run, report } = lintJson(['district.csv'], dir);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return { dir, problems: report.files[0]?.problems ?? [], status: run.status };
}

/** [code, line, column] of each problem, in the report's order. */
const where = (problems: readonly JsonProblem[]) => problems.map((p) => [p.code, p.line, p.column]);

/** Runs `fix` into a new file and returns its bytes as text; the input stays as it was. */
function fixed(run: Run): string {
  const before = fs.readFileSync(path.join(run.dir, 'district.csv'));
  const result = runCli(['fix', 'district.csv', '--output', 'fixed.csv'], run.dir);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  assert.ok(fs.readFileSync(path.join(run.dir, 'district.csv')).equals(before), 'the input is untouched');
  return fs.readFileSync(path.join(run.dir, 'fixed.csv'), 'utf8');
}

/** Lints the fixed file: the codes still reported. */
function codesAfterFix(run: Run): string[] {
  const { report } = lintJson(['fixed.csv'], run.dir);
  return (report.files[0]?.problems ?? []).map((p) => p.code);
}

const CONFIG = (extra: Record<string, unknown>) => `${JSON.stringify({ ...JSON.parse(FIXTURE_CONFIG), ...extra }, null, 2)}\n`;

describe('cli: the examples of issue 5, each as the issue describes it', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  describe('1. encoding', () => {
    it('UTF-8 with a BOM: read as UTF-8, no problem for the BOM, cells at their columns; fix keeps the BOM', () => {
      const body = crlf([HEADER, ...users(30), user(30, { Grade: 'KG' })]);
      const run = lint(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
      assert.deepEqual(where(run.problems), [['grade.invalid', 32, col(body, 32, 'KG')]]);
      assert.equal(run.problems[0]!.fix, 'Change Grade "KG" to "K"');
      assert.equal(fixed(run), `\uFEFF${body.replace(',KG,', ',K,')}`);
    });

    for (const [name, bom, order] of [
      ['UTF-16 LE', [0xff, 0xfe], 'utf16le'],
      ['UTF-16 BE', [0xfe, 0xff], 'utf16be'],
    ] as const) {
      it(`${name} with a BOM (Excel "Unicode Text", tab-delimited): file.not-utf8 and file.delimiter once each for 40 rows; fix writes UTF-8 with commas`, () => {
        const lines = [HEADER, ...users(40)];
        const le = Buffer.from(crlf(lines.map((l) => l.replace(/,/g, '\t'))), 'utf16le');
        const bytes = order === 'utf16le' ? le : Buffer.from(le).swap16();
        const run = lint(Buffer.concat([Buffer.from(bom), bytes]));
        assert.deepEqual(where(run.problems), [
          ['file.not-utf8', 1, 1],
          ['file.delimiter', 1, 11],
        ]);
        assert.match(run.problems[0]!.message, new RegExp(`not UTF-8 but ${name} text, what Excel saves as "Unicode Text" \\(which also separates cells with tabs\\)`));
        assert.deepEqual(
          run.problems.map((p) => p.fix),
          [`Convert the file from ${name} to UTF-8 (classworks fix)`, 'Convert the delimiter from tabs to commas'],
        );
        assert.equal(run.status, 1);
        assert.equal(fixed(run), `\uFEFF${crlf(lines)}`);
        assert.deepEqual(codesAfterFix(run), []);
      });
    }

    for (const [name, byte] of [
      ['Windows-1252', 0xe9],
      ['Mac Roman', 0x8e],
    ] as const) {
      it(`${name} bytes (José): one file.not-utf8 at the first such byte for 40 rows, naming ${name}; fix converts to UTF-8`, () => {
        const lines = [HEADER, user(0, { 'First Name': 'José' }), ...users(40, 1)];
        const utf8 = crlf(lines);
        const bytes = Buffer.from(utf8.replace('é', String.fromCharCode(byte)), 'latin1');
        const run = lint(bytes);
        assert.deepEqual(where(run.problems), [
          ['file.not-utf8', 2, 4],
          // The rest is read in that encoding and checked: the accent is a legal-name problem of its own.
          ['name.invalid-character', 2, 1],
        ]);
        assert.match(run.problems[0]!.message, new RegExp(`not UTF-8 but most likely ${name}`));
        assert.match(run.problems[0]!.message, new RegExp(`byte 0x${byte.toString(16).toUpperCase()}, which reads as "é" in ${name}`));
        assert.equal(run.problems[0]!.fix, `Convert the file from ${name} to UTF-8 (classworks fix)`);
        assert.equal(fixed(run), utf8);
        assert.deepEqual(codesAfterFix(run), ['name.invalid-character']);
      });
    }

    it('mojibake (JosÃ©, Oâ€™Brien): value.mojibake at each cell, fixed back to José and O’Brien', () => {
      const body = crlf([HEADER, user(0, { 'First Name': 'JosÃ©', 'Last Name': 'Oâ€™Brien' }), ...users(5, 1)]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [
        ['value.mojibake', 2, 1],
        ['value.mojibake', 2, col(body, 2, 'Oâ€™Brien')],
      ]);
      assert.match(run.problems[0]!.message, /First Name "JosÃ©" holds "Ã©" \(for "é"\): UTF-8 text that was read as Windows-1252 and saved again/);
      assert.deepEqual(
        run.problems.map((p) => p.fix),
        ['Restore First Name "José" (read back from Windows-1252 mojibake)', 'Restore Last Name "O’Brien" (read back from Windows-1252 mojibake)'],
      );
      assert.equal(fixed(run), body.replace('JosÃ©', 'José').replace('Oâ€™Brien', 'O’Brien'));
    });

    it('a "?" for a lost letter (Jos?, Mu?oz, Fran?ois): at the "?", no fix, says to export again', () => {
      const body = crlf([HEADER, user(0, { 'First Name': 'Jos?', 'Last Name': 'Mu?oz', Username: 'Fran?ois' })]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [
        ['value.lost-character', 2, 4],
        ['value.lost-character', 2, col(body, 2, '?', 1)],
        ['value.lost-character', 2, col(body, 2, '?', 2)],
      ]);
      assert.deepEqual(
        run.problems.map((p) => [p.severity, p.fix]),
        [
          ['error', null],
          ['error', null],
          ['warning', null],
        ],
      );
      for (const p of run.problems) assert.match(p.message, /cannot be recovered from this file: export it again from the SIS as "CSV UTF-8"/);
    });
  });

  describe('2. structure', () => {
    for (const [name, delimiter, said] of [
      ['semicolons', ';', 'semicolons (;)'],
      ['tabs', '\t', 'tabs'],
    ] as const) {
      it(`cells separated by ${name}: one file.delimiter at the first one, for 40 rows; the fix converts and re-quotes values with commas`, () => {
        const lines = [HEADER, user(0, { 'Last Name': 'Klein, Jr' }), ...users(40, 1)];
        const body = crlf(lines.map((l) => l.replace(/,(?! Jr)/g, delimiter)));
        const run = lint(body);
        assert.deepEqual(where(run.problems), [['file.delimiter', 1, 11]]);
        assert.equal(run.problems[0]!.fix, `Convert the delimiter from ${said} to commas`);
        assert.match(run.problems[0]!.message, new RegExp(`separates its cells with ${said.replace(/[()]/g, '\\$&')}, not commas`));
        assert.equal(fixed(run), crlf(lines).replace('Klein, Jr', '"Klein, Jr"'));
        // The converted file is checked as usual: the comma in a legal name is the one problem left.
        assert.deepEqual(codesAfterFix(run), ['name.invalid-character']);
      });
    }

    it('CR-only line endings: one file.cr-line-endings at the end of line 1; the fix writes CRLF and nothing else', () => {
      const lines = [HEADER, ...users(40)];
      const run = lint(lines.map((l) => `${l}\r`).join(''));
      assert.deepEqual(where(run.problems), [['file.cr-line-endings', 1, HEADER.length + 1]]);
      assert.equal(run.problems[0]!.fix, 'Convert line endings to CRLF');
      assert.equal(fixed(run), crlf(lines));
    });

    it('mixed line endings: one warning at the first line that ends differently, counting each kind; fixed to CRLF', () => {
      const lines = [HEADER, ...users(10)];
      const body = lines.map((l, k) => `${l}${k === 4 ? '\n' : '\r\n'}`).join('');
      const run = lint(body);
      assert.deepEqual(where(run.problems), [['file.mixed-line-endings', 5, lines[4]!.length + 1]]);
      assert.match(run.problems[0]!.message, /Line endings are mixed: 10 CRLF, 1 LF; this line ends with LF/);
      assert.equal(fixed(run), crlf(lines));
    });

    it('an unclosed quote: one error at the opening quote, saying how many lines it swallows; no cell errors after it', () => {
      const lines = [HEADER, ...users(3), user(3, { 'Last Name': '"Klein' }), ...users(30, 4)];
      const run = lint(crlf(lines));
      assert.deepEqual(where(run.problems), [['csv.unclosed-quote', 5, col(crlf(lines), 5, '"')]]);
      assert.match(run.problems[0]!.message, /the rest of the file \(31 lines\) is read as one value/);
      assert.equal(run.problems[0]!.fix, null);
    });

    it('a line break inside a cell: value.line-break over the value; fixed to a space (names) or removed (e-mail)', () => {
      const body = crlf([HEADER, user(0, { 'Last Name': '"Klein\nSmith"' }), user(1, { 'Email Address': '"oklein1@lincoln.\r\nexample.org"' })]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.severity, p.line, p.column, p.endLine]),
        [
          ['value.line-break', 'warning', 2, col(body, 2, 'Klein'), 3],
          ['value.line-break', 'error', 4, col(body, 4, 'oklein1'), 5],
        ],
      );
      assert.deepEqual(
        run.problems.map((p) => p.fix),
        ['Replace the line break with a space: Last Name "Klein Smith"', 'Remove the line break: Email Address "oklein1@lincoln.example.org"'],
      );
      assert.equal(fixed(run), body.replace('Klein\nSmith', 'Klein Smith').replace('lincoln.\r\nexample', 'lincoln.example'));
    });

    it('trailing empty rows and columns: one warning, one fix that removes them all', () => {
      const lines = [HEADER, ...users(40)];
      const body = crlf([...lines.map((l) => `${l},,`), ',,,,,,,,,,,', ',,,,,,,,,,,']);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [['file.trailing-empty', 1, HEADER.length + 1]]);
      assert.match(run.problems[0]!.message, /^The file has 2 empty columns at the right edge \(no heading, and no value in any row\), 2 blank rows at the end/);
      assert.equal(run.problems[0]!.fix, 'Remove the empty rows and columns at the edges of the file');
      assert.equal(fixed(run), crlf(lines));
    });

    it('a header cell with no name over an empty column: column.unnamed at it, fixed by removing the column', () => {
      const lines = [HEADER, ...users(20)];
      const widen = (l: string) => l.replace(/^([^,]*,[^,]*,)/, '$1,');
      const body = crlf(lines.map(widen));
      const run = lint(body);
      assert.deepEqual(where(run.problems), [['column.unnamed', 1, 'First Name,Last Name,'.length]]);
      assert.equal(run.problems[0]!.fix, 'Remove the empty column 3');
      assert.equal(fixed(run), crlf(lines));
    });
  });

  describe('3. Excel damage', () => {
    it('leading zeros lost: School SIS ID 123 gets the zero-pad fix; a District ID shorter than the column usual width a warning with a pad suggestion', () => {
      const ids = ['013001', '013002', '013003', '13004'];
      const body = crlf([HEADER, ...ids.map((id, k) => user(k, { 'District ID': id, 'School SIS ID': k === 0 ? '123' : '00123' }))]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [
        ['school.unknown', 2, col(body, 2, ',123') + 1],
        ['id.leading-zeros-lost', 5, col(body, 5, '13004')],
      ]);
      assert.equal(run.problems[0]!.fix, 'Change School SIS ID "123" to "00123" (Lincoln Elementary)');
      assert.equal(run.problems[1]!.fix, null);
      assert.deepEqual(run.problems[1]!.suggestions, ['Pad District ID "13004" with zeros to 6 digits: "013004"']);
      assert.equal(run.problems[1]!.severity, 'warning');
      assert.equal(fixed(run), body.replace(',123\r\n', ',00123\r\n'));
    });

    it('1.23457E+11 in an ID: an error, no fix, the digits are lost: export again', () => {
      const body = crlf([HEADER, user(0, { 'District ID': '1.23457E+11' })]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [['value.scientific-notation', 2, col(body, 2, '1.23457E+11')]]);
      assert.equal(run.problems[0]!.fix, null);
      assert.match(run.problems[0]!.message, /its other digits \(and any leading zeros\) are lost and cannot be worked out from this file/);
      assert.match(run.problems[0]!.message, /Export the users from the SIS again/);
    });

    it('a serial date 42064 in Birthdate: without "dateSystem" two suggestions and fix leaves it; fixed to 03/01/2015 with "dateSystem": "1900", or 2 March 2019 with "1904"', () => {
      const body = crlf([HEADER, user(0, { Birthdate: '42064' })]);
      const guess = lint(body);
      assert.deepEqual(where(guess.problems), [['birthdate.excel-serial', 2, col(body, 2, '42064')]]);
      assert.equal(guess.problems[0]!.fix, null);
      assert.deepEqual(guess.problems[0]!.suggestions, [
        `Change Birthdate "42064" to "03/01/2015" (1 March 2015, Excel's 1900 date system)`,
        `Change Birthdate "42064" to "03/02/2019" (2 March 2019, Excel for Mac 2011's 1904 date system)`,
      ]);
      assert.match(guess.problems[0]!.message, /Set "dateSystem": "1900" \(or "1904"\) in \.classworks\.json to say which: then Fix All and classworks fix convert every serial birthdate/);
      assert.equal(fixed(guess), body, 'the date system is a guess: fix does not convert');
      const run = lint(body, CONFIG({ dateSystem: '1900' }));
      assert.equal(run.problems[0]!.fix, 'Change Birthdate "42064" to "03/01/2015" (1 March 2015)');
      assert.equal(fixed(run), body.replace('42064', '03/01/2015'));
      const mac = lint(body, CONFIG({ dateSystem: '1904' }));
      assert.equal(mac.problems[0]!.fix, 'Change Birthdate "42064" to "03/02/2019" (2 March 2019)');
      assert.equal(fixed(mac), body.replace('42064', '03/02/2019'));
    });

    it('4-Mar and Nov-12 in Grade, Username and District ID: an error each, suggesting the probable original', () => {
      const body = crlf([HEADER, user(0, { Username: 'Nov-12', 'District ID': '4-Mar', Grade: '4-Mar' })]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [
        ['value.excel-date', 2, col(body, 2, 'Nov-12')],
        ['value.excel-date', 2, col(body, 2, '4-Mar')],
        ['value.excel-date', 2, col(body, 2, '4-Mar', 1)],
      ]);
      assert.deepEqual(
        run.problems.map((p) => [p.fix, p.suggestions]),
        [
          [null, ['Change Username "Nov-12" back to "11-12"']],
          [null, ['Change District ID "4-Mar" back to "3-4"']],
          [null, ['Change Grade "4-Mar" to "3" (the first grade of 3-4)', 'Change Grade "4-Mar" to "4" (the second grade of 3-4)']],
        ],
      );
    });

    it('TRUE/FALSE, Yes/No, y/n in the flag columns: fixed to Y and N; Y, N, 1, 0 and blank are fine', () => {
      const header = `${HEADER},Disabled,Limited English,Economically Disadvantaged,Migrant`;
      const body = crlf([header, `${user(0)},TRUE,No,Y,n`, `${user(1)},FALSE,Yes,y,`, `${user(2)},1,0,N,`]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.line, p.column, p.fix]),
        [
          ['flag.invalid', 2, col(body, 2, 'TRUE'), 'Change Disabled "TRUE" to Y (yes)'],
          ['flag.invalid', 2, col(body, 2, ',No') + 1, 'Change Limited English "No" to N (no)'],
          ['flag.invalid', 2, col(body, 2, ',n') + 1, 'Change Migrant "n" to N (no)'],
          ['flag.invalid', 3, col(body, 3, 'FALSE'), 'Change Disabled "FALSE" to N (no)'],
          ['flag.invalid', 3, col(body, 3, 'Yes'), 'Change Limited English "Yes" to Y (yes)'],
          ['flag.invalid', 3, col(body, 3, ',y,') + 1, 'Change Economically Disadvantaged "y" to Y (yes)'],
        ],
      );
      assert.equal(fixed(run), crlf([header, `${user(0)},Y,N,Y,N`, `${user(1)},N,Y,Y,`, `${user(2)},1,0,N,`]));
    });

    it('passwords that look like a number, a date or scientific notation: a warning that never shows the password', () => {
      const passwords = ['1234567', '3/4/2024', '1.23E+05', '4-Mar'];
      const body = crlf([HEADER, ...passwords.map((p, k) => user(k, { Password: p }))]);
      const run = lint(body);
      const changed = run.problems.filter((p) => p.code === 'password.spreadsheet-changed');
      assert.deepEqual(
        changed.map((p) => [p.line, p.column, p.severity, p.fix]),
        passwords.map((p, k) => [k + 2, col(body, k + 2, `,${p},`) + 1, 'warning', null]),
      );
      assert.deepEqual(
        changed.map((p) => /looks like (a date|a number in scientific notation)|is only a number/.exec(p.message)?.[0]),
        ['is only a number', 'looks like a date', 'looks like a number in scientific notation', 'looks like a date'],
      );
      for (const p of run.problems) for (const pw of passwords) assert.ok(!p.message.includes(pw), `a password in: ${p.message}`);
    });
  });

  describe('4. dates', () => {
    it('3/1/15: a warning, fixed with the century that makes the age plausible for the user type', () => {
      const body = crlf([HEADER, user(0, { Birthdate: '3/1/15' }), user(1, { Birthdate: '3/1/75', 'User Type': '1', Grade: '' })]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.severity, p.line, p.column]),
        [
          ['birthdate.two-digit-year', 'warning', 2, col(body, 2, '3/1/15')],
          ['birthdate.two-digit-year', 'warning', 3, col(body, 3, '3/1/75')],
        ],
      );
      assert.match(run.problems[0]!.fix ?? '', /^Change Birthdate "3\/1\/15" to "03\/01\/2015" \(1 March 2015, age \d+\)$/);
      assert.match(run.problems[1]!.fix ?? '', /^Change Birthdate "3\/1\/75" to "03\/01\/1975" \(1 March 1975, age \d+\)$/);
      assert.equal(fixed(run), body.replace('3/1/15', '03/01/2015').replace('3/1/75', '03/01/1975'));
    });

    it('a column proven day-first by 15/07/2014: that row an error, its ambiguous rows warnings; ISO dates accepted', () => {
      const body = crlf([
        HEADER,
        user(0, { Birthdate: '15/07/2014' }),
        user(1, { Birthdate: '03/04/2015' }),
        user(2, { Birthdate: '2016-06-01' }),
        user(3, { Birthdate: '12/12/2015' }),
      ]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.severity, p.line, p.column, p.fix]),
        [
          ['birthdate.day-first', 'error', 2, col(body, 2, '15/07/2014'), null],
          ['birthdate.ambiguous', 'warning', 3, col(body, 3, '03/04/2015'), null],
        ],
      );
      assert.deepEqual(run.problems[1]!.suggestions, [
        'Read the 2 day-first Birthdates of this column day first and write them as MM/DD/YYYY',
        'Read it day first: change Birthdate "03/04/2015" to "04/03/2015" (3 April 2015)',
      ]);
    });

    it('a day-first date alone in its column: a safe fix to MM/DD/YYYY; ISO dates are left as they are', () => {
      const body = crlf([HEADER, user(0, { Birthdate: '15/07/2014' }), user(1, { Birthdate: '2015-03-01' })]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [['birthdate.day-first', 2, col(body, 2, '15/07/2014')]]);
      assert.equal(run.problems[0]!.fix, 'Change Birthdate "15/07/2014" to "07/15/2014" (15 July 2014)');
      assert.equal(fixed(run), body.replace('15/07/2014', '07/15/2014'));
    });

    it('fixes write the configured dateFormat', () => {
      // (A day-first date would make 3/1/15 ambiguous: it has a file of its own.)
      const body = crlf([HEADER, user(0, { Birthdate: '42064' }), user(1, { Birthdate: '3/1/15' })]);
      const dayFirst = crlf([HEADER, user(0, { Birthdate: '15/07/2014' })]);
      const run = lint(body, CONFIG({ dateFormat: 'YYYY-MM-DD', dateSystem: '1900' }));
      assert.deepEqual(
        run.problems.map((p) => p.fix?.replace(/, age \d+/, '')),
        ['Change Birthdate "42064" to "2015-03-01" (1 March 2015)', 'Change Birthdate "3/1/15" to "2015-03-01" (1 March 2015)'],
      );
      assert.equal(fixed(run), body.replace('42064', '2015-03-01').replace('3/1/15', '2015-03-01'));
      const iso = lint(dayFirst, CONFIG({ dateFormat: 'YYYY-MM-DD' }));
      assert.equal(iso.problems[0]!.fix, 'Change Birthdate "15/07/2014" to "2014-07-15" (15 July 2014)');
      assert.equal(fixed(iso), dayFirst.replace('15/07/2014', '2014-07-15'));
      const short = lint(body, CONFIG({ dateFormat: 'M/D/YYYY', dateSystem: '1900' }));
      assert.equal(fixed(short), body.replace('42064', '3/1/2015').replace('3/1/15', '3/1/2015'));
      assert.equal(fixed(lint(dayFirst, CONFIG({ dateFormat: 'M/D/YYYY' }))), dayFirst.replace('15/07/2014', '7/15/2014'));
    });
  });

  describe('5. invisible and look-alike characters', () => {
    it('in headings: a no-break space, a zero-width space, a leading space, a tab — each says why the heading does not match; fixed to the Classworks heading', () => {
      const header = 'First\u00a0Name,Last Name,User\u200bname,District ID,Password, Birthdate,User Type,Grade\t,Email Address,School SIS ID';
      const body = crlf([header, ...users(5)]);
      const run = lint(body);
      assert.deepEqual(where(run.problems), [
        ['header.invisible-character', 1, 1],
        ['header.invisible-character', 1, col(body, 1, 'User')],
        ['header.invisible-character', 1, col(body, 1, ' Birthdate')],
        ['header.invisible-character', 1, col(body, 1, 'Grade')],
      ]);
      assert.deepEqual(
        run.problems.map((p) => /^Heading \d+ looks like "[^"]+" but has [^.]+\./.exec(p.message)?.[0]),
        [
          'Heading 1 looks like "First Name" but has U+00A0 (no-break space) at character 6.',
          'Heading 3 looks like "Username" but has U+200B (zero-width space) at character 5.',
          'Heading 6 looks like "Birthdate" but has a leading space.',
          'Heading 8 looks like "Grade" but has U+0009 (tab) at character 6.',
        ],
      );
      for (const p of run.problems) assert.match(p.message, /The Classworks importer matches headings as they are written, so it would not recognise this one/);
      assert.deepEqual(
        run.problems.map((p) => p.fix),
        ['Replace heading 1 with "First Name"', 'Replace heading 3 with "Username"', 'Replace heading 6 with "Birthdate"', 'Replace heading 8 with "Grade"'],
      );
      assert.equal(fixed(run), crlf([HEADER, ...users(5)]));
    });

    it('in values: a no-break space, a zero-width space, a tab and spaces at the ends, each named and fixed', () => {
      const body = crlf([
        HEADER,
        user(0, { 'First Name': 'Ora\u00a0Mae', Username: 'OK\u200blein0' }),
        user(1, { 'District ID': '13002 ', Username: 'OKlein1\t' }),
        user(2, { 'Last Name': ' Klein' }),
      ]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.line, p.column, p.fix]),
        [
          ['name.invalid-character', 2, 1, 'Replace the odd space with a normal space: First Name "Ora Mae"'],
          ['value.typographic-character', 2, col(body, 2, 'OK'), 'Replace with plain characters: Username "OKlein0"'],
          ['value.typographic-character', 3, col(body, 3, 'OKlein1'), 'Trim the spaces: Username "OKlein1"'],
          ['value.typographic-character', 3, col(body, 3, '13002 '), 'Trim the spaces: District ID "13002"'],
          ['name.extra-space', 4, col(body, 4, ' Klein'), 'Trim spaces: Last Name " Klein" → "Klein"'],
        ],
      );
      assert.match(run.problems[0]!.message, /U\+00A0 \(no-break space\)/);
      assert.match(run.problems[1]!.message, /U\+200B \(zero-width space\) at character 3/);
      assert.match(run.problems[2]!.message, /^Username "OKlein1\t" has a trailing tab, which a spreadsheet does not show/);
      assert.match(run.problems[3]!.message, /^District ID "13002 " has a trailing space/);
      assert.equal(
        fixed(run),
        crlf([HEADER, user(0, { 'First Name': 'Ora Mae' }), user(1), user(2)]),
      );
    });

    it('curly quotes and dashes: named with their code point, fixed to ASCII where the value allows', () => {
      const body = crlf([
        HEADER,
        user(0, { 'Last Name': 'O’Brien', Username: 'O’Brien', 'Email Address': 'o’brien@lincoln.example.org' }),
        user(1, { Username: 'B–Klein' }),
      ]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.line, p.column, p.fix]),
        [
          ['name.invalid-character', 2, col(body, 2, 'O’Brien'), null],
          ['value.typographic-character', 2, col(body, 2, 'O’Brien', 1), 'Replace with plain characters: Username "O\'Brien"'],
          ['value.typographic-character', 2, col(body, 2, 'o’brien'), 'Replace with plain characters: Email Address "o\'brien@lincoln.example.org"'],
          ['value.typographic-character', 3, col(body, 3, 'B–Klein'), 'Replace with plain characters: Username "B-Klein"'],
        ],
      );
      assert.match(run.problems[0]!.message, /U\+2019 \(right single quotation mark\)/);
      assert.deepEqual(run.problems[0]!.suggestions, ['Remove punctuation: Last Name "O’Brien" → "OBrien"']);
      assert.match(run.problems[3]!.message, /U\+2013 \(en dash\) at character 2/);
      assert.equal(
        fixed(run),
        body.replace(',O’Brien,O’Brien,', ",O’Brien,O'Brien,").replace('o’brien@', "o'brien@").replace('B–Klein', 'B-Klein'),
      );
    });
  });

  describe('6. header drift', () => {
    it('User Name, Birth Date, UserType, Email, District Id: rename fixes (info); an unknown extra column is information, not an error', () => {
      const header = 'First Name,Last Name,User Name,District Id,Password,Birth Date,UserType,Grade,Email,School SIS ID,Locker Number';
      const body = crlf([header, ...users(5).map((u, k) => `${u},${100 + k}`)]);
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.severity, p.line, p.column, p.fix]),
        [
          ['header.drift', 'info', 1, col(body, 1, 'User Name'), 'Rename heading "User Name" to "Username"'],
          ['header.drift', 'info', 1, col(body, 1, 'District Id'), 'Rename heading "District Id" to "District ID"'],
          ['header.drift', 'info', 1, col(body, 1, 'Birth Date'), 'Rename heading "Birth Date" to "Birthdate"'],
          ['header.drift', 'info', 1, col(body, 1, 'UserType'), 'Rename heading "UserType" to "User Type"'],
          ['header.drift', 'info', 1, col(body, 1, 'Email,'), 'Rename heading "Email" to "Email Address"'],
          ['column.unknown', 'info', 1, col(body, 1, 'Locker Number'), null],
        ],
      );
      assert.equal(run.status, 0, 'nothing here is an error');
      assert.equal(fixed(run), body.replace(header, `${HEADER},Locker Number`));
    });
  });

  describe('7. spreadsheet formula injection', () => {
    it('= + - @ tab CR at the start of a name, ID or e-mail: an error; in a password: a warning that never shows it', () => {
      const body = crlf([
        HEADER,
        user(0, { 'First Name': '=1+1', Password: '=Maple274!' }),
        user(1, { 'Last Name': '+Klein', Password: '+Maple274!' }),
        user(2, { 'District ID': '-13003', Password: '-Maple274!' }),
        user(3, { 'Email Address': '@oklein3@lincoln.example.org', Password: '@Maple274!' }),
        user(4, { Username: '\tOKlein4', Password: '\tMaple274!' }),
        user(5, { Username: '"\rOKlein5"' }),
      ]);
      const run = lint(body);
      const formula = run.problems.filter((p) => p.code === 'value.formula' || p.code === 'password.formula');
      assert.deepEqual(
        formula.map((p) => [p.code, p.severity, p.line, p.field]),
        [
          ['value.formula', 'error', 2, 'First Name'],
          ['password.formula', 'warning', 2, 'Password'],
          ['value.formula', 'error', 3, 'Last Name'],
          ['password.formula', 'warning', 3, 'Password'],
          ['value.formula', 'error', 4, 'District ID'],
          ['password.formula', 'warning', 4, 'Password'],
          ['password.formula', 'warning', 5, 'Password'],
          ['value.formula', 'error', 5, 'Email Address'],
          ['value.formula', 'error', 6, 'Username'],
          ['password.formula', 'warning', 6, 'Password'],
          ['value.formula', 'error', 7, 'Username'],
        ],
      );
      assert.deepEqual(
        formula.map((p) => p.column),
        [1, col(body, 2, '=Maple'), col(body, 3, '+Klein'), col(body, 3, '+Maple'), col(body, 4, '-13003'), col(body, 4, '-Maple'), col(body, 5, '@Maple'), col(body, 5, '@oklein3'), col(body, 6, '\tOKlein4'), col(body, 6, '\tMaple'), col(body, 7, '"') + 1],
      );
      assert.match(formula[10]!.message, /starts with U\+000D \(carriage return\)/);
      assert.match(formula[8]!.message, /starts with U\+0009 \(tab\)/);
      assert.deepEqual(formula[4]!.suggestions, ['Remove the formula start: District ID "-13003" → "13003"']);
      for (const p of run.problems) assert.ok(!/Maple274/.test(p.message), `a password in: ${p.message}`);
    });
  });

  describe('8. grade vocabularies', () => {
    const grades = ['KG', 'KF', '00', '0K', 'PK', 'PreK', 'TK', 'PPK', '13', '05'];
    const body = crlf([HEADER, ...grades.map((g, k) => user(k, { Grade: g }))]);

    it('unambiguous values are fixed to Classworks grades; TK, PPK and 13 ask for a gradeMapping in .classworks.json', () => {
      const run = lint(body);
      assert.deepEqual(
        run.problems.map((p) => [p.code, p.line, p.column, p.fix]),
        grades.map((g, k) => [
          'grade.invalid',
          k + 2,
          col(body, k + 2, `,${g},`) + 1,
          { KG: 'K', KF: 'K', '00': 'K', '0K': 'K', PK: 'Pre-K', PreK: 'Pre-K', '05': '5' }[g] === undefined
            ? null
            : `Change Grade "${g}" to "${{ KG: 'K', KF: 'K', '00': 'K', '0K': 'K', PK: 'Pre-K', PreK: 'Pre-K', '05': '5' }[g]}"`,
        ]),
      );
      for (const [g, line] of [
        ['TK', 8],
        ['PPK', 9],
        ['13', 10],
      ] as const) {
        const p = run.problems.find((q) => q.line === line)!;
        assert.match(p.message, new RegExp(`say it once in \\.classworks\\.json, e\\.g\\. "gradeMapping": \\{"${g}": "[^"]+"\\}`));
      }
      assert.deepEqual(run.problems.find((q) => q.line === 8)!.suggestions, ['Change Grade "TK" to "K"', 'Change Grade "TK" to "Pre-K"']);
    });

    it('with "gradeMapping" for TK, PPK and 13, the rule applies it as a safe fix', () => {
      const run = lint(body, CONFIG({ gradeMapping: { TK: 'K', PPK: 'Pre-K', '13': '12' } }));
      assert.deepEqual(
        run.problems.filter((p) => ['TK', 'PPK', '13'].some((g) => p.fix?.startsWith(`Change Grade "${g}"`))).map((p) => [p.line, p.fix]),
        [
          [8, 'Change Grade "TK" to "K"'],
          [9, 'Change Grade "PPK" to "Pre-K"'],
          [10, 'Change Grade "13" to "12"'],
        ],
      );
      const expected = ['K', 'K', 'K', 'K', 'Pre-K', 'Pre-K', 'K', 'Pre-K', '12', '5'];
      const run2 = lint(body, CONFIG({ gradeMapping: { TK: 'K', PPK: 'Pre-K', '13': '12' } }));
      assert.equal(fixed(run2), crlf([HEADER, ...expected.map((g, k) => user(k, { Grade: g }))]));
      assert.deepEqual(codesAfterFix(run2), []);
    });
  });
});
