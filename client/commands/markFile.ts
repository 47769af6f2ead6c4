import * as vscode from 'vscode';
import type { MarkedFilesStore } from '../markedFiles';
import { fileName, targetUri } from './targetDocument';

/** "Treat This File as an Enrollment File": the server lints it whatever its header says. */
export async function markFile(marked: MarkedFilesStore, arg?: unknown): Promise<boolean> {
  const uri = targetUri(arg);
  if (!uri) return false;
  const changed = await marked.mark(uri);
  vscode.window.setStatusBarMessage(`$(check) Classworks: ${fileName(uri)} is treated as an enrollment file.`, 4000);
  return changed;
}

/** "Stop Treating This File as an Enrollment File": back to header sniffing and the include globs. */
export async function unmarkFile(marked: MarkedFilesStore, arg?: unknown): Promise<boolean> {
  const uri = targetUri(arg);
  if (!uri) return false;
  const changed = await marked.unmark(uri);
  vscode.window.setStatusBarMessage(`Classworks: ${fileName(uri)} is no longer marked as an enrollment file.`, 4000);
  return changed;
}
