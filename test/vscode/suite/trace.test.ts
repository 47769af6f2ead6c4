// classworks.trace.server never writes message contents (whole CSV files, passwords) to the
// output channel: `verbose` is not offered, and any value but `off` traces message names only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, OUTPUT_CHANNEL_NAME } from '../../../client/ids';
import { EXTENSION_ID, cellRange, extensionApi, openInEditor, revertAndClose, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

describe('Trace of the language server', () => {
  const students = workspaceUri('students.csv');
  const config = () => vscode.workspace.getConfiguration('classworks');

  before(async () => {
    await extensionApi();
  });

  after(async () => {
    await config().update('trace.server', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await revertAndClose(students);
  });

  it('offers only off and messages', () => {
    const setting = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties['classworks.trace.server'];
    assert.deepEqual(setting.enum, ['off', 'messages']);
    assert.match(setting.markdownDescription, /no `verbose`/);
  });

  it('set to "verbose" anyway, traces message names but never the text of the file', async () => {
    await config().update('trace.server', 'verbose', vscode.ConfigurationTarget.Global);
    // vscode-languageclient writes its trace at log level Trace.
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    await vscode.commands.executeCommand(COMMANDS.showOutput);
    const output = await waitFor(
      vscode.workspace.onDidOpenTextDocument,
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.uri.path.includes(OUTPUT_CHANNEL_NAME)),
      'the Classworks output channel as a document',
    );
    const editor = await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const secret = 'Zq!Secret907';
    assert.ok(await editor.edit((edit) => edit.replace(cellRange(editor.document, 1, 4), secret)));
    await waitFor(
      vscode.workspace.onDidChangeTextDocument,
      () => (/Sending notification 'textDocument\/didChange'/.test(output.getText()) ? true : undefined),
      'the trace of the edit in the output channel',
    );
    const log = output.getText();
    for (const value of [secret, 'Maple!274', 'Cedar#518', 'Klein']) assert.ok(!log.includes(value), `"${value}" is in the output channel`);
    assert.doesNotMatch(log, /Params:/);
  });
});
