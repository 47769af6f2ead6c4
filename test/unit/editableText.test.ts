import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../../core/text/chunkedText';
import { EditableDocument } from '../../server/editableDocument';

const RUNS = Number(process.env.FC_RUNS ?? 200);

/** Text made mostly of line breaks (CR, LF, CRLF), quotes and a few letters: where offsets go wrong. */
const unit = fc.constantFrom('a', 'b', ',', '"', '\r', '\n', '\r\n', 'é', '\u2019');
const text = fc.string({ unit, maxLength: 80 });
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(6),
  insert: fc.string({ unit, maxLength: 6 }),
});

function span(length: number, e: { at: number; remove: number }): [number, number] {
  const start = Math.min(length, Math.floor(e.at * (length + 1)));
  return [start, Math.min(length, start + e.remove)];
}

describe('ChunkedText (the text a keystroke edits piece by piece)', () => {
  it('reads and edits exactly as a string does, whatever the piece size', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (initial, edits, pieceSize) => {
        const chunked = new ChunkedText(initial, pieceSize);
        let expected = initial;
        for (const e of edits) {
          const [start, end] = span(expected.length, e);
          chunked.replace(start, end, e.insert);
          expected = expected.slice(0, start) + e.insert + expected.slice(end);
          assert.equal(chunked.length, expected.length);
          // Every slice and character, read in an order that moves across pieces both ways.
          for (let a = 0; a <= expected.length; a += 3) {
            for (let b = a; b <= expected.length; b += 5) assert.equal(chunked.slice(a, b), expected.slice(a, b), `slice(${a}, ${b})`);
          }
          for (let k = expected.length; k >= -1; k--) assert.deepEqual(chunked.charCodeAt(k), expected.charCodeAt(k), `charCodeAt(${k})`);
          assert.equal(chunked.includesChar('\u2019'), expected.includes('\u2019'));
        }
        assert.equal(chunked.getText(), expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a large file in pieces once edited, so a keystroke copies one piece', () => {
    const line = 'Jane,Smith,10011,jsmith,Secret123!,Student,5,01/02/2014,MAIN\r\n';
    const chunked = new ChunkedText(line.repeat(20000));
    const at = line.length * 10000 + 2;
    chunked.replace(at, at + 1, 'X');
    const pieces = (chunked as unknown as { pieces: string[] }).pieces;
    assert.ok(pieces.length > 30, `cut into ${pieces.length} pieces`);
    assert.ok(pieces.every((p) => p.length <= 2 * 32 * 1024 + line.length), 'no piece is much larger than 32,000 characters');
    assert.equal(chunked.slice(at - 2, at + 3), 'JaXe,');
    assert.equal(chunked.getText().length, line.length * 20000);
  });

  it('refuses an edit outside the text, and leaves the text as it was', () => {
    const chunked = new ChunkedText('abc');
    assert.throws(() => chunked.replace(2, 5, 'x'), RangeError);
    assert.equal(chunked.getText(), 'abc');
  });
});

describe('EditableDocument (the server text) agrees with the LSP TextDocument', () => {
  // The editor sends positions inside the document (the LSP library's line bookkeeping is not
  // defined for others), with the start before the end or after it.
  const change = fc.record({ a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit, maxLength: 6 }) });

  it('on text, positions, offsets, line count, line ranges and line breaks after any edits', () => {
    fc.assert(
      fc.property(text, fc.array(change, { maxLength: 10 }), (initial, changes) => {
        let reference = TextDocument.create('file:///a.csv', 'csv', 1, initial);
        const ours = new EditableDocument('file:///a.csv', 'csv', 1, initial);
        const batched = new EditableDocument('file:///a.csv', 'csv', 1, initial);
        const events = changes.map((c, k) => {
          const length = reference.getText().length;
          const at = (f: number) => reference.positionAt(Math.floor(f * (length + 1)));
          const event = { range: { start: at(c.a), end: at(c.b) }, text: c.text };
          reference = TextDocument.update(reference, [event], k + 2);
          ours.update([event], k + 2);
          return event;
        });
        batched.update(events, events.length + 1);
        assert.equal(batched.getText(), reference.getText(), 'several changes in one notification');
        assert.equal(batched.lineCount, reference.lineCount);
        const content = reference.getText();
        assert.equal(ours.getText(), content);
        assert.equal(ours.version, reference.version);
        assert.equal(ours.lineCount, reference.lineCount);
        for (let offset = -1; offset <= content.length + 1; offset++) assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `positionAt(${offset})`);
        for (let line = -1; line <= reference.lineCount; line++) {
          for (let character = -1; character <= 40; character += 3) {
            assert.equal(ours.offsetAt({ line, character }), reference.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
          }
          assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line), `getLineRange(${line})`);
          assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line), `getEOLCharacters(${line})`);
        }
        const whole = { start: { line: 0, character: 2 }, end: { line: 3, character: 1 } };
        assert.equal(ours.getText(whole), reference.getText(whole));
      }),
      { numRuns: RUNS },
    );
  });

  it('replaces the text on a change without a range', () => {
    const ours = new EditableDocument('file:///a.csv', 'csv', 1, 'a\nb');
    const [applied] = ours.update([{ text: 'x\r\ny\r\nz' }], 5);
    assert.deepEqual(applied, { start: 0, end: 3, text: 'x\r\ny\r\nz', full: true });
    assert.equal(ours.lineCount, 3);
    assert.deepEqual(ours.positionAt(4), { line: 1, character: 1 });
    assert.equal(ours.version, 5);
  });

  it('reads the first line without the rest of the text', () => {
    assert.equal(new EditableDocument('u', 'csv', 1, 'First Name,Last Name\r\nJane,Smith').firstLine(), 'First Name,Last Name');
    assert.equal(new EditableDocument('u', 'csv', 1, 'only one line').firstLine(), 'only one line');
    assert.equal(new EditableDocument('u', 'csv', 1, '').firstLine(), '');
  });
});
