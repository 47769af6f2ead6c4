// `classworks/diskFacts`: what the VS Code client reads in a file's bytes (line endings, encoding)
// that its normalised text hides, and what the server makes of it.
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CONVERT_LINE_ENDINGS_COMMAND, CONVERT_TO_UTF8_COMMAND, DISK_FACTS_NOTIFICATION, type DiskFactsParams, REOPEN_WITH_ENCODING_COMMAND } from '../../core/protocol/lspProtocol';
import { type LspClient, type OpenDocument, startOnFixture, summarize } from './lspClient';

const STUDENT_PROBLEMS = 4;

describe('LSP: disk facts (line endings and encoding read from the bytes by the client)', () => {
  let client: LspClient;
  let doc: OpenDocument;
  beforeEach(async () => {
    client = await startOnFixture();
    // As VS Code sends a file it has loaded: line endings normalised (here to LF).
    doc = client.open('students.csv');
    await doc.diagnostics();
  });
  afterEach(async () => client?.stop());

  /** Sends facts and resolves with the diagnostics published after them that satisfy `accept`. */
  async function sendFacts(facts: Omit<DiskFactsParams, 'uri'>, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const next = client.nextDiagnostics(doc.uri, (p: PublishDiagnosticsParams) => accept(p.diagnostics));
    void client.connection.sendNotification(DISK_FACTS_NOTIFICATION, { uri: doc.uri, ...facts });
    return (await next).diagnostics;
  }

  const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

  it('a CR-only file on disk: file.cr-line-endings at line 1, fixed by the client command (no text edit)', async () => {
    const diagnostics = await sendFacts({ lineEndings: { crlf: 0, lf: 0, cr: 7 }, encoding: 'utf8' }, has('file.cr-line-endings'));
    assert.equal(diagnostics.length, STUDENT_PROBLEMS + 1);
    const cr = diagnostics.find((d) => d.code === 'file.cr-line-endings')!;
    assert.deepEqual(summarize([cr]), [`file.cr-line-endings 0:0-0:${doc.text.indexOf('\n')}`]);
    assert.match(String(cr.message), /bare carriage return/);
    assert.deepEqual(cr.data, { version: 1, index: cr.data.index, hasFix: false, suggestionCount: 0 });

    const actions = await doc.codeActions(cr.range, [cr], ['quickfix']);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const action = actions[0] as CodeAction;
    assert.equal(action.edit, undefined, 'no text edit can restore line endings the editor does not show');
    assert.equal(action.isPreferred, true);
    assert.match(action.title, /CRLF/);
    assert.deepEqual(action.command, { title: action.title, command: CONVERT_LINE_ENDINGS_COMMAND, arguments: [doc.uri] });

    // Fix-all (on save) cannot run a command: it leaves the line endings alone.
    const fixAll = await doc.codeActions(cr.range, [], ['source.fixAll.classworks']);
    assert.ok(fixAll.every((a) => a.command === undefined));

    // Converted and saved: the client reads the bytes again and the problem goes.
    const after = await sendFacts({ lineEndings: { crlf: 7, lf: 0, cr: 0 }, encoding: 'utf8' }, (d) => !has('file.cr-line-endings')(d));
    assert.equal(after.length, STUDENT_PROBLEMS);
  });

  it('mixed line endings on disk: file.mixed-line-endings at line 1 with the counts', async () => {
    const diagnostics = await sendFacts({ lineEndings: { crlf: 0, lf: 5, cr: 2 } }, has('file.mixed-line-endings'));
    const mixed = diagnostics.find((d) => d.code === 'file.mixed-line-endings')!;
    assert.equal(mixed.range.start.line, 0);
    assert.match(String(mixed.message), /5 LF, 2 CR/);
    const actions = await doc.codeActions(mixed.range, [mixed], ['quickfix']);
    assert.deepEqual(actions.map((a) => a.command?.command), [CONVERT_LINE_ENDINGS_COMMAND]);
  });

  it('facts without any (the file is gone or unreadable) forget the earlier ones', async () => {
    await sendFacts({ lineEndings: { crlf: 0, lf: 0, cr: 7 } }, has('file.cr-line-endings'));
    const after = await sendFacts({}, (d) => !has('file.cr-line-endings')(d));
    assert.equal(after.length, STUDENT_PROBLEMS);
  });

  it('facts are forgotten when the document closes; an editor that sends raw text gets the text-edit fix', async () => {
    await sendFacts({ lineEndings: { crlf: 0, lf: 0, cr: 7 } }, has('file.cr-line-endings'));
    doc.close();
    const next = client.nextDiagnostics(doc.uri, (p) => p.diagnostics.length > 0);
    const raw = client.open('students.csv', doc.text.replace(/\n/g, '\r'));
    const diagnostics = (await next).diagnostics;
    const cr = diagnostics.find((d) => d.code === 'file.cr-line-endings');
    assert.ok(cr, summarize(diagnostics).join('\n'));
    assert.notEqual(cr.range.start.character, 0, 'at the end of the first line, as the raw text shows it');
    const [action] = await raw.codeActions(cr.range, [cr], ['quickfix']);
    assert.ok(action?.edit, 'a text edit');
    assert.equal(raw.textAfter(action.edit), doc.text.replace(/\n/g, '\r\n'));
  });

  it('a file that is not UTF-8: one file.not-utf8 error at line 1 that says how to convert it in VS Code', async () => {
    const diagnostics = await sendFacts({ lineEndings: { crlf: 0, lf: 7, cr: 0 }, encoding: 'not-utf8' }, has('file.not-utf8'));
    const encoding = diagnostics.filter((d) => d.code === 'file.not-utf8');
    assert.equal(encoding.length, 1);
    assert.deepEqual(summarize(encoding), [`file.not-utf8 0:0-0:${doc.text.indexOf('\n')}`]);
    assert.equal(encoding[0]!.severity, 1);
    assert.match(String(encoding[0]!.message), /not UTF-8/);
    assert.match(String(encoding[0]!.message), /Classworks needs UTF-8/);
    assert.match(String(encoding[0]!.message), /"Reopen with Encoding" → "Western \(Windows 1252\)"/);
    assert.match(String(encoding[0]!.message), /"Save with Encoding" → "UTF-8"/);
    assert.match(String(encoding[0]!.codeDescription?.href), /rules\.md#L\d+$/); // the line of <a id="file.not-utf8">: VS Code ignores #file.not-utf8 on a file
    // UTF-8 again (after "Save with Encoding"): gone.
    await sendFacts({ lineEndings: { crlf: 0, lf: 7, cr: 0 }, encoding: 'utf8' }, (d) => !has('file.not-utf8')(d));
  });

  // What the client reads in the Windows-1252 bytes of students.csv: é (E9) at line 3, column 4.
  const WINDOWS_1252 = { candidates: ['windows1252', 'macroman'], first: { byte: 0xe9, reads: 'é', line: 2, character: 3 } } as const;

  it('a Windows-1252 file shown as UTF-8: file.not-utf8 once, at the first U+FFFD, naming the byte and what it reads as; quick fixes run the client commands', async () => {
    const version = doc.replace('José', 'Jos\uFFFD');
    await doc.diagnostics(version);
    const diagnostics = await sendFacts({ encoding: 'not-utf8', lineEndings: { crlf: 0, lf: 7, cr: 0 }, notUtf8: { ...WINDOWS_1252, candidates: [...WINDOWS_1252.candidates] } }, has('file.not-utf8'));
    const encoding = diagnostics.filter((d) => d.code === 'file.not-utf8');
    assert.deepEqual(summarize(encoding), ['file.not-utf8 2:3-2:4']);
    const message = String(encoding[0]!.message);
    assert.match(message, /^This file is not UTF-8 but most likely Windows-1252 \(what Excel for Windows saves as "CSV \(Comma delimited\)"\): /);
    assert.match(message, /shows U\+FFFD \(�\) for the first byte it could not decode, here: byte 0xE9, which reads as "é" in Windows-1252\./);
    assert.match(message, /the quick fix "Convert File to UTF-8 from…" \(Windows-1252 is offered first\)/);
    const actions = await doc.codeActions(encoding[0]!.range, encoding, ['quickfix']);
    assert.deepEqual(
      actions.map((a) => [a.title, a.command?.command, a.command?.arguments, a.isPreferred ?? false, a.edit]),
      [
        ['Convert File to UTF-8 from…', CONVERT_TO_UTF8_COMMAND, [doc.uri], true, undefined],
        ['Reopen with Encoding…', REOPEN_WITH_ENCODING_COMMAND, [doc.uri], false, undefined],
      ],
    );
  });

  it('reopened as Windows-1252 (no U+FFFD): file.not-utf8 at the letter the first such byte reads as; gone once the bytes are UTF-8', async () => {
    const diagnostics = await sendFacts({ encoding: 'not-utf8', notUtf8: { ...WINDOWS_1252, candidates: [...WINDOWS_1252.candidates] } }, has('file.not-utf8'));
    const encoding = diagnostics.filter((d) => d.code === 'file.not-utf8');
    assert.deepEqual(summarize(encoding), ['file.not-utf8 2:3-2:4']);
    assert.match(String(encoding[0]!.message), /the first byte that is not UTF-8 is here: byte 0xE9, which reads as "é" in Windows-1252\./);
    assert.doesNotMatch(String(encoding[0]!.message), /U\+FFFD/);
    await sendFacts({ encoding: 'utf8' }, (d) => !has('file.not-utf8')(d));
  });

  it('a Mac Roman guess is named as such; a malformed notUtf8 fact is dropped (the generic message at line 1)', async () => {
    const mac = await sendFacts({ encoding: 'not-utf8', notUtf8: { candidates: ['macroman'], first: { byte: 0x8e, reads: 'é', line: 2, character: 3 } } }, has('file.not-utf8'));
    assert.match(String(mac.find((d) => d.code === 'file.not-utf8')!.message), /most likely Mac Roman .*byte 0x8E, which reads as "é" in Mac Roman/);
    const bad = await sendFacts(
      { encoding: 'not-utf8', notUtf8: { candidates: ['ebcdic'], first: { byte: 0x41 } } as unknown as DiskFactsParams['notUtf8'] },
      (d) => d.some((x) => x.code === 'file.not-utf8' && /most likely Windows-1252 \(what Excel saves as/.test(String(x.message))),
    );
    assert.deepEqual(summarize(bad.filter((d) => d.code === 'file.not-utf8')), [`file.not-utf8 0:0-0:${doc.text.indexOf('\n')}`]);
  });

  it('a UTF-16 file: names it and says to save it with the UTF-8 encoding; a UTF-8 BOM is fine', async () => {
    const diagnostics = await sendFacts({ encoding: 'utf16le' }, has('file.not-utf8'));
    const message = String(diagnostics.find((d) => d.code === 'file.not-utf8')!.message);
    assert.match(message, /UTF-16 LE/);
    assert.match(message, /"Save with Encoding" → "UTF-8"/);
    assert.match(message, /the quick fix "Convert File to UTF-8 from…" \(UTF-16 LE is offered first\)/);
    assert.doesNotMatch(message, /1252/);
    const bom = await sendFacts({ encoding: 'utf8-bom' }, (d) => !has('file.not-utf8')(d));
    assert.equal(bom.length, STUDENT_PROBLEMS);
  });

  it('file.not-utf8 follows classworks.rules', async () => {
    client.changeSettings(() => ({ enable: true, rules: { 'file.not-utf8': 'off' } }));
    await client.nextDiagnostics(doc.uri);
    const diagnostics = await sendFacts({ encoding: 'not-utf8', lineEndings: { crlf: 0, lf: 7, cr: 0 } }, () => true);
    assert.ok(!has('file.not-utf8')(diagnostics));
  });

  it('offers no quick fix that would replace a U+FFFD (a character lost in decoding)', async () => {
    // A school code with a lost character would otherwise get "nearest school" suggestions.
    const version = doc.replace('00456', '00\uFFFD56');
    await sendFacts({ encoding: 'not-utf8', lineEndings: { crlf: 0, lf: 7, cr: 0 } }, has('file.not-utf8'));
    const diagnostics = await doc.diagnostics(version);
    const school = diagnostics.find((d) => d.code === 'school.unknown' && d.range.start.line === doc.rangeOf('00\uFFFD56').start.line);
    assert.ok(school, summarize(diagnostics).join('\n'));
    assert.match(String(school.message), /U\+FFFD/);
    assert.deepEqual(await doc.codeActions(school.range, [school], ['quickfix']), []);
    // The same code without the lost character gets its suggestions.
    const fixed = doc.replace('00\uFFFD56', '0456');
    const again = (await doc.diagnostics(fixed)).find((d) => d.code === 'school.unknown');
    assert.ok(again);
    assert.ok((await doc.codeActions(again.range, [again], ['quickfix'])).length > 0);
  });

  it('ignores malformed facts and keeps going', async () => {
    void client.connection.sendNotification(DISK_FACTS_NOTIFICATION, { uri: 42 });
    void client.connection.sendNotification(DISK_FACTS_NOTIFICATION, null);
    // A bad fact is dropped on its own; the good one is used.
    const diagnostics = await sendFacts({ lineEndings: { crlf: -1, lf: 'x' }, encoding: 'not-utf8' } as never, has('file.not-utf8'));
    assert.ok(!diagnostics.some((d) => String(d.code).includes('line-endings')));
    assert.ok(client.alive);
    assert.ok(client.logs.some((l) => l.includes('malformed classworks/diskFacts')));
  });

  it('facts that arrive before the didOpen they belong to still count', async () => {
    const uri = client.uri('clean.csv');
    void client.connection.sendNotification(DISK_FACTS_NOTIFICATION, { uri, lineEndings: { crlf: 0, lf: 0, cr: 4 } });
    const clean = client.open('clean.csv');
    const diagnostics = await client.waitForDiagnostics(clean.uri, (p) => p.diagnostics.length > 0, 'the line-ending problem');
    assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['file.cr-line-endings']);
  });
});
