import type * as vscode from 'vscode';
import type { FileStatusParams } from '../core/protocol/lspProtocol';
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
}

export type { FileStatusParams, StatusBarState };
