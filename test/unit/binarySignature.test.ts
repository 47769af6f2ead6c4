// A spreadsheet or archive renamed to .csv (core/encoding/binarySignature.ts): recognised by its
// signature, so the faces say "this is an Excel workbook" instead of "probably Windows-1252".
import * as assert from 'node:assert/strict';
import { binarySignature } from '../../core/encoding/binarySignature';

/** A ZIP archive with stored (uncompressed) entries, as Excel and LibreOffice write their files' first parts. */
function storedZip(entries: [name: string, data: string][], options: { dataDescriptor?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data] of entries) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(options.dataDescriptor ? 8 : 0, 6);
    header.writeUInt32LE(options.dataDescriptor ? 0 : data.length, 18);
    header.writeUInt32LE(options.dataDescriptor ? 0 : data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), Buffer.from(data));
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  parts.push(end);
  return Buffer.concat(parts);
}

const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

describe('encoding: a spreadsheet or archive with a .csv name', () => {
  it('an .xlsx (a ZIP whose parts are under xl/) is an Excel workbook, with the Save As steps', () => {
    const xlsx = storedZip([
      ['[Content_Types].xml', '<Types/>'],
      ['_rels/.rels', '<Relationships/>'],
      ['xl/workbook.xml', '<workbook/>'],
    ]);
    const sig = binarySignature(xlsx);
    assert.equal(sig?.kind, 'xlsx');
    assert.equal(
      sig?.message,
      'This is an Excel workbook (.xlsx), not a CSV: open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited)',
    );
  });

  it('finds the workbook part when the entries use data descriptors (sizes not in the headers)', () => {
    const xlsx = storedZip([
      ['[Content_Types].xml', '<Types>PK not a header</Types>'],
      ['xl/worksheets/sheet1.xml', '<worksheet/>'],
    ], { dataDescriptor: true });
    assert.equal(binarySignature(xlsx)?.kind, 'xlsx');
  });

  it('an Office Open XML file cut short after [Content_Types].xml is still taken for a workbook', () => {
    const cut = storedZip([['[Content_Types].xml', '<Types/>']]);
    assert.equal(binarySignature(cut)?.kind, 'xlsx');
  });

  it('an .xls (the OLE signature D0 CF 11 E0 A1 B1 1A E1) is an Excel 97–2003 workbook', () => {
    const sig = binarySignature(Buffer.concat([OLE_HEADER, Buffer.alloc(504), utf16('Workbook')]));
    assert.equal(sig?.kind, 'xls');
    assert.equal(
      sig?.message,
      'This is an Excel 97–2003 workbook (.xls), not a CSV: open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited)',
    );
    // The bare signature (a truncated file) is read the same way.
    assert.equal(binarySignature(Buffer.concat([OLE_HEADER, Buffer.alloc(4)]))?.kind, 'xls');
  });

  it('an OLE file holding a WordDocument stream is a Word document, not a workbook', () => {
    const sig = binarySignature(Buffer.concat([OLE_HEADER, Buffer.alloc(504), utf16('WordDocument')]));
    assert.equal(sig?.kind, 'office');
    assert.match(sig?.message ?? '', /^This is a Word or PowerPoint document, not a CSV: copy the table into Excel/);
  });

  it('an OpenDocument spreadsheet and a .docx are told apart from a workbook', () => {
    const ods = storedZip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<x/>']]);
    assert.equal(binarySignature(ods)?.kind, 'ods');
    assert.match(binarySignature(ods)?.message ?? '', /LibreOffice Calc .* Text CSV \(\.csv\) with the character set Unicode \(UTF-8\)$/);
    const docx = storedZip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>']]);
    assert.equal(binarySignature(docx)?.kind, 'office');
  });

  it('a ZIP of CSV files is an archive to unpack', () => {
    const zip = storedZip([['students.csv', 'First Name,Last Name\r\n']]);
    assert.equal(binarySignature(zip)?.message, 'This is a ZIP archive, not a CSV: unpack it and use the CSV file inside it');
    assert.equal(binarySignature(storedZip([]))?.kind, 'zip');
  });

  it('text is not binary: CSV, Windows-1252, UTF-16, an empty file, and text that merely starts with "PK"', () => {
    for (const text of [
      Buffer.from('First Name,Last Name\r\nJosé,Klein\r\n'),
      Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0d, 0x0a]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('First Name,Last Name\r\n')]),
      Buffer.alloc(0),
      Buffer.from('PK,Name\r\n1,Ann\r\n'),
      Buffer.from([0xd0, 0xcf, 0x11]),
    ]) {
      assert.equal(binarySignature(text), undefined, JSON.stringify(text.toString('latin1')));
    }
  });
});
