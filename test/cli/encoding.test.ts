import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstInvalidUtf8, lineOfByte } from '../../cli/utf8';
import { FIXTURE_CONFIG, HEADER, type JsonProblem, lintJson, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

const ROWS = [
  HEADER,
  'Ora,Klein,OKlein,13001,Maple!274,4/2/2018,0,3,oklein@lincoln.perficientads.com,00123',
  'José,McMillan,JMcMillan,13002,Cedar#518,11/12/2016,0,KG,jmcmillan@lincoln.perficientads.com,00123',
];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('cli: encodings', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  it('accepts a UTF-8 BOM silently: same problems at the same positions as without it', () => {
    const text = ROWS.map((r) => `${r}\r\n`).join('');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'plain.csv': text, 'bom.csv': Buffer.concat([BOM, Buffer.from(text)]) });
    const plain = lintJson(['plain.csv'], dir).report.files[0]!.problems;
    const bom = lintJson(['bom.csv'], dir).report.files[0]!.problems;
    assert.deepEqual(bom, plain);
    assert.deepEqual(
      bom.map((p) => [p.code, p.line, p.column]),
      [
        ['name.invalid-character', 3, 1],
        ['grade.invalid', 3, 54],
      ],
    );
  });

  /** The problems of a file as `[code, line, column, endLine, endColumn]`. */
  const places = (problems: JsonProblem[]) => problems.map((p) => [p.code, p.line, p.column, p.endLine, p.endColumn]);

  it('reads a Windows-1252 file as such: one file.not-utf8 at the first byte that is not UTF-8, then every other problem as in the UTF-8 file', () => {
    const text = ROWS.map((r) => `${r}\n`).join('');
    // é is the single byte E9 in Windows-1252.
    const cp1252 = Buffer.from(text, 'latin1');
    assert.equal(cp1252[cp1252.indexOf('Jos') + 3], 0xe9);
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'latin1.csv': cp1252, 'utf8.csv': text });
    const { run, report } = lintJson(['latin1.csv'], dir);
    assert.equal(run.status, 1);
    const [encoding, ...rest] = report.files[0]!.problems;
    assert.deepEqual(places([encoding!]), [['file.not-utf8', 3, 4, 3, 5]]);
    assert.equal(encoding!.severity, 'error');
    assert.equal(encoding!.fix, 'Convert the file from Windows-1252 to UTF-8 (classworks fix)');
    assert.match(encoding!.message, /^This file is not UTF-8 but most likely Windows-1252, what Excel for Windows saves as "CSV \(Comma delimited\)"; /);
    assert.match(encoding!.message, /it starts at line 3, column 4: byte 0xE9, which reads as "é" in Windows-1252 \(in "José"; in Mac Roman it would read "È"\)\./);
    assert.match(encoding!.message, /classworks fix converts the file to UTF-8/);
    // The rest is checked as if the file were UTF-8: same problems, same ranges (é found by name.invalid-character).
    assert.deepEqual(rest, lintJson(['utf8.csv'], dir).report.files[0]!.problems);
    assert.deepEqual(places(rest), [
      ['name.invalid-character', 3, 1, 3, 5],
      ['grade.invalid', 3, 54, 3, 56],
    ]);
  });

  it('reports the encoding once however many lines hold such bytes', () => {
    const rows = [HEADER];
    for (let i = 0; i < 300; i++) rows.push(`Zoë,Muñoz,ZMunoz${i},${20000 + i},Cedar#518,11/12/2016,0,3,zm${i}@lincoln.perficientads.com,00123`);
    const text = rows.map((r) => `${r}\r\n`).join('');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'many.csv': Buffer.from(text, 'latin1'), 'utf8.csv': text });
    const problems = lintJson(['many.csv'], dir).report.files[0]!.problems;
    assert.deepEqual(
      problems.filter((p) => p.code === 'file.not-utf8').map((p) => [p.line, p.column]),
      [[2, 3]],
    );
    assert.deepEqual(problems.slice(1), lintJson(['utf8.csv'], dir).report.files[0]!.problems);
  });

  it('reads a Mac Roman file (é is 8E) as Mac Roman and says so', () => {
    const text = ROWS.map((r) => `${r}\r`).join('');
    const mac = Buffer.from(text.replace('é', '\u0000'), 'latin1');
    mac[mac.indexOf(0)] = 0x8e;
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'mac.csv': mac, 'utf8.csv': text });
    const [encoding, ...rest] = lintJson(['mac.csv'], dir).report.files[0]!.problems;
    assert.deepEqual(places([encoding!]), [['file.not-utf8', 3, 4, 3, 5]]);
    assert.match(encoding!.message, /most likely Mac Roman.*byte 0x8E, which reads as "é" in Mac Roman \(in "José"; in Windows-1252 it would read "Ž"\)/);
    assert.deepEqual(rest, lintJson(['utf8.csv'], dir).report.files[0]!.problems);
  });

  it('reads UTF-16 LE and BE with a BOM (Excel "Unicode Text", tab-delimited): file.not-utf8 at the start, then the file checked as text', () => {
    const text = ROWS.map((r) => `${r.replaceAll(',', '\t')}\r\n`).join('');
    const le = Buffer.from(text, 'utf16le');
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'utf16le.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'utf16be.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]),
      'utf8.csv': Buffer.concat([BOM, Buffer.from(text)]),
    });
    const asUtf8 = lintJson(['utf8.csv'], dir).report.files[0]!.problems;
    assert.ok(asUtf8.some((p) => p.code === 'file.delimiter'), 'the tabs are reported by the delimiter rule, once');
    for (const [file, name, iconvName, mark] of [
      ['utf16le.csv', 'UTF-16 LE', 'UTF-16LE', 'FF FE'],
      ['utf16be.csv', 'UTF-16 BE', 'UTF-16BE', 'FE FF'],
    ] as const) {
      const { run, report } = lintJson([file], dir);
      assert.equal(run.status, 1);
      const [encoding, ...rest] = report.files[0]!.problems;
      assert.deepEqual(places([encoding!]), [['file.not-utf8', 1, 1, 1, 1]]);
      assert.match(encoding!.message, new RegExp(`^This file is not UTF-8 but ${name} text, what Excel saves as "Unicode Text"`));
      assert.match(encoding!.message, new RegExp(`it starts at the start of the file \\(the ${name} byte order mark ${mark}\\)`));
      assert.match(encoding!.message, new RegExp(`iconv -f ${iconvName} -t UTF-8`));
      assert.doesNotMatch(encoding!.message, /1252/);
      assert.deepEqual(rest, asUtf8);
    }
  });

  it('UTF-16 with commas: the message does not talk of tabs (it does when the file has them)', () => {
    const text = ROWS.map((r) => `${r}\r\n`).join('');
    const dir = workspace({
      '.classworks.json': FIXTURE_CONFIG,
      'commas.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'tabs.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll(',', '\t'), 'utf16le')]),
    });
    const commas = lintJson(['commas.csv'], dir).report.files[0]!.problems[0]!;
    assert.equal(commas.code, 'file.not-utf8');
    assert.match(commas.message, /^This file is not UTF-8 but UTF-16 LE text, what Excel saves as "Unicode Text"; it starts at/);
    assert.doesNotMatch(commas.message, /tab/);
    const tabs = lintJson(['tabs.csv'], dir).report.files[0]!.problems[0]!;
    assert.match(tabs.message, /^This file is not UTF-8 but UTF-16 LE text, what Excel saves as "Unicode Text" \(which also separates cells with tabs\); it starts at/);
  });

  it('fix converts a Windows-1252 file to UTF-8, keeping CRLF and quotes, with the other safe fixes, and says so', () => {
    const rows = [...ROWS, '"Zoë","O\'Brien",ZOBrien,13003,Pine$721,1/2/2015,0,KG,zobrien@lincoln.perficientads.com,00123'];
    const text = rows.map((r) => `${r}\r\n`).join('');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'latin1.csv': Buffer.from(text, 'latin1') });
    const run = runCli(['fix', 'latin1.csv'], dir);
    const expected = text.replaceAll(',KG,', ',K,');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.csv')), Buffer.from(expected, 'utf8'));
    const last = run.stdout.trimEnd().split('\n').at(-1);
    assert.match(last!, /^latin1\.csv: converted from Windows-1252 to UTF-8, applied 2 fixes, wrote latin1\.csv; \d+ problems? remains?: /);
    assert.doesNotMatch(run.stdout, /not-utf8/);
    const after = lintJson(['latin1.csv'], dir).report.files[0]!.problems;
    assert.ok(!after.some((p) => p.code === 'file.not-utf8'));
    assert.ok(after.some((p) => p.code === 'name.invalid-character'), 'the accents are still there, now as UTF-8');
  });

  it('fix --output writes the UTF-8 conversion elsewhere and leaves the input bytes alone', () => {
    const text = `${HEADER}\nJosé,Klein,JKlein,13001,Maple!274,4/2/2018,0,3,jklein@lincoln.perficientads.com,00123\n`;
    const input = Buffer.from(text, 'latin1');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'in.csv': input });
    const run = runCli(['fix', 'in.csv', '--output', 'out.csv'], dir);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'in.csv')), input);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'out.csv')), Buffer.from(text, 'utf8'));
    assert.match(run.stdout, /in\.csv: converted from Windows-1252 to UTF-8, wrote out\.csv; /);
  });

  it('fix converts UTF-16 LE to UTF-8 with a UTF-8 BOM in place of the UTF-16 one (and the tabs to commas, the delimiter fix)', () => {
    const text = ROWS.map((r) => `${r.replaceAll(',', '\t')}\r\n`).join('');
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'u.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    const run = runCli(['fix', 'u.csv'], dir);
    const written = fs.readFileSync(path.join(dir, 'u.csv'));
    assert.deepEqual(written.subarray(0, 3), BOM);
    assert.equal(written.subarray(3).toString('utf8'), ROWS.map((r) => `${r.replace(',KG,', ',K,')}\r\n`).join(''));
    assert.match(run.stdout, /u\.csv: converted from UTF-16 LE to UTF-8, applied 2 fixes, wrote u\.csv; /);
  });

  it('a file that is not exactly text in any encoding it looks like: one error, not checked, and fix leaves it alone', () => {
    // UTF-16 LE by its BOM, but an odd number of bytes.
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le'), Buffer.from([0x41])]);
    const dir = workspace({ 'odd.csv': bytes });
    const { run, report } = lintJson(['odd.csv'], dir);
    assert.equal(run.status, 1);
    assert.equal(report.files[0]!.problems.length, 1);
    assert.match(report.files[0]!.problems[0]!.message, /^This file is not UTF-8, and not exactly UTF-16 LE either: at line 2, the file has an odd number of bytes, .*so it cannot be checked/);
    const fix = runCli(['fix', 'odd.csv'], dir);
    assert.equal(fix.status, 1);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'odd.csv')), bytes);
    assert.match(fix.stdout, /odd\.csv: nothing fixed \(the file is not UTF-8, and not exactly UTF-16 LE either\); 1 problem remains: 1 error, 0 warnings, 0 info/);
  });

  it('file.not-utf8 follows the config file\'s rules (warning, off)', () => {
    const config = (severity: string) => JSON.stringify({ ...JSON.parse(FIXTURE_CONFIG), rules: { 'file.not-utf8': severity } });
    const file = Buffer.from(`${HEADER}\nJosé,Klein,JKlein,13001,Maple!274,4/2/2018,0,3,jklein@lincoln.perficientads.com,00123\n`, 'latin1');
    const warn = workspace({ '.classworks.json': config('warning'), 'a.csv': file });
    assert.equal(lintJson(['a.csv'], warn).report.files[0]!.problems[0]!.severity, 'warning');
    const off = workspace({ '.classworks.json': config('off'), 'a.csv': file });
    assert.ok(!lintJson(['a.csv'], off).report.files[0]!.problems.some((p) => p.code === 'file.not-utf8'));
  });

  it('firstInvalidUtf8 agrees with a strict UTF-8 decoder on any bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const decodes = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (list) => {
        const bytes = Uint8Array.from(list);
        const bad = firstInvalidUtf8(bytes);
        assert.equal(bad === -1, decodes(bytes));
        if (bad >= 0) assert.ok(decodes(bytes.subarray(0, bad)), 'everything before the reported byte is valid');
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => firstInvalidUtf8(Buffer.from(s, 'utf8')) === -1));
  });

  it('lineOfByte counts CRLF, LF and lone CR as line ends', () => {
    const bytes = Buffer.from('a\r\nb\nc\rd');
    assert.deepEqual([0, 3, 5, 7].map((o) => lineOfByte(bytes, o)), [1, 2, 3, 4]);
  });
});
