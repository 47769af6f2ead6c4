import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { type LspClient, startOnFixture, summarize } from './lspClient';

/** A small seeded PRNG (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a user sees of diagnostics: everything except the per-version data and URIs. */
function visible(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    range: d.range,
    message: d.message,
    related: d.relatedInformation?.map((r) => [r.location.range, r.message]),
  }));
}

/** The server still answers requests (and has not exited). */
async function assertAnswers(client: LspClient, uri: string): Promise<void> {
  assert.ok(client.alive, `the server exited:\n${client.stderr}`);
  const position = { line: 0, character: 0 };
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: position, end: position },
    context: { diagnostics: [] },
  });
  assert.ok(client.alive, `the server exited:\n${client.stderr}`);
}

describe('LSP: never dies on any input', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('survives random bytes marked as an enrollment file, and answers hover, completion and code actions', async () => {
    client = await startOnFixture();
    const next = random(7);
    let bytes = '';
    for (let i = 0; i < 6000; i++) bytes += String.fromCharCode(Math.floor(next() * 256));
    const uri = client.uri('garbage.csv');
    client.connection.sendNotification('classworks/markedFiles', { uris: [uri] });
    const doc = client.open('garbage.csv', bytes);
    await doc.diagnostics();
    for (let line = 0; line < 20; line++) {
      await doc.hover({ line, character: line * 3 });
      await doc.completion({ line, character: line });
    }
    await assertAnswers(client, uri);
  });

  it('handles an empty file, a one-line file and a header-only file', async () => {
    client = await startOnFixture({ settings: () => ({ files: { include: ['**/*.csv'] } }) });
    const empty = client.open('empty.csv', '');
    assert.deepEqual(summarize(await empty.diagnostics()), ['file.empty 0:0-0:0']);
    assert.deepEqual(await empty.completion({ line: 0, character: 0 }).then((items) => items.length > 0), true);
    const oneLine = client.open('one.csv', 'Jose');
    assert.deepEqual(summarize(await oneLine.diagnostics()), ['header.unrecognized 0:0-0:4']);
    const header = client.open('header.csv', 'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID');
    assert.deepEqual(summarize(await header.diagnostics()), ['file.empty 0:0-0:104'], 'a header and no users: nothing to import');
    // Typing into the empty file, one character at a time.
    let version = empty.version;
    for (const ch of 'First Name,La') version = empty.edit({ range: { start: empty.positionAt(empty.text.length), end: empty.positionAt(empty.text.length) }, text: ch });
    await empty.diagnostics(version);
    await assertAnswers(client, empty.uri);
  });

  it('reports an unclosed quote at the quote and keeps going', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const version = doc.replace('Florence', '"Florence');
    const diagnostics = await doc.diagnostics(version);
    assert.deepEqual(summarize(diagnostics), ['name.invalid-character 2:0-2:4', 'csv.unclosed-quote 3:0-3:1']);
    assert.match(String(diagnostics[1]!.message), /never closed, so the rest of the file \(4 lines\)/);
    const closed = doc.replace('"Florence', 'Florence');
    assert.equal((await doc.diagnostics(closed)).length, 4);
    await assertAnswers(client, doc.uri);
  });

  it('gives the same diagnostics after 300 random incremental edits as for the same text opened fresh', async () => {
    client = await startOnFixture();
    const edited = client.uri('students.csv');
    const fresh = client.uri('students-fresh.csv');
    client.connection.sendNotification('classworks/markedFiles', { uris: [edited, fresh] });
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const next = random(2026);
    const pieces = ['"', ',', '\n', '\r\n', '\r', 'é', '\u00a0', 'K', '0', '1', '13001', 'x', '""', ' ', 'Student', '\ufeff'];
    let version = doc.version;
    for (let i = 0; i < 300; i++) {
      const length = doc.text.length;
      const start = Math.floor(next() * (length + 1));
      const end = next() < 0.5 ? start : Math.min(length, start + Math.floor(next() * 12));
      const text = next() < 0.25 ? '' : (pieces[Math.floor(next() * pieces.length)] as string);
      version = doc.edit({ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text });
      if (i % 50 === 49) await doc.diagnostics(version); // let some validations run between bursts
    }
    const incremental = await doc.diagnostics(version);
    const reopened = client.open('students-fresh.csv', doc.text);
    const expected = await reopened.diagnostics();
    assert.deepEqual(visible(incremental), visible(expected));
    await assertAnswers(client, doc.uri);
  });

  it('answers requests for documents it does not know, at impossible positions, and ignores malformed notifications', async () => {
    client = await startOnFixture();
    const unknown = client.uri('never-opened.csv');
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    const doc = client.open('students.csv');
    await doc.diagnostics();
    assert.equal(await doc.hover({ line: 999, character: 999 }), null);
    await doc.completion({ line: -1, character: 5 });
    client.connection.sendNotification('classworks/markedFiles', { uris: 'not a list' });
    client.connection.sendNotification('classworks/markedFiles', null);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: unknown, version: 2 }, contentChanges: [{ text: 'x' }] });
    const version = doc.edit({ range: { start: { line: 900, character: 0 }, end: { line: 901, character: 0 } }, text: 'tail' });
    await doc.diagnostics(version);
    await assertAnswers(client, doc.uri);
  });

  it('never writes a cell value to its log, not even a password in a malformed message or a failed request', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const passwords = ['Maple!274', 'Cedar#518'];
    const secret = 'Sekret!9000';
    const version = doc.replace('Maple!274', secret);
    const diagnostics = await doc.diagnostics(version);
    await doc.hover(doc.rangeOf(secret).start);
    await doc.codeActions(doc.rangeOf(secret), [...diagnostics, { range: doc.rangeOf(secret), message: secret, source: 'classworks', code: 'x', data: { secret } }]);
    // Malformed notifications and requests that carry a value: ignored or failed, never echoed.
    client.connection.sendNotification('classworks/diskFacts', { uri: secret, lineEndings: secret });
    client.connection.sendNotification('classworks/markedFiles', { uris: secret });
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: secret, character: secret } }).catch(() => null);
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: secret, context: secret }).catch(() => null);
    await client.connection.sendRequest('classworks/importSnapshot', { uri: doc.uri });
    await assertAnswers(client, doc.uri);
    const written = `${client.logs.join('\n')}\n${client.stderr}`;
    for (const value of [...passwords, secret]) assert.ok(!written.includes(value), `"${value}" reached the log:\n${written}`);
  });

  it('survives settings of the wrong shape', async () => {
    client = await startOnFixture({ settings: () => ({ enable: 'yes', files: { include: 42 }, rules: { 'grade.invalid': 7 } }) });
    const doc = client.open('students.csv');
    assert.equal((await doc.diagnostics()).length, 4);
    assert.ok(client.logs.some((l) => /classworks\.rules\["grade\.invalid"\]/.test(l)), 'the ignored setting is logged');
    await assertAnswers(client, doc.uri);
  });
});
