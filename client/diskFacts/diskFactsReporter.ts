import * as vscode from 'vscode';
import { DISK_FACTS_NOTIFICATION, type DiskFactsParams } from '../../core/protocol/lspProtocol';
import { documentSelector } from '../documentSelector';
import type { ServerConnection } from '../languageClient';
import { analyzeBytes } from './analyzeBytes';

/**
 * Tells the language server what a file's bytes say that the editor's text hides
 * (`classworks/diskFacts`): VS Code normalises line endings and decodes the bytes when it
 * loads a file, so bare CRs and the encoding never reach the server otherwise. The bytes are
 * read (vscode.workspace.fs, so remote and virtual file systems work) when a CSV the server is
 * told about is opened, saved or changed on disk, and again for every open one when the server
 * (re)starts.
 */
export class DiskFactsReporter implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** A file watcher per tracked document (files outside the workspace are watched too). */
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** The read under way (and those queued behind it) per document. */
  private readonly queue = new Map<string, Promise<boolean>>();

  constructor(
    private readonly server: ServerConnection,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.track(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.untrack(document.uri)),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.watchers.has(document.uri.toString())) void this.refresh(document.uri);
      }),
      server.onDidStart(() => {
        for (const key of this.watchers.keys()) void this.refresh(vscode.Uri.parse(key, true));
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.track(document);
  }

  /**
   * Reads the file's bytes and sends their facts to the server. Reads of one file run one after
   * the other, so the last facts sent are those of the latest bytes. Resolves once sent (false:
   * the server is not running).
   */
  refresh(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const next = (this.queue.get(key) ?? Promise.resolve(true)).then(() => this.readAndSend(uri));
    this.queue.set(key, next);
    void next.then(() => {
      if (this.queue.get(key) === next) this.queue.delete(key);
    });
    return next;
  }

  private async readAndSend(uri: vscode.Uri): Promise<boolean> {
    let params: DiskFactsParams;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      params = { uri: this.server.protocolUri(uri), ...analyzeBytes(bytes) };
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError) || error.code !== 'FileNotFound') {
        this.output.warn(`Could not read ${uri.fsPath} to check its line endings and encoding: ${error instanceof Error ? error.message : String(error)}`);
      }
      // Unknown facts: the server forgets what it knew.
      params = { uri: this.server.protocolUri(uri) };
    }
    return this.server.notify(DISK_FACTS_NOTIFICATION, params);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
  }

  private track(document: vscode.TextDocument): void {
    const uri = document.uri;
    const key = uri.toString();
    if (this.watchers.has(key) || !this.applies(document)) return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const changed = () => void this.refresh(uri);
    this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)));
    void this.refresh(uri);
  }

  private untrack(uri: vscode.Uri): void {
    const key = uri.toString();
    this.watchers.get(key)?.dispose();
    this.watchers.delete(key);
  }

  /** Files the language server is told about (the client's document selector) that are on disk. */
  private applies(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && vscode.languages.match(documentSelector() as vscode.DocumentSelector, document) > 0;
  }
}
