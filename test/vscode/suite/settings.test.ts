// The contributed settings reach the language server and change what the user sees.
// They are written to the user settings of the test profile, never into the fixture folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from '../../../client/api';
import {
  classworksDiagnostics,
  codeOf,
  extensionApi,
  openInEditor,
  revertAndClose,
  waitForDiagnostics,
  waitForFileStatus,
  workspaceUri,
} from './helpers';

describe('Settings', () => {
  let api: ClassworksExtensionApi;
  const students = workspaceUri('students.csv');
  const notes = workspaceUri('notes.csv');
  const config = () => vscode.workspace.getConfiguration('classworks');

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    for (const key of ['rules', 'enable', 'files.include']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  after(async () => {
    for (const uri of [students, notes]) await revertAndClose(uri);
  });

  it('classworks.rules changes a rule\'s severity and turns a rule off', async () => {
    await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    await config().update('rules', { 'grade.invalid': 'warning', 'user-type.invalid': 'off' }, vscode.ConfigurationTarget.Global);
    const diagnostics = await waitForDiagnostics(
      students,
      (d) => d.length === 3 && d.some((x) => codeOf(x) === 'grade.invalid' && x.severity === vscode.DiagnosticSeverity.Warning),
      'grade.invalid as a warning and no user-type.invalid',
    );
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'user-type.invalid'));
    await waitForFileStatus(api, students, (s) => s.errors === 2 && s.warnings === 1, 'two errors and one warning in the status');
  });

  it('classworks.enable: false clears the problems and hides the status bar item', async () => {
    await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    await config().update('enable', false, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(students, (d) => d.length === 0, 'no problems once disabled');
    const status = await waitForFileStatus(api, students, (s) => !s.linted, 'students.csv not linted');
    assert.match(status.reason, /classworks\.enable/);
    assert.equal(api.statusBar().visible, false);
    await config().update('enable', undefined, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(students, (d) => d.length === 4, 'the problems back once enabled');
  });

  it('classworks.files.include lints a file whatever its header says', async () => {
    await openInEditor(notes);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv not linted');
    await config().update('files.include', ['notes.csv'], vscode.ConfigurationTarget.Global);
    const status = await waitForFileStatus(api, notes, (s) => s.linted, 'notes.csv linted through the glob');
    assert.match(status.reason, /notes\.csv/);
    await waitForDiagnostics(notes, (d) => d.length > 0, 'problems in notes.csv');
    await config().update('files.include', undefined, vscode.ConfigurationTarget.Global);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv not linted again');
    assert.deepEqual(classworksDiagnostics(notes), []);
  });
});
