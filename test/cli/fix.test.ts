import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_CONFIG, FIXTURES, HEADER, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

const original = fs.readFileSync(path.join(FIXTURES, 'students.csv'), 'utf8');
/** The fixture with its two safe fixes applied: User Type "Student" -> 0 and Grade "KG" -> K. */
const fixedFixture = original.replace(',6/20/2015,Student,5,', ',6/20/2015,0,5,').replace(',5/17/2021,0,KG,', ',5/17/2021,0,K,');

function fixtureCopy(): string {
  return workspace({ '.classworks.json': FIXTURE_CONFIG, 'students.csv': original });
}

describe('cli: fix', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('applies every safe fix in place, changing only the fixed cells (LF kept), and reports what remains', () => {
    assert.notEqual(fixedFixture, original);
    const dir = fixtureCopy();
    const run = runCli(['fix', 'students.csv'], dir);
    assert.equal(run.status, 1, 'the name errors have only suggestions, so errors remain');
    assert.equal(fs.readFileSync(path.join(dir, 'students.csv'), 'utf8'), fixedFixture);
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.slice(0, -1).map((l) => /^students\.csv:(\d+):(\d+): error .*\[(.+)\]$/.exec(l)?.slice(1)),
      [
        ['3', '1', 'name.invalid-character'],
        ['4', '10', 'name.invalid-character'],
      ],
    );
    assert.equal(lines.at(-1), 'students.csv: applied 2 fixes, wrote students.csv; 2 problems remain: 2 errors, 0 warnings, 0 info');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.classworks.json', 'students.csv'], 'no temporary file is left behind');
  });

  it('writes to --output and leaves the input untouched', () => {
    const dir = fixtureCopy();
    const run = runCli(['fix', 'students.csv', '--output', 'fixed.csv'], dir);
    assert.equal(run.status, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'students.csv'), 'utf8'), original);
    assert.equal(fs.readFileSync(path.join(dir, 'fixed.csv'), 'utf8'), fixedFixture);
    assert.match(run.stdout, /^fixed\.csv:3:1: error /m, 'remaining problems point at the written file');
    assert.match(run.stdout, /students\.csv: applied 2 fixes, wrote fixed\.csv; 2 problems remain/);
  });

  it('replaces the file atomically: a new file is renamed over it, keeping its permissions', function () {
    if (process.platform === 'win32') this.skip();
    const dir = fixtureCopy();
    const file = path.join(dir, 'students.csv');
    fs.chmodSync(file, 0o640);
    const before = fs.statSync(file);
    runCli(['fix', 'students.csv'], dir);
    const after = fs.statSync(file);
    assert.notEqual(after.ino, before.ino, 'the fixed text went to a new file that replaced the old one');
    assert.equal(after.mode & 0o777, 0o640);
  });

  it('follows a symbolic link: the file it points to is fixed and the link stays', function () {
    if (process.platform === 'win32') this.skip();
    const dir = fixtureCopy();
    fs.symlinkSync(path.join(dir, 'students.csv'), path.join(dir, 'link.csv'));
    runCli(['fix', 'link.csv'], dir);
    assert.ok(fs.lstatSync(path.join(dir, 'link.csv')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'students.csv'), 'utf8'), fixedFixture);
  });

  it('keeps CRLF, quotes and a BOM, and exits 0 when no error remains', () => {
    const crlf = [
      `"First Name","Last Name",${HEADER.split(',').slice(2).join(',')}`,
      '"Ora","Klein",OKlein,13001,"Maple!274",4/2/2018,"Student","KG",oklein@lincoln.perficientads.com,"123"',
      'Dexter ,Holt,DHolt,13002,Cedar#518,11/12/2016,0,05,dholt@lincoln.perficientads.com,HS01',
      '',
    ].join('\r\n');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'students.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]) });
    const run = runCli(['fix', 'students.csv'], dir);
    const expected = crlf
      .replace('"Student","KG"', '"0","K"')
      .replace(',"123"', ',"00123"')
      .replace('Dexter ,', 'Dexter,')
      .replace(',0,05,', ',0,5,');
    const bytes = fs.readFileSync(path.join(dir, 'students.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.equal(bytes.subarray(3).toString('utf8'), expected);
    assert.equal(run.stdout, 'students.csv: applied 5 fixes, wrote students.csv; 0 problems remain: 0 errors, 0 warnings, 0 info\n');
    assert.equal(run.status, 0);
  });

  it('converts mixed line endings to CRLF (the safe fix) and changes nothing else', () => {
    const rows = [
      HEADER,
      'Ora,Klein,OKlein,13001,Maple!274,4/2/2018,0,3,oklein@lincoln.perficientads.com,00123',
      'Petra,Barlow,PBarlow,13010,Willow#381,3/19/2019,0,2,pbarlow@lincoln.perficientads.com,00123',
    ];
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'students.csv': `${rows[0]}\r\n${rows[1]}\n${rows[2]}\r\n` });
    const run = runCli(['fix', 'students.csv'], dir);
    assert.equal(run.status, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'students.csv'), 'utf8'), rows.map((r) => `${r}\r\n`).join(''));
  });

  it('leaves a file without safe fixes untouched (same bytes, same inode) and exits 0 when it is clean', () => {
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'clean.csv': fs.readFileSync(path.join(FIXTURES, 'clean.csv')) });
    const file = path.join(dir, 'clean.csv');
    const before = fs.statSync(file);
    const run = runCli(['fix', 'clean.csv'], dir);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, 'clean.csv: no safe fix to apply; 0 problems remain: 0 errors, 0 warnings, 0 info\n');
    assert.equal(fs.statSync(file).ino, before.ino);
    assert.deepEqual(fs.readFileSync(file), fs.readFileSync(path.join(FIXTURES, 'clean.csv')));
  });

  it('--output naming a directory: exit 2, says --output takes a file name; nothing written', () => {
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'students.csv': original, 'out/keep.txt': 'x' });
    const run = runCli(['fix', 'students.csv', '--output', 'out'], dir);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'classworks: cannot write out: it is a directory, not a file (--output takes the name of the file to write, e.g. --output folder/fixed.csv) (EISDIR)\n',
    );
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), ['keep.txt']);
    assert.equal(fs.readFileSync(path.join(dir, 'students.csv'), 'utf8'), original);
  });

  it('fixes several files in place in one run', () => {
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'a.csv': original, 'b.csv': original });
    const run = runCli(['fix', 'a.csv', 'b.csv'], dir);
    assert.equal(run.status, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8'), fixedFixture);
    assert.equal(fs.readFileSync(path.join(dir, 'b.csv'), 'utf8'), fixedFixture);
  });

  it('refuses to touch a file that is not UTF-8 nor exactly text in the encoding it looks like (exit 1) and exits 2 for a missing one', () => {
    // A UTF-16 LE byte order mark, then a line and a half of a character. (Windows-1252 files are converted: encoding.test.ts.)
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le'), Buffer.from([0x4a])]);
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'broken.csv': broken });
    const run = runCli(['fix', 'broken.csv'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^broken\.csv:2:1: error .*not UTF-8.* \[file\.not-utf8\]$/m);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'broken.csv')), broken);
    const missing = runCli(['fix', 'missing.csv'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read missing\.csv: no such file or directory/);
  });
});
