import * as assert from 'node:assert/strict';
import { HEADER, lintJson, removeTempDirs, requireBuiltCli, workspace, FIXTURE_CONFIG } from './helpers';

const KEYS = ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'field', 'fix', 'suggestions'];

describe('cli: --format json', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('reports the fixture students.csv exactly: path, keys, 1-based positions, fields, fix and suggestion titles', () => {
    const { run, report } = lintJson(['test/fixtures/workspace/students.csv']);
    assert.equal(run.status, 1);
    assert.equal(report.files.length, 1);
    const [file] = report.files;
    assert.equal(file?.path, 'test/fixtures/workspace/students.csv');
    for (const p of file?.problems ?? []) assert.deepEqual(Object.keys(p), KEYS);
    const withoutMessages = file?.problems.map(({ message: _message, ...rest }) => rest);
    assert.deepEqual(withoutMessages, [
      {
        code: 'name.invalid-character',
        severity: 'error',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 5,
        field: 'First Name',
        fix: null,
        suggestions: ['Remove accents: First Name "José" → "Jose"'],
      },
      {
        code: 'name.invalid-character',
        severity: 'error',
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 17,
        field: 'Last Name',
        fix: null,
        suggestions: ['Remove punctuation: Last Name "O\'Brien" → "OBrien"'],
      },
      {
        code: 'user-type.invalid',
        severity: 'error',
        line: 5,
        column: 55,
        endLine: 5,
        endColumn: 62,
        field: 'User Type',
        fix: 'Change User Type "Student" to 0 (student)',
        suggestions: [],
      },
      {
        code: 'grade.invalid',
        severity: 'error',
        line: 6,
        column: 50,
        endLine: 6,
        endColumn: 52,
        field: 'Grade',
        fix: 'Change Grade "KG" to "K"',
        suggestions: [],
      },
    ]);
    const messages = file?.problems.map((p) => p.message) ?? [];
    assert.match(messages[0] ?? '', /José/);
    assert.match(messages[1] ?? '', /O'Brien/);
    assert.match(messages[2] ?? '', /"Student"/);
    assert.match(messages[3] ?? '', /"KG"/);
  });

  it('adds a summary and an empty skipped list beside the contract keys', () => {
    const { report } = lintJson(['test/fixtures/workspace/students.csv', 'test/fixtures/workspace/clean.csv']);
    assert.deepEqual(report.summary, { files: 2, errors: 4, warnings: 0, infos: 0 });
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.files[1], { path: 'test/fixtures/workspace/clean.csv', problems: [] });
  });

  it('prints valid JSON with the readable files and lists an unreadable one under "skipped" (exit 2)', () => {
    const { run, report } = lintJson(['missing.csv', 'test/fixtures/workspace/clean.csv']);
    assert.equal(run.status, 2);
    assert.deepEqual(report.files.map((f) => f.path), ['test/fixtures/workspace/clean.csv']);
    assert.equal(report.skipped?.[0]?.path, 'missing.csv');
    assert.match(report.skipped?.[0]?.reason ?? '', /no such file/);
    assert.match(run.stderr, /cannot read missing\.csv/);
  });

  it('counts columns in UTF-16 code units, as the editor does (an emoji counts 2)', () => {
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'students.csv': `${HEADER}\nAna😀,O'Hara,AOHara,13001,Maple!274,4/2/2018,0,3,aohara@lincoln.perficientads.com,00123\n`,
    });
    const { report } = lintJson(['students.csv'], dir);
    const positions = report.files[0]?.problems.map((p) => [p.field, p.line, p.column, p.endLine, p.endColumn]);
    // "Ana😀" is 5 UTF-16 code units; "O'Hara" starts after it and the comma.
    assert.deepEqual(positions, [
      ['First Name', 2, 1, 2, 6],
      ['Last Name', 2, 7, 2, 13],
    ]);
  });

  it('reports a problem inside a quoted multi-line cell on the line where it sits', () => {
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'students.csv': `${HEADER}\nOra,"Klein\nSmith",OKlein,13001,Maple!274,4/2/2018,0,KG,oklein@lincoln.perficientads.com,00123\n`,
    });
    const { report } = lintJson(['students.csv'], dir);
    const grade = report.files[0]?.problems.find((p) => p.code === 'grade.invalid');
    const lineBreak = report.files[0]?.problems.find((p) => p.code === 'value.line-break');
    assert.deepEqual([lineBreak?.line, lineBreak?.column, lineBreak?.endLine, lineBreak?.endColumn], [2, 6, 3, 6]);
    assert.equal(grade?.line, 3);
  });
});
