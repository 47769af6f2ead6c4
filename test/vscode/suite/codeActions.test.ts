// Quick fixes and fix-all, applied the way the editor applies them; the text is checked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../client/ids';
import { cellRange, codeOf, extensionApi, openInEditor, revertAndClose, waitForDiagnostics, workspaceUri } from './helpers';

describe('Quick fixes and fix-all', () => {
  const students = workspaceUri('students.csv');
  let original: string;

  before(async () => {
    await extensionApi();
    original = fs.readFileSync(students.fsPath, 'utf8');
  });

  afterEach(async () => {
    await revertAndClose(students);
    assert.equal(fs.readFileSync(students.fsPath, 'utf8'), original, 'the fixture on disk is unchanged');
  });

  it('"Remove accents" on José changes only that cell', async () => {
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const jose = diagnostics.find((d) => codeOf(d) === 'name.invalid-character' && d.range.start.line === 2);
    assert.ok(jose, 'the José problem');

    const actions = await codeActionsAt(students, jose.range, vscode.CodeActionKind.QuickFix);
    const titles = actions.map((a) => a.title);
    const removeAccents = actions.find((a) => /accent/i.test(a.title));
    assert.ok(removeAccents?.edit, `a "remove accents" quick fix among: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(removeAccents.edit));

    assert.equal(editor.document.getText(), original.replace('José,McMillan', 'Jose,McMillan'));
    const after = await waitForDiagnostics(students, (d) => d.length === 3, 'three problems left');
    assert.ok(!after.some((d) => d.range.start.line === 2), 'no problem left on line 3');
  });

  it('"Remove punctuation" on O\'Brien changes only that cell', async () => {
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const obrien = diagnostics.find((d) => d.range.start.line === 3);
    assert.ok(obrien);
    const actions = await codeActionsAt(students, obrien.range, vscode.CodeActionKind.QuickFix);
    const removePunctuation = actions.find((a) => /punctuation/i.test(a.title));
    assert.ok(removePunctuation?.edit, `a "remove punctuation" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(removePunctuation.edit));
    assert.equal(editor.document.getText(), original.replace("Florence,O'Brien", 'Florence,OBrien'));
  });

  it('the preferred quick fix for User Type "Student" writes 0', async () => {
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const userType = diagnostics.find((d) => codeOf(d) === 'user-type.invalid');
    assert.ok(userType);
    const actions = await codeActionsAt(students, userType.range, vscode.CodeActionKind.QuickFix);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.equal(editor.document.getText(cellRange(editor.document, 4, 6)), '0');
    assert.equal(editor.document.getText(), original.replace(',Student,', ',0,'));
  });

  it('"Fix All Safe Problems in This File" fixes User Type and Grade, and leaves the names to the user', async () => {
    const editor = await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const applied = await vscode.commands.executeCommand<boolean>(COMMANDS.fixAll);
    assert.equal(applied, true);
    const expected = original.replace(',Student,', ',0,').replace(',KG,', ',K,');
    assert.equal(editor.document.getText(), expected);
    const left = await waitForDiagnostics(students, (d) => d.length === 2, 'the two name problems left');
    assert.deepEqual(left.map(codeOf), ['name.invalid-character', 'name.invalid-character']);

    // Nothing safe is left: the command says so and changes nothing.
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.fixAll), false);
    assert.equal(editor.document.getText(), expected);
  });

  it('offers source.fixAll.classworks for editor.codeActionsOnSave', async () => {
    await openInEditor(students);
    await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const document = await vscode.workspace.openTextDocument(students);
    const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
    const actions = await codeActionsAt(students, whole, vscode.CodeActionKind.SourceFixAll.append('classworks'));
    assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
    assert.equal(actions[0]!.kind?.value, 'source.fixAll.classworks');
  });
});

async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind.value,
  );
  return (result ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && a.kind !== undefined && kind.contains(a.kind));
}
