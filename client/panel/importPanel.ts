import { createHash, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportRequestInput } from '../../core/importApi/importRequest';
import { IMPORT_DOWNLOADS_FOLDER } from '../../core/importDownloads';
import type { ImportSummary, PreviewResponse } from '../../core/importApi/imports';
import { fixAllSafeProblems } from '../commands/fixAll';
import { fileName } from '../commands/targetDocument';
import { INTERNAL_COMMANDS } from '../ids';
import { type ConfigChange, applyConfigChanges, columnChanges } from './configEdits';
import { describeFailure, isCancellation } from './failures';
import { buildImportRequest, requestKey } from './importRequest';
import type { PanelServices } from './importPanels';
import { panelHtml } from './panelHtml';
import {
  DEFAULT_DRAFT,
  type Draft,
  type HostMessage,
  IDLE_TASK,
  type ImportSnapshot,
  type PanelState,
  type Step,
  type Task,
  type TaskState,
  TASKS,
  webviewMessageSchema,
  type WebviewMessage,
} from './shared/protocol';
import { stepGates } from './shared/readiness';
import { scheduleNote } from './shared/schedule';
import { schoolRows } from './shared/schoolChoices';
import { SnapshotFeed } from './snapshotFeed';
import { submitIdempotently } from './submission';

const CONFIG_FILE = '.classworks.json';
const HISTORY_PAGE = 50;
const DETAIL_ROWS = 200;
const SUBMIT_TIMEOUT_MS = 120_000;

interface TaskOptions {
  /** The notification's title, also shown in the panel while it runs. */
  title: string;
  /** "The preview", "Submitting the import": the subject of a failure message. */
  what: string;
  cancellable: boolean;
  location: vscode.ProgressLocation;
}

/**
 * One import panel: the webview, the document it imports, and the work it does for the user.
 * The webview only shows state and sends the user's intents; everything that touches the
 * file, `.classworks.json` or the district happens here.
 */
