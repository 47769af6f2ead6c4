import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { type LspClient, type OpenDocument, startOnFixture } from './lspClient';

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

/**
 * Backticks that open no code span (CommonMark: a run of n backticks is closed by the next run
 * of exactly n); each would show as a stray backtick.
 */
function strayBackticks(markdownText: string): number {
  let stray = 0;
  let i = 0;
  while (i < markdownText.length) {
    if (markdownText[i] !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (markdownText[i + n] === '`') n++;
    const fence = '`'.repeat(n);
    let close = markdownText.indexOf(fence, i + n);
    while (close !== -1 && markdownText[close + n] === '`') {
      let end = close;
      while (markdownText[end] === '`') end++;
      close = markdownText.indexOf(fence, end);
    }
    if (close === -1) {
      stray += n;
      i += n;
    } else i = close + n;
  }
  return stray;
}

/** A position inside the `nth` occurrence of `search`. */
function inside(doc: OpenDocument, search: string, nth = 0): Position {
  const { start } = doc.rangeOf(search, nth);
  return { line: start.line, character: start.character + 1 };
}

describe('LSP: hover', () => {
  let client: LspClient;
  let doc: OpenDocument;
  beforeEach(async () => {
    client = await startOnFixture();
    doc = client.open('students.csv');
    await doc.diagnostics();
  });
  afterEach(async () => client?.stop());

  it('names the field and how its column was matched, and leaves the problem on the cell to the diagnostic hover', async () => {
    const hover = await doc.hover(inside(doc, 'KG'));
    const text = markdown(hover);
    assert.match(text, /\*\*Grade\*\*: Classworks field of column 8 \(`Grade`\); its heading is the Classworks field name\./);
    assert.match(text, /Value: `KG`/);
    // VS Code shows the diagnostics in the same hover: their text is not repeated.
    const diagnostic = (await doc.diagnostics()).find((d) => d.code === 'grade.invalid');
    assert.ok(diagnostic);
    assert.ok(!text.includes('grade.invalid') && !text.includes(String(diagnostic.message).slice(0, 30)), text);
    assert.deepEqual(hover!.range, { start: { line: 5, character: 49 }, end: { line: 5, character: 51 } });
  });

  it('shows the start of a very long value and its length, not the whole value', async () => {
    const long = `Ann${'a'.repeat(400)}\u00a0${'b'.repeat(96)}`;
    const version = doc.replace('Ora', long);
    await doc.diagnostics(version);
    const text = markdown(await doc.hover({ line: 1, character: 5 }));
    assert.match(text, new RegExp(`Value: \`Ann${'a'.repeat(197)}\`… \\(500 characters\\)`));
    assert.ok(!text.includes('b'.repeat(10)), 'the end of the value is not shown');
    // An invisible character past the shown start is still named.
    assert.match(text, /U\+00A0 \(no-break space\) at character 404/);
    assert.ok(text.length < 1500, `the hover stays short (${text.length} characters)`);
  });

  it('quotes values with backticks literally, without stray backticks', async () => {
    const version = doc.replace('Klein', '`Kl`ein');
    await doc.diagnostics(version);
    const text = markdown(await doc.hover(inside(doc, 'Kl')));
    assert.match(text, /Value: `` `Kl`ein ``/);
    assert.equal(strayBackticks(text), 0, text);
  });

  it('masks passwords: length and kinds of characters only, never the value', async () => {
    const text = markdown(await doc.hover(inside(doc, 'Maple!274')));
    assert.match(text, /\*\*Password\*\*/);
    assert.match(text, /Value: •••••• \(9 characters; has letter, digit, symbol\)/);
    assert.doesNotMatch(text, /Maple|274/);
    const weak = doc.replace('Cedar#518', 'cedar');
    await doc.diagnostics(weak);
    const weakText = markdown(await doc.hover(inside(doc, 'cedar')));
    assert.match(weakText, /•••••• \(5 characters; has letter; lacks digit, symbol\)/);
    assert.doesNotMatch(weakText, /cedar/);
    assert.ok(!client.logs.join('\n').includes('Maple!274'), 'a password reached the log');
  });

  it('makes invisible characters visible by name: a no-break space, leading and trailing spaces', async () => {
    const version = doc.replace('Ora', '  Ora\u00a0Lee ');
    await doc.diagnostics(version);
    const text = markdown(await doc.hover({ line: 1, character: 3 }));
    assert.match(text, /\*\*First Name\*\*/);
    assert.match(text, /Value: `⟨space⟩⟨space⟩Ora⟨no-break space⟩Lee⟨space⟩`/);
    assert.match(text, /- 2 leading spaces/);
    assert.match(text, /- 1 trailing space/);
    assert.match(text, /U\+00A0 \(no-break space\) at character 6/);
  });

  it('names a zero-width space and a tab', async () => {
    const version = doc.replace('Klein', 'Kl\u200bein\t');
    await doc.diagnostics(version);
    const text = markdown(await doc.hover(inside(doc, 'Kl')));
    assert.match(text, /Value: `Kl⟨zero-width space⟩ein⟨tab⟩`/);
  });

  it('names the invisible characters of a heading: a no-break space, a zero-width space, a tab, a leading space', async () => {
    let version = doc.replace('First Name', 'First\u00a0Name');
    version = doc.replace('Username', 'User\u200bname');
    version = doc.replace('Grade', ' Grade\t');
    const diagnostics = await doc.diagnostics(version);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'header.invisible-character').map((d) => d.range.start),
      [
        { line: 0, character: 0 },
        { line: 0, character: 21 },
        { line: 0, character: 72 },
      ],
    );
    const first = markdown(await doc.hover({ line: 0, character: 2 }));
    assert.match(first, /Heading: `First⟨no-break space⟩Name`/);
    assert.match(first, /U\+00A0 \(no-break space\) at character 6/);
    const user = markdown(await doc.hover({ line: 0, character: 23 }));
    assert.match(user, /\*\*Username\*\*/);
    assert.match(user, /Heading: `User⟨zero-width space⟩name`/);
    assert.match(user, /U\+200B \(zero-width space\) at character 5/);
    const grade = markdown(await doc.hover({ line: 0, character: 76 }));
    assert.match(grade, /Heading: `⟨space⟩Grade⟨tab⟩`/);
    assert.match(grade, /- 1 leading space/);
    assert.match(grade, /U\+0009 \(tab\) at character 7/);
  });

  it('names a carriage return inside a value', async () => {
    const version = doc.replace('OKlein', '"OK\rlein"');
    await doc.diagnostics(version);
    const text = markdown(await doc.hover({ line: 1, character: 12 }));
    assert.match(text, /\*\*Username\*\*/);
    assert.match(text, /Value: `OK⟨carriage return⟩lein`/);
    assert.match(text, /U\+000D \(carriage return\) at character 3/);
  });

  it('on a header cell says which field it maps to; an alias heading says so', async () => {
    assert.match(markdown(await doc.hover({ line: 0, character: 2 })), /\*\*First Name\*\*: Classworks field of column 1 \(`First Name`\)/);
    const version = doc.replace('School SIS ID', 'School Code');
    await doc.diagnostics(version);
    const text = markdown(await doc.hover(inside(doc, '00456')));
    assert.match(text, /\*\*School SIS ID\*\*: Classworks field of column 10 \(`School Code`\); its heading is a common SIS name for this field\./);
  });

  it('says when a column is not a Classworks field', async () => {
    const version = doc.replace('Grade', 'Homeroom');
    await doc.diagnostics(version);
    assert.match(markdown(await doc.hover(inside(doc, 'KG'))), /Column 8 \(`Homeroom`\) is not a Classworks field; the import ignores it\./);
  });
});

