import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_CONFIG, HEADER, ROOT, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

const clean = 'test/fixtures/workspace/clean.csv';
const students = 'test/fixtures/workspace/students.csv';

describe('cli: exit codes', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('exits 0 for a file without problems, with nothing on stdout and the summary on stderr', () => {
    const run = runCli(['lint', clean]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '1 file: 0 errors, 0 warnings, 0 info\n');
  });

  it('exits 1 when a file has errors', () => {
    const run = runCli(['lint', students]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '1 file: 4 errors, 0 warnings, 0 info\n');
  });

  it('exits 0 when there are only warnings', () => {
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'students.csv': `${HEADER}\nOra ,Klein,OKlein,13001,Maple!274,4/2/2018,0,3,oklein@lincoln.perficientads.com,00123\n`,
    });
    const run = runCli(['lint', 'students.csv'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^students\.csv:2:1: warning .* \[name\.extra-space\]\n$/);
  });

  it('exits 1 for several files when one has errors, and counts them all', () => {
    const run = runCli(['lint', clean, students]);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '2 files: 4 errors, 0 warnings, 0 info\n');
  });

  it('exits 2 for a missing file, names it and says why, and still reports the readable files', () => {
    const run = runCli(['lint', 'no/such/file.csv', students]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read no\/such\/file\.csv: no such file or directory \(ENOENT\)/);
    assert.equal(run.stdout.trim().split('\n').length, 4, 'the readable file is still reported');
    assert.match(run.stderr, /1 file: 4 errors, 0 warnings, 0 info; 1 file could not be checked/);
  });

  it('exits 2 for a directory, saying it is one', () => {
    const run = runCli(['lint', 'test/fixtures/workspace']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read test\/fixtures\/workspace: it is a directory/);
  });

  it('exits 2 for an unreadable file (no permission)', function () {
    if (process.platform === 'win32' || process.getuid?.() === 0) this.skip(); // root reads anything
    const dir = workspace({ 'locked.csv': `${HEADER}\n` });
    fs.chmodSync(path.join(dir, 'locked.csv'), 0o000);
    const run = runCli(['lint', 'locked.csv'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read locked\.csv: permission denied/);
  });

  for (const [name, args, pattern] of [
    ['an unknown flag', ['lint', '--bogus', clean], /^classworks: Unknown option "--bogus": the options are --format \(lint\), --config, --output \(fix\), --help and --version\. \(A file whose name starts with "-" goes after "--"\.\)\n\nUsage:/],
    ['an unknown short flag', ['lint', '-x', clean], /^classworks: Unknown option "-x": the options are/],
    ['--format at the end without its value', ['lint', clean, '--format'], /^classworks: --format needs a report format: text, json or sarif \(e\.g\. --format json\)\.\n\nUsage:/],
    ['-f without its value', ['lint', clean, '-f'], /^classworks: -f \(--format\) needs a report format: text, json or sarif/],
    ['--format followed by another option', ['lint', '--format', '--config', 'x.json', clean], /^classworks: --format needs a report format: text, json or sarif \(e\.g\. --format json\), but "--config" follows it \(for a value that starts with "-", write --format=--config\)\.\n/],
    ['--output without its value', ['fix', clean, '--output'], /^classworks: --output needs the name of the file to write \(e\.g\. --output fixed\.csv\)\.\n/],
    ['a value given to a switch', ['lint', '--help=yes', clean], /^classworks: --help takes no value \(got "yes"\)\.\n/],
    ['"-" for standard input', ['lint', '-'], /^classworks: Reading a file from standard input \("-"\) is not supported: pass the path of the CSV file, e\.g\. students\.csv \(to check a pipe, save it to a file first\)\.\n/],
    ['an unknown format', ['lint', '--format', 'xml', clean], /Unknown format "xml": use text, json, sarif/],
    ['lint without files', ['lint'], /"lint" needs at least one file/],
    ['an unknown command', ['check', clean], /Unknown command "check"/],
    ['--output with lint', ['lint', clean, '--output', 'x.csv'], /--output applies to "fix" only/],
    ['--format with fix', ['fix', clean, '--format', 'json'], /--format applies to "lint" only/],
    ['--output with two files to fix', ['fix', clean, students, '--output', 'x.csv'], /--output takes one input file/],
    ['a flag without its value', ['lint', clean, '--config'], /^classworks: --config needs the path of a \.classworks\.json \(e\.g\. --config district\/\.classworks\.json\)\.\n/],
  ] as const) {
    it(`exits 2 on bad usage: ${name}`, () => {
      const run = runCli(args);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, pattern);
      assert.match(run.stderr, /--help/);
      assert.doesNotMatch(run.stderr, /Option '|To specify a positional|ERR_PARSE_ARGS/, "no raw texts of Node's parser");
      assert.equal(run.stdout, '');
    });
  }

  it('exits 2 with the usage on stderr when run without arguments', () => {
    const run = runCli([]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^Usage:/);
    assert.match(run.stderr, /Files are given by path \(standard input is not read\); a name starting with "-" goes after "--"\./);
  });

  it('exits 2 for an invalid --config, naming the file and the problem', () => {
    const dir = workspace({ 'bad.json': '{"schools": [{"sisId": "", "name": "Lincoln"}]}' });
    const run = runCli(['lint', '--config', path.join(dir, 'bad.json'), path.join(ROOT, clean)]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /invalid configuration .*bad\.json: "schools\.0\.sisId": /);
    assert.equal(run.stdout, '', 'nothing is checked with a broken configuration');
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const run = runCli(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /node dist\/cli\.js lint <files\.\.\.> \[--format text\|json\|sarif\] \[--config <file>\]/);
    assert.match(run.stdout, /Exit codes:/);
    assert.equal(runCli(['lint', '--help']).status, 0);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = runCli(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });
});
