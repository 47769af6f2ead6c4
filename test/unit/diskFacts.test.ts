// The client's reading of a file's bytes (client/diskFacts/analyzeBytes.ts, pure): what it sends
// the server in classworks/diskFacts.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyzeBytes, detectEncoding } from '../../client/diskFacts/analyzeBytes';

const ROWS = ['First Name,Last Name', 'José,"Mc\r\nMillan"', 'Ora,Klein'];

describe('disk facts: encoding and line endings of the bytes', () => {
  it('counts CRLF, LF and bare CR in the raw bytes, quoted cells included', () => {
    assert.deepEqual(analyzeBytes(Buffer.from('a\rb\rc\r')).lineEndings, { crlf: 0, lf: 0, cr: 3 });
    assert.deepEqual(analyzeBytes(Buffer.from('a\r\nb\nc\rd\r\n')).lineEndings, { crlf: 2, lf: 1, cr: 1 });
    assert.deepEqual(analyzeBytes(Buffer.from(ROWS.join('\n'))).lineEndings, { crlf: 1, lf: 2, cr: 0 });
    assert.deepEqual(analyzeBytes(Buffer.from('\r\r\n\n')).lineEndings, { crlf: 1, lf: 1, cr: 1 });
    assert.deepEqual(analyzeBytes(new Uint8Array()).lineEndings, { crlf: 0, lf: 0, cr: 0 });
  });

  it('tells UTF-8, UTF-8 with BOM, UTF-16 (with and without BOM) and bytes that are not UTF-8', () => {
    const text = ROWS.join('\r\n');
    assert.equal(detectEncoding(Buffer.from(text)), 'utf8');
    assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), 'utf8-bom');
    const le = Buffer.from(text, 'utf16le');
    assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), 'utf16le');
    assert.equal(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])), 'utf16be');
    assert.equal(detectEncoding(le), 'utf16le');
    assert.equal(detectEncoding(Buffer.from(le).swap16()), 'utf16be');
    // Windows-1252: é is the single byte e9.
    assert.equal(detectEncoding(Buffer.from(text, 'latin1')), 'not-utf8');
    assert.equal(detectEncoding(Buffer.from('')), 'utf8');
  });

  it('counts the line endings of UTF-16 text in code units, not bytes', () => {
    const text = 'a\r\nb\rc\n\u0d0a';
    for (const [bom, encode] of [
      [[0xff, 0xfe], (s: string) => Buffer.from(s, 'utf16le')],
      [[0xfe, 0xff], (s: string) => Buffer.from(s, 'utf16le').swap16()],
    ] as const) {
      const facts = analyzeBytes(Buffer.concat([Buffer.from(bom), encode(text)]));
      assert.deepEqual(facts.lineEndings, { crlf: 1, lf: 1, cr: 1 }, facts.encoding);
    }
  });

  it('agrees with the decoded text on any UTF-8 text', () => {
    const unit = fc.constantFrom('a', 'é', ',', '"', '\r', '\n', '\r\n', ' ', '\u2028', '\ufffd');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        const facts = analyzeBytes(Buffer.from(text));
        const crlf = text.split('\r\n').length - 1;
        const lf = text.split('\n').length - 1 - crlf;
        const cr = text.split('\r').length - 1 - crlf;
        assert.deepEqual(facts.lineEndings, { crlf, lf, cr });
        assert.equal(facts.encoding, 'utf8');
      }),
      { numRuns: 500 },
    );
  });

  it('says what bytes that are not UTF-8 read as: the encodings that decode them exactly, the guess first, and the first such byte', () => {
    const text = ROWS.join('\r\n');
    const cp1252 = Buffer.from(text, 'latin1');
    assert.deepEqual(analyzeBytes(cp1252).notUtf8, {
      candidates: ['windows1252', 'macroman'],
      first: { byte: 0xe9, reads: 'é', line: 1, character: 3 },
    });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.deepEqual(analyzeBytes(le).notUtf8, { candidates: ['utf16le'] });
    assert.equal(analyzeBytes(Buffer.from(text)).notUtf8, undefined);
    // A UTF-8 BOM does not make Windows-1252 bytes after it UTF-8; positions are in the text after the BOM.
    const bomThen1252 = analyzeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cp1252]));
    assert.equal(bomThen1252.encoding, 'not-utf8');
    assert.deepEqual(bomThen1252.notUtf8?.first, { byte: 0xe9, reads: 'é', line: 1, character: 3 });
  });
});