describe('LSP: completion', () => {
  let client: LspClient;
  let doc: OpenDocument;
  beforeEach(async () => {
    client = await startOnFixture();
    doc = client.open('students.csv');
    await doc.diagnostics();
  });
  afterEach(async () => client?.stop());

  it('offers the district schools in School SIS ID, with names, replacing the cell value', async () => {
    const items = await doc.completion(inside(doc, '00456'));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['00123', 'Lincoln Elementary'],
        ['00456', 'Washington Elementary'],
        ['HS01', 'Ridgeview High School'],
      ],
    );
    const edit = items[2]!.textEdit as { range: unknown; newText: string };
    assert.deepEqual(edit, { range: doc.rangeOf('00456'), newText: 'HS01' });
  });

  it('offers 0 (student) and 1 (staff) in User Type', async () => {
    const items = await doc.completion(inside(doc, 'Student'));
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['0', 'student'], ['1', 'staff']]);
  });

  it('offers Pre-K, K and 1–12 in Grade', async () => {
    const items = await doc.completion(inside(doc, 'KG'));
    assert.deepEqual(items.map((i) => i.label), ['Pre-K', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
  });

  it('offers Classworks field names in the header row, leaving out fields other columns hold', async () => {
    const items = await doc.completion(inside(doc, 'Grade'));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Grade'));
    assert.ok(labels.includes('Middle Name'));
    assert.ok(!labels.includes('First Name'));
    assert.equal((items.find((i) => i.label === 'Grade')!.textEdit as { newText: string }).newText, 'Grade');
  });

  it('offers nothing in a free-text field', async () => {
    assert.deepEqual(await doc.completion(inside(doc, 'Klein')), []);
  });
});