export class ImportPanel implements vscode.Disposable {
  private documentUri: vscode.Uri | undefined;
  private feed: SnapshotFeed | undefined;
  private draft: Draft;
  private draftAck = 0;
  private ready = false;
  private pendingStep: Step | undefined;
  private readonly tasks = new Map<Task, TaskState>(TASKS.map((t) => [t, IDLE_TASK]));
  private readonly aborts = new Map<Task, AbortController>();
  private preview: { result: PreviewResponse; key: string; version: number } | undefined;
  private submission: { import: ImportSummary; replayed: boolean; key: string } | undefined;
  private details: PanelState['details'] = null;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly feedDisposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: PanelServices,
    documentUri: vscode.Uri | undefined,
    restored?: { draft?: Draft },
  ) {
    this.draft = restored?.draft ?? { ...DEFAULT_DRAFT };
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'webview', 'panel-icon.svg');
    panel.webview.html = panelHtml(panel.webview, services.context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        // A webview that was hidden is re-created: it sends `ready` again and gets the state.
        if (!panel.visible) this.ready = false;
      }),
      services.district.onDidChange(() => this.onDistrictChanged()),
      services.history.onDidChange(() => this.scheduleState()),
    );
    this.setDocument(documentUri);
  }

  get uri(): vscode.Uri | undefined {
    return this.documentUri;
  }

  get currentDraft(): Draft {
    return { ...this.draft };
  }

  /** Points the panel at another document (or none: the history only). */
  setDocument(uri: vscode.Uri | undefined): void {
    if (uri && this.documentUri?.toString() === uri.toString()) return;
    const switching = this.documentUri !== undefined;
    for (const d of this.feedDisposables.splice(0)) d.dispose();
    this.feed?.dispose();
    this.feed = undefined;
    this.documentUri = uri;
    this.preview = undefined;
    this.submission = undefined;
    // Another file starts from the documented defaults: its own description, its own warnings
    // to accept, and "Existing record wins" / "Maintain passwords" again (a policy that
    // overwrites district data must not carry over silently). A panel restored after a reload
    // keeps the draft it was saved with.
    if (switching) this.draft = { ...DEFAULT_DRAFT };
    for (const task of ['mapping', 'fix', 'preview', 'submit'] as const) this.tasks.set(task, IDLE_TASK);
    if (uri) {
      const feed = new SnapshotFeed(uri, this.services.server, this.services.statuses, this.services.output);
      this.feed = feed;
      this.feedDisposables.push(feed, feed.onDidChange(() => this.scheduleState()));
      this.panel.title = `Classworks Import: ${fileName(uri)}`;
    } else {
      this.panel.title = 'Classworks Import History';
    }
    this.scheduleState();
  }

  /** The step a command last asked the panel to show. */
  lastRequestedStep: Step | undefined;

  /** Shows a step (now, or as soon as the webview is ready). */
  showStep(step: Step): void {
    this.lastRequestedStep = step;
    if (this.ready) this.post({ type: 'showStep', step });
    else this.pendingStep = step;
  }

  /** Resolves with a snapshot of the document's current version. */
  async snapshot(): Promise<ImportSnapshot | null> {
    return this.feed ? this.feed.whenCurrent() : null;
  }

  // ---------------------------------------------------------------------------------------
  // Messages from the webview
  // ---------------------------------------------------------------------------------------

  /** Validates and handles one message from the webview (also the tests' way in). */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.output.warn(`Import panel: ignored a malformed message from the webview (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
      return;
    }
    const message = parsed.data;
    this.services.onMessage(message);
    try {
      await this.handle(message);
    } catch (error) {
      this.services.output.error(`Import panel: handling "${message.type}" failed`, error);
      void vscode.window.showErrorMessage(`Classworks: ${(error as Error).message}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.draftAck = 0;
        this.postState();
        if (this.pendingStep) {
          this.post({ type: 'showStep', step: this.pendingStep });
          this.pendingStep = undefined;
        }
        this.services.onReady();
        await this.services.district.restore();
        return;
      case 'draft':
        this.draft = message.draft;
        this.draftAck = message.seq;
        this.scheduleState();
        return;
      case 'setColumn': {
        const snapshot = this.feed?.snapshot;
        if (!snapshot) return;
        await this.writeConfig(columnChanges(snapshot.columns, snapshot.hasHeaderRow, message.index, message.field), 'Column mapping');
        return;
      }
      case 'setHeaderRow':
        await this.writeConfig([{ kind: 'hasHeaderRow', value: message.value }], 'Header row setting');
        return;
      case 'setSchool':
        await this.writeConfig([{ kind: 'school', value: message.value, target: message.target }], 'School mapping');
        return;
      case 'acceptSchoolSuggestions': {
        const snapshot = this.feed?.snapshot;
        const district = this.services.district.district;
        if (!snapshot || !district) return;
        const changes: ConfigChange[] = schoolRows(snapshot.schoolValues, district.schools, snapshot.config.schoolMapping ?? {})
          .filter((row) => row.suggestion !== null && row.target.kind === 'auto')
          .map((row) => ({ kind: 'school', value: row.value, target: { kind: 'school', sisId: row.suggestion?.sisId ?? '' } }));
        if (changes.length > 0) await this.writeConfig(changes, 'School mapping');
        return;
      }
      case 'reveal':
        await this.reveal(message.range);
        return;
      case 'applyFix':
        await this.applyFix(message.version, message.index, message.title);
        return;
      case 'fixAll':
        if (this.documentUri) await this.runTask('fix', quick('Applying every safe fix…', 'Fixing'), async () => ((await fixAllSafeProblems(this.documentUri)) ? 'Applied every safe fix.' : 'No safe fixes left.'));
        return;
      case 'save': {
        const document = await this.feed?.openDocument();
        if (document?.isDirty) await document.save();
        return;
      }
      case 'markFile':
        if (this.documentUri) await this.services.marked.mark(this.documentUri);
        return;
      case 'connect':
        await vscode.commands.executeCommand('classworks.connectDistrict');
        return;
      case 'startSandbox':
        await this.startSandbox();
        return;
      case 'disconnect':
        await this.services.district.disconnect();
        return;
      case 'preview':
        await this.runPreview();
        return;
      case 'submit':
        await this.submit({ confirm: false });
        return;
      case 'cancel':
        this.aborts.get(message.task)?.abort();
        return;
      case 'loadHistory':
        await this.loadHistory();
        return;
      case 'openImport':
        await this.openImport(message.number);
        return;
      case 'downloadImport':
        await this.downloadImport(message.number);
        return;
      case 'cspViolation':
        this.services.output.error(`Import panel: the Content-Security-Policy blocked ${message.blocked} (${message.directive})`);
        return;
    }
  }

  // ---------------------------------------------------------------------------------------
  // The work
  // ---------------------------------------------------------------------------------------

  async startSandbox(): Promise<void> {
    await this.runTask('connect', { title: 'Starting the local sandbox district…', what: 'Starting the sandbox district', cancellable: false, location: vscode.ProgressLocation.Notification }, async () => {
      await this.services.district.startSandbox(this.documentUri);
      return null; // The district box says it.
    });
  }

  /** The dry run. Returns the preview, or undefined when it failed or was cancelled. */
  async runPreview(): Promise<PreviewResponse | undefined> {
    const client = this.services.district.client;
    if (!client) {
      this.fail('preview', 'The preview needs a district.', 'Connect to a district, or start the local sandbox district.');
      return undefined;
    }
    const prepared = await this.prepareRequest('preview');
    if (!prepared) return undefined;
    let result: PreviewResponse | undefined;
    await this.runTask('preview', { title: 'Previewing the import (dry run)…', what: 'The preview', cancellable: true, location: vscode.ProgressLocation.Notification }, async (signal) => {
      result = await client.preview(prepared.request, { signal });
      const key = requestKey(prepared.request, prepared.version);
      this.preview = { result, key, version: prepared.version };
      // A new import is possible now: the last one's result leaves Review (it stays in the history).
      if (this.submission && this.submission.key !== key) {
        this.submission = undefined;
        this.tasks.set('submit', IDLE_TASK);
      }
      const c = result.counts;
      return `Preview: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.conflict} in conflict, ${c.withoutSchool} without a school.`;
    });
    return result;
  }

  /**
   * Submits the import: idempotent (one Idempotency-Key per request, reused on a retry).
   * With `confirm`, asks once first (the "Submit Import" command).
   */
  async submit(options: { confirm: boolean }): Promise<ImportSummary | undefined> {
    const client = this.services.district.client;
    const state = this.state();
    const gate = stepGates(state, this.draft).review;
    if (!client || !gate.ok) {
      this.fail('submit', 'The import cannot be submitted yet.', gate.reason ?? 'Connect to a district first.');
      return undefined;
    }
    const prepared = await this.prepareRequest('submit');
    if (!prepared) return undefined;
    const key = requestKey(prepared.request, prepared.version);
    if (this.preview?.key !== key) {
      this.fail('submit', 'The file or your choices changed since the preview.', 'Preview again under Additional Actions, then submit.');
      return undefined;
    }
    const district = this.services.district.district?.name ?? 'the district';
    if (this.submission?.key === key) {
      const again = await vscode.window.showWarningMessage(
        `This file with these choices was already submitted as import ${this.submission.import.number}. Submit it again as a new import?`,
        { modal: true },
        'Submit Again',
      );
      if (again !== 'Submit Again') return undefined;
    } else if (options.confirm) {
      const c = this.preview.result.counts;
      const answer = await vscode.window.showInformationMessage(
        `Submit ${prepared.request.fileName} to ${district}?`,
        {
          modal: true,
          detail: `${c.rows} rows: ${c.create} new users, ${c.update} updated, ${c.unchanged} unchanged, ${c.withoutSchool} without a school.${state.document?.snapshot?.counts.warnings ? ` ${state.document.snapshot.counts.warnings} warning(s) accepted.` : ''}`,
        },
        'Submit',
      );
      if (answer !== 'Submit') return undefined;
    }
    const fingerprint = createHash('sha256').update(JSON.stringify(prepared.request)).digest('hex');
    let made: ImportSummary | undefined;
    await this.runTask('submit', { title: `Submitting ${prepared.request.fileName} to ${district}…`, what: 'Submitting the import', cancellable: false, location: vscode.ProgressLocation.Notification }, async () => {
      const outcome = await submitIdempotently({
        client,
        store: this.services.pending,
        documentKey: prepared.documentKey,
        request: prepared.request,
        fingerprint,
        newKey: randomUUID,
        signal: AbortSignal.timeout(SUBMIT_TIMEOUT_MS),
      });
      made = outcome.import;
      this.submission = { import: outcome.import, replayed: outcome.replayed, key };
      this.services.history.submitted(outcome.import);
      // The preview was used up by this import, and the description was its own: the next
      // import starts with a new preview and an empty description.
      this.preview = undefined;
      this.draft = { ...this.draft, description: '' };
      const runs = scheduleNote(outcome.import);
      const text = `Import ${outcome.import.number} ${outcome.replayed ? 'was already submitted' : 'submitted'}: ${outcome.import.status}${runs ? ` (${runs})` : ''}.`;
      void vscode.window.showInformationMessage(`Classworks: ${text} You will be told when it completes.`, 'Show Import History').then((choice) => {
        if (choice) void vscode.commands.executeCommand('classworks.showImportHistory');
      });
      return text;
    });
    return made;
  }

  async loadHistory(): Promise<void> {
    await this.runTask('history', { title: 'Loading the import history…', what: 'Loading the import history', cancellable: true, location: vscode.ProgressLocation.Window }, async (signal) => {
      const list = await this.services.history.load(HISTORY_PAGE, signal);
      return list ? null : 'Connect to a district to see its imports.';
    });
  }

  async openImport(number: string): Promise<void> {
    const client = this.services.district.client;
    if (!client) return this.fail('details', `Import ${number} cannot be opened.`, 'Connect to the district first.');
    // The note of a download belongs to the import it was for, not to the one opened now.
    if (this.details?.import.number !== number && this.tasks.get('download')?.status !== 'running') this.tasks.set('download', IDLE_TASK);
    await this.runTask('details', { title: `Opening import ${number}…`, what: `Opening import ${number}`, cancellable: true, location: vscode.ProgressLocation.Window }, async (signal) => {
      const [details, rows] = await Promise.all([client.getImport(number, { signal }), client.getImportRows(number, { limit: DETAIL_ROWS }, { signal })]);
      this.details = { import: details, rows: rows.rows, rowsTotal: rows.total };
      return null;
    });
  }

  /**
   * Saves the imported file (its passwords emptied by the service) in `.classworks/imports/` of
   * the workspace folder, which the editor does not lint (a blank password on every row would
   * be one error per row), and says where in a notification with an "Open" action.
   */
  async downloadImport(number: string): Promise<vscode.Uri | undefined> {
    const client = this.services.district.client;
    if (!client) {
      this.fail('download', `Import ${number}'s file cannot be downloaded.`, 'Connect to the district first.');
      return undefined;
    }
    let saved: vscode.Uri | undefined;
    await this.runTask('download', { title: `Downloading the file of import ${number}…`, what: 'The download', cancellable: true, location: vscode.ProgressLocation.Notification }, async (signal) => {
      const file = await client.downloadImportFile(number, { signal });
      const folder = this.downloadFolder();
      if (!folder) throw new Error('there is no workspace folder to save it in: open a folder first.');
      await vscode.workspace.fs.createDirectory(folder);
      const safeName = file.fileName.replace(/[\\/:*?"<>|]/g, '_');
      const uri = await uniqueUri(folder, `import-${number}-${safeName}`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
      saved = uri;
      const where = vscode.workspace.asRelativePath(uri);
      void vscode.window
        .showInformationMessage(
          `Classworks: saved the file of import ${number} as ${where}. Its passwords are empty (the service does not keep them), and files in .classworks/imports are not checked.`,
          'Open',
        )
        .then(async (answer) => {
          if (answer === 'Open') await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.One });
        });
      return `Saved ${where} (not checked; passwords are not kept by the service, so that column is empty).`;
    });
    return saved;
  }

  // ---------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------

  /** The request for the document as saved; asks to save unsaved changes first. */
  private async prepareRequest(task: 'preview' | 'submit'): Promise<{ request: ImportRequestInput; version: number; documentKey: string } | undefined> {
    if (!this.feed || !this.documentUri) {
      this.fail(task, 'There is no file to import.', 'Open a CSV file and run "Classworks: Open Import Panel".');
      return undefined;
    }
    const document = await this.feed.openDocument();
    if (document.isDirty) {
      const answer = await vscode.window.showWarningMessage(
        `${fileName(document.uri)} has unsaved changes. Save it before the ${task === 'preview' ? 'preview' : 'import'}?`,
        { modal: true, detail: 'The import sends the file as it is saved on disk.' },
        'Save',
      );
      if (answer !== 'Save' || !(await document.save())) {
        this.fail(task, `${fileName(document.uri)} has unsaved changes.`, 'Save the file, then try again. Your choices are kept.');
        return undefined;
      }
    }
    const snapshot = await this.feed.whenCurrent();
    if (!snapshot || snapshot.version !== document.version) {
      this.fail(task, 'The language server has not checked the latest version of the file yet.', 'Wait a moment and try again.');
      return undefined;
    }
    const request = buildImportRequest({ text: document.getText(), fileName: fileName(document.uri), snapshot, draft: this.draft });
    return { request, version: document.version, documentKey: document.uri.toString() };
  }

  private async writeConfig(changes: readonly ConfigChange[], what: string): Promise<void> {
    const uri = this.documentUri;
    const snapshot = this.feed?.snapshot;
    if (!uri || changes.length === 0) return;
    await this.runTask('mapping', quick(`Saving the ${what.toLowerCase()}…`, `Saving the ${what.toLowerCase()}`), async () => {
      if (uri.scheme !== 'file') throw new Error(`${fileName(uri)} is not saved in a folder yet: save it first, so the mapping can be kept beside it in ${CONFIG_FILE}.`);
      const target = vscode.Uri.file(path.join(path.dirname(uri.fsPath), CONFIG_FILE));
      // Beside the file; a new one starts as a copy of the one that applied (an ancestor's), so its schools and rules still apply.
      const base = (await readText(target)) ?? (snapshot?.configPath ? await readText(vscode.Uri.file(snapshot.configPath)) : undefined);
      await writeText(target, applyConfigChanges(base, changes));
      return `${what} saved to ${vscode.workspace.asRelativePath(target)}.`;
    });
  }

  private async reveal(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    if (!this.documentUri) return;
    const document = await vscode.workspace.openTextDocument(this.documentUri);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
    const column = shown?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false, preview: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Applies a problem's fix or suggestion through the server's code actions (version-checked there). */
  private async applyFix(version: number, index: number, title: string): Promise<void> {
    const uri = this.documentUri;
    const problem = this.feed?.snapshot?.problems.find((p) => p.index === index);
    if (!uri || !problem) return;
    await this.runTask('fix', quick(`Applying "${title}"…`, 'The fix'), async () => {
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.version !== version) throw new Error('the file has changed since the list was made; it is up to date now, so try again.');
      const r = problem.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      // The actions come back without their diagnostics: the title (which names the field and the
      // values) and the problem's range identify the fix.
      const candidates = actions.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
      const action = candidates.find((a) => a.title === title);
      // A quick fix's edit comes inside the command that applies it to this version only (commands/quickFixVersion.ts).
      const guarded = action?.command?.command === INTERNAL_COMMANDS.applyQuickFix ? action.command : undefined;
      if (!action || (!action.edit && !guarded)) {
        this.services.output.debug(`Import panel: no code action "${title}" at ${r.start.line + 1}:${r.start.character + 1} (offered: ${candidates.map((a) => `"${a.title}"`).join('; ') || 'none'})`);
        throw new Error('that fix is no longer offered (the file changed); the list is up to date now.');
      }
      const applied = guarded
        ? await vscode.commands.executeCommand<boolean>(guarded.command, ...(guarded.arguments ?? []))
        : await vscode.workspace.applyEdit(action.edit as vscode.WorkspaceEdit);
      if (!applied) throw new Error('VS Code refused the edit (the file changed meanwhile); try again.');
      return `Applied: ${title}.`;
    });
  }

  /** `.classworks/imports/` of the document's workspace folder (else the first one, else the document's folder). */
  private downloadFolder(): vscode.Uri | undefined {
    const workspaceFolder = (this.documentUri && vscode.workspace.getWorkspaceFolder(this.documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
    const base = workspaceFolder?.uri ?? (this.documentUri?.scheme === 'file' ? vscode.Uri.file(path.dirname(this.documentUri.fsPath)) : undefined);
    return base && vscode.Uri.joinPath(base, ...IMPORT_DOWNLOADS_FOLDER);
  }

  private async runTask(task: Task, options: TaskOptions, work: (signal: AbortSignal) => Promise<string | null>): Promise<boolean> {
    this.aborts.get(task)?.abort();
    const abort = new AbortController();
    this.aborts.set(task, abort);
    this.setTask(task, { ...IDLE_TASK, status: 'running', message: options.title, cancellable: options.cancellable });
    try {
      return await vscode.window.withProgress(
        { location: options.location, title: `Classworks: ${options.title}`, cancellable: options.cancellable },
        async (_progress, token) => {
          const cancel = token.onCancellationRequested(() => abort.abort());
          try {
            const message = await work(abort.signal);
            if (this.aborts.get(task) === abort) this.setTask(task, { ...IDLE_TASK, status: 'done', message });
            return true;
          } catch (error) {
            if (abort.signal.aborted || isCancellation(error)) {
              if (this.aborts.get(task) === abort) this.setTask(task, { ...IDLE_TASK, message: 'Cancelled.' });
              return false;
            }
            const failure = describeFailure(error, { what: options.what, kind: this.services.district.kind });
            this.services.output.warn(`${failure.message} ${failure.hint}`);
            if (this.aborts.get(task) === abort) {
              this.setTask(task, { status: 'failed', message: failure.message, hint: failure.hint, cancellable: false, retryable: failure.retryable, problems: failure.problems });
            }
            if (!this.panel.visible) void vscode.window.showErrorMessage(`Classworks: ${failure.message} ${failure.hint}`);
            return false;
          } finally {
            cancel.dispose();
          }
        },
      );
    } finally {
      if (this.aborts.get(task) === abort) this.aborts.delete(task);
    }
  }

  private fail(task: Task, message: string, hint: string): void {
    this.setTask(task, { ...IDLE_TASK, status: 'failed', message, hint });
  }

  private setTask(task: Task, state: TaskState): void {
    this.tasks.set(task, state);
    this.scheduleState();
  }

  private onDistrictChanged(): void {
    if (this.services.district.state.status !== 'connected') {
      this.details = null;
      if (this.tasks.get('download')?.status !== 'running') this.tasks.set('download', IDLE_TASK);
    }
    this.scheduleState();
  }

  // ---------------------------------------------------------------------------------------
  // State to the webview
  // ---------------------------------------------------------------------------------------

  state(): PanelState {
    const document = this.feed?.document;
    const snapshot = this.feed?.snapshot ?? null;
    let previewState: PanelState['preview'] = null;
    if (this.preview) {
      let current = false;
      if (document && snapshot && document.version === this.preview.version && !document.isDirty) {
        // requestKey leaves the text out (the version stands for it), so none is needed here.
        const request = buildImportRequest({ text: '', fileName: fileName(document.uri), snapshot, draft: this.draft });
        current = requestKey(request, document.version) === this.preview.key;
      }
      previewState = { result: this.preview.result, current, version: this.preview.version };
    }
    const history = this.services.history.list;
    return {
      document: this.documentUri
        ? {
            uri: this.documentUri.toString(),
            fileName: fileName(this.documentUri),
            displayPath: this.documentUri.scheme === 'file' ? vscode.workspace.asRelativePath(this.documentUri) : this.documentUri.toString(true),
            dirty: document?.isDirty ?? false,
            snapshot,
          }
        : null,
      connection: this.services.district.state,
      district: this.services.district.district,
      tasks: Object.fromEntries(this.tasks) as PanelState['tasks'],
      preview: previewState,
      submission: this.submission ? { import: this.services.history.latest(this.submission.import), replayed: this.submission.replayed } : null,
      history: history ? { imports: history.imports, total: history.total, loadedAt: history.loadedAt } : null,
      details: this.details ? { ...this.details, import: { ...this.details.import, ...this.services.history.latest(this.details.import) } } : null,
      watching: this.services.history.watching(),
      draft: this.draft,
      draftAck: this.draftAck,
    };
  }

  private scheduleState(): void {
    if (this.disposed || this.stateTimer) return;
    this.stateTimer = setTimeout(() => {
      this.stateTimer = undefined;
      this.postState();
    }, 30);
  }

  private postState(): void {
    if (this.disposed) return;
    const state = this.state();
    this.services.onState(state);
    if (this.ready) this.post({ type: 'state', state });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.stateTimer) clearTimeout(this.stateTimer);
    for (const abort of this.aborts.values()) abort.abort();
    for (const d of this.feedDisposables.splice(0)) d.dispose();
    this.feed?.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
  }
}

function quick(title: string, what: string): TaskOptions {
  return { title, what, cancellable: false, location: vscode.ProgressLocation.Window };
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Writes through the editor when the file is open there (and saves it), else to disk. */
async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, open.lineCount, 0), text);
    if (!(await vscode.workspace.applyEdit(edit)) || !(await open.save())) throw new Error(`${CONFIG_FILE} could not be saved.`);
    return;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function uniqueUri(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let n = 0; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}
