// Helpers for the extension tests (test/vscode/suite/*.test.ts): they wait for events (with a
// deadline so that a failure names what never came), never for fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from '../../../client/api';

export const EXTENSION_ID = 'classworks-enrollment.classworks-enrollment-tools';
export const DIAGNOSTIC_SOURCE = 'classworks';
const DEFAULT_TIMEOUT_MS = 20_000;

/** Activates the extension under test and waits for its language server. */
export async function extensionApi(): Promise<ClassworksExtensionApi> {
  const extension = vscode.extensions.getExtension<ClassworksExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not registered`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The server's diagnostics of a document. */
export function classworksDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

/**
 * Resolves with the value `check` returns once it is not undefined: checked now and after each
 * `event`. Rejects after the deadline, naming what was awaited.
 */
export function waitFor<T, E>(
  event: vscode.Event<E>,
  check: () => T | undefined,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = check();
    if (first !== undefined) {
      resolve(first);
      return;
    }
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** Waits (on onDidChangeDiagnostics) until the document's Classworks diagnostics satisfy `accept`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = classworksDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    `${what} (now: ${describeDiagnostics(uri)})`,
  );
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const list = classworksDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
  return list.length ? list.join(', ') : 'none';
}

/** Waits until the server has reported a file status for the document that satisfies `accept`. */
export function waitForFileStatus(
  api: ClassworksExtensionApi,
  uri: vscode.Uri,
  accept: (status: NonNullable<ReturnType<ClassworksExtensionApi['fileStatus']>>) => boolean,
  what: string,
) {
  return waitFor(
    api.onDidChangeFileStatus,
    () => {
      const status = api.fileStatus(uri);
      return status && accept(status) ? status : undefined;
    },
    `${what} (now: ${JSON.stringify(api.fileStatus(uri))})`,
  );
}

/** Throws away unsaved edits of a document (the files on disk are never saved) and closes it. */
export async function revertAndClose(uri: vscode.Uri): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  assert.ok(!document.isDirty, `${uri.path} is still dirty`);
}

/** The range of the `index`-th cell of a (simple, unquoted) CSV line. */
export function cellRange(document: vscode.TextDocument, line: number, index: number): vscode.Range {
  const text = document.lineAt(line).text;
  let start = 0;
  for (let i = 0; i < index; i++) start = text.indexOf(',', start) + 1;
  const comma = text.indexOf(',', start);
  return new vscode.Range(line, start, line, comma === -1 ? text.length : comma);
}

/** Resolves on the next firing of `event`; rejects after the deadline. Create it before the action. */
export function nextEvent<E>(event: vscode.Event<E>, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<E> {
  return new Promise<E>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
