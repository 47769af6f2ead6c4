// The status bar item follows the active editor: counts of a linted file, nothing otherwise.
import * as assert from 'node:assert/strict';
import type { ClassworksExtensionApi, StatusBarState } from '../../../client/api';
import { extensionApi, openInEditor, revertAndClose, waitFor, waitForFileStatus, workspaceUri } from './helpers';

describe('Status bar', () => {
  let api: ClassworksExtensionApi;
  const students = workspaceUri('students.csv');
  const clean = workspaceUri('clean.csv');
  const notes = workspaceUri('notes.csv');

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    for (const uri of [students, clean, notes]) await revertAndClose(uri);
  });

  const statusBarWhere = (accept: (s: StatusBarState) => boolean, what: string) =>
    waitFor(api.onDidChangeStatusBar, () => (accept(api.statusBar()) ? api.statusBar() : undefined), `${what} (now: ${JSON.stringify(api.statusBar())})`);

  it('shows the error and warning counts of students.csv on an error background', async () => {
    await openInEditor(students);
    const status = await waitForFileStatus(api, students, (s) => s.linted && s.errors === 4, 'four errors in students.csv');
    assert.equal(status.warnings, 0);
    const bar = await statusBarWhere((s) => s.text === '$(error) 4 $(warning) 0', 'the counts of students.csv');
    assert.equal(bar.visible, true);
    assert.equal(bar.backgroundColor, 'statusBarItem.errorBackground');
    assert.match(bar.tooltip, /4 errors, 0 warnings/);
    assert.match(bar.tooltip, new RegExp(escape(status.reason)), 'the tooltip says why the file is linted');
  });

  it('shows zero counts without the error background for clean.csv', async () => {
    await openInEditor(clean);
    const bar = await statusBarWhere((s) => s.text === '$(error) 0 $(warning) 0', 'the counts of clean.csv');
    assert.equal(bar.visible, true);
    assert.equal(bar.backgroundColor, undefined);
  });

  it('hides for notes.csv, which is not linted', async () => {
    await openInEditor(notes);
    await waitForFileStatus(api, notes, (s) => !s.linted, 'notes.csv not linted');
    const bar = await statusBarWhere((s) => !s.visible, 'the status bar to hide');
    assert.equal(bar.text, '');
  });

  it('follows the active editor back to students.csv', async () => {
    await openInEditor(students);
    await statusBarWhere((s) => s.visible && s.text === '$(error) 4 $(warning) 0', 'the counts of students.csv again');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
