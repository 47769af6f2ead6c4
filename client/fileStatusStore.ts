import * as vscode from 'vscode';
import type { FileStatusParams } from '../core/protocol/lspProtocol';

/** The last `classworks/fileStatus` the server sent for each document, keyed by URI string. */
export class FileStatusStore implements vscode.Disposable {
  private readonly statuses = new Map<string, FileStatusParams>();
  private readonly changed = new vscode.EventEmitter<{ uri: vscode.Uri; status: FileStatusParams | undefined }>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): FileStatusParams | undefined {
    return this.statuses.get(uri.toString());
  }

  set(uri: vscode.Uri, status: FileStatusParams): void {
    this.statuses.set(uri.toString(), status);
    this.changed.fire({ uri, status });
  }

  delete(uri: vscode.Uri): void {
    if (this.statuses.delete(uri.toString())) this.changed.fire({ uri, status: undefined });
  }

  /** Forgets everything, e.g. when the server stops (its statuses are no longer current). */
  clear(): void {
    const uris = [...this.statuses.keys()];
    this.statuses.clear();
    for (const key of uris) this.changed.fire({ uri: vscode.Uri.parse(key, true), status: undefined });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
