// Quick fixes and fix-all, applied the way the editor applies them; the text is checked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../client/ids';
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
    assert.ok(removeAccents, `a "remove accents" quick fix among: ${titles.join(' | ')}`);
    assert.equal(await applyQuickFix(removeAccents), true);

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
    assert.ok(removePunctuation, `a "remove punctuation" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await applyQuickFix(removePunctuation), true);
    assert.equal(editor.document.getText(), original.replace("Florence,O'Brien", 'Florence,OBrien'));
  });

  it('the preferred quick fix for User Type "Student" writes 0', async () => {
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const userType = diagnostics.find((d) => codeOf(d) === 'user-type.invalid');
    assert.ok(userType);
    const actions = await codeActionsAt(students, userType.range, vscode.CodeActionKind.QuickFix);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await applyQuickFix(preferred), true);
    assert.equal(editor.document.getText(cellRange(editor.document, 4, 6)), '0');
    assert.equal(editor.document.getText(), original.replace(',Student,', ',0,'));
  });

  it('a quick fix chosen after the file changed is not applied to the wrong row (a new-user trial saw Pre-K become PreK)', async () => {
    const editor = await openInEditor(students);
    const diagnostics = await waitForDiagnostics(students, (d) => d.length === 4, 'four problems in students.csv');
    const kg = diagnostics.find((d) => codeOf(d) === 'grade.invalid');
    assert.ok(kg, 'the KG problem');
    const actions = await codeActionsAt(students, kg.range, vscode.CodeActionKind.QuickFix);
    const toK = actions.find((a) => /"K"/.test(a.title));
    assert.ok(toK, `a fix to K among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(toK.edit, undefined, 'the edit travels in the command, with the version it was made for');
    // The file changes while the light bulb is open: a row is inserted above (as a reload from disk would).
    const inserted = 'Tracy,Baxley,TBaxley,13099,Eagle$285,9/20/2021,0,Pre-K,tbaxley@lincoln.perficientads.com,00123\n';
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), inserted)));
    assert.equal(await applyQuickFix(toK), false, 'refused');
    assert.equal(editor.document.getText(), original.replace('\n', `\n${inserted}`), 'nothing else changed: Pre-K stays, KG stays');
    // Asked again, the fix is for the current text, and applies.
    const fresh = await waitForDiagnostics(students, (d) => d.some((x) => codeOf(x) === 'grade.invalid' && x.range.start.line === kg.range.start.line + 1), 'KG a line further down');
    const again = (await codeActionsAt(students, fresh.find((d) => codeOf(d) === 'grade.invalid')!.range, vscode.CodeActionKind.QuickFix)).find((a) => /"K"/.test(a.title));
    assert.ok(again);
    assert.equal(await applyQuickFix(again), true);
    assert.equal(editor.document.getText(), original.replace('\n', `\n${inserted}`).replace(',KG,', ',K,'));
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

/** Runs a quick fix as the light bulb does: its edit comes with the version it was made for. Returns whether it was applied. */
async function applyQuickFix(action: vscode.CodeAction): Promise<boolean> {
  assert.equal(action.command?.command, INTERNAL_COMMANDS.applyQuickFix, `${action.title} runs the version-checked apply`);
  return (await vscode.commands.executeCommand<boolean>(action.command.command, ...(action.command.arguments ?? []))) === true;
}
