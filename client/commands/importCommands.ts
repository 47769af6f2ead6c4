import * as vscode from 'vscode';
import { z } from 'zod';
import { plainHttpRisk } from '../../core/importApi/transport';
import { type DistrictConnection, normalizeServiceUrl } from '../district/districtConnection';
import { COMMANDS, SETTINGS } from '../ids';
import type { ImportPanels } from '../panel/importPanels';

/** `classworks.connectDistrict` may be given the URL and token (automation, tests): no prompts then. */
const connectArgsSchema = z.object({ url: z.string().min(1), token: z.string().min(1) });
/** `classworks.stopSandbox` may be given `{ confirmed: true }` (automation, tests): no confirmation then. */
const stopSandboxArgsSchema = z.object({ confirmed: z.literal(true) });

/** The import commands: panel, submit, history, and the district connection. */
export function registerImportCommands(panels: ImportPanels, district: DistrictConnection): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openImportPanel, async (arg?: unknown) => {
      await panels.open(csvUri(arg));
    }),
    vscode.commands.registerCommand(COMMANDS.submitImport, (arg?: unknown) => panels.submit(csvUri(arg))),
    vscode.commands.registerCommand(COMMANDS.showImportHistory, () => panels.showHistory()),
    vscode.commands.registerCommand(COMMANDS.connectDistrict, (arg?: unknown) => connectDistrict(district, arg)),
    vscode.commands.registerCommand(COMMANDS.startSandbox, async () => {
      try {
        await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Classworks: starting the local sandbox district…' },
          () => district.startSandbox(csvUri(undefined)),
        );
        vscode.window.setStatusBarMessage(`$(check) Classworks: connected to the local sandbox district (${district.state.url}).`, 5000);
        return true;
      } catch (error) {
        void vscode.window.showErrorMessage(`Classworks: ${(error as Error).message}`);
        return false;
      }
    }),
    vscode.commands.registerCommand(COMMANDS.stopSandbox, (arg?: unknown) => stopSandbox(district, stopSandboxArgsSchema.safeParse(arg).success)),
    vscode.commands.registerCommand(COMMANDS.disconnectDistrict, async () => {
      const was = district.state;
      await district.disconnect();
      vscode.window.setStatusBarMessage(
        was.kind === 'sandbox' ? 'Classworks: the local sandbox district is stopped (its data is kept).' : 'Classworks: disconnected; the token is forgotten.',
        5000,
      );
    }),
  ];
}

/**
 * "Stop Local Sandbox District": the sandbox this window started, or the one another window
 * started (this window joined it, or finds it running). Asked first, since every window that
 * uses it loses its district. Returns whether a sandbox was stopped.
 */
async function stopSandbox(district: DistrictConnection, confirmed: boolean): Promise<boolean> {
  const url = await district.runningSandboxUrl();
  if (!url) {
    void vscode.window.showInformationMessage('Classworks: no local sandbox district is running.');
    return false;
  }
  if (!confirmed) {
    const answer = await vscode.window.showWarningMessage(
      `Stop the local sandbox district at ${url}?`,
      {
        modal: true,
        detail:
          'Every VS Code window that uses it, not only this one, loses its district until one of them starts it again. Its data (schools, users, imports) is kept for the next start.',
      },
      'Stop Sandbox',
    );
    if (answer !== 'Stop Sandbox') return false;
  }
  let stopped: string | undefined;
  try {
    stopped = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Classworks: stopping the local sandbox district…' },
      () => district.stopLocalSandbox(),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Classworks: could not stop the local sandbox district: ${(error as Error).message}`);
    return false;
  }
  if (!stopped) {
    void vscode.window.showInformationMessage('Classworks: no local sandbox district is running.');
    return false;
  }
  vscode.window.setStatusBarMessage(`$(check) Classworks: the local sandbox district at ${stopped} is stopped (its data is kept).`, 5000);
  return true;
}

/** The CSV a command acts on: the URI it was given, else the active editor's. */
function csvUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return vscode.window.activeTextEditor?.document.uri;
}

/**
 * "Connect to District": the import service's URL (kept in the setting classworks.district.url)
 * and an administrator's token (kept in SecretStorage only). The connection is checked before
 * anything is saved. Returns whether it connected.
 */
async function connectDistrict(district: DistrictConnection, arg: unknown): Promise<boolean> {
  const given = connectArgsSchema.safeParse(arg);
  let url: string | undefined;
  let token: string | undefined;
  if (given.success) {
    ({ url, token } = given.data);
    if (!(await plainHttpAccepted(url))) return false;
  } else {
    const saved = vscode.workspace.getConfiguration().get<string>(SETTINGS.districtUrl, '');
    url = await vscode.window.showInputBox({
      title: 'Classworks: Connect to District (1/2)',
      prompt: "The address of the district's Classworks import service",
      placeHolder: 'https://imports.example.org',
      value: saved || undefined,
      ignoreFocusOut: true,
      validateInput: (value) => {
        try {
          normalizeServiceUrl(value);
          return undefined;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    if (url === undefined) return false;
    // Before the token is typed: the user may want to enter the https:// address instead.
    if (!(await plainHttpAccepted(url))) return false;
    token = await vscode.window.showInputBox({
      title: 'Classworks: Connect to District (2/2)',
      prompt: "A district administrator's API token. It is kept in VS Code's secret storage, never in settings.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter the token.' : /\s/.test(value.trim()) ? 'A token has no spaces.' : undefined),
    });
    if (token === undefined) return false;
    token = token.trim();
  }
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Classworks: connecting to ${url}…` },
      () => district.connectRemote(url as string, token as string),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Classworks: could not connect to the district: ${(error as Error).message}`);
    return false;
  }
  vscode.window.setStatusBarMessage(`$(check) Classworks: connected to ${district.district?.name ?? url}.`, 5000);
  return true;
}

/**
 * A token sent over plain HTTP to another computer can be read on the way: ask first (every
 * path, the given-arguments one too). Loopback addresses (the sandbox) and https are not asked.
 */
async function plainHttpAccepted(url: string): Promise<boolean> {
  const risk = plainHttpRisk(url);
  if (!risk) return true;
  const answer = await vscode.window.showWarningMessage(
    `${risk.host} is reached over plain HTTP: the administrator's token and every uploaded CSV, with the users' passwords, would travel unencrypted.`,
    { modal: true, detail: 'Use the https:// address of the import service if it has one. Plain http:// is safe only to this computer (127.0.0.1, localhost).' },
    'Connect Anyway',
  );
  return answer === 'Connect Anyway';
}
