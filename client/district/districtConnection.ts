import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, findConfigFile, parseConfig, type School } from '../../core';
import { ImportServiceClient } from '../../core/importApi/client';
import type { Account, District, DistrictSeed } from '../../core/importApi/district';
import sampleDistrict from '../../samples/district/.classworks.json';
import { CONTEXT_KEYS, SECRET_KEYS, SETTINGS } from '../ids';
import type { ConnectionState } from '../panel/shared/protocol';
import { joinRunningSandbox, SandboxProcess, stopRunningSandbox } from './sandboxProcess';

/** The custom groups a new sandbox district has, so that "add the students to a group" can be tried. */
export const SANDBOX_GROUPS = ['Reading Intervention', 'After-School Tutoring'];
const SANDBOX_BUNDLE = 'dist/import-service.js';
/** globalState: which kind of district was last connected (the sandbox is started again on the next use). */
const LAST_KIND_KEY = 'classworks.district.lastKind';
const VERIFY_TIMEOUT_MS = 15_000;

interface Active {
  kind: 'remote' | 'sandbox';
  url: string;
  client: ImportServiceClient;
  account: Account;
  district: District;
}

/**
 * The district the extension imports into: a remote import service (URL in the setting
 * `classworks.district.url`, token in SecretStorage — never in settings), or the local
 * sandbox district, a child process this class starts and stops.
 */
export class DistrictConnection implements vscode.Disposable {
  private active: Active | undefined;
  private current: ConnectionState = { status: 'disconnected', kind: null, url: null, account: null, message: null };
  private sandbox: SandboxProcess | undefined;
  private restoring: Promise<void> | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get state(): ConnectionState {
    return { ...this.current };
  }

  get district(): District | null {
    return this.active?.district ?? null;
  }

  get client(): ImportServiceClient | undefined {
    return this.active?.client;
  }

  get kind(): 'remote' | 'sandbox' | null {
    return this.active?.kind ?? this.current.kind;
  }

  /** The sandbox process's id while this window runs it (for tests and the output). */
  get sandboxPid(): number | undefined {
    return this.sandbox?.running ? this.sandbox.pid : undefined;
  }

  /**
   * Reconnects to the district last used, once: the local sandbox district (started again:
   * it stopped with the extension) or the remote one saved in the settings (its token in
   * SecretStorage). Quiet: a failure only shows in the state.
   */
  restore(): Promise<void> {
    if (this.active || this.current.status === 'connecting') return Promise.resolve();
    this.restoring ??= (async () => {
      if (this.context.globalState.get<string>(LAST_KIND_KEY) === 'sandbox') {
        try {
          await this.startSandbox();
        } catch {
          // The state says what failed.
        }
        return;
      }
      const url = savedUrl();
      if (!url) return;
      const token = await this.context.secrets.get(SECRET_KEYS.districtToken(url));
      if (!token || this.active) return;
      try {
        await this.connectRemote(url, token);
      } catch {
        // The state says what failed.
      }
    })().finally(() => (this.restoring = undefined));
    return this.restoring;
  }

  /** Connects to a remote import service; the token is kept in SecretStorage, the URL in the settings. */
  async connectRemote(url: string, token: string): Promise<void> {
    const base = normalizeServiceUrl(url);
    const generation = await this.reset({ status: 'connecting', kind: 'remote', url: base, account: null, message: null });
    const client = new ImportServiceClient({ baseUrl: base, token });
    try {
      const { account, district } = await verify(client);
      if (generation !== this.generation) return;
      await this.context.secrets.store(SECRET_KEYS.districtToken(base), token);
      if (savedUrl() !== base) await vscode.workspace.getConfiguration().update(SETTINGS.districtUrl, base, vscode.ConfigurationTarget.Global);
      this.activate({ kind: 'remote', url: base, client, account, district });
      this.output.info(`Connected to district "${district.name}" at ${base} as ${account.username}`);
    } catch (error) {
      if (generation === this.generation) this.fail('remote', base, `Could not connect to ${base}: ${message(error)}`);
      throw error;
    }
  }

