// "Treat This File as an Enrollment File" / "Stop Treating…": the user decides what is linted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from '../../../client/api';
import { COMMANDS } from '../../../client/ids';
import {
  classworksDiagnostics,
  codeOf,
  extensionApi,
  openInEditor,
  revertAndClose,
  nextEvent,
  waitFor,
  waitForDiagnostics,
  waitForFileStatus,
  workspaceUri,
} from './helpers';

describe('Marking files as enrollment files', () => {
  let api: ClassworksExtensionApi;
  const notes = workspaceUri('notes.csv');

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    // Leave no mark behind (workspaceState) and no editor open.
    for (const uri of api.markedFiles()) await vscode.commands.executeCommand(COMMANDS.unmarkFile, uri);
    await revertAndClose(notes);
  });

  it('lints notes.csv once marked, and stops when unmarked', async () => {
    await openInEditor(notes);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv not linted');
    assert.deepEqual(classworksDiagnostics(notes), []);

    await vscode.commands.executeCommand(COMMANDS.markFile);
    assert.deepEqual(api.markedFiles().map(String), [notes.toString()]);
    const status = await waitForFileStatus(api, notes, (s) => s.linted, 'notes.csv linted');
    assert.match(status.reason, /marked/i);
    const diagnostics = await waitForDiagnostics(notes, (d) => d.length > 0, 'problems in the marked notes.csv');
    assert.ok(
      diagnostics.some((d) => codeOf(d) === 'column.missing-required' || codeOf(d) === 'header.unrecognized'),
      `a price list lacks the Classworks columns: ${diagnostics.map(codeOf).join(', ')}`,
    );
    assert.equal(api.statusBar().visible, true, 'the status bar shows the counts of the marked file');

    await vscode.commands.executeCommand(COMMANDS.unmarkFile);
    assert.deepEqual(api.markedFiles(), []);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv no longer linted');
    await waitForDiagnostics(notes, (d) => d.length === 0, 'no problems in the unmarked notes.csv');
    assert.equal(api.statusBar().visible, false);
  });

  it('lints an untitled CSV without a header row once marked', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'csv',
      content: 'Petra,Barlow,PBarlow,13010,Willow#381,3/19/2019,0,2,pbarlow@lincoln.example.com,00123\n',
    });
    await vscode.window.showTextDocument(document);
    try {
      await waitForFileStatus(api, document.uri, (s) => !s.linted, 'the headerless file not linted');
      await vscode.commands.executeCommand(COMMANDS.markFile, document.uri);
      await waitForFileStatus(api, document.uri, (s) => s.linted, 'the headerless file linted');
      const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'problems in the marked headerless file');
      assert.ok(diagnostics.some((d) => codeOf(d) === 'header.unrecognized'), diagnostics.map(codeOf).join(', '));
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // The next untitled document may get the same name: closing ends the mark.
    await waitFor(vscode.workspace.onDidCloseTextDocument, () => (document.isClosed ? true : undefined), 'the untitled document to close');
    await waitFor(api.onDidChangeMarkedFiles, () => (api.markedFiles().length === 0 ? true : undefined), 'the untitled mark to go');
  });

  it('keeps the marks across a restart of the language server', async () => {
    await openInEditor(notes);
    await vscode.commands.executeCommand(COMMANDS.markFile);
    await waitForFileStatus(api, notes, (s) => s.linted, 'notes.csv linted');
    const restarted = nextEvent(api.onDidStartServer, 'the language server to restart');
    await vscode.commands.executeCommand(COMMANDS.restartServer);
    await restarted;
    await waitForFileStatus(api, notes, (s) => s.linted, 'notes.csv linted by the new server');
    await waitForDiagnostics(notes, (d) => d.length > 0, 'problems in the marked notes.csv after the restart');
    await vscode.commands.executeCommand(COMMANDS.unmarkFile);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv no longer linted');
  });
});
