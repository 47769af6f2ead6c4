import * as vscode from 'vscode';

/**
 * The file a command acts on: the URI it was given (explorer menu, tests) or the active editor's.
 * Says so in the status bar, without stealing focus, when there is none.
 */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri) vscode.window.setStatusBarMessage('$(info) Classworks: open a CSV file first.', 4000);
  return uri;
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}
