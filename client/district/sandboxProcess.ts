/**
 * The bundled import service (dist/import-service.js) run as a child process: the local
 * sandbox district. Started with VS Code's own Node runtime (process.execPath with
 * ELECTRON_RUN_AS_NODE=1: inside VS Code that is Electron's Node; in code-server, Node),
 * on loopback, on a free port. No vscode: unit-testable with plain Node.
 */
import { type ChildProcess, spawn } from 'node:child_process';

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
 * How the sandbox is spawned. The token travels in the child's environment
 * (CLASSWORKS_IMPORT_TOKEN), never on its command line: any local user can read another
 * process's arguments (ps, /proc/<pid>/cmdline), while its environment is readable only by
 * its owner.
 */
export function sandboxLaunch(
  options: Pick<SandboxStartOptions, 'bundle' | 'dataDir' | 'token' | 'seedFile' | 'processNow' | 'execPath'>,
  parentEnv: NodeJS.ProcessEnv = process.env,
): SandboxLaunch {
  const args = [options.bundle, '--data', options.dataDir, '--port', '0', '--host', '127.0.0.1'];
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
