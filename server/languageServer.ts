import {
  type CodeAction,
  type CompletionItem,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { z } from 'zod';
import { DISK_FACTS_NOTIFICATION, IMPORT_SNAPSHOT_REQUEST, type ImportSnapshot, MARKED_FILES_NOTIFICATION } from '../core/protocol/lspProtocol';
import { CODE_ACTION_KINDS, codeActions } from './codeActions';
import { completion } from './completion';
import { ConfigFiles, isConfigFile } from './configFiles';
import { defaultRulesDocUri, ruleLinks } from './diagnostics';
import { diskFactsOf, diskFactsParamsSchema } from './diskFacts';
import { DocumentStore } from './documentStore';
import { guard } from './guard';
import { hover } from './hover';
import { importSnapshot } from './importSnapshot';
import { Logger } from './logger';
import { SettingsProvider } from './settings';
import { EDIT_DELAY_MS, Validator } from './validation';
import { WorkspacePaths, uriToPath } from './workspacePaths';

const initializationOptionsSchema = z
  .object({ rulesDocUri: z.string().min(1).optional(), markedFiles: z.array(z.string()).optional() })
  .catch({});

const markedFilesSchema = z.object({ uris: z.array(z.string()) });
const importSnapshotParamsSchema = z.object({ uri: z.string() });

/** Wires the LSP handlers to the store, the validator and the feature providers. */
export function startServer(connection: Connection): void {
  const logger = new Logger(connection);
  const store = new DocumentStore(logger);
  const settings = new SettingsProvider(connection, logger);
  const configFiles = new ConfigFiles();
  const workspacePaths = new WorkspacePaths();
  let rulesDocUri = defaultRulesDocUri();
  let ruleLink = ruleLinks(rulesDocUri);
  const validator = new Validator({ connection, store, settings, configFiles, workspacePaths, logger, ruleLink: (code) => ruleLink(code) });
  const capabilities = { registerConfiguration: false, registerWatchers: false, workspaceFolders: false };

  const on = <A extends unknown[], R>(name: string, fallback: R, handler: (...args: A) => R | Promise<R>) => guard(logger, name, fallback, handler);

  connection.onInitialize(
    on('initialize', { capabilities: {} } as InitializeResult, (params: InitializeParams): InitializeResult => {
      const client = params.capabilities;
      settings.canPull = client.workspace?.configuration === true;
      capabilities.registerConfiguration = client.workspace?.didChangeConfiguration?.dynamicRegistration === true;
      capabilities.registerWatchers = client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      capabilities.workspaceFolders = client.workspace?.workspaceFolders === true;
      workspacePaths.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
      const options = initializationOptionsSchema.parse(params.initializationOptions ?? {});
      if (options.rulesDocUri) {
        rulesDocUri = options.rulesDocUri;
        ruleLink = ruleLinks(rulesDocUri);
      }
      if (options.markedFiles) store.setMarked(options.markedFiles);
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
          hoverProvider: true,
          completionProvider: {},
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'Classworks Enrollment Tools' },
      };
    }),
  );

  connection.onInitialized(
    on('initialized', undefined, () => {
      if (capabilities.registerConfiguration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'classworks' }).catch((e) => logger.error('Classworks: could not watch settings', e));
      }
      if (capabilities.registerWatchers) {
        void connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.classworks.json' }] })
          .catch((e) => logger.error('Classworks: could not watch .classworks.json files', e));
      }
      if (capabilities.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          on('didChangeWorkspaceFolders', undefined, (event) => {
            workspacePaths.change(event.added, event.removed);
            validator.scheduleAll();
          }),
        );
      }
      logger.info(`Classworks language server started (Node ${process.version}); rule docs at ${rulesDocUri}`);
    }),
  );

  connection.onDidOpenTextDocument(
    on('didOpen', undefined, (params) => {
      const state = store.open(params);
      if (isConfigFile(state.path) && configFiles.setOpenText(state.path as string, state.text.getText())) validator.scheduleAll(0);
      else validator.schedule(state.uri, 0);
    }),
  );

  connection.onDidChangeTextDocument(
    on('didChange', undefined, (params) => {
      const state = store.change(params);
      if (!state) return;
      if (isConfigFile(state.path)) {
        configFiles.setOpenText(state.path as string, state.text.getText());
        validator.scheduleAll(EDIT_DELAY_MS);
      } else validator.schedule(state.uri);
    }),
  );

  connection.onDidCloseTextDocument(
    on('didClose', undefined, (params) => {
      const uri = params.textDocument.uri;
      const state = store.close(uri);
      store.forgetDiskFacts(uri);
      settings.forget(uri);
      logger.forgetDocument(uri);
      validator.cleared(uri);
      if (state && isConfigFile(state.path)) {
        configFiles.closeOpenText(state.path as string);
        validator.scheduleAll(0);
      }
    }),
  );

  connection.onDidChangeConfiguration(
    on('didChangeConfiguration', undefined, (params) => {
      settings.changed(params.settings);
      validator.scheduleAll(0);
    }),
  );

  connection.onDidChangeWatchedFiles(
    on('didChangeWatchedFiles', undefined, (params) => {
      let configChanged = false;
      for (const change of params.changes) {
        const changedPath = uriToPath(change.uri);
        if (changedPath !== undefined && isConfigFile(changedPath)) {
          configFiles.changedOnDisk(changedPath);
          configChanged = true;
        }
      }
      if (configChanged) validator.scheduleAll(0);
    }),
  );

  connection.onNotification(
    MARKED_FILES_NOTIFICATION,
    on('markedFiles', undefined, (params: unknown) => {
      const parsed = markedFilesSchema.safeParse(params);
      if (!parsed.success) {
        logger.warn(`Classworks: ignored a malformed ${MARKED_FILES_NOTIFICATION} notification`);
        return;
      }
      store.setMarked(parsed.data.uris);
      validator.scheduleAll(0);
    }),
  );

  connection.onNotification(
    DISK_FACTS_NOTIFICATION,
    on('diskFacts', undefined, (params: unknown) => {
      const parsed = diskFactsParamsSchema.safeParse(params);
      if (!parsed.success) {
        logger.warn(`Classworks: ignored a malformed ${DISK_FACTS_NOTIFICATION} notification`);
        return;
      }
      const uri = parsed.data.uri;
      if (store.setDiskFacts(uri, diskFactsOf(parsed.data))) validator.schedule(uri, 0);
    }),
  );

  connection.onRequest(
    IMPORT_SNAPSHOT_REQUEST,
    on('importSnapshot', null as ImportSnapshot | null, (params: unknown) => {
      const parsed = importSnapshotParamsSchema.safeParse(params);
      if (!parsed.success) return null;
      const state = store.get(parsed.data.uri);
      return state ? (importSnapshot(state, configFiles.forFile(state.path)) ?? null) : null;
    }),
  );

  connection.onCodeAction(
    on('codeAction', [] as CodeAction[], (params) => {
      const state = store.get(params.textDocument.uri);
      return state ? codeActions(state, params) : [];
    }),
  );

  connection.onHover(
    on('hover', null as Hover | null, (params) => {
      const state = store.get(params.textDocument.uri);
      return state ? hover(state, params.position) : null;
    }),
  );

  connection.onCompletion(
    on('completion', [] as CompletionItem[], (params) => {
      const state = store.get(params.textDocument.uri);
      if (!state) return [];
      return completion(state, params.position, configFiles.forFile(state.path).config.schools);
    }),
  );

  process.on('uncaughtException', (error) => logger.error('Classworks: unexpected error (the server carries on)', error));
  process.on('unhandledRejection', (error) => logger.error('Classworks: unexpected rejection (the server carries on)', error));
}
