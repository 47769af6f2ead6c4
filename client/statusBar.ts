import * as vscode from 'vscode';
import type { FileStatusParams } from '../core/protocol/lspProtocol';
import type { FileStatusStore } from './fileStatusStore';

/** What the status bar item shows, also returned by the extension API for tests. */
export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
  /** Theme colour id of the background, e.g. `statusBarItem.errorBackground`, or undefined. */
  backgroundColor: string | undefined;
}

const ERROR_BACKGROUND = 'statusBarItem.errorBackground';

/**
 * The active editor's problem counts ("$(error) 2 $(warning) 1"), hidden unless the server
 * lints that file. The tooltip says why the file is linted; a click opens the Problems view.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private current: StatusBarState = { visible: false, text: '', tooltip: '', backgroundColor: undefined };
  private readonly changed = new vscode.EventEmitter<StatusBarState>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly statuses: FileStatusStore) {
    // On the right, with the other facts about the active file (position, encoding, language),
    // apart from VS Code's own workspace-wide problem counts on the left.
    this.item = vscode.window.createStatusBarItem('classworks.fileStatus', vscode.StatusBarAlignment.Right, 101);
    this.item.name = 'Classworks Enrollment File';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      statuses.onDidChange(({ uri }) => {
        if (uri.toString() === activeUri()?.toString()) this.update();
      }),
    );
    this.update();
  }

  get state(): StatusBarState {
    return { ...this.current };
  }

  update(): void {
    const uri = activeUri();
    const status = uri && this.statuses.get(uri);
    const next = status?.linted ? render(status) : { visible: false, text: '', tooltip: '', backgroundColor: undefined };
    if (next.visible) {
      this.item.text = next.text;
      this.item.tooltip = next.tooltip;
      this.item.backgroundColor = next.backgroundColor ? new vscode.ThemeColor(next.backgroundColor) : undefined;
      this.item.accessibilityInformation = { label: `Classworks: ${next.tooltip}` };
      this.item.show();
    } else {
      this.item.hide();
    }
    if (JSON.stringify(next) !== JSON.stringify(this.current)) {
      this.current = next;
      this.changed.fire(this.state);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function activeUri(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

export function render(status: FileStatusParams): StatusBarState {
  const parts = [`$(error) ${status.errors}`, `$(warning) ${status.warnings}`];
  if (status.infos > 0) parts.push(`$(info) ${status.infos}`);
  const counts = [
    plural(status.errors, 'error'),
    plural(status.warnings, 'warning'),
    ...(status.infos > 0 ? [plural(status.infos, 'info message', 'info messages')] : []),
  ].join(', ');
  return {
    visible: true,
    text: parts.join(' '),
    tooltip: `Classworks enrollment file: ${counts}. ${status.reason}\nClick to open the Problems view.`,
    backgroundColor: status.errors > 0 ? ERROR_BACKGROUND : undefined,
  };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
