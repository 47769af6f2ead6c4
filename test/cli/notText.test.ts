// A workbook or other binary file with a .csv name (finding: an .xlsx renamed to .csv was
// reported as "probably Windows-1252" with iconv as the cure).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { FIXTURE_CONFIG, HEADER, lintJson, removeTempDirs, requireBuiltCli, runCli, workspace } from './helpers';

/** A ZIP archive with deflated entries, as Excel writes an .xlsx (the names stay readable, the data does not). */
function deflatedZip(entries: [name: string, data: string][]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data] of entries) {
    const body = deflateRawSync(Buffer.from(data));
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), body);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  parts.push(end);
  return Buffer.concat(parts);
}

const XLSX = deflatedZip([
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
  ['_rels/.rels', '<Relationships/>'],
  ['xl/workbook.xml', '<workbook><sheets><sheet name="Students" sheetId="1"/></sheets></workbook>'],
  ['xl/worksheets/sheet1.xml', `<worksheet>${HEADER}</worksheet>`],
]);

/** The start of an .xls: the OLE compound file header, then sectors of binary data (with bytes that are not UTF-8). */
const XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(24), Buffer.from([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00]), Buffer.alloc(480, 0xff)]);

/** A PNG renamed to .csv: no known workbook signature, but NUL bytes (the first at byte 9, on line 3: after the CR LF at bytes 5–6 and the LF at byte 8). */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);

const SAVE_AS = 'open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited), then check the CSV it writes. The import reads CSV text only, so nothing in this file was checked.';

describe('cli: a workbook or binary file with a .csv name', () => {
  before(requireBuiltCli);
  after(removeTempDirs);

  for (const [name, bytes, what] of [
    ['xlsx-renamed.csv', XLSX, 'an Excel workbook (.xlsx)'],
    ['xls-renamed.csv', XLS, 'an Excel 97–2003 workbook (.xls)'],
  ] as const) {
    it(`${name}: one error at 1:1 saying it is ${what} and how to save a CSV UTF-8; no encoding advice; exit 1`, () => {
      const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, [name]: bytes });
      const run = runCli(['lint', name], dir);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, `${name}:1:1: error This is ${what}, not a CSV: ${SAVE_AS} [file.not-utf8]\n`);
      assert.doesNotMatch(run.stdout, /1252|iconv|encoding/);
      assert.equal(run.stderr, '1 file: 1 error, 0 warnings, 0 info\n');
      const { report } = lintJson([name], dir);
      assert.deepEqual(
        report.files[0]!.problems.map((p) => [p.code, p.severity, p.line, p.column, p.endLine, p.endColumn, p.fix, p.suggestions]),
        [['file.not-utf8', 'error', 1, 1, 1, 1, null, []]],
      );
    });

    it(`${name}: fix leaves it untouched (in place and with --output), exit 1`, () => {
      const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, [name]: bytes });
      const inPlace = runCli(['fix', name], dir);
      assert.equal(inPlace.status, 1);
      assert.equal(inPlace.stdout, `${name}:1:1: error This is ${what}, not a CSV: ${SAVE_AS} [file.not-utf8]\n${name}: nothing fixed (it is not a text file); 1 problem remains: 1 error, 0 warnings, 0 info\n`);
      assert.deepEqual(fs.readFileSync(path.join(dir, name)), bytes);
      const elsewhere = runCli(['fix', name, '--output', 'out.csv'], dir);
      assert.equal(elsewhere.status, 1);
      assert.match(elsewhere.stdout, new RegExp(`${name.replace('.', '\\.')}: nothing fixed \\(it is not a text file\\), nothing written to out\\.csv; `));
      assert.equal(fs.existsSync(path.join(dir, 'out.csv')), false);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['.classworks.json', name]);
    });
  }

  it('a plain ZIP archive: says to unpack it and check the CSV inside, not to save from Excel', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), Buffer.from('garbage')]);
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'x.csv': zip });
    const run = runCli(['lint', 'x.csv'], dir);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      'x.csv:1:1: error This is a ZIP archive, not a CSV: unpack it and use the CSV file inside it, then check that CSV file. The import reads CSV text only, so nothing in this file was checked. [file.not-utf8]\n',
    );
  });

  it('another binary file (NUL bytes): "This is not a text file", where the NUL is; fix leaves it', () => {
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'picture.csv': PNG });
    const { run, report } = lintJson(['picture.csv'], dir);
    assert.equal(run.status, 1);
    const problems = report.files[0]!.problems;
    assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['file.not-utf8', 1, 1]]);
    assert.equal(
      problems[0]!.message,
      'This is not a text file: line 3 holds a NUL byte (0x00, at byte 9), which CSV text never contains: the file is another kind of file with a .csv name, or it was damaged. ' +
        'The import reads CSV text only, so nothing in this file was checked. Export the users from the SIS as CSV again, or open the file in the program that made it and save it as CSV UTF-8 (in Excel: File › Save As › CSV UTF-8 (Comma delimited)).',
    );
    assert.equal(runCli(['fix', 'picture.csv'], dir).status, 1);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'picture.csv')), PNG);
  });

  it('UTF-16 without a byte order mark (a zero byte beside each letter) is still text: read as UTF-16 LE and checked', () => {
    const text = `${HEADER}\r\nOra,Klein,OKlein,13001,Maple!274,4/2/2018,0,KG,oklein@lincoln.perficientads.com,00123\r\n`;
    const dir = workspace({ '.classworks.json': FIXTURE_CONFIG, 'wide.csv': Buffer.from(text, 'utf16le') });
    const { report } = lintJson(['wide.csv'], dir);
    const problems = report.files[0]!.problems;
    assert.deepEqual(problems.map((p) => p.code), ['file.not-utf8', 'grade.invalid']);
    assert.match(problems[0]!.message, /^This file is not UTF-8 but UTF-16 LE text/);
  });
});
