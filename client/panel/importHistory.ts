import * as vscode from 'vscode';
import type { ImportSummary } from '../../core/importApi/imports';
import type { DistrictConnection } from '../district/districtConnection';
import { ImportWatcher, isFinal } from './importWatcher';

import { type HistoryList, withImport } from './historyList';

export type { HistoryList };

/**
 * The connected district's import history, shared by the panel and the commands: the list as
 * last loaded, the latest status of every import seen, and the watch of unfinished imports
 * that says so (a notification) when each completes.
 */
export class ImportHistory implements vscode.Disposable {
  private current: HistoryList | undefined;
  private readonly known = new Map<string, ImportSummary>();
  private districtKey: string | undefined;
  private readonly watcher: ImportWatcher;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly finished = new vscode.EventEmitter<ImportSummary>();
  /** Fires once for each watched import that reaches a final status. */
  readonly onDidFinish = this.finished.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly district: DistrictConnection,
    private readonly output: vscode.LogOutputChannel,
    pollIntervalMs = 1000,
  ) {
    this.watcher = new ImportWatcher({
      client: () => this.district.client,
      intervalMs: pollIntervalMs,
      onUpdate: (summary) => this.remember(summary),
      onFinal: (summary) => this.completed(summary),
      onError: (number, error) => this.output.debug(`Watching import ${number}: ${(error as Error).message}`),
    });
    this.disposables.push(this.changed, this.finished, district.onDidChange(() => this.districtChanged()));
    this.districtChanged();
  }

  get list(): HistoryList | undefined {
    return this.current;
  }

  /** The latest known state of an import. */
  latest(summary: ImportSummary): ImportSummary {
    return this.known.get(summary.number) ?? summary;
  }

  watching(): string[] {
    return this.watcher.numbers();
  }

  /** Loads the newest imports; unfinished ones are watched. Undefined without a district. */
  async load(limit: number, signal?: AbortSignal): Promise<HistoryList | undefined> {
    const client = this.district.client;
    if (!client) return undefined;
    const key = this.districtKey;
    const answer = await client.listImports({ limit }, { signal });
    if (key !== this.districtKey) return undefined;
    for (const summary of answer.imports) {
      this.known.set(summary.number, summary);
      if (!isFinal(summary)) this.watcher.watch(summary.number, summary);
    }
    this.current = { imports: answer.imports, total: answer.total, loadedAt: new Date().toISOString() };
    this.changed.fire();
    return this.current;
  }

  /** A new import: first in the list, and watched until it completes. */
  submitted(summary: ImportSummary): void {
    if (this.current) this.current = withImport(this.current, summary, new Date(), true);
    this.remember(summary);
    this.watcher.watch(summary.number, summary);
  }

  dispose(): void {
    this.watcher.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private remember(summary: ImportSummary): void {
    this.known.set(summary.number, summary);
    if (this.current) this.current = withImport(this.current, summary, new Date(), false);
    this.changed.fire();
  }

  private completed(summary: ImportSummary): void {
    this.remember(summary);
    this.finished.fire(summary);
    const c = summary.counts;
    const counts = c ? ` ${c.create} created, ${c.update} updated, ${c.unchanged} unchanged${c.error ? `, ${c.error} with errors` : ''}${c.withoutSchool ? `, ${c.withoutSchool} without a school` : ''}.` : '';
    const reasons = summary.failureReasons.length > 0 ? ` ${summary.failureReasons.join(' ')}` : '';
    const text = `Classworks: import ${summary.number} (${summary.fileName}) ${summary.status}.${counts}${reasons}`;
    const show = summary.status === 'Completed' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(text, 'Show Import History').then((choice) => {
      if (choice) void vscode.commands.executeCommand('classworks.showImportHistory');
    });
  }

  private districtChanged(): void {
    const state = this.district.state;
    const key = state.status === 'connected' ? `${state.kind}:${state.url}` : undefined;
    if (key === this.districtKey) return;
    this.districtKey = key;
    // The imports belong to the district that was connected: forget them.
    this.current = undefined;
    this.known.clear();
    this.watcher.clear();
    this.changed.fire();
  }
}
