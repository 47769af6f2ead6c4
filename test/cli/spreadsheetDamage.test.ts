import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DAMAGE_CONFIG_TEXT,
  DAY_FIRST,
  DAY_FIRST_LINES,
  MIXED,
  MIXED_EXPECTED,
  MIXED_FIXED,
  MIXED_LINES,
  cellRangeOn,
} from '../fixtures/damage/fixtures';
import { lintJson, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

/**
 * The value-level damage fixtures (IDs, dates, grades, flags, formulas, passwords) through the
 * built CLI: the same problems at the same places as the core, and `fix` writing exactly the
 * fixed bytes.
 */
describe('cli: spreadsheet damage', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('reports each kind of the mixed fixture at its cell, 1-based, with its severity and safe fix', () => {
    const dir = workspace({ '.classworks.json': DAMAGE_CONFIG_TEXT, 'damage.csv': MIXED });
    const { run, report } = lintJson(['damage.csv'], dir);
    assert.equal(run.status, 1, run.stderr);
    const problems = report.files[0]?.problems ?? [];
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.line, p.column, p.endLine, p.endColumn]),
      MIXED_EXPECTED.map((e) => {
        const [start, end] = cellRangeOn(MIXED_LINES[e.line - 1]!, e.value);
        return [e.code, e.severity, e.line, start + 1, e.line, end + 1];
      }),
    );
    problems.forEach((p, k) => {
      const expected = MIXED_EXPECTED[k]!.fix;
      if (typeof expected === 'string' || expected === null) assert.equal(p.fix, expected, p.code);
      else assert.match(p.fix ?? '', expected);
    });
    const byCode = (code: string) => problems.find((p) => p.code === code)!;
    assert.deepEqual(byCode('value.excel-date').suggestions, ['Change Grade "4-Mar" to "3" (the first grade of 3-4)', 'Change Grade "4-Mar" to "4" (the second grade of 3-4)']);
    assert.deepEqual(byCode('id.leading-zeros-lost').suggestions, ['Pad District ID "13004" with zeros to 6 digits: "013004"']);
    assert.match(byCode('value.scientific-notation').message, /Export the users from the SIS again/);
    for (const p of problems.filter((q) => q.field === 'Password')) {
      assert.ok(!p.message.includes('1.23E+05') && !p.message.includes('Plum274'), 'no password in a message');
    }
    assert.deepEqual(report.summary, { files: 1, errors: 7, warnings: 6, infos: 0 });
  });

  it('fix writes exactly the fixed bytes (CRLF kept, nothing else changed) and lints the rest', () => {
    const dir = workspace({ '.classworks.json': DAMAGE_CONFIG_TEXT, 'damage.csv': MIXED });
    const run = runCli(['fix', 'damage.csv', '--output', 'fixed.csv'], dir);
    assert.equal(run.status, 1, 'the damage that cannot be fixed stays, as errors');
    assert.ok(fs.readFileSync(path.join(dir, 'fixed.csv')).equals(MIXED_FIXED));
    assert.ok(fs.readFileSync(path.join(dir, 'damage.csv')).equals(MIXED), 'the input is untouched');
    assert.match(run.stdout, /damage\.csv: applied 6 fixes, wrote fixed\.csv; 7 problems remain: 3 errors, 4 warnings, 0 info/);
    const again = lintJson(['fixed.csv'], dir).report.files[0]?.problems.map((p) => p.code);
    assert.deepEqual(again, ['value.excel-date', 'password.spreadsheet-changed', 'id.leading-zeros-lost', 'value.formula', 'value.scientific-notation', 'password.formula', 'gender.invalid']);
  });

  it('reads a day-first column: errors and a warning, no safe fix while a date is ambiguous, and the column conversion as a suggestion', () => {
    const dir = workspace({ '.classworks.json': DAMAGE_CONFIG_TEXT, 'dates.csv': DAY_FIRST });
    const { report } = lintJson(['dates.csv'], dir);
    const problems = report.files[0]?.problems ?? [];
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.line, p.column, p.fix]),
      [
        ['birthdate.day-first', 'error', 2, cellRangeOn(DAY_FIRST_LINES[1], '15/07/2014')[0] + 1, null],
        ['birthdate.ambiguous', 'warning', 3, cellRangeOn(DAY_FIRST_LINES[2], '03/04/2015')[0] + 1, null],
        ['birthdate.day-first', 'error', 4, cellRangeOn(DAY_FIRST_LINES[3], '20/11/2016')[0] + 1, null],
      ],
    );
    for (const p of problems) assert.equal(p.suggestions[0], 'Read the 3 day-first Birthdates of this column day first and write them as MM/DD/YYYY');
    const run = runCli(['fix', 'dates.csv', '--output', 'same.csv'], dir);
    assert.match(run.stderr + run.stdout, /no safe fix to apply, wrote same\.csv unchanged/);
    assert.ok(fs.readFileSync(path.join(dir, 'same.csv')).equals(DAY_FIRST));
  });

  it('writes the configured dateFormat and reads serials in the configured dateSystem', () => {
    const config = JSON.stringify({ dateFormat: 'YYYY-MM-DD', dateSystem: '1904' });
    const text = `${MIXED_LINES[0]}\r\nBo,Klein,BKlein,013002,Cedar#518,42064,0,4,bklein@lincoln.example.org,00123,N,M\r\n`;
    const dir = workspace({ '.classworks.json': config, 'serial.csv': text });
    const { report } = lintJson(['serial.csv'], dir);
    const problems = report.files[0]?.problems.filter((p) => p.code !== 'school.no-school-list') ?? [];
    assert.deepEqual(problems.map((p) => [p.code, p.fix]), [['birthdate.excel-serial', 'Change Birthdate "42064" to "2019-03-02" (2 March 2019)']]);
  });

  it('refuses a .classworks.json whose gradeMapping names no Classworks grade (exit 2)', () => {
    const dir = workspace({ '.classworks.json': JSON.stringify({ gradeMapping: { TK: 'Kinder' } }), 'damage.csv': MIXED });
    const run = runCli(['lint', 'damage.csv'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /gradeMapping\.TK/);
  });
});
