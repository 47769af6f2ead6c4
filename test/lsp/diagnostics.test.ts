import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspClient, REPO, startOnFixture, summarize } from './lspClient';

/** students.csv of the fixture workspace: exactly the four problems of EXPECTED.md. */
const STUDENTS_PROBLEMS = [
  'name.invalid-character 2:0-2:4', // José
  'name.invalid-character 3:9-3:16', // O'Brien
  'user-type.invalid 4:54-4:61', // Student
  'grade.invalid 5:49-5:51', // KG
];

const rulesLines = fs.readFileSync(path.join(REPO, 'docs', 'rules.md'), 'utf8').split(/\r?\n/);

describe('LSP: diagnostics', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('publishes the four problems of students.csv with exact ranges, severity, source, rule link and data', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    const published = await client.waitForDiagnostics(doc.uri, () => true, 'first diagnostics');
    assert.equal(published.version, 1);
    const diagnostics = published.diagnostics;
    assert.deepEqual(summarize(diagnostics), STUDENTS_PROBLEMS);
    for (const [index, d] of diagnostics.entries()) {
      assert.equal(d.source, 'classworks');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      // VS Code ignores `#code` on a file URI; `#L<line>` opens the rule's anchor line.
      const rulesDoc = pathToFileURL(path.join(REPO, 'docs', 'rules.md')).href;
      const href = String(d.codeDescription?.href);
      const line = /#L(\d+)$/.exec(href);
      assert.ok(href.startsWith(`${rulesDoc}#L`) && line, `${href} links to a line of ${rulesDoc}`);
      assert.equal(rulesLines[Number(line[1]) - 1], `<a id="${String(d.code)}"></a>`);
      assert.deepEqual(d.data, { version: 1, index, hasFix: index >= 2, suggestionCount: index < 2 ? 1 : 0 });
    }
    assert.match(String(diagnostics[0]!.message), /First Name "José"/);
  });

  it('links rules to initializationOptions.rulesDocUri when the client passes it', async () => {
    client = await startOnFixture({ initializationOptions: { rulesDocUri: 'https://docs.example.test/rules.md' } });
    const doc = client.open('students.csv');
    const diagnostics = await doc.diagnostics();
    assert.equal(diagnostics[3]!.codeDescription?.href, 'https://docs.example.test/rules.md#grade.invalid');
  });

  it('gives clean.csv no diagnostics and reports it as linted with zero counts', async () => {
    client = await startOnFixture();
    const doc = client.open('clean.csv');
    assert.deepEqual(await doc.diagnostics(), []);
    const status = await client.waitForFileStatus(doc.uri);
    assert.deepEqual({ ...status, reason: undefined }, { uri: doc.uri, linted: true, reason: undefined, errors: 0, warnings: 0, infos: 0 });
    assert.match(status.reason, /header row names Classworks fields/);
  });

  it('sends the file status with the counts of students.csv', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    const status = await client.waitForFileStatus(doc.uri);
    assert.equal(status.linted, true);
    assert.deepEqual([status.errors, status.warnings, status.infos], [4, 0, 0]);
  });

  it('leaves notes.csv (not an enrollment file) alone: empty diagnostics, status says why', async () => {
    client = await startOnFixture();
    const doc = client.open('notes.csv');
    assert.deepEqual(await doc.diagnostics(), []);
    const status = await client.waitForFileStatus(doc.uri);
    assert.equal(status.linted, false);
    assert.match(status.reason, /Not recognised as an enrollment file/);
    assert.deepEqual(await doc.hover({ line: 1, character: 2 }), null);
    assert.deepEqual(await doc.completion({ line: 1, character: 2 }), []);
  });

  it('does not lint a download from the Import History (.classworks/imports/), even when a glob matches it', async () => {
    client = await startOnFixture({ settings: () => ({ files: { include: ['**/*.csv'] } }) });
    const students = fs.readFileSync(path.join(client.workspace, 'students.csv'), 'utf8');
    const doc = client.open('.classworks/imports/import-00002-students.csv', students);
    assert.deepEqual(await doc.diagnostics(), []);
    const status = await client.waitForFileStatus(doc.uri);
    assert.equal(status.linted, false);
    assert.match(status.reason, /downloaded from the Import History \(in \.classworks\/imports\)/);
    // The same text elsewhere is linted.
    assert.equal((await client.open('copy.csv', students).diagnostics()).length, STUDENTS_PROBLEMS.length);
  });

  it('keeps linting a file while it is open when an edit makes its header unrecognisable (sticky), until it is closed', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const header = doc.text.slice(0, doc.text.indexOf('\n'));
    // The user overwrites the header row with something that names no Classworks field.
    const version = doc.edit({ range: doc.rangeOf(header), text: 'a,b,c,d,e,f,g,h,i,j' });
    const diagnostics = await doc.diagnostics(version);
    assert.deepEqual(summarize(diagnostics).filter((d) => d.startsWith('header.')), ['header.unrecognized 0:0-0:19']);
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted && /no longer names/.test(s.reason));
    assert.equal(status.errors > 0, true);
    // Hover and completion still work in the file.
    assert.ok(await doc.hover({ line: 0, character: 1 }));
    // The header back: the usual problems.
    const restored = doc.edit({ range: doc.rangeOf('a,b,c,d,e,f,g,h,i,j'), text: header });
    assert.deepEqual(summarize(await doc.diagnostics(restored)), STUDENTS_PROBLEMS);

    // Reopened with the unrecognisable header, it is judged afresh: not an enrollment file.
    const broken = doc.text.replace(header, 'a,b,c,d,e,f,g,h,i,j');
    doc.close();
    const next = client.nextDiagnostics(doc.uri, () => true);
    const reopened = client.open('students.csv', broken);
    assert.deepEqual((await next).diagnostics, []);
    assert.equal((await client.waitForFileStatus(reopened.uri, (s) => !s.linted)).linted, false);
  });

  it('a file never recognised stays unlinted whatever is typed into it', async () => {
    client = await startOnFixture();
    const doc = client.open('notes.csv');
    assert.deepEqual(await doc.diagnostics(), []);
    const version = doc.replace('SKU', 'Stock Keeping Unit');
    assert.deepEqual(await doc.diagnostics(version), []);
  });

  it('lints a document the client marks with classworks/markedFiles, and stops when unmarked', async () => {
    client = await startOnFixture();
    const doc = client.open('notes.csv');
    assert.deepEqual(await doc.diagnostics(), []);
    let next = client.nextDiagnostics(doc.uri);
    client.connection.sendNotification('classworks/markedFiles', { uris: [doc.uri] });
    assert.deepEqual(summarize((await next).diagnostics), ['header.unrecognized 0:0-0:55']);
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted);
    assert.match(status.reason, /Marked as an enrollment file/);
    next = client.nextDiagnostics(doc.uri);
    client.connection.sendNotification('classworks/markedFiles', { uris: [] });
    assert.deepEqual((await next).diagnostics, []);
  });

  it('lints files matching classworks.files.include (workspace-relative glob) after a settings change', async () => {
    client = await startOnFixture();
    const doc = client.open('notes.csv');
    assert.deepEqual(await doc.diagnostics(), []);
    const next = client.nextDiagnostics(doc.uri);
    client.changeSettings(() => ({ enable: true, files: { include: ['notes.*'] } }));
    assert.deepEqual(summarize((await next).diagnostics), ['header.unrecognized 0:0-0:55']);
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted);
    assert.match(status.reason, /Matches "notes\.\*" in classworks\.files\.include/);
  });

  it('matches classworks.files.include against the absolute path too', async () => {
    client = await startOnFixture();
    const absolute = path.join(client.workspace, 'notes.csv').split(path.sep).join('/');
    client.settings = () => ({ files: { include: [absolute] } });
    const doc = client.open('notes.csv');
    assert.deepEqual(summarize(await doc.diagnostics()), ['header.unrecognized 0:0-0:55']);
  });

  it('publishes empty diagnostics when classworks.enable is false, per resource', async () => {
    client = await startOnFixture({ settings: (scopeUri) => ({ enable: !scopeUri?.endsWith('students.csv') }) });
    const students = client.open('students.csv');
    const status = await client.waitForFileStatus(students.uri);
    assert.deepEqual(await students.diagnostics(), []);
    assert.equal(status.linted, false);
    assert.match(status.reason, /classworks\.enable/);
    const next = client.nextDiagnostics(students.uri);
    client.changeSettings(() => ({ enable: true }));
    assert.deepEqual(summarize((await next).diagnostics), STUDENTS_PROBLEMS);
  });

  it('applies per-rule severities from classworks.rules, including off', async () => {
    client = await startOnFixture({ settings: () => ({ rules: { 'grade.invalid': 'off', 'user-type.invalid': 'warning', 'bogus.rule': 'loud' } }) });
    const doc = client.open('students.csv');
    const diagnostics = await doc.diagnostics();
    assert.deepEqual(summarize(diagnostics), STUDENTS_PROBLEMS.slice(0, 3));
    assert.equal(diagnostics[2]!.severity, DiagnosticSeverity.Warning);
  });

  it('clears diagnostics when a document is closed', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const next = client.nextDiagnostics(doc.uri);
    doc.close();
    assert.deepEqual((await next).diagnostics, []);
  });

  it('points a duplicate at its first occurrence with relatedInformation', async () => {
    client = await startOnFixture();
    const text = client.open('clean.csv').text;
    const doc = client.open('dupes.csv', text.replace('13011', '13010'));
    const diagnostics = await doc.diagnostics();
    assert.deepEqual(summarize(diagnostics), ['duplicate.district-id 2:24-2:29']);
    assert.deepEqual(diagnostics[0]!.relatedInformation, [
      { location: { uri: doc.uri, range: { start: { line: 1, character: 21 }, end: { line: 1, character: 26 } } }, message: 'first used here (line 2)' },
    ]);
  });

  it('works with a minimal LSP editor: no capabilities, settings pushed with didChangeConfiguration', async () => {
    client = await startOnFixture({ minimal: true });
    const doc = client.open('students.csv');
    assert.deepEqual(summarize(await doc.diagnostics()), STUDENTS_PROBLEMS);
    const notes = client.open('notes.csv');
    assert.deepEqual(await notes.diagnostics(), []);
    const next = client.nextDiagnostics(notes.uri);
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { classworks: { files: { include: ['**/notes.csv'] } } } });
    assert.deepEqual(summarize((await next).diagnostics), ['header.unrecognized 0:0-0:55']);
    const actions = await doc.codeActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
  });
});
