import * as vscode from 'vscode';
import type { ImportSummary } from '../../core/importApi/imports';
import type { DistrictConnection } from '../district/districtConnection';
import type { FileStatusStore } from '../fileStatusStore';
import { SETTINGS } from '../ids';
import type { ServerConnection } from '../languageClient';
import type { MarkedFilesStore } from '../markedFiles';
import { ImportHistory } from './importHistory';
import { ImportPanel } from './importPanel';
import { webviewOptions } from './panelHtml';
import { type Draft, PANEL_VIEW_TYPE, type PanelState, type Step, type WebviewMessage, webviewStateSchema } from './shared/protocol';
import { firstOpenStep, stepGates } from './shared/readiness';
import type { PendingStore, PendingSubmission } from './submission';

/** What a panel needs from the extension. */
export interface PanelServices {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  server: ServerConnection;
  statuses: FileStatusStore;
  marked: MarkedFilesStore;
  district: DistrictConnection;
  history: ImportHistory;
  pending: PendingStore;
  onMessage(message: WebviewMessage): void;
  onReady(): void;
  onState(state: PanelState): void;
}

export interface ImportPanelsDependencies {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  server: ServerConnection;
  statuses: FileStatusStore;
  marked: MarkedFilesStore;
  district: DistrictConnection;
}

const PENDING_KEY = 'classworks.pendingSubmissions';

/**
 * The import panel (one at a time) and what outlives it: the import history and its watch,
 * the pending Idempotency-Keys. Restores the panel after a reload (webview serializer).
 */
export class ImportPanels implements vscode.Disposable {
  private current: ImportPanel | undefined;
  readonly history: ImportHistory;
  private readonly services: PanelServices;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly messages = new vscode.EventEmitter<WebviewMessage>();
  /** Every valid message a panel received (tests watch the real webview's handshake). */
  readonly onDidReceiveMessage = this.messages.event;
  private readonly states = new vscode.EventEmitter<PanelState>();
  readonly onDidChangeState = this.states.event;
  private lastState: PanelState | undefined;
  private readyCount = 0;
  private readonly blocked: string[] = [];

  constructor(private readonly deps: ImportPanelsDependencies) {
    this.history = new ImportHistory(deps.district, deps.output);
    const state = deps.context.workspaceState;
    const pending: PendingStore = {
      get: (key) => (state.get<Record<string, PendingSubmission>>(PENDING_KEY) ?? {})[key],
      set: (key, value) => state.update(PENDING_KEY, { ...(state.get<Record<string, PendingSubmission>>(PENDING_KEY) ?? {}), [key]: value }),
      delete: (key) => {
        const { [key]: _gone, ...rest } = state.get<Record<string, PendingSubmission>>(PENDING_KEY) ?? {};
        return state.update(PENDING_KEY, rest);
      },
    };
    this.services = {
      ...deps,
      history: this.history,
      pending,
      onMessage: (message) => {
        if (message.type === 'cspViolation') this.blocked.push(`${message.directive}: ${message.blocked}`);
        this.messages.fire(message);
      },
      onReady: () => this.readyCount++,
      onState: (s) => {
        this.lastState = s;
        this.states.fire(s);
      },
    };
    this.disposables.push(
      this.history,
      this.messages,
      this.states,
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, saved: unknown) => this.restore(panel, saved),
      }),
    );
  }

  get panel(): ImportPanel | undefined {
    return this.current;
  }

  get state(): PanelState | undefined {
    return this.current ? this.lastState : undefined;
  }

  /** How many times a webview said `ready` (the handshake), for the tests. */
  get handshakes(): number {
    return this.readyCount;
  }

  /** What the webview's Content-Security-Policy blocked (a bug when not empty), for the tests. */
  get cspViolations(): readonly string[] {
    return [...this.blocked];
  }

  /** Opens (or reveals) the panel for a document; without one it keeps its document. */
  async open(uri?: vscode.Uri, step?: Step): Promise<ImportPanel> {
    let panel = this.current;
    if (panel) {
      if (uri) panel.setDocument(uri);
      panel.panel.reveal(undefined, false);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Classworks Import',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        webviewOptions(this.deps.context.extensionUri),
      );
      panel = this.adopt(new ImportPanel(webviewPanel, this.services, uri));
    }
    if (step) panel.showStep(step);
    void this.afterOpen();
    return panel;
  }

  /**
   * "Classworks: Submit Import": submits after one confirmation when everything is ready
   * (previewing first when the preview is missing or out of date); otherwise opens the panel
   * at Review, which says what is missing.
   */
  async submit(uri?: vscode.Uri): Promise<ImportSummary | undefined> {
    const panel = await this.open(uri);
    await this.deps.district.restore();
    await panel.snapshot();
    const draft: Draft = panel.currentDraft;
    let gates = stepGates(panel.state(), draft);
    const before = [gates.upload, gates.map, gates.schools, gates.validate];
    if (before.every((g) => g.ok) && !gates.actions.ok && panel.state().tasks.preview?.status !== 'running') {
      await panel.runPreview();
      gates = stepGates(panel.state(), draft);
    }
    if (!gates.review.ok) {
      panel.showStep('review');
      void vscode.window.showWarningMessage(`Classworks: the import is not ready: ${gates.review.reason ?? ''}`, 'Show Step').then((choice) => {
        if (choice) panel.showStep(firstOpenStep(gates));
      });
      return undefined;
    }
    panel.showStep('review');
    return panel.submit({ confirm: true });
  }

  /** "Classworks: Show Import History". */
  async showHistory(): Promise<void> {
    const panel = await this.open(undefined, 'history');
    await this.deps.district.restore();
    await panel.loadHistory();
  }

  dispose(): void {
    this.current?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private adopt(panel: ImportPanel): ImportPanel {
    this.current = panel;
    panel.onDidDispose(() => {
      if (this.current === panel) {
        this.current = undefined;
        this.lastState = undefined;
      }
    });
    return panel;
  }

  private async restore(webviewPanel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const parsed = webviewStateSchema.safeParse(saved);
    const state = parsed.success ? parsed.data : undefined;
    webviewPanel.webview.options = webviewOptions(this.deps.context.extensionUri);
    let uri: vscode.Uri | undefined;
    if (state?.documentUri) {
      try {
        uri = vscode.Uri.parse(state.documentUri, true);
      } catch {
        uri = undefined;
      }
    }
    this.current?.dispose();
    this.adopt(new ImportPanel(webviewPanel, this.services, uri, { draft: state?.draft }));
    void this.afterOpen();
  }

  private async afterOpen(): Promise<void> {
    await this.deps.district.restore();
    const autoStart = vscode.workspace.getConfiguration().get<boolean>(SETTINGS.sandboxAutoStart, false);
    if (autoStart && this.deps.district.state.status === 'disconnected') await this.current?.startSandbox();
  }
}
