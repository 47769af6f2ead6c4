import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURE_CONFIG, HEADER, lintJson, removeTempDirs, requireBuiltCli, ROOT, runCli, workspace } from './helpers';

const row = (school: string) => `Ora,Klein,OKlein,13001,Maple!274,4/2/2018,0,3,oklein@lincoln.perficientads.com,${school}`;

describe('cli: configuration', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('uses the nearest .classworks.json in an ancestor folder of each file', () => {
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'district/2026/students.csv': `${HEADER}\n${row('123')}\n`,
    });
    const { report } = lintJson(['district/2026/students.csv'], dir);
    const problem = report.files[0]!.problems[0]!;
    assert.equal(problem.code, 'school.unknown');
    assert.equal(problem.fix, 'Change School SIS ID "123" to "00123" (Lincoln Elementary)');
  });

  it('each file gets its own nearest configuration', () => {
    const dir = workspace({
      'a/.classworks.json': FIXTURE_CONFIG,
      'a/students.csv': `${HEADER}\n${row('00123')}\n`,
      'b/.classworks.json': '{"schools": [{"sisId": "B1", "name": "Other District School"}]}',
      'b/students.csv': `${HEADER}\n${row('00123')}\n`,
    });
    const { report } = lintJson(['a/students.csv', 'b/students.csv'], dir);
    assert.deepEqual(report.files[0]!.problems, []);
    assert.deepEqual(report.files[1]!.problems.map((p) => p.code), ['school.unknown']);
  });

  it('schoolMapping (what the import panel saves) counts a mapped School SIS ID as known, as the editor does (lint and fix)', () => {
    const config = JSON.parse(FIXTURE_CONFIG) as Record<string, unknown>;
    const dir = workspace({
      '.classworks.json': JSON.stringify({ ...config, schoolMapping: { '00310': '00456' }, rules: { 'school.unknown': 'error' } }),
      'students.csv': `${HEADER}\n${row('00310')}\nAna,Ruiz,ARuiz,13002,Cedar#518,11/12/2016,0,4,aruiz@lincoln.perficientads.com,00311\n`,
    });
    const { run, report } = lintJson(['students.csv'], dir);
    assert.deepEqual(
      report.files[0]!.problems.map((p) => `${p.code} ${p.severity} ${p.line}:${p.column}`),
      ['school.unknown error 3:79'],
      'only the unmapped 00311 is unknown',
    );
    assert.equal(run.status, 1);
    // fix checks with the same schools: the mapped value is left alone and not reported.
    const fixed = runCli(['fix', 'students.csv'], dir);
    assert.doesNotMatch(fixed.stdout, /students\.csv:2:/);
    assert.match(fixed.stdout, /students\.csv:3:79: error School SIS ID "00311"/);
  });

  it('--config replaces the nearest configuration, including rule severities', () => {
    const dir = workspace({
      'override.json': JSON.stringify({
        schools: JSON.parse(FIXTURE_CONFIG).schools,
        rules: { 'name.invalid-character': 'warning', 'user-type.invalid': 'off', 'grade.invalid': 'info' },
      }),
    });
    const { run, report } = lintJson(['--config', path.join(dir, 'override.json'), 'test/fixtures/workspace/students.csv']);
    assert.equal(run.status, 0, 'no error is left');
    assert.deepEqual(
      report.files[0]!.problems.map((p) => [p.code, p.severity]),
      [
        ['name.invalid-character', 'warning'],
        ['name.invalid-character', 'warning'],
        ['grade.invalid', 'info'],
      ],
    );
  });

  it('an invalid nearest .classworks.json: exit 2, the config file and its problem named; other files still checked', () => {
    const dir = workspace({
      'broken/.classworks.json': '{"schools": 5}',
      'broken/students.csv': `${HEADER}\n${row('00123')}\n`,
      'fine/.classworks.json': FIXTURE_CONFIG,
      'fine/students.csv': `${HEADER}\n${row('00123')}\n`,
    });
    const run = runCli(['lint', 'broken/students.csv', 'fine/students.csv'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /broken\/students\.csv not checked: invalid configuration broken\/\.classworks\.json: "schools": /);
    assert.match(run.stderr, /1 file: 0 errors, 0 warnings, 0 info; 1 file could not be checked/);
  });

  it('a .classworks.json that is not JSON is reported as such', () => {
    const dir = workspace({ '.classworks.json': '{"schools": [', 'students.csv': `${HEADER}\n` });
    const run = runCli(['lint', 'students.csv'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /invalid configuration \.classworks\.json: not valid JSON/);
  });

  it('a missing --config file is exit 2 and named', () => {
    const run = runCli(['lint', '--config', 'nowhere.json', 'test/fixtures/workspace/clean.csv'], ROOT);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read the configuration nowhere\.json: no such file or directory/);
  });
});