  /**
   * Starts the local sandbox district (or joins the one another window of this VS Code runs)
   * and connects to it. Its schools come from the `.classworks.json` of `near` (or of the
   * workspace), else from the sample district.
   */
  async startSandbox(near?: vscode.Uri): Promise<void> {
    if (this.active?.kind === 'sandbox' && this.sandbox?.running) return;
    const generation = await this.reset({ status: 'connecting', kind: 'sandbox', url: null, account: null, message: 'Starting the local sandbox district…' });
    const { root, dataDir, instanceFile } = this.sandboxPaths();
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      let token = await this.sandboxToken();
      const joined = await joinRunningSandbox(instanceFile, dataDir, token);
      let url: string;
      if (joined) {
        url = joined.url;
        if (joined.token !== token) {
          // The running sandbox was started with a token this window no longer had: keep its.
          token = joined.token;
          await this.context.secrets.store(SECRET_KEYS.sandboxToken, token);
        }
        this.output.info(`Joined the sandbox district that another window runs at ${joined.url}`);
      } else {
        const seedFile = path.join(root, 'seed.json');
        const { seed, from } = await sandboxSeed(near);
        fs.writeFileSync(seedFile, `${JSON.stringify(seed, null, 2)}\n`);
        this.output.info(`Sandbox district schools from ${from}`);
        const processNow = vscode.workspace.getConfiguration().get<boolean>(SETTINGS.sandboxProcessNow, true);
        this.output.info(`Starting the sandbox district (data in ${dataDir}; imports processed ${processNow ? 'at once' : 'in the off-peak window'})`);
        const process = await SandboxProcess.start({
          bundle: this.context.asAbsolutePath(SANDBOX_BUNDLE),
          dataDir,
          token,
          seedFile,
          processNow,
          log: (line) => this.output.info(`[sandbox] ${line}`),
        });
        this.sandbox = process;
        url = process.url;
        fs.writeFileSync(instanceFile, JSON.stringify({ pid: process.pid, url }));
        process.onExit((code, signal) => {
          if (this.sandbox !== process) return;
          this.sandbox = undefined;
          void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sandboxRunning, false);
          if (this.active?.kind === 'sandbox') {
            this.active = undefined;
            this.fail('sandbox', url ?? null, `The local sandbox district stopped (${signal ?? `exit code ${code}`}). Start it again with "Classworks: Start Local Sandbox District".`);
          }
        });
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sandboxRunning, true);
      }
      const client = new ImportServiceClient({ baseUrl: url, token });
      const { account, district } = await verify(client);
      if (generation !== this.generation) return;
      this.activate({ kind: 'sandbox', url, client, account, district });
      this.output.info(`Connected to the sandbox district "${district.name}" at ${url}`);
    } catch (error) {
      if (generation === this.generation) {
        await this.stopSandbox();
        this.fail('sandbox', null, message(error));
      }
      throw error;
    }
  }

  /** Forgets the remote district's token, or stops the sandbox district. */
  async disconnect(): Promise<void> {
    const was = this.active;
    await this.reset({ status: 'disconnected', kind: null, url: null, account: null, message: null });
    await this.context.globalState.update(LAST_KIND_KEY, undefined);
    if (was?.kind === 'remote') await this.context.secrets.delete(SECRET_KEYS.districtToken(was.url));
    this.output.info(was ? `Disconnected from ${was.url}` : 'Disconnected');
  }

  /** Where the local sandbox district runs (started by this window or another one), or undefined. */
  async runningSandboxUrl(): Promise<string | undefined> {
    if (this.sandbox?.running) return this.active?.kind === 'sandbox' ? this.active.url : this.sandbox.url;
    const { dataDir, instanceFile } = this.sandboxPaths();
    const token = (await this.context.secrets.get(SECRET_KEYS.sandboxToken)) ?? '';
    return (await joinRunningSandbox(instanceFile, dataDir, token))?.url;
  }

  /**
   * "Stop Local Sandbox District": stops the sandbox whichever window started it — this one
   * (its child process), or another one that this window joined or could join (POST /shutdown
   * with the sandbox's administrator token). Other windows that use it lose their district.
   * Returns where it ran, or undefined when no sandbox was running.
   */
  async stopLocalSandbox(): Promise<string | undefined> {
    const own = this.sandbox?.running ? (this.active?.kind === 'sandbox' ? this.active.url : this.sandbox.url) : undefined;
    const usedHere = this.active?.kind === 'sandbox' || this.current.kind === 'sandbox';
    let stopped: string | undefined;
    if (own) {
      await this.reset({ status: 'disconnected', kind: null, url: null, account: null, message: null });
      stopped = own;
    } else {
      const { dataDir, instanceFile } = this.sandboxPaths();
      const token = (await this.context.secrets.get(SECRET_KEYS.sandboxToken)) ?? '';
      stopped = await stopRunningSandbox(instanceFile, dataDir, token);
      if (usedHere) await this.reset({ status: 'disconnected', kind: null, url: null, account: null, message: null });
    }
    // Not started again by itself on the next start of the extension.
    if (usedHere || stopped) await this.context.globalState.update(LAST_KIND_KEY, undefined);
    if (stopped) this.output.info(`Stopped the sandbox district at ${stopped}${own ? '' : ' (another window had started it)'}`);
    return stopped;
  }

  /** Reads the district (schools, groups) again. */
  async refreshDistrict(signal?: AbortSignal): Promise<District | null> {
    const active = this.active;
    if (!active) return null;
    const district = await active.client.getDistrict({ signal });
    if (this.active === active) {
      active.district = district;
      this.changed.fire();
    }
    return district;
  }

  /** Stops the sandbox process this window started (when the extension stops). */
  async stopSandbox(): Promise<void> {
    const process = this.sandbox;
    this.sandbox = undefined;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sandboxRunning, false);
    if (!process) return;
    await process.stop();
    this.output.info('Stopped the sandbox district');
  }

  dispose(): void {
    void this.stopSandbox();
    this.changed.dispose();
  }

  private async reset(next: ConnectionState): Promise<number> {
    const generation = ++this.generation;
    const was = this.active;
    this.active = undefined;
    if (was?.kind === 'sandbox' || (next.kind !== 'sandbox' && this.sandbox)) await this.stopSandbox();
    this.setState(next);
    return generation;
  }

  private activate(active: Active): void {
    this.active = active;
    void this.context.globalState.update(LAST_KIND_KEY, active.kind);
    this.setState({
      status: 'connected',
      kind: active.kind,
      url: active.url,
      account: { name: active.account.name, username: active.account.username },
      message: null,
    });
  }

  private fail(kind: 'remote' | 'sandbox', url: string | null, text: string): void {
    this.output.warn(text);
    this.setState({ status: 'failed', kind, url, account: null, message: text });
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.districtConnected, state.status === 'connected');
    this.changed.fire();
  }

  private sandboxPaths(): { root: string; dataDir: string; instanceFile: string } {
    const root = path.join(this.context.globalStorageUri.fsPath, 'sandbox');
    return { root, dataDir: path.join(root, 'data'), instanceFile: path.join(root, 'instance.json') };
  }

  private async sandboxToken(): Promise<string> {
    const existing = await this.context.secrets.get(SECRET_KEYS.sandboxToken);
    if (existing) return existing;
    const token = `sbx_${randomBytes(24).toString('base64url')}`;
    await this.context.secrets.store(SECRET_KEYS.sandboxToken, token);
    return token;
  }
}

