// What VS Code hides by normalising a file when it loads it: bare-CR and mixed line endings and
// the encoding. The extension reads the bytes; the quick fix rewrites the file on disk.
// The fixtures are written byte-exact into a temporary folder (with the fixture workspace's
// .classworks.json), never into the fixture workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONVERT_LINE_ENDINGS_COMMAND, CONVERT_TO_UTF8_COMMAND, REOPEN_WITH_ENCODING_COMMAND } from '../../../core/protocol/lspProtocol';
import { codeOf, extensionApi, openInEditor, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

describe('Line endings and encoding on disk', () => {
  let dir: string;
  let students: string;
  const opened: vscode.Uri[] = [];

  before(async () => {
    await extensionApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-disk-facts-'));
    fs.copyFileSync(workspaceUri('.classworks.json').fsPath, path.join(dir, '.classworks.json'));
    students = fs.readFileSync(workspaceUri('students.csv').fsPath, 'utf8');
    assert.ok(!students.includes('\r'), 'the fixture uses LF');
  });

  after(async () => {
    for (const uri of opened) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!document) continue;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeFixture(name: string, bytes: Buffer): vscode.Uri {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const uri = vscode.Uri.file(file);
    opened.push(uri);
    return uri;
  }

  const lineCount = () => students.split('\n').length - 1;

  /** CRLF, LF and bare CR in the file's bytes now. */
  function endingsOnDisk(uri: vscode.Uri) {
    const text = fs.readFileSync(uri.fsPath, 'latin1');
    const crlf = text.split('\r\n').length - 1;
    return { crlf, lf: text.split('\n').length - 1 - crlf, cr: text.split('\r').length - 1 - crlf };
  }

  async function convertWithQuickFix(uri: vscode.Uri, code: string): Promise<void> {
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === code), `${code} on ${path.basename(uri.fsPath)}`);
    const problem = diagnostics.find((d) => codeOf(d) === code)!;
    assert.equal(problem.range.start.line, 0, 'reported at line 1: the editor shows none of the odd line endings');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const convert = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.command?.command === CONVERT_LINE_ENDINGS_COMMAND);
    assert.ok(convert?.command, `a quick fix running ${CONVERT_LINE_ENDINGS_COMMAND} among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(convert.edit, undefined);
    // What the light bulb does with the chosen action: run its command.
    const saved = await vscode.commands.executeCommand<boolean>(convert.command.command, ...(convert.command.arguments ?? []));
    assert.equal(saved, true);
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === code), `${code} to go after the conversion`);
    assert.deepEqual(endingsOnDisk(uri), { crlf: lineCount(), lf: 0, cr: 0 }, 'the file on disk ends every line with CRLF');
  }

  it('shows file.cr-line-endings for a CR-only file, and its quick fix rewrites the file with CRLF', async () => {
    const uri = writeFixture('classic-mac.csv', Buffer.from(students.replace(/\n/g, '\r')));
    assert.deepEqual(endingsOnDisk(uri), { crlf: 0, lf: 0, cr: lineCount() });
    const editor = await openInEditor(uri);
    // VS Code has already normalised the text (to CRLF, for a CR-only file): no bare CR is left in it.
    assert.ok(!/\r(?!\n)/.test(editor.document.getText()));
    await convertWithQuickFix(uri, 'file.cr-line-endings');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), students.replace(/\n/g, '\r\n'), 'nothing else changed');
    assert.ok(!editor.document.isDirty);
  });

  it('shows file.mixed-line-endings for LF with a few bare CRs, and its quick fix rewrites the file with CRLF', async () => {
    const lines = students.split('\n');
    const mixed = lines.map((line, i) => (i === lines.length - 1 ? line : `${line}${i === 2 ? '\r' : '\n'}`)).join('');
    const uri = writeFixture('pasted.csv', Buffer.from(mixed));
    assert.deepEqual(endingsOnDisk(uri), { crlf: 0, lf: lineCount() - 1, cr: 1 });
    await openInEditor(uri);
    await convertWithQuickFix(uri, 'file.mixed-line-endings');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), students.replace(/\n/g, '\r\n'));
  });

  it('notices when the file changes on disk: line endings made bare CR by another program', async () => {
    const uri = writeFixture('rewritten.csv', Buffer.from(students.replace(/\n/g, '\r\n')));
    await openInEditor(uri);
    await waitForDiagnostics(uri, (d) => d.length === 4, 'the four problems of students.csv');
    fs.writeFileSync(uri.fsPath, students.replace(/\n/g, '\r'));
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'file.cr-line-endings'), 'file.cr-line-endings after the change on disk');
  });

  it('shows file.not-utf8 for a Windows-1252 file and offers no fix that would drop a lost character', async () => {
    const uri = writeFixture('windows-1252.csv', Buffer.from(students, 'latin1'));
    const editor = await openInEditor(uri);
    assert.ok(editor.document.getText().includes('\uFFFD'), 'VS Code shows the é it could not decode as U+FFFD');
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'file.not-utf8'), 'file.not-utf8');
    const encoding = diagnostics.find((d) => codeOf(d) === 'file.not-utf8')!;
    assert.equal(encoding.severity, vscode.DiagnosticSeverity.Error);
    assert.match(encoding.message, /Reopen with Encoding/);
    assert.match(encoding.message, /Save with Encoding/);
    const lost = diagnostics.find((d) => editor.document.getText(d.range).includes('\uFFFD'));
    assert.ok(lost, 'the name with the lost letter has a problem');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, lost.range, vscode.CodeActionKind.QuickFix.value);
    // The file.not-utf8 at the same U+FFFD offers its commands; the name problem offers nothing.
    assert.deepEqual(
      actions.filter((a) => a.diagnostics?.some((d) => codeOf(d) !== 'file.not-utf8')).map((a) => a.title),
      [],
    );
    assert.deepEqual(actions.map((a) => a.title), ['Convert File to UTF-8 from…', 'Reopen with Encoding…']);
  });

  it('Reopen with Encoding… shows a Windows-1252 file as Windows-1252 (file.not-utf8 stays, at the é); converted then, it reads as UTF-8', async () => {
    const uri = writeFixture('reopen-1252.csv', Buffer.from(students, 'latin1'));
    const editor = await openInEditor(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'file.not-utf8'), 'file.not-utf8');
    const reopened = await vscode.commands.executeCommand<boolean>(REOPEN_WITH_ENCODING_COMMAND, uri.toString(), 'windows1252');
    assert.equal(reopened, true);
    assert.equal(editor.document.encoding, 'windows1252');
    assert.equal(editor.document.getText(), students, 'the letters as they are: José');
    const line = students.split('\n').findIndex((l) => l.startsWith('José'));
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'file.not-utf8' && x.range.start.line === line && x.range.start.character === 3),
      'file.not-utf8 at the é of José',
    );
    const encoding = diagnostics.find((d) => codeOf(d) === 'file.not-utf8')!;
    assert.match(encoding.message, /byte 0xE9, which reads as "é" in Windows-1252/);
    assert.equal(fs.readFileSync(uri.fsPath).toString('latin1'), students, 'the bytes on disk are untouched');

    // Converted while shown as Windows-1252: the editor reads the new bytes as UTF-8, not as Windows-1252 (no "JosÃ©").
    assert.equal(await vscode.commands.executeCommand<boolean>(CONVERT_TO_UTF8_COMMAND, uri.toString(), 'windows1252'), true);
    assert.deepEqual(fs.readFileSync(uri.fsPath), Buffer.from(students, 'utf8'));
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'file.not-utf8'), 'file.not-utf8 to go after the conversion');
    assert.equal(editor.document.encoding, 'utf8');
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => (editor.document.getText() === students ? true : undefined), 'José, read as UTF-8');
  });

  it('Convert File to UTF-8 from… (the quick fix of file.not-utf8) rewrites a Windows-1252 file as UTF-8, byte for byte, and the problem goes', async () => {
    // CRLF and a quoted cell: both must survive the conversion.
    const original = students.replace(/\n/g, '\r\n').replace('McMillan', '"McMillan"');
    const uri = writeFixture('convert-1252.csv', Buffer.from(original, 'latin1'));
    const editor = await openInEditor(uri);
    assert.ok(editor.document.getText().includes('\uFFFD'));
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'file.not-utf8'), 'file.not-utf8');
    const problem = diagnostics.find((d) => codeOf(d) === 'file.not-utf8')!;
    assert.equal(editor.document.getText(problem.range), '\uFFFD', 'reported at the first character VS Code could not decode');
    assert.match(problem.message, /byte 0xE9, which reads as "é" in Windows-1252/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      actions.map((a) => [a.title, a.command?.command]),
      [
        ['Convert File to UTF-8 from…', CONVERT_TO_UTF8_COMMAND],
        ['Reopen with Encoding…', REOPEN_WITH_ENCODING_COMMAND],
      ],
    );
    const convert = actions[0]!.command!;
    // The light bulb runs the command with the URI and a QuickPick asks the encoding (the guess
    // first); here the answer is passed as the command's second argument.
    const converted = await vscode.commands.executeCommand<boolean>(convert.command, ...(convert.arguments ?? []), 'windows1252');
    assert.equal(converted, true);
    assert.deepEqual(fs.readFileSync(uri.fsPath), Buffer.from(original, 'utf8'), 'the UTF-8 bytes of the same text: CRLF and quotes kept');
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'file.not-utf8'), 'file.not-utf8 to go after the conversion');
    await waitFor(vscode.workspace.onDidChangeTextDocument, () => (editor.document.getText() === original ? true : undefined), 'the editor to show the converted file');
    assert.ok(!editor.document.isDirty);
  });

  it('Convert File to UTF-8 from… refuses a file that is UTF-8 already and leaves it alone', async () => {
    const uri = writeFixture('already-utf8.csv', Buffer.from(students, 'utf8'));
    await openInEditor(uri);
    const converted = await vscode.commands.executeCommand<boolean>(CONVERT_TO_UTF8_COMMAND, uri.toString(), 'windows1252');
    assert.equal(converted, false);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), students);
  });

  it('Convert File to UTF-8 from… refuses a file with unsaved changes whose text holds U+FFFD (saving would lose the letters); the bytes stay', async () => {
    const bytes = Buffer.from(students, 'latin1');
    const uri = writeFixture('dirty-1252.csv', bytes);
    const editor = await openInEditor(uri);
    assert.ok(editor.document.getText().includes('\uFFFD'));
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), ' ')));
    assert.ok(editor.document.isDirty);
    let converted: unknown;
    try {
      converted = await vscode.commands.executeCommand<boolean>(CONVERT_TO_UTF8_COMMAND, uri.toString(), 'windows1252');
    } catch (error) {
      // An extension test's host refuses to show a modal dialog and says what it would have shown.
      converted = error;
    }
    if (converted instanceof Error) {
      // The short message (the why and how are the dialog's detail), not a toast cut off mid-sentence.
      const shown = /Contents: (.*)$/s.exec(converted.message)?.[1] ?? converted.message;
      assert.equal(shown, 'Classworks: dirty-1252.csv has unsaved changes, so it cannot be converted.');
    } else {
      assert.equal(converted, false);
    }
    assert.deepEqual(fs.readFileSync(uri.fsPath), bytes);
    assert.ok(editor.document.isDirty, 'the unsaved changes are left as they are');
  });
});
