// Whole-file decoding and conversion to UTF-8 (core/encoding/decodeFile.ts): what the CLI lints
// and `classworks fix` writes, and what the editor's "Convert File to UTF-8 from…" writes.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { convertToUtf8, decodeFile, describeNotUtf8Start, encodingCandidates } from '../../core/encoding/decodeFile';
import { encodeSingleByte } from '../../core/encoding/singleByte';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

// "First Name,Last Name\r\nJos<é>,\"O'Brien, Jr\"\r\nZo<ë>,Klein\n" in Windows-1252: é = E9, ë = EB.
const CP1252 = bytes('First Name,Last Name\r\nJos', [0xe9], ',"O\'Brien, Jr"\r\nZo', [0xeb], ',Klein\n');
const CP1252_AS_UTF8 = Buffer.from('First Name,Last Name\r\nJosé,"O\'Brien, Jr"\r\nZoë,Klein\n', 'utf8');
// The same in Mac Roman: é = 8E, ë = 91 (Apple's table: DB is €).
const MACROMAN = bytes('First Name,Last Name\r\nJos', [0x8e], ',"O\'Brien, Jr"\r\nZo', [0x91], ',Klein\n');

describe('encoding: decoding a whole file and converting it to UTF-8', () => {
  it('decodes Windows-1252 exactly and locates the first byte that is not UTF-8 in the decoded text', () => {
    const decoded = decodeFile(CP1252);
    assert.equal(decoded.kind, 'decoded');
    if (decoded.kind !== 'decoded') return;
    assert.equal(decoded.encoding, 'windows1252');
    assert.equal(decoded.text, CP1252_AS_UTF8.toString('utf8'));
    assert.deepEqual(decoded.start, {
      byteOffset: 25,
      line: 1,
      character: 3,
      offset: 25,
      length: 1,
      byte: 0xe9,
      reads: 'é',
      otherReading: { encoding: 'macroman', reads: 'È' },
      word: 'José',
    });
    assert.equal(describeNotUtf8Start(decoded), 'line 2, column 4: byte 0xE9, which reads as "é" in Windows-1252 (in "José"; in Mac Roman it would read "È")');
  });

  it('guesses Mac Roman when the bytes read as letters there and not in Windows-1252', () => {
    const decoded = decodeFile(MACROMAN);
    assert.equal(decoded.kind === 'decoded' && decoded.encoding, 'macroman');
    assert.equal(decoded.kind === 'decoded' && decoded.text, CP1252_AS_UTF8.toString('utf8'));
    assert.equal(decoded.kind === 'decoded' && describeNotUtf8Start(decoded), 'line 2, column 4: byte 0x8E, which reads as "é" in Mac Roman (in "José"; in Windows-1252 it would read "Ž")');
  });

  it('names no other reading where the other encoding has no character for the byte', () => {
    // 0x81 is Å in Mac Roman and undefined in Windows-1252.
    const decoded = decodeFile(bytes('Name\nAngstr', [0x81], 'm\n'));
    assert.equal(decoded.kind === 'decoded' && decoded.encoding, 'macroman');
    assert.equal(decoded.kind === 'decoded' && describeNotUtf8Start(decoded), 'line 2, column 7: byte 0x81, which reads as "Å" in Mac Roman (in "AngstrÅm")');
  });

  it('converts Windows-1252 and Mac Roman to UTF-8 byte for byte, keeping CRLF/LF, quotes and every ASCII byte', () => {
    const fromWindows = convertToUtf8(CP1252, 'windows1252');
    assert.ok(fromWindows.ok);
    assert.deepEqual(Buffer.from(fromWindows.bytes), CP1252_AS_UTF8);
    const fromMac = convertToUtf8(MACROMAN, 'macroman');
    assert.ok(fromMac.ok);
    assert.deepEqual(Buffer.from(fromMac.bytes), CP1252_AS_UTF8);
    // Typographic punctuation too: ’ is 92 in Windows-1252, D5 in Mac Roman; € is 80 / DB.
    const quote = convertToUtf8(bytes('Note\nO', [0x92], 'Neil ', [0x80], '5\n'), 'windows1252');
    assert.ok(quote.ok);
    assert.deepEqual(Buffer.from(quote.bytes), Buffer.from('Note\nO’Neil €5\n', 'utf8'));
    const mac = convertToUtf8(bytes('Note\nO', [0xd5], 'Neil ', [0xdb], '5\n'), 'macroman');
    assert.ok(mac.ok);
    assert.deepEqual(Buffer.from(mac.bytes), Buffer.from('Note\nO’Neil €5\n', 'utf8'));
  });

  it('converts UTF-16 LE and BE with a byte order mark (Excel "Unicode Text", tab-delimited) to UTF-8 with a BOM', () => {
    const text = 'First Name\tLast Name\r\nJosé\tMcMillan\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    for (const [file, encoding] of [
      [le, 'utf16le'],
      [be, 'utf16be'],
    ] as const) {
      const decoded = decodeFile(file);
      assert.equal(decoded.kind === 'decoded' && decoded.encoding, encoding);
      assert.equal(decoded.kind === 'decoded' && decoded.text, text);
      assert.equal(decoded.kind === 'decoded' && decoded.start.line, 0);
      const mark = encoding === 'utf16le' ? 'UTF-16 LE byte order mark FF FE' : 'UTF-16 BE byte order mark FE FF';
      assert.equal(decoded.kind === 'decoded' && describeNotUtf8Start(decoded), `the start of the file (the ${mark})`);
      const converted = convertToUtf8(file, encoding);
      assert.ok(converted.ok);
      assert.deepEqual(Buffer.from(converted.bytes), expected);
    }
  });

  it('keeps a UTF-8 BOM that precedes Windows-1252 bytes, and positions after it', () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), CP1252]);
    const decoded = decodeFile(file);
    assert.equal(decoded.kind === 'decoded' && decoded.encoding, 'windows1252', 'the BOM bytes are not scored as text');
    assert.equal(decoded.kind === 'decoded' && decoded.start.line, 1);
    assert.equal(decoded.kind === 'decoded' && decoded.start.character, 3);
    const converted = convertToUtf8(file, 'windows1252');
    assert.ok(converted.ok);
    assert.deepEqual(Buffer.from(converted.bytes), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), CP1252_AS_UTF8]));
  });

  it('refuses what it cannot convert exactly: a byte Windows-1252 leaves undefined, UTF-8 read as Windows-1252, an odd UTF-16 file', () => {
    const undefinedByte = convertToUtf8(bytes('Name\nA', [0x81], 'B\n'), 'windows1252');
    assert.deepEqual(undefinedByte, {
      ok: false,
      message: 'The file is not Windows-1252 text: at line 2, byte 0x81 stands for no character in Windows-1252. Nothing was converted; pick the encoding the file was saved in.',
    });
    // Reading UTF-8 as Windows-1252 would make mojibake (é → Ã©).
    assert.deepEqual(convertToUtf8(CP1252_AS_UTF8, 'windows1252'), { ok: false, message: 'The file is already UTF-8: there is nothing to convert.' });
    const odd = convertToUtf8(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), 'utf16le');
    assert.equal(odd.ok, false);
    assert.match(!odd.ok ? odd.message : '', /odd number of bytes/);
  });

  it('offers the guessed encoding first, then the others that decode the bytes exactly', () => {
    assert.deepEqual(encodingCandidates(CP1252), ['windows1252', 'macroman']);
    assert.deepEqual(encodingCandidates(MACROMAN), ['macroman', 'windows1252']);
    // 0x81 has no character in Windows-1252: only Mac Roman is offered.
    assert.deepEqual(encodingCandidates(bytes('Name\nA', [0x81], 'B\n')), ['macroman']);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n', 'utf16le')]);
    assert.equal(encodingCandidates(le)[0], 'utf16le');
  });

  it('leaves UTF-8 (with or without BOM) as it is', () => {
    assert.deepEqual(decodeFile(CP1252_AS_UTF8), { kind: 'utf8', text: CP1252_AS_UTF8.toString('utf8'), bom: false });
    const withBom = decodeFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), CP1252_AS_UTF8]));
    assert.deepEqual(withBom, { kind: 'utf8', text: CP1252_AS_UTF8.toString('utf8'), bom: true });
  });

  it('round-trips any single-byte text: converting Windows-1252 / Mac Roman to UTF-8 and back gives the same bytes', () => {
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0x0a, 0x0d, 0x2c, 0x22), fc.integer({ min: 0x80, max: 0xff }));
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 60 }), fc.constantFrom('windows1252' as const, 'macroman' as const), (list, encoding) => {
        const file = Buffer.from(list);
        const converted = convertToUtf8(file, encoding);
        if (!converted.ok) return; // not text in that encoding, or already UTF-8: refused, nothing written
        const back = encodeSingleByte(Buffer.from(converted.bytes).toString('utf8'), encoding);
        assert.ok(back);
        assert.deepEqual(Buffer.from(back), file);
      }),
      { numRuns: 2000 },
    );
  });
});