/** `https://host/x/` -> `https://host/x`; throws a sentence for anything but an http(s) URL. */
export function normalizeServiceUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a URL: enter the import service's address, e.g. https://imports.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The import service's URL must start with http:// or https:// (not ${url.protocol}).`);
  if (url.username || url.password) throw new Error('Put the token in the token box, not in the URL.');
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

function savedUrl(): string | undefined {
  const value = vscode.workspace.getConfiguration().get<string>(SETTINGS.districtUrl, '').trim();
  if (!value) return undefined;
  try {
    return normalizeServiceUrl(value);
  } catch {
    return undefined;
  }
}

async function verify(client: ImportServiceClient): Promise<{ account: Account; district: District }> {
  const signal = AbortSignal.timeout(VERIFY_TIMEOUT_MS);
  await client.health({ signal });
  const account = await client.me({ signal });
  if (account.role !== 'district-admin') {
    throw new Error(`this token belongs to ${account.name} (${account.role}); only district administrators can import users.`);
  }
  const district = await client.getDistrict({ signal });
  return { account, district };
}

/** The URL of a sandbox another window of this VS Code started, when it is up and takes our token. */
/**
 * The sandbox's seed: the schools of the `.classworks.json` at the root of a workspace folder
 * (the district's, whichever file is open), else of the one nearest to `near` (the active file),
 * else of any in the workspace, else of the sample district. The sandbox is one district for
 * the whole window: which file happened to be active when it started must not decide its
 * schools when the workspace has a district-wide file.
 */
export async function sandboxSeed(near?: vscode.Uri): Promise<{ seed: DistrictSeed; from: string }> {
  let schools: School[] | undefined;
  let from = 'the sample district';
  const candidates: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const root = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
    if (fs.existsSync(root)) candidates.push(root);
  }
  if (near?.scheme === 'file') {
    const found = findConfigFile(near.fsPath);
    if (found) candidates.push(found);
  }
  for (const uri of await vscode.workspace.findFiles('**/.classworks.json', '**/node_modules/**', 5)) candidates.push(uri.fsPath);
  for (const file of candidates) {
    try {
      const { config, errors } = parseConfig(fs.readFileSync(file, 'utf8'));
      if (errors.length === 0 && config.schools && config.schools.length > 0) {
        schools = config.schools;
        from = file;
        break;
      }
    } catch {
      // unreadable: try the next
    }
  }
  schools ??= sampleDistrict.schools;
  const seed: DistrictSeed = {
    name: 'Sandbox District',
    schools: schools.map((s) => ({ sisId: s.sisId, name: s.name || s.sisId })),
    groups: SANDBOX_GROUPS,
    admin: { name: 'Sandbox Administrator', email: 'admin@sandbox.classworks.invalid' },
  };
  return { seed, from };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
