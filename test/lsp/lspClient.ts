/**
 * A tiny LSP client for the protocol tests: starts the BUILT server (`node dist/server.js
 * --stdio`) as a child process, answers its requests (workspace/configuration, capability
 * registration), records what it pushes (diagnostics, file status, log messages) and lets
 * tests wait for those events. Nothing here sleeps: every wait is for an event, with a
 * deadline that fails the test with what did arrive.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
  createMessageConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileStatusParams } from '../../core/protocol/lspProtocol';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const FIXTURE_WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspace');
const WAIT_MS = 10_000;

/** A fresh temp copy of test/fixtures/workspace (the server may be asked to read it from disk). */
export function copyFixtureWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-lsp-'));
  fs.cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return dir;
}

/** Events of one kind, in arrival order, with waiting for one that matches. */
class EventLog<T> {
  readonly events: T[] = [];
  private waiters: { match: (e: T) => boolean; resolve: (e: T) => void }[] = [];

  push(event: T): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /** The first event from index `since` on that matches, now or when it arrives. */
  wait(match: (e: T) => boolean, since: number, what: string, failed: () => string | undefined): Promise<T> {
    const found = this.events.slice(since).find(match);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = { match, resolve: (e: T) => (clearTimeout(timer), resolve(e)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`Timed out waiting for ${what}. ${failed() ?? ''}\nLast events: ${JSON.stringify(this.events.slice(-3), null, 1).slice(0, 3000)}`));
      }, WAIT_MS);
      this.waiters.push(waiter);
    });
  }
}

export interface StartOptions {
  workspace: string;
  /** The `classworks` settings the client answers, per scope URI. */
  settings?: (scopeUri: string | undefined) => unknown;
  initializationOptions?: unknown;
  /** Act as a minimal LSP editor: no client capabilities at all, only a rootUri. */
  minimal?: boolean;
  /** Node options for the server process (`--cpu-prof`, say, to profile it from the benchmark). */
  nodeArgs?: readonly string[];
  /** Environment variables added for the server process. */
  env?: Readonly<Record<string, string>>;
}

export const DEFAULT_TEST_SETTINGS = { enable: true, files: { include: [] as string[] }, rules: {} };

/** An open document as the client sees it; edits are sent incrementally. */
export class OpenDocument {
  constructor(
    private readonly client: LspClient,
    readonly uri: string,
    public doc: TextDocument,
  ) {}

  get version(): number {
    return this.doc.version;
  }

  get text(): string {
    return this.doc.getText();
  }

  positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  /** The range of the `nth` occurrence of `search` in the current text. */
  rangeOf(search: string, nth = 0): Range {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = this.text.indexOf(search, at + 1);
      if (at === -1) throw new Error(`"${search}" (occurrence ${nth}) is not in ${this.uri}`);
    }
    return { start: this.doc.positionAt(at), end: this.doc.positionAt(at + search.length) };
  }

  /** Sends one didChange with these content changes (applied in order) as the next version. */
  edit(...changes: { range: Range; text: string }[]): number {
    const version = this.version + 1;
    const contentChanges: TextDocumentContentChangeEvent[] = changes.map((c) => ({ range: c.range, text: c.text }));
    this.doc = TextDocument.update(this.doc, contentChanges, version);
    this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges });
    return version;
  }

  /** Replaces the `nth` occurrence of `search` with `replacement`. */
  replace(search: string, replacement: string, nth = 0): number {
    return this.edit({ range: this.rangeOf(search, nth), text: replacement });
  }

  /** Sends the whole text as one full-document change. */
  setText(text: string): number {
    const version = this.version + 1;
    this.doc = TextDocument.create(this.uri, this.doc.languageId, version, text);
    this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /**
   * The text after applying a WorkspaceEdit as an editor would: it must be one versioned edit
   * of this document, and an edit for another version is refused (throws).
   */
  textAfter(edit: WorkspaceEdit | undefined): string {
    const changes = edit?.documentChanges;
    if (!changes || changes.length !== 1) throw new Error(`expected one documentChange, got ${JSON.stringify(edit)}`);
    const change = changes[0] as TextDocumentEdit;
    if (change.textDocument.uri !== this.uri) throw new Error(`edit for ${change.textDocument.uri}, not ${this.uri}`);
    if (change.textDocument.version !== this.version) {
      throw new Error(`stale edit refused: for version ${change.textDocument.version}, document is at ${this.version}`);
    }
    return TextDocument.applyEdits(this.doc, plainEdits(change));
  }

  /** Applies the edit locally and sends it to the server (as the editor would after applying). */
  apply(edit: WorkspaceEdit | undefined): number {
    const text = this.textAfter(edit);
    const change = plainEdits(edit?.documentChanges?.[0] as TextDocumentEdit);
    const version = this.version + 1;
    // Send the edits as incremental changes, last first so earlier ranges stay valid.
    const sorted = [...change].sort((a, b) => this.doc.offsetAt(b.range.start) - this.doc.offsetAt(a.range.start));
    const contentChanges = sorted.map((e) => ({ range: e.range, text: e.newText }));
    this.doc = TextDocument.update(this.doc, contentChanges, version);
    if (this.doc.getText() !== text) throw new Error('applying the edit incrementally gave another text');
    this.client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges });
    return version;
  }

  /** Diagnostics published for this document's current version (or a given one). */
  diagnostics(version = this.version): Promise<Diagnostic[]> {
    return this.client.waitForDiagnostics(this.uri, (p) => p.version === version, `diagnostics of version ${version}`).then((p) => p.diagnostics);
  }

  codeActions(range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.client.connection
      .sendRequest('textDocument/codeAction', { textDocument: { uri: this.uri }, range, context: { diagnostics, only } })
      .then((r) => (r ?? []) as CodeAction[]);
  }

  hover(position: Position): Promise<Hover | null> {
    return this.client.connection.sendRequest('textDocument/hover', { textDocument: { uri: this.uri }, position }) as Promise<Hover | null>;
  }

  async completion(position: Position): Promise<CompletionItem[]> {
    const result = (await this.client.connection.sendRequest('textDocument/completion', { textDocument: { uri: this.uri }, position })) as
      | CompletionItem[]
      | CompletionList
      | null;
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  close(): void {
    this.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri } });
  }
}

/** A `window/workDoneProgress/create` request or a `$/progress` notification, in arrival order. */
export interface ProgressEvent {
  token: string | number;
  kind: 'create' | 'begin' | 'report' | 'end' | 'other';
  /** The value of a $/progress (title, message, percentage). */
  value?: Record<string, unknown>;
  /** How many publishDiagnostics had arrived before this event. */
  diagnosticsBefore: number;
}

/** Waits for the `progress` log to record an event matching `match` (from index `since`). */
export function waitForProgress(client: LspClient, match: (e: ProgressEvent) => boolean, what: string, since = 0): Promise<ProgressEvent> {
  return client.progress.wait(match, since, what, () => undefined);
}

