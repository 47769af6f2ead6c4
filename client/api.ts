import type * as vscode from 'vscode';
import type { District } from '../core/importApi/district';
import type { ImportSummary } from '../core/importApi/imports';
import type { FileStatusParams } from '../core/protocol/lspProtocol';
import type { ConnectionState, PanelState, Step, WebviewMessage } from './panel/shared/protocol';
import type { StatusBarState } from './statusBar';

/**
 * What `activate` returns (vscode.extensions.getExtension(id).exports): read-only views of the
 * extension's state, for the extension tests and for other extensions.
 */
export interface ClassworksExtensionApi {
  /** Settles once the language server has started (or failed to start). */
  readonly ready: Promise<void>;
  /** The server's last `classworks/fileStatus` for a document, if any. */
  fileStatus(uri: vscode.Uri): FileStatusParams | undefined;
  readonly onDidChangeFileStatus: vscode.Event<{ uri: vscode.Uri; status: FileStatusParams | undefined }>;
  /** What the status bar item shows for the active editor. */
  statusBar(): StatusBarState;
  readonly onDidChangeStatusBar: vscode.Event<StatusBarState>;
  /** Files marked with "Treat This File as an Enrollment File" in this workspace. */
  markedFiles(): vscode.Uri[];
  readonly onDidChangeMarkedFiles: vscode.Event<readonly vscode.Uri[]>;
  /** Fires each time a (re)started server has received the marked files. */
  readonly onDidStartServer: vscode.Event<void>;
  /** The import panel (open it with the command "classworks.openImportPanel"). */
  readonly importPanel: {
    /** The state the panel last sent its webview; undefined while no panel is open. */
    state(): PanelState | undefined;
    readonly onDidChangeState: vscode.Event<PanelState>;
    /** Handles a message as if the panel's webview had sent it (validated the same way). */
    receive(message: WebviewMessage): Promise<void>;
    /** Every valid message the panel received, from its webview or from `receive`. */
    readonly onDidReceiveMessage: vscode.Event<WebviewMessage>;
    /** How many times a webview completed the ready handshake. */
    handshakes(): number;
    /** What the webview's Content-Security-Policy blocked (reported by the webview; empty unless a bug). */
    cspViolations(): readonly string[];
    /** The step a command last asked the panel to show (Submit Import: review; Show Import History: history). */
    lastRequestedStep(): Step | undefined;
    /** A watched import reached its final status (the user is notified too). */
    readonly onDidFinishImport: vscode.Event<ImportSummary>;
  };
  /** The district connection (remote or the local sandbox). */
  readonly district: {
    state(): ConnectionState;
    district(): District | null;
    /** The sandbox's process id while this window runs it. */
    sandboxPid(): number | undefined;
    readonly onDidChange: vscode.Event<void>;
  };
}

export type { ConnectionState, FileStatusParams, PanelState, StatusBarState, WebviewMessage };
