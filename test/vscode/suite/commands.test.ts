// The "Classworks: …" commands are there, in the palette only where they make sense, and the
// rule reference opens at the rule of the problem under the cursor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../client/ids';
import { EXTENSION_ID, extensionApi, openInEditor, revertAndClose, waitForDiagnostics, workspaceUri } from './helpers';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

describe('Commands', () => {
  const students = workspaceUri('students.csv');

  before(async () => {
    await extensionApi();
  });

  after(async () => {
    await revertAndClose(students);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every contributed command, each in the "Classworks" category', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const contributed: ManifestCommand[] = extension.packageJSON.contributes.commands;
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    assert.ok(contributed.every((c) => c.category === 'Classworks'));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of Object.values(COMMANDS)) assert.ok(registered.has(command), `${command} is registered`);
    const palette: { command: string; when?: string }[] = extension.packageJSON.contributes.menus.commandPalette;
    for (const command of Object.values(COMMANDS)) {
      assert.ok(palette.find((p) => p.command === command)?.when, `${command} has a when clause in the command palette`);
    }
  });

  it('"Open Rule Reference" opens docs/rules.md at the rule of the problem under the cursor', async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const rulesDoc = path.join(extension.extensionPath, 'docs', 'rules.md');
    if (!fs.existsSync(rulesDoc)) this.skip();
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const grade = diagnostics.find((d) => d.range.start.line === 5)!;
    editor.selection = new vscode.Selection(grade.range.start, grade.range.start);
    const code = await vscode.commands.executeCommand<string | undefined>(COMMANDS.openRuleReference);
    assert.equal(code, 'grade.invalid');
    const reference = vscode.window.activeTextEditor;
    assert.ok(reference);
    assert.equal(path.resolve(reference.document.uri.fsPath), path.resolve(rulesDoc));
    assert.match(reference.document.lineAt(reference.selection.active.line).text, /grade\.invalid/);
  });

  it('"Show Output" does not take the focus from the editor', async () => {
    const editor = await openInEditor(students);
    await vscode.commands.executeCommand(COMMANDS.showOutput);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  });
});

describe('Connect to District over plain HTTP', () => {
  it('asks (a modal warning) before connecting to http:// on another computer, and connects to nothing unless accepted', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand(COMMANDS.disconnectDistrict);
    const states: string[] = [];
    const listener = api.district.onDidChange(() => states.push(`${api.district.state().status} ${api.district.state().url}`));
    let outcome: unknown;
    try {
      // 192.0.2.1 is TEST-NET-1: nothing answers there, and nothing must be sent there.
      outcome = await vscode.commands.executeCommand(COMMANDS.connectDistrict, { url: 'http://192.0.2.1:7412', token: 'tok-plain-http' });
    } catch (error) {
      // An extension test's host refuses to show a modal dialog and says what it would have shown.
      outcome = error;
    } finally {
      listener.dispose();
    }
    if (outcome instanceof Error) {
      assert.match(outcome.message, /192\.0\.2\.1:7412 is reached over plain HTTP: the administrator's token and every uploaded CSV, with the users' passwords, would travel unencrypted\./);
    } else {
      assert.equal(outcome, false, 'the warning is dismissed: not connected');
    }
    assert.deepEqual(states, [], 'no connection was attempted');
    assert.equal(api.district.state().status, 'disconnected');
  });
});
