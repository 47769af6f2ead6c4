// Entry of the VS Code extension (bundled to dist/extension.js). Wires the parts together;
// each part lives in its own file.
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from './api';
import { registerCommands } from './commands/register';
import { ActiveFileContextKeys } from './contextKeys';
import { FileStatusStore } from './fileStatusStore';
import { CONTEXT_KEYS, OUTPUT_CHANNEL_NAME } from './ids';
import { ServerConnection } from './languageClient';
import { MarkedFilesStore } from './markedFiles';
import { StatusBar } from './statusBar';

let server: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): ClassworksExtensionApi {
  // A log channel: the client's messages and, with classworks.trace.server, the LSP trace.
  // It is never revealed automatically ("Classworks: Show Output" opens it).
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const marked = new MarkedFilesStore(context.workspaceState);
  const statuses = new FileStatusStore();
  const connection = new ServerConnection(context, output, marked, statuses);
  server = connection;
  const statusBar = new StatusBar(statuses);
  const contextKeys = new ActiveFileContextKeys(statuses, marked);
  context.subscriptions.push(
    output,
    marked,
    statuses,
    connection,
    statusBar,
    contextKeys,
    ...registerCommands({ context, output, marked, server: connection }),
  );
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.clientStarted, true);

  const ready = connection.start();
  return {
    ready,
    fileStatus: (uri) => statuses.get(uri),
    onDidChangeFileStatus: statuses.onDidChange,
    statusBar: () => statusBar.state,
    onDidChangeStatusBar: statusBar.onDidChange,
    markedFiles: () => marked.list(),
    onDidChangeMarkedFiles: marked.onDidChange,
    onDidStartServer: connection.onDidStart,
  };
}

export async function deactivate(): Promise<void> {
  const connection = server;
  server = undefined;
  await connection?.stop();
}
