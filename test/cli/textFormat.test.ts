import * as assert from 'node:assert/strict';
import { documentedProblemMatcher, FIXTURE_CONFIG, HEADER, lintJson, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

const students = 'test/fixtures/workspace/students.csv';

describe('cli: text format', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('prints one `path:line:column: severity message [code]` line per problem, the same problems as JSON', () => {
    const run = runCli(['lint', students]);
    const { report } = lintJson([students]);
    const expected = (report.files[0]?.problems ?? []).map((p) => `${students}:${p.line}:${p.column}: ${p.severity} ${p.message} [${p.code}]`);
    assert.equal(run.stdout, expected.map((l) => `${l}\n`).join(''));
    assert.equal(expected.length, 4);
    assert.ok(run.stdout.startsWith(`${students}:3:1: error First Name "José" has the character "é" (U+00E9).`));
  });

  it('is read by the problem matcher documented in docs/cli.md, and the summary line is not', () => {
    const matcher = documentedProblemMatcher();
    const run = runCli(['lint', students]);
    const lines = run.stdout.trimEnd().split('\n');
    const matched = lines.map((line) => matcher.exec(line));
    assert.deepEqual(
      matched.map((m) => m && [m[1], m[2], m[3], m[4], m[6]]),
      [
        [students, '3', '1', 'error', 'name.invalid-character'],
        [students, '4', '10', 'error', 'name.invalid-character'],
        [students, '5', '55', 'error', 'user-type.invalid'],
        [students, '6', '50', 'error', 'grade.invalid'],
      ],
    );
    assert.ok(!matched[0]?.[5]?.endsWith('[name.invalid-character]'), 'the code is not part of the message');
    assert.equal(matcher.exec(run.stderr.trim()), null, 'the summary line is not a problem');
  });

  it('keeps each problem on one line: line breaks and control characters from the CSV are escaped', () => {
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'students.csv': `${HEADER}\nOra,Klein,OKlein,13001,Maple!274,"4/2\n\u001b[2J2018",0,3,oklein@lincoln.perficientads.com,00123\n`,
    });
    const run = runCli(['lint', 'students.csv'], dir);
    assert.equal(run.status, 1);
    assert.ok(!run.stdout.includes('\u001b'), 'no raw escape character reaches the terminal');
    const lines = run.stdout.trimEnd().split('\n');
    // Two problems (the date, then the line break), each on a line of its own.
    assert.deepEqual(lines.map((l) => /\[([a-z.-]+)\]$/.exec(l)?.[1]), ['birthdate.invalid', 'value.line-break']);
    assert.match(lines[0] ?? '', /^students\.csv:2:35: error Birthdate "4\/2\\n\\u001B\[2J2018" is not a date .* \[birthdate\.invalid\]$/);
  });

  it('prints the summary with file and severity counts on stderr', () => {
    const run = runCli(['lint', students, 'test/fixtures/workspace/clean.csv', 'samples/district/staff.csv']);
    assert.equal(run.stderr, '3 files: 6 errors, 1 warning, 0 info\n');
  });
});
