import * as vscode from 'vscode';

const STATE_KEY = 'classworks.markedFiles';

/**
 * The files the user marked with "Treat This File as an Enrollment File", kept per workspace
 * (workspaceState) as URI strings, so the marks survive a reload.
 */
export class MarkedFilesStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /** Fires with the full list after each change. */
  readonly onDidChange = this.changed.event;

  private readonly closeListener: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    // An untitled document's name ("Untitled-1") is reused by the next one: its mark ends with it.
    this.closeListener = vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === 'untitled' && this.has(document.uri)) void this.unmark(document.uri);
    });
  }

  list(): vscode.Uri[] {
    return this.keys().map((key) => vscode.Uri.parse(key, true));
  }

  has(uri: vscode.Uri): boolean {
    return this.keys().includes(uri.toString());
  }

  async mark(uri: vscode.Uri): Promise<boolean> {
    const keys = this.keys();
    if (keys.includes(uri.toString())) return false;
    await this.save([...keys, uri.toString()]);
    return true;
  }

  async unmark(uri: vscode.Uri): Promise<boolean> {
    const keys = this.keys();
    if (!keys.includes(uri.toString())) return false;
    await this.save(keys.filter((key) => key !== uri.toString()));
    return true;
  }

  dispose(): void {
    this.closeListener.dispose();
    this.changed.dispose();
  }

  private keys(): string[] {
    const value = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  private async save(keys: string[]): Promise<void> {
    await this.state.update(STATE_KEY, keys);
    this.changed.fire(this.list());
  }
}
