import * as vscode from 'vscode';
import { toUri } from './uriArgument';
import type { DiskFactsReporter } from '../diskFacts/diskFactsReporter';
import { fileName } from './targetDocument';

/**
 * `classworks.convertLineEndingsToCrlf` (the quick fix of file.cr-line-endings and
 * file.mixed-line-endings found on disk): VS Code shows a CR-only or mixed file with one end of
 * line, so no text edit can fix it; setting the document's end of line to CRLF and saving
 * rewrites every line ending in the file. Then the file's bytes are read again, and the server
 * drops the problem. Returns whether the file was saved.
 */
export async function convertLineEndingsToCrlf(arg: unknown, facts: DiskFactsReporter): Promise<boolean> {
  const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (document.eol !== vscode.EndOfLine.CRLF) {
    if (!(await editor.edit((edit) => edit.setEndOfLine(vscode.EndOfLine.CRLF)))) return false;
  }
  // A CR-only file already shows CRLF in the editor (VS Code picks CRLF for it) and is not dirty:
  // an explicit save of the active editor writes it all the same (plain document.save() would not).
  const saved = document.isDirty ? await document.save() : await saveActiveEditor(document);
  if (!saved) {
    vscode.window.setStatusBarMessage(`$(warning) Classworks: ${fileName(uri)} could not be saved; its line endings are unchanged on disk.`, 6000);
    return false;
  }
  await facts.refresh(uri);
  vscode.window.setStatusBarMessage(`$(check) Classworks: ${fileName(uri)} now ends its lines with CRLF.`, 4000);
  return true;
}

/** "File: Save" on the active editor, which writes the file even when it has no unsaved changes. */
async function saveActiveEditor(document: vscode.TextDocument): Promise<boolean> {
  if (vscode.window.activeTextEditor?.document !== document) return false;
  await vscode.commands.executeCommand('workbench.action.files.save');
  return !document.isDirty;
}
