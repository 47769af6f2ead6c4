import * as vscode from 'vscode';
import type { FileStatusStore } from './fileStatusStore';
import { CONTEXT_KEYS } from './ids';
import type { MarkedFilesStore } from './markedFiles';

/** Keeps the `when`-clause context keys of the active editor's file current. */
export class ActiveFileContextKeys implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  private last = '';

  constructor(
    private readonly statuses: FileStatusStore,
    private readonly marked: MarkedFilesStore,
  ) {
    this.disposables = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      statuses.onDidChange(() => this.update()),
      marked.onDidChange(() => this.update()),
    ];
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const linted = uri ? this.statuses.get(uri)?.linted === true : false;
    const marked = uri ? this.marked.has(uri) : false;
    const key = `${linted}/${marked}`;
    if (key === this.last) return;
    this.last = key;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.activeFileLinted, linted);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.activeFileMarked, marked);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
