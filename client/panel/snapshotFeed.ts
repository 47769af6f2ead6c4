import * as vscode from 'vscode';
import { IMPORT_SNAPSHOT_REQUEST, type ImportSnapshotParams } from '../../core/protocol/lspProtocol';
import type { FileStatusStore } from '../fileStatusStore';
import type { ServerConnection } from '../languageClient';
import { type ImportSnapshot, importSnapshotSchema } from './shared/protocol';

/**
 * The language server's live view of one document for the import panel: asks
 * `classworks/importSnapshot` again after each `classworks/fileStatus` of the document (that
 * is, after each validation), one request at a time. The answer crossed a process boundary,
 * so it is validated.
 */
export class SnapshotFeed implements vscode.Disposable {
  private current: ImportSnapshot | null = null;
  private inFlight = false;
  private again = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the snapshot or the document's dirty state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly uri: vscode.Uri,
    private readonly server: ServerConnection,
    statuses: FileStatusStore,
    private readonly output: vscode.LogOutputChannel,
  ) {
    const key = uri.toString();
    this.disposables.push(
      this.changed,
      statuses.onDidChange((event) => {
        if (event.uri.toString() === key) this.refresh();
      }),
      server.onDidStart(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === key) this.changed.fire();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.toString() === key) this.changed.fire();
      }),
    );
    this.refresh();
  }

  get snapshot(): ImportSnapshot | null {
    return this.current;
  }

  get document(): vscode.TextDocument | undefined {
    const key = this.uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  /** The document, opened (without an editor) when VS Code has closed it. */
  async openDocument(): Promise<vscode.TextDocument> {
    return this.document ?? (await vscode.workspace.openTextDocument(this.uri));
  }

  /** Resolves with a snapshot of the document's current version (after edits settle). */
  async whenCurrent(timeoutMs = 15_000): Promise<ImportSnapshot | null> {
    const document = await this.openDocument();
    const fresh = () => (this.current && this.current.version === document.version ? this.current : undefined);
    if (fresh()) return this.current;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(this.current);
      }, timeoutMs);
      const sub = this.onDidChange(() => {
        const snapshot = fresh();
        if (!snapshot) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(snapshot);
      });
      this.refresh();
    });
  }

  refresh(): void {
    if (this.disposed) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void this.fetch().finally(() => {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }

  private async fetch(): Promise<void> {
    if (!this.document) {
      // The panel's document stays open (without an editor) so that the server keeps checking it.
      try {
        await vscode.workspace.openTextDocument(this.uri);
      } catch (error) {
        this.output.warn(`Import panel: cannot open ${this.uri.toString(true)}: ${(error as Error).message}`);
      }
      return; // Opening it makes the server validate it: a file status follows.
    }
    const params: ImportSnapshotParams = { uri: this.server.protocolUri(this.uri) };
    const answer = await this.server.request<unknown>(IMPORT_SNAPSHOT_REQUEST, params);
    if (this.disposed || answer === undefined) return;
    if (answer === null) {
      if (this.current !== null) {
        this.current = null;
        this.changed.fire();
      }
      return;
    }
    const parsed = importSnapshotSchema.safeParse(answer);
    if (!parsed.success) {
      this.output.error(`Import panel: the language server's ${IMPORT_SNAPSHOT_REQUEST} answer is malformed: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return;
    }
    this.current = parsed.data;
    this.changed.fire();
  }
}
