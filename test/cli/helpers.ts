import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'workspace');
export const SAMPLES = path.join(ROOT, 'samples', 'district');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Fails the suite early with a clear message when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" before "npm run test:cli".`);
}

/** Runs the built CLI as a child process (cwd: the project root unless given). */
export function runCli(args: readonly string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 15000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `lint --format json` and parses stdout. */
export function lintJson(args: readonly string[], cwd = ROOT): { run: CliRun; report: JsonReport } {
  const run = runCli(['lint', '--format', 'json', ...args], cwd);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

export interface JsonProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  field: string | null;
  fix: string | null;
  suggestions: string[];
}

export interface JsonReport {
  files: { path: string; problems: JsonProblem[] }[];
  summary?: { files: number; errors: number; warnings: number; infos: number };
  skipped?: { path: string; reason: string }[];
}

const made: string[] = [];

/** A fresh folder under the OS temp folder, removed after the run. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-cli-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The fixture workspace's schools, as a .classworks.json text. */
export const FIXTURE_CONFIG = fs.readFileSync(path.join(FIXTURES, '.classworks.json'), 'utf8');

export const HEADER = 'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID';

/** Writes files (name -> text or bytes) into a new temp folder and returns it. */
export function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** The problem-matcher regexp documented in docs/cli.md (so the docs are tested too). */
export function documentedProblemMatcher(): RegExp {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
  const m = /"regexp":\s*("(?:[^"\\]|\\.)*")/.exec(doc);
  if (!m) throw new Error('docs/cli.md has no problem matcher "regexp"');
  return new RegExp(JSON.parse(m[1] as string) as string);
}
