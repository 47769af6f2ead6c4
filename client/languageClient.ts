import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  Trace,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  FILE_STATUS_NOTIFICATION,
  MARKED_FILES_NOTIFICATION,
  type FileStatusParams,
  type MarkedFilesParams,
} from '../core/protocol/lspProtocol';
import { DiskFactsReporter } from './diskFacts/diskFactsReporter';
import { documentSelector, includeGlobs } from './documentSelector';
import type { FileStatusStore } from './fileStatusStore';
import { guardQuickFix } from './commands/quickFixVersion';
import { CLIENT_ID, CLIENT_NAME, RULES_DOC_PATH, SERVER_ENVIRONMENT, SERVER_MODULE_PATH, SERVER_NODE_OPTIONS } from './ids';
import type { MarkedFilesStore } from './markedFiles';

/**
 * The id the language client is created with. vscode-languageclient reads `<id>.trace.server`
 * itself and, set to `verbose` (or `compact`, or an object with `"format": "json"`), logs every
 * message with its parameters: whole CSV files, passwords included, in the output channel and
 * its log file. So the client gets an id of its own that no setting uses (it then traces at
 * most message names, and only while the channel's log level is Trace), and our setting
 * `classworks.trace.server` is applied with {@link traceLevel}.
 */
const LANGUAGE_CLIENT_ID = 'classworksLanguageServer';

/** `classworks.trace.server` as applied: `off`, or `messages` for any other value (there is no `verbose`). */
export function traceLevel(value: unknown): Trace {
  return value === 'off' || value === undefined ? Trace.Off : Trace.Messages;
}

/** A language client whose trace never carries message contents, whatever it is asked to trace. */
class ClassworksLanguageClient extends LanguageClient {
  override trace(message: string, _data?: unknown): void {
    super.trace(message);
  }
}

/**
 * Owns the language client: starts the server (dist/server.js over stdio), feeds it the
 * marked files and the files' disk facts, and records its `classworks/fileStatus`
 * notifications. "Restart" makes a new client, so a changed `classworks.files.include` also
 * reaches the document selector.
 */
export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly started = new vscode.EventEmitter<void>();
  /** Fires each time a server has started and received the marked files. */
  readonly onDidStart = this.started.event;
  private selectorGlobs = '';
  /** Line endings and encoding of the open files' bytes, sent to the server. */
  readonly diskFacts: DiskFactsReporter;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly marked: MarkedFilesStore,
    private readonly statuses: FileStatusStore,
  ) {
    this.disposables.push(
      this.started,
      marked.onDidChange(() => void this.sendMarkedFiles()),
      vscode.workspace.onDidCloseTextDocument((document) => statuses.delete(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('classworks.files.include') && includeGlobs().join('\n') !== this.selectorGlobs) {
          this.output.info('classworks.files.include changed: restarting the language server');
          void this.restart();
        }
        // After the client's own reaction to the change (it re-reads the trace of its id).
        queueMicrotask(() => void this.applyTrace());
      }),
      output.onDidChangeLogLevel(() => queueMicrotask(() => void this.applyTrace())),
    );
    this.diskFacts = new DiskFactsReporter(this, output);
    this.disposables.push(this.diskFacts);
  }

  get isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /** Sends a custom request to the running server; undefined when it is not running or fails. */
  async request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) return undefined;
    try {
      return await client.sendRequest<R>(method, params, token);
    } catch (error) {
      this.output.warn(`The language server did not answer ${method}: ${describe(error)}`);
      return undefined;
    }
  }

  /** Sends a custom notification to the running server; false when it is not running or fails. */
  async notify(method: string, params: unknown): Promise<boolean> {
    const client = this.client;
    if (!client || client.state !== State.Running) return false;
    try {
      await client.sendNotification(method, params);
      return true;
    } catch (error) {
      this.output.warn(`Could not send ${method} to the language server: ${describe(error)}`);
      return false;
    }
  }

  /** The URI of a document as the server knows it. */
  protocolUri(uri: vscode.Uri): string {
    return this.client ? this.client.code2ProtocolConverter.asUri(uri) : uri.toString();
  }

  async start(): Promise<void> {
    if (this.client) return;
    const client = this.createClient();
    this.client = client;
    try {
      await client.start();
      await this.applyTrace();
    } catch (error) {
      // The client has logged the details; the status bar stays hidden. Nothing steals focus.
      this.output.error(`The Classworks language server did not start: ${describe(error)}`);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.statuses.clear();
    if (client) {
      try {
        await client.dispose(5_000);
      } catch (error) {
        this.output.warn(`The Classworks language server did not stop cleanly: ${describe(error)}`);
      }
    }
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }

  private createClient(): LanguageClient {
    const module = this.context.asAbsolutePath(SERVER_MODULE_PATH);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_OPTIONS], env: { ...process.env, ...SERVER_ENVIRONMENT } } },
      debug: {
        module,
        transport: TransportKind.stdio,
        options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6019'], env: { ...process.env, ...SERVER_ENVIRONMENT } },
      },
    };
    const rulesDocUri = vscode.Uri.file(this.context.asAbsolutePath(RULES_DOC_PATH)).toString();
    const selector = documentSelector();
    this.selectorGlobs = includeGlobs().join('\n');
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      // Settings and `.classworks.json` changes: the server pulls settings (workspace/configuration)
      // and registers both watchers itself, as it does with any LSP editor.
      // Evaluated at each start: the marked files travel with `initialize` too, so the first
      // validation of an open document already knows them (they follow as a notification as well).
      initializationOptions: () => ({ rulesDocUri, markedFiles: this.markedUris() }),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: CLIENT_ID,
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        // Quick fixes apply only to the text they were made for (commands/quickFixVersion.ts).
        provideCodeActions: async (document, range, context, token, next) => {
          const actions = await next(document, range, context, token);
          return actions?.map((action) => guardQuickFix(action, document));
        },
      },
    };
    const client = new ClassworksLanguageClient(LANGUAGE_CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);

    client.onNotification(FILE_STATUS_NOTIFICATION, (params: FileStatusParams) => {
      this.statuses.set(client.protocol2CodeConverter.asUri(params.uri), params);
    });
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Running) {
        void this.sendMarkedFiles().then(() => this.started.fire());
      } else if (newState === State.Stopped) {
        this.statuses.clear();
      }
    });
    return client;
  }

  /**
   * Traces message names (never contents) when `classworks.trace.server` is not `off` and the
   * output channel's log level is Trace (vscode-languageclient writes its trace at that level).
   */
  private async applyTrace(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    const setting = vscode.workspace.getConfiguration('classworks').get<unknown>('trace.server');
    const level = this.output.logLevel === vscode.LogLevel.Trace ? traceLevel(setting) : Trace.Off;
    try {
      await client.setTrace(level);
    } catch (error) {
      this.output.warn(`Could not set the trace of the language server: ${describe(error)}`);
    }
  }

  private markedUris(): string[] {
    const client = this.client;
    return this.marked.list().map((uri) => (client ? client.code2ProtocolConverter.asUri(uri) : uri.toString()));
  }

  private async sendMarkedFiles(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running) return;
    const params: MarkedFilesParams = { uris: this.markedUris() };
    try {
      await client.sendNotification(MARKED_FILES_NOTIFICATION, params);
    } catch (error) {
      this.output.warn(`Could not send the marked files to the language server: ${describe(error)}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
