import * as vscode from 'vscode';
import { FIX_ALL_KIND_VALUE } from '../ids';
import { fileName, targetUri } from './targetDocument';

const FIX_ALL_KIND = vscode.CodeActionKind.Source.append('fixAll').append('classworks');

/**
 * "Fix All Safe Problems in This File": asks the code action providers (our server) for the
 * `source.fixAll.classworks` action of the whole document, as editor.codeActionsOnSave does,
 * and applies it. Returns whether an edit was applied.
 */
export async function fixAllSafeProblems(arg?: unknown): Promise<boolean> {
  const uri = targetUri(arg);
  if (!uri) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      document.validateRange(whole),
      FIX_ALL_KIND_VALUE,
      // Resolve the first few actions, in case the server fills in edits lazily (codeAction/resolve).
      5,
    )) ?? [];
  const fixAll = actions.find(
    (action): action is vscode.CodeAction => 'kind' in action && action.kind !== undefined && FIX_ALL_KIND.contains(action.kind),
  );
  if (!fixAll || (!fixAll.edit && !fixAll.command)) {
    vscode.window.setStatusBarMessage(`$(check) Classworks: no safe fixes in ${fileName(uri)}.`, 4000);
    return false;
  }
  let applied = false;
  if (fixAll.edit && fixAll.edit.size > 0) {
    applied = await vscode.workspace.applyEdit(fixAll.edit);
    if (!applied) {
      vscode.window.setStatusBarMessage('$(warning) Classworks: the file changed meanwhile; run the command again.', 4000);
      return false;
    }
  }
  if (fixAll.command) {
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
    applied = true;
  }
  return applied;
}
