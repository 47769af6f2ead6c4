// Opening the fixture CSVs: the problems a user sees, where, and which files are left alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from '../../../client/api';
import {
  cellRange,
  classworksDiagnostics,
  codeOf,
  extensionApi,
  openInEditor,
  revertAndClose,
  waitForDiagnostics,
  waitForFileStatus,
  workspaceUri,
} from './helpers';

describe('Diagnostics in the editor', () => {
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

  it('shows the four problems of students.csv on their cells', async () => {
    const editor = await openInEditor(students);
    assert.equal(editor.document.languageId, 'csv');
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const seen = diagnostics
      .map((d) => ({ code: codeOf(d), severity: d.severity, range: d.range, text: editor.document.getText(d.range) }))
      .sort((a, b) => a.range.start.line - b.range.start.line);
    const doc = editor.document;
    const expected = [
      { code: 'name.invalid-character', range: cellRange(doc, 2, 0), text: 'José' },
      { code: 'name.invalid-character', range: cellRange(doc, 3, 1), text: "O'Brien" },
      { code: 'user-type.invalid', range: cellRange(doc, 4, 6), text: 'Student' },
      { code: 'grade.invalid', range: cellRange(doc, 5, 7), text: 'KG' },
    ];
    assert.deepEqual(
      seen.map(({ code, range, text }) => ({ code, range: rangeText(range), text })),
      expected.map(({ code, range, text }) => ({ code, range: rangeText(range), text })),
    );
    assert.ok(seen.every((d) => d.severity === vscode.DiagnosticSeverity.Error), 'all four are errors');
  });

  it('names the character and links each problem to its rule in docs/rules.md', async () => {
    await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const jose = diagnostics.find((d) => d.range.start.line === 2);
    assert.ok(jose);
    assert.match(jose.message, /é/, `message names the accented letter: ${jose.message}`);
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, `${codeOf(diagnostic)} has a documentation link`);
      assert.match(code.target.path, /\/docs\/rules\.md$/);
      // VS Code opens a file link at `#L<line>` (it ignores `#code`): the line of the rule's anchor.
      const line = /^L(\d+)$/.exec(code.target.fragment);
      assert.ok(line, `${codeOf(diagnostic)} links to a line: #${code.target.fragment}`);
      const rulesLines = fs.readFileSync(code.target.fsPath, 'utf8').split(/\r?\n/);
      assert.equal(rulesLines[Number(line[1]) - 1], `<a id="${codeOf(diagnostic)}"></a>`);
    }
  });

  it('leaves clean.csv without problems, yet linted', async () => {
    await openInEditor(clean);
    const status = await waitForFileStatus(api, clean, () => true, 'a file status for clean.csv');
    assert.equal(status.linted, true, status.reason);
    assert.deepEqual({ errors: status.errors, warnings: status.warnings }, { errors: 0, warnings: 0 });
    assert.deepEqual(classworksDiagnostics(clean), []);
  });

  it('leaves notes.csv (a price list, not an enrollment file) alone', async () => {
    await openInEditor(notes);
    const status = await waitForFileStatus(api, notes, () => true, 'a file status for notes.csv');
    assert.equal(status.linted, false);
    assert.deepEqual(classworksDiagnostics(notes), []);
  });

  it('updates the problems as the user types', async () => {
    const editor = await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const grade = cellRange(editor.document, 5, 7);
    assert.ok(await editor.edit((edit) => edit.replace(grade, 'K')));
    await waitForDiagnostics(students, (d) => d.length === 3 && !d.some((x) => codeOf(x) === 'grade.invalid'), 'the grade problem to go');
    const name = cellRange(editor.document, 1, 0);
    assert.ok(await editor.edit((edit) => edit.replace(name, 'Öra')));
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'a new problem on line 2');
    assert.ok(diagnostics.some((d) => codeOf(d) === 'name.invalid-character' && d.range.isEqual(cellRange(editor.document, 1, 0))));
    await revertAndClose(students);
  });
});

function rangeText(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}
