/**
 * The bundled import service (dist/import-service.js) run as a child process: the local
 * sandbox district. Started with VS Code's own Node runtime (process.execPath with
 * ELECTRON_RUN_AS_NODE=1: inside VS Code that is Electron's Node; in code-server, Node),
 * on loopback, on a free port. No vscode: unit-testable with plain Node.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportServiceClient, ImportServiceError } from '../../core/importApi/client';
import { processAlive } from '../../core/processAlive';

export interface SandboxStartOptions {
  /** Absolute path of dist/import-service.js. */
  bundle: string;
  dataDir: string;
  /** The administrator token (16–512 printable characters). */
  token: string;
  seedFile?: string;
  /** Process imports at once instead of in the off-peak window. */
  processNow: boolean;
  /** Receives the service's log lines (never the token: it is passed in, so never printed; any echo is redacted). */
  log: (line: string) => void;
  /** Deadline for the "listening on" line. */
  startTimeoutMs?: number;
  /** The runtime; defaults to process.execPath. */
  execPath?: string;
}

export interface SandboxLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * How the sandbox is spawned. With --allow-shutdown: another window that uses it can stop it
 * (POST /shutdown with the administrator's token; see stopRunningSandbox). The token travels in the child's environment
 * (CLASSWORKS_IMPORT_TOKEN), never on its command line: any local user can read another
 * process's arguments (ps, /proc/<pid>/cmdline), while its environment is readable only by
 * its owner.
 */
export function sandboxLaunch(
  options: Pick<SandboxStartOptions, 'bundle' | 'dataDir' | 'token' | 'seedFile' | 'processNow' | 'execPath'>,
  parentEnv: NodeJS.ProcessEnv = process.env,
): SandboxLaunch {
  const args = [options.bundle, '--data', options.dataDir, '--port', '0', '--host', '127.0.0.1', '--allow-shutdown'];
  if (options.seedFile) args.push('--seed', options.seedFile);
  if (options.processNow) args.push('--process-now');
  return {
    command: options.execPath ?? process.execPath,
    args,
    env: { ...parentEnv, ELECTRON_RUN_AS_NODE: '1', CLASSWORKS_IMPORT_TOKEN: options.token },
  };
}

const LISTENING = /^listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/;

export class SandboxProcess {
  private exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.once('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      for (const listener of this.exitListeners) listener(code, signal);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Called when the process ends, whoever ended it. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    if (this.exitInfo) listener(this.exitInfo.code, this.exitInfo.signal);
    else this.exitListeners.push(listener);
  }

  static start(options: SandboxStartOptions): Promise<SandboxProcess> {
    const launch = sandboxLaunch(options);
    const redact = (line: string) => line.split(options.token).join('‹token›');
    const child = spawn(launch.command, launch.args, {
      env: launch.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    return new Promise<SandboxProcess>((resolve, reject) => {
      let settled = false;
      let stdout = '';
      let stderrTail: string[] = [];
      const timer = setTimeout(() => {
        fail(new Error(`The sandbox district did not start within ${(options.startTimeoutMs ?? 30_000) / 1000} s.`));
        child.kill('SIGKILL');
      }, options.startTimeoutMs ?? 30_000);
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      child.once('error', (error) => fail(new Error(`The sandbox district could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => {
        const why = stderrTail.map((l) => l.replace(/^\S+Z (info|warn|error) /, '')).join(' ').trim();
        fail(new Error(`The sandbox district stopped while starting (${signal ?? `exit code ${code}`})${why ? `: ${why}` : '.'}`));
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split(/\r?\n/)) {
          if (line.trim() === '') continue;
          const clean = redact(line);
          options.log(clean);
          stderrTail = [...stderrTail, clean].slice(-3);
        }
      });
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        let nl: number;
        while ((nl = stdout.indexOf('\n')) >= 0) {
          const line = stdout.slice(0, nl);
          stdout = stdout.slice(nl + 1);
          const match = LISTENING.exec(line);
          if (match && !settled) {
            settled = true;
            clearTimeout(timer);
            resolve(new SandboxProcess(child, match[1] as string));
          } else if (line.trim() !== '') {
            options.log(redact(line));
          }
        }
      });
    });
  }

  /** SIGTERM (the service stops cleanly), SIGKILL after `graceMs`. Resolves once it has exited. */
  stop(graceMs = 5000): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      if (!this.running) {
        resolve();
        return;
      }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
    return this.stopping;
  }
}

/** The file the service keeps its administrator token in, inside its data directory (mode 0600). */
const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * The sandbox another window (or an extension host left running, as code-server keeps after a
 * browser reload) already runs on this data directory: its URL and a token it accepts, or
 * undefined when there is none alive that answers. The token this window holds is tried first;
 * when the running one was started with another (this window's secret storage was emptied,
 * e.g. a new browser profile in code-server), the token the service keeps in its data
 * directory (mode 0600, readable by this same user only) is used.
 */
export async function joinRunningSandbox(
  instanceFile: string,
  dataDir: string,
  token: string,
): Promise<{ url: string; token: string } | undefined> {
  let instance: { pid?: unknown; url?: unknown };
  try {
    instance = JSON.parse(fs.readFileSync(instanceFile, 'utf8')) as { pid?: unknown; url?: unknown };
  } catch {
    return undefined;
  }
  if (typeof instance.pid !== 'number' || typeof instance.url !== 'string' || instance.pid === process.pid) return undefined;
  try {
    process.kill(instance.pid, 0);
  } catch {
    return undefined;
  }
  const candidates = [token];
  try {
    const kept = fs.readFileSync(path.join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
    if (kept && kept !== token) candidates.push(kept);
  } catch {
    // No token file: only this window's token can be tried.
  }
  for (const candidate of candidates) {
    try {
      await new ImportServiceClient({ baseUrl: instance.url, token: candidate }).me({ signal: AbortSignal.timeout(3000) });
      return { url: instance.url, token: candidate };
    } catch {
      // Not this token (or not answering): try the next.
    }
  }
  return undefined;
}

/**
 * Stops the sandbox that another window runs on this data directory (found as
 * joinRunningSandbox finds it: alive, and answering one of our tokens, so it is our import
 * service and not a process that reused the pid) with POST /shutdown, and waits until its
 * process has ended. Returns its URL, or undefined when none is running. Throws a sentence
 * when it refuses (a sandbox started without --allow-shutdown) or does not stop in time.
 */
export async function stopRunningSandbox(instanceFile: string, dataDir: string, token: string, timeoutMs = 15_000): Promise<string | undefined> {
  const running = await joinRunningSandbox(instanceFile, dataDir, token);
  if (!running) return undefined;
  let pid: number;
  try {
    ({ pid } = await new ImportServiceClient({ baseUrl: running.url, token: running.token }).shutdown({ signal: AbortSignal.timeout(5000) }));
  } catch (error) {
    if (error instanceof ImportServiceError && error.status === 403) {
      throw new Error(
        `the sandbox district at ${running.url} was started by an earlier version of the extension and cannot be stopped from this window: stop it in the window that started it, or close that window.`,
      );
    }
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`the sandbox district at ${running.url} was asked to stop but its process ${pid} is still running.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return running.url;
}

