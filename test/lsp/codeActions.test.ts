import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { type LspClient, type OpenDocument, startOnFixture, summarize } from './lspClient';

/**
 * The quick fixes offered for one diagnostic, asked as VS Code's lightbulb asks (no `only`;
 * VS Code itself leaves source actions out of the lightbulb, so they are left out here too).
 */
async function actionsFor(doc: OpenDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const actions = await doc.codeActions(diagnostic.range, [diagnostic]);
  return actions.filter((a) => !a.kind?.startsWith('source'));
}

/** students.csv's text with one cell's value replaced, everything else byte for byte. */
function withCell(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  const target = lines[line] as string;
  assert.ok(target.includes(from), `line ${line} has no "${from}"`);
  lines[line] = target.replace(from, to);
  return lines.join('\n');
}

describe('LSP: code actions', () => {
  let client: LspClient;
  let doc: OpenDocument;
  let diagnostics: Diagnostic[];
  beforeEach(async () => {
    client = await startOnFixture();
    doc = client.open('students.csv');
    diagnostics = await doc.diagnostics();
  });
  afterEach(async () => client?.stop());

  it('offers "remove accents" for José; applying it changes only that cell', async () => {
    const actions = await actionsFor(doc, diagnostics[0]!);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [['Remove accents: First Name "José" → "Jose"', 'quickfix', false]]);
    assert.equal(doc.textAfter(actions[0]!.edit), withCell(doc.text, 2, 'José', 'Jose'));
  });

  it('offers "remove punctuation" for O\'Brien; applying it gives OBrien', async () => {
    const actions = await actionsFor(doc, diagnostics[1]!);
    assert.deepEqual(actions.map((a) => a.title), ['Remove punctuation: Last Name "O\'Brien" → "OBrien"']);
    assert.equal(doc.textAfter(actions[0]!.edit), withCell(doc.text, 3, "O'Brien", 'OBrien'));
  });

  it('offers the safe fix for User Type "Student" as the preferred quick fix', async () => {
    const actions = await actionsFor(doc, diagnostics[2]!);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Change User Type "Student" to 0 (student)', 'quickfix', true]]);
    assert.deepEqual(actions[0]!.diagnostics, [diagnostics[2]]);
    assert.equal(doc.textAfter(actions[0]!.edit), withCell(doc.text, 4, ',Student,', ',0,'));
  });

  it('stamps every edit with the document version', async () => {
    const actions = await actionsFor(doc, diagnostics[3]!);
    const change = actions[0]!.edit!.documentChanges![0] as { textDocument: { uri: string; version: number } };
    assert.deepEqual(change.textDocument, { uri: doc.uri, version: 1 });
    assert.equal(actions[0]!.edit!.changes, undefined);
  });

  it('keeps the quotes of a quoted cell', async () => {
    const version = doc.replace(',KG,', ',"KG",');
    const [grade] = (await doc.diagnostics(version)).filter((d) => d.code === 'grade.invalid');
    assert.deepEqual(grade!.range, { start: { line: 5, character: 50 }, end: { line: 5, character: 52 } });
    const actions = await actionsFor(doc, grade!);
    assert.equal(actions[0]!.title, 'Change Grade "KG" to "K"');
    assert.equal(doc.textAfter(actions[0]!.edit), withCell(doc.text, 5, ',"KG",', ',"K",'));
  });

  it('offers "fix all" for a rule with several safe fixes, and it fixes exactly those cells', async () => {
    const version = doc.replace(',0,3,', ',0,03,'); // Ora's grade "03": a second grade.invalid with a safe fix
    const fresh = await doc.diagnostics(version);
    assert.deepEqual(summarize(fresh.filter((d) => d.code === 'grade.invalid')), ['grade.invalid 1:44-1:46', 'grade.invalid 5:49-5:51']);
    const actions = await actionsFor(doc, fresh.find((d) => d.range.start.line === 5)!);
    assert.deepEqual(actions.map((a) => a.title), ['Change Grade "KG" to "K"', 'Fix all grade.invalid problems in this file']);
    const fixAll = actions[1]!;
    assert.equal(fixAll.kind, 'quickfix');
    const expected = withCell(withCell(doc.text, 1, ',0,03,', ',0,3,'), 5, ',KG,', ',K,');
    assert.equal(doc.textAfter(fixAll.edit), expected);
    // Applied, the document has no grade problems left.
    const applied = doc.apply(fixAll.edit);
    assert.deepEqual((await doc.diagnostics(applied)).filter((d) => d.code === 'grade.invalid'), []);
  });

  it('offers no "fix all" when only one problem of the rule has a safe fix', async () => {
    const actions = await actionsFor(doc, diagnostics[3]!);
    assert.deepEqual(actions.map((a) => a.title), ['Change Grade "KG" to "K"']);
  });

  it('source.fixAll.classworks applies every safe fix and leaves suggestions alone', async () => {
    const actions = await doc.codeActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safely fixable Classworks problems in this file', 'source.fixAll.classworks']]);
    const expected = withCell(withCell(doc.text, 4, ',Student,', ',0,'), 5, ',KG,', ',K,');
    assert.equal(doc.textAfter(actions[0]!.edit), expected);
    const applied = doc.apply(actions[0]!.edit);
    assert.deepEqual(summarize(await doc.diagnostics(applied)), ['name.invalid-character 2:0-2:4', 'name.invalid-character 3:9-3:16']);
  });

  it('without context.only, lists the quick fixes and then the fix-all source action (for editors that show all)', async () => {
    const all = await doc.codeActions(diagnostics[2]!.range, [diagnostics[2]!]);
    assert.deepEqual(all.map((a) => a.kind), ['quickfix', 'source.fixAll.classworks']);
  });

  it('honours context.only: quickfix only, or the fix-all source action only', async () => {
    const quick = await doc.codeActions(diagnostics[2]!.range, [diagnostics[2]!], ['quickfix']);
    assert.deepEqual(quick.map((a) => a.kind), ['quickfix']);
    const source = await doc.codeActions(diagnostics[2]!.range, [diagnostics[2]!], ['source.fixAll.classworks']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.classworks']);
    const other = await doc.codeActions(diagnostics[2]!.range, [diagnostics[2]!], ['refactor']);
    assert.deepEqual(other, []);
  });

  it('gives nothing for a diagnostic of an older version (no wrong edit)', async () => {
    const stale = diagnostics[3]!; // KG on line 5, version 1
    const version = doc.replace('Ora', 'Orabella'); // line 1 changes; line 5 is untouched
    await doc.diagnostics(version);
    assert.deepEqual(await actionsFor(doc, stale), []);
  });

  it('gives nothing while a newer edit is not yet checked, and an old edit is refused by version', async () => {
    const actions = await actionsFor(doc, diagnostics[2]!);
    doc.replace('Ora', 'Orabella');
    assert.throws(() => doc.textAfter(actions[0]!.edit), /stale edit refused/);
    assert.deepEqual(await actionsFor(doc, diagnostics[2]!), []);
  });

  it('ignores diagnostics that are not its own or carry malformed data', async () => {
    const foreign = { ...diagnostics[2]!, source: 'other-linter' };
    const garbled = { ...diagnostics[2]!, data: { version: 'one', index: -1 } };
    assert.deepEqual(await doc.codeActions(diagnostics[2]!.range, [foreign, garbled], ['quickfix']), []);
  });
});
