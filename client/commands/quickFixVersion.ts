import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../ids';

/**
 * A quick fix of the server with its edit turned into a run of INTERNAL_COMMANDS.applyQuickFix,
 * which applies the edit only to the version of the document it was made for. VS Code applies a
 * code action's edit to whatever the text is when it is chosen: with the light bulb left open
 * while the file changed (reloaded from disk, edited by another program), a fix for row 3 would
 * land on what is now row 3. Other actions (fix-all, which is applied at once, and the actions
 * that run a command) are left as they are.
 */
export function guardQuickFix(action: vscode.CodeAction | vscode.Command, document: vscode.TextDocument): vscode.CodeAction | vscode.Command {
  if (!(action instanceof vscode.CodeAction) || !action.edit || action.command) return action;
  if (!action.kind || !vscode.CodeActionKind.QuickFix.contains(action.kind)) return action;
  const guarded = new vscode.CodeAction(action.title, action.kind);
  guarded.diagnostics = action.diagnostics;
  guarded.isPreferred = action.isPreferred;
  guarded.disabled = action.disabled;
  guarded.command = { title: action.title, command: INTERNAL_COMMANDS.applyQuickFix, arguments: [document.uri.toString(), document.version, action.edit] };
  return guarded;
}

/** Applies a quick fix's edit if the document is still at `version`; else says why not. Returns whether it was applied. */
export async function applyQuickFix(uri: unknown, version: unknown, edit: unknown): Promise<boolean> {
  if (typeof uri !== 'string' || typeof version !== 'number' || !(edit instanceof vscode.WorkspaceEdit)) return false;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!document || document.version !== version) {
    const name = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
    void vscode.window.showWarningMessage(
      `Classworks: the fix was not applied: ${name} changed after the fix was offered, so it could land on the wrong row. Open the quick fixes (Ctrl+.) again for a fix of the text as it is now.`,
    );
    return false;
  }
  return vscode.workspace.applyEdit(edit);
}
