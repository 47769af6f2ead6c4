import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { firstInvalidUtf8, lineOfByte } from '../../cli/utf8';
import { FIXTURE_CONFIG, HEADER, lintJson, removeTempDirs, requireBuiltCli, workspace } from './helpers';

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

  it('reports a Windows-1252 file as one file.not-utf8 error at line 1 naming the line with the bad byte', () => {
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'latin1.csv': Buffer.from(ROWS.map((r) => `${r}\n`).join(''), 'latin1') });
    const { run, report } = lintJson(['latin1.csv'], dir);
    assert.equal(run.status, 1);
    const problems = report.files[0]!.problems;
    assert.equal(problems.length, 1);
    const { message, ...rest } = problems[0]!;
    assert.deepEqual(rest, { code: 'file.not-utf8', severity: 'error', line: 1, column: 1, endLine: 1, endColumn: 1, field: null, fix: null, suggestions: [] });
    assert.match(message, /not UTF-8: line 3 /);
    assert.match(message, /CSV UTF-8/);
  });

  it('recognises a UTF-16 file (Excel "Unicode Text") by its BOM and tells to convert from UTF-16, not Windows-1252', () => {
    const le = Buffer.from(ROWS.join('\r\n'), 'utf16le');
    const be = Buffer.from(le).swap16();
    const dir = workspace({
      'utf16le.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
      'utf16be.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    });
    for (const [file, name] of [['utf16le.csv', 'UTF-16LE'], ['utf16be.csv', 'UTF-16BE']] as const) {
      const { run, report } = lintJson([file], dir);
      assert.equal(run.status, 1);
      assert.equal(report.files[0]!.problems.length, 1);
      const { message } = report.files[0]!.problems[0]!;
      assert.match(message, new RegExp(`This file is ${name} text`));
      assert.match(message, new RegExp(`iconv -f ${name} -t UTF-8`));
      assert.doesNotMatch(message, /1252/);
    }
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