export class LspClient {
  readonly diagnostics = new EventLog<PublishDiagnosticsParams>();
  readonly fileStatus = new EventLog<FileStatusParams>();
  /** Work-done progress: tokens the server created and the $/progress it sent, with how many diagnostics had arrived by then. */
  readonly progress = new EventLog<ProgressEvent>();
  readonly logs: string[] = [];
  stderr = '';
  settings: (scopeUri: string | undefined) => unknown = () => DEFAULT_TEST_SETTINGS;
  private exit: { code: number | null; signal: string | null } | undefined;
  /** Whether stop() deletes the workspace (a temp copy made for this client). */
  ownsWorkspace = false;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    readonly workspace: string,
  ) {}

  static async start(options: StartOptions): Promise<LspClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build first`);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.workspace);
    if (options.settings) client.settings = options.settings;
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', (code, signal) => (client.exit = { code, signal }));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.diagnostics.push(p));
    connection.onNotification('classworks/fileStatus', (p: FileStatusParams) => client.fileStatus.push(p));
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((item) => (item.section === 'classworks' ? client.settings(item.scopeUri) : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      client.progress.push({ token: p.token, kind: 'create', diagnosticsBefore: client.diagnostics.events.length });
      return null;
    });
    connection.onUnhandledProgress((p: { token: string | number; value: { kind?: string } & Record<string, unknown> }) => {
      const kind = p.value.kind === 'begin' || p.value.kind === 'report' || p.value.kind === 'end' ? p.value.kind : 'other';
      client.progress.push({ token: p.token, kind, value: p.value, diagnosticsBefore: client.diagnostics.events.length });
    });
    connection.listen();
    const folderUri = pathToFileURL(options.workspace).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: options.minimal ? null : [{ uri: folderUri, name: path.basename(options.workspace) }],
      initializationOptions: options.initializationOptions,
      capabilities: options.minimal ? {} : {
        window: { workDoneProgress: true },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
        },
      },
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.workspace, relative)).href;
  }

  /** Opens a workspace file (its text from disk unless given) as version 1. */
  open(relative: string, text?: string, languageId = 'csv'): OpenDocument {
    const uri = this.uri(relative);
    const content = text ?? fs.readFileSync(path.join(this.workspace, relative), 'utf8');
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return new OpenDocument(this, uri, TextDocument.create(uri, languageId, 1, content));
  }

  /** The first publishDiagnostics for `uri` (from event index `since`) that matches. */
  waitForDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean, what: string, since = 0): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.wait((p) => p.uri === uri && match(p), since, `${what} for ${uri}`, () => this.failure());
  }

  /** The next publishDiagnostics for `uri` after this call (e.g. after a config change). */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, match, 'new diagnostics', this.diagnostics.events.length);
  }

  waitForFileStatus(uri: string, match: (s: FileStatusParams) => boolean = () => true, since = 0): Promise<FileStatusParams> {
    return this.fileStatus.wait((s) => s.uri === uri && match(s), since, `file status for ${uri}`, () => this.failure());
  }

  /** Tells the server the settings changed (it pulls them again). */
  changeSettings(settings: (scopeUri: string | undefined) => unknown): void {
    this.settings = settings;
    this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Writes a workspace file and tells the server as a file watcher would. */
  writeWatchedFile(relative: string, content: string): void {
    const file = path.join(this.workspace, relative);
    fs.writeFileSync(file, content);
    this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(relative), type: 2 }] });
  }

  get alive(): boolean {
    return this.exit === undefined && this.process.exitCode === null;
  }

  private failure(): string | undefined {
    if (this.alive) return undefined;
    return `The server exited (${JSON.stringify(this.exit)}). stderr:\n${this.stderr}`;
  }

  /** shutdown + exit, then waits for the process to end (killed if it does not). */
  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest('shutdown');
        this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      const deadline = setTimeout(() => this.process.kill(), 5000);
      await exited;
      clearTimeout(deadline);
    }
    this.connection.dispose();
    if (this.ownsWorkspace) fs.rmSync(this.workspace, { recursive: true, force: true });
  }
}

/** The text edits of a TextDocumentEdit (the server sends no snippet edits). */
function plainEdits(change: TextDocumentEdit): TextEdit[] {
  return change.edits.map((e) => {
    if (!('newText' in e)) throw new Error(`unexpected snippet edit ${JSON.stringify(e)}`);
    return { range: e.range, newText: e.newText };
  });
}

/** Diagnostics as a user reads them: code and exact range (0-based line:character, as LSP). */
export function summarize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

/** Starts a server on a fresh copy of the fixture workspace; call stop() after. */
export async function startOnFixture(options: Omit<StartOptions, 'workspace'> = {}): Promise<LspClient> {
  const client = await LspClient.start({ workspace: copyFixtureWorkspace(), ...options });
  client.ownsWorkspace = true;
  return client;
}
