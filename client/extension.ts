// Entry of the VS Code extension (bundled to dist/extension.js). Wires the parts together;
// each part lives in its own file.
import * as vscode from 'vscode';
import type { ClassworksExtensionApi } from './api';
import { registerImportCommands } from './commands/importCommands';
import { registerCommands } from './commands/register';
import { ActiveFileContextKeys } from './contextKeys';
import { DistrictConnection } from './district/districtConnection';
import { FileStatusStore } from './fileStatusStore';
import { CONTEXT_KEYS, OUTPUT_CHANNEL_NAME } from './ids';
import { ServerConnection } from './languageClient';
import { MarkedFilesStore } from './markedFiles';
import { ImportPanels } from './panel/importPanels';
import { StatusBar } from './statusBar';

let server: ServerConnection | undefined;
let district: DistrictConnection | undefined;

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
  const districtConnection = new DistrictConnection(context, output);
  district = districtConnection;
  const panels = new ImportPanels({ context, output, server: connection, statuses, marked, district: districtConnection });
  context.subscriptions.push(
    output,
    marked,
    statuses,
    connection,
    statusBar,
    contextKeys,
    ...registerCommands({ context, output, marked, server: connection }),
    districtConnection,
    panels,
    ...registerImportCommands(panels, districtConnection),
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
    importPanel: {
      state: () => panels.state,
      onDidChangeState: panels.onDidChangeState,
      receive: async (message) => {
        const panel = panels.panel;
        if (!panel) throw new Error('the import panel is not open');
        await panel.receive(message);
      },
      onDidReceiveMessage: panels.onDidReceiveMessage,
      handshakes: () => panels.handshakes,
      cspViolations: () => panels.cspViolations,
      lastRequestedStep: () => panels.panel?.lastRequestedStep,
      onDidFinishImport: panels.history.onDidFinish,
    },
    district: {
      state: () => districtConnection.state,
      district: () => districtConnection.district,
      sandboxPid: () => districtConnection.sandboxPid,
      onDidChange: districtConnection.onDidChange,
    },
  };
}

export async function deactivate(): Promise<void> {
  const connection = server;
  server = undefined;
  const sandbox = district;
  district = undefined;
  // The sandbox district stops with the extension (its data stays in global storage).
  await Promise.all([connection?.stop(), sandbox?.stopSandbox()]);
}
