/** Starts the built import service (dist/import-service.js) as a real child process. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DistrictSeed, ImportServiceClient } from '../../../core/importApi';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVICE = path.join(ROOT, 'dist', 'import-service.js');
export const TOKEN = 'test-admin-token-0123456789abcdef';

let built = false;
/** The bundle must exist; build it once if it does not (npm test builds first anyway). */
export function ensureBuilt(): void {
  if (built || fs.existsSync(SERVICE)) {
    built = true;
    return;
  }
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

const tempDirs: string[] = [];
process.once('exit', () => {
  if (process.env.KEEP_SERVICE_TEST_DATA) return;
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh data directory, removed when the test run ends (set KEEP_SERVICE_TEST_DATA=1 to keep them). */
export function tempDataDir(label = 'service'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cw-import-${label}-`));
  tempDirs.push(dir);
  return dir;
}

/** Waits for `check` to return a value (not undefined), polling, or fails at the deadline. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface StartOptions {
  dataDir?: string;
  /** Extra arguments; --data, --port 0 and (unless token is null) --token are added. */
  args?: string[];
  env?: Record<string, string | undefined>;
  /** The --token to pass; null for none (first start creates one). Default TOKEN. */
  token?: string | null;
  processNow?: boolean;
}

export class ServiceProcess {
  readonly stdoutLines: string[] = [];
  private stderrText = '';
  private readonly waiters = new Set<() => void>();
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url = '';

  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly token: string,
  ) {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        this.stdoutLines.push(out.slice(0, nl));
        out = out.slice(nl + 1);
      }
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.notify();
      resolve({ code, signal });
    }));
  }

  static async start(options: StartOptions = {}): Promise<ServiceProcess> {
    ensureBuilt();
    const dataDir = options.dataDir ?? tempDataDir();
    const token = options.token === null ? '' : (options.token ?? TOKEN);
    const args = [SERVICE, '--data', dataDir, '--port', '0'];
    if (options.token !== null) args.push('--token', token);
    if (options.processNow ?? true) args.push('--process-now');
    args.push(...(options.args ?? []));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('CLASSWORKS_')) delete env[key];
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const service = new ServiceProcess(child, dataDir, token);
    const line = await service.waitUntil('the "listening on" line', () => {
      if (service.child.exitCode !== null) throw new Error(`The service exited (${service.child.exitCode}) before listening:\n${service.stderr}`);
      return service.stdoutLines[0];
    });
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    if (!match) throw new Error(`Unexpected first line: ${JSON.stringify(line)}`);
    service.url = match[1] as string;
    return service;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  client(token = this.token): ImportServiceClient {
    return new ImportServiceClient({ baseUrl: this.url, token });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `check` returns a value; re-checked on every output or exit, with a deadline. */
  waitUntil<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(test);
        fn();
      };
      const test = () => {
        try {
          const value = check();
          if (value !== undefined) done(() => resolve(value));
        } catch (error) {
          done(() => reject(error));
        }
      };
      const timer = setTimeout(() => done(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. stderr:\n${this.stderr}`))), timeoutMs);
      this.waiters.add(test);
      test();
    });
  }

  /** Resolves with the first stderr match of `pattern`. */
  waitForStderr(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return this.waitUntil(`stderr ${pattern}`, () => this.stderr.match(pattern) ?? undefined, timeoutMs);
  }

  /** SIGTERM, then the exit. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exitedWithin(15_000);
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exitedWithin(15_000);
  }

  exitedWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return Promise.race([
      this.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`The service did not exit within ${ms} ms`)), ms).unref()),
    ]);
  }

  /** A raw request to the API (for what the typed client would not send). */
  fetch(pathname: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = init.token === undefined ? this.token : init.token;
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    return fetch(this.url + pathname, { ...init, headers });
  }
}

/**
 * A `start` for the tests of the calling describe block: starts a service and stops, after each
 * test, those still running (a test may have stopped or killed its own).
 */
export function serviceStarter(): (...args: Parameters<typeof ServiceProcess.start>) => Promise<ServiceProcess> {
  const running: ServiceProcess[] = [];
  afterEach(async function () {
    for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
  });
  return async (...args) => {
    const s = await ServiceProcess.start(...args);
    running.push(s);
    return s;
  };
}

/**
 * One service for the tests of the calling describe block, seeded with `seed` before them and
 * stopped after them; `use` receives it once started.
 */
export function seededService(seed: DistrictSeed, use: (service: ServiceProcess) => void): void {
  let started: ServiceProcess | undefined;
  before(async function () {
    started = await ServiceProcess.start();
    await started.client().seedDistrict(seed);
    use(started);
  });
  after(async function () {
    await started?.stop();
  });
}

export function newKey(): string {
  return randomUUID();
}

/** An off-peak window that is closed now and for hours: a one-minute window twelve hours ahead. */
export function closedWindow(): string {
  const at = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const start = new Date(Date.now() + 12 * 3600_000);
  return `${at(start)}-${at(new Date(start.getTime() + 60_000))}`;
}
