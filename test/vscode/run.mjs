#!/usr/bin/env node
// Runs the extension's mocha suite (dist/test/vscode/index.js, built from
// test/vscode/suite/index.ts by `npm run build`) inside a real VS Code.
//
//   node test/vscode/run.mjs              code-server + headless Chromium (default; works offline,
//                                         needs `bash scripts/ensure-test-tools.sh` once)
//   node test/vscode/run.mjs --electron   @vscode/test-electron (downloads desktop VS Code:
//                                         for desktops with internet access)
//   node test/vscode/run.mjs --grep TEXT  only tests whose full title contains TEXT
//
// Environment:
//   CLASSWORKS_TEST_ELECTRON=1        same as --electron
//   CLASSWORKS_TEST_TIMEOUT_MS        overall time limit (default 600000 = 10 min)
//   CLASSWORKS_TEST_GREP              same as --grep
//   CLASSWORKS_TEST_VERBOSE=1         also print the workbench's own log lines
//   CLASSWORKS_TEST_SCREENSHOT=FILE   save a screenshot of the workbench when the suite ends
//   CLASSWORKS_TEST_EXTENSION_PATH    extension folder (default: this repository)
//   CLASSWORKS_TEST_ENTRY             compiled suite entry (default: dist/test/vscode/index.js)
//   CLASSWORKS_TEST_WORKSPACE         folder to open (default: test/fixtures/workspace)
//   CLASSWORKS_TOOLS_DIR              cache of scripts/ensure-test-tools.sh
//   CODE_SERVER_BIN, CHROMIUM_PATH    override the two programs
//
// On failure, a screenshot and the code-server log are saved to test-artifacts/vscode/.
// Exits with the suite's exit code (0 = all tests passed).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const env = process.env;

if (argv.includes('--help') || argv.includes('-h')) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  console.log(text.split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

const useElectron = argv.includes('--electron') || env.CLASSWORKS_TEST_ELECTRON === '1';
const grepIndex = argv.indexOf('--grep');
const grep = grepIndex >= 0 ? argv[grepIndex + 1] : env.CLASSWORKS_TEST_GREP;
const verbose = env.CLASSWORKS_TEST_VERBOSE === '1';
const timeoutMs = Number(env.CLASSWORKS_TEST_TIMEOUT_MS) || 10 * 60 * 1000;
const extensionPath = path.resolve(env.CLASSWORKS_TEST_EXTENSION_PATH || repoRoot);
const testsEntry = path.resolve(env.CLASSWORKS_TEST_ENTRY || path.join(repoRoot, 'dist', 'test', 'vscode', 'index.js'));
const workspace = path.resolve(env.CLASSWORKS_TEST_WORKSPACE || path.join(repoRoot, 'test', 'fixtures', 'workspace'));
const artifactsDir = path.join(repoRoot, 'test-artifacts', 'vscode');
const toolsDir = env.CLASSWORKS_TOOLS_DIR || path.join(os.homedir(), '.cache', 'classworks-enrollment-tools');
const codeServerBin = env.CODE_SERVER_BIN || path.join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');
const chromiumPath = env.CHROMIUM_PATH || '/usr/bin/chromium';

const started = Date.now();
const say = (message) => console.log(`[test:vscode] ${message}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Fails before starting anything, with a message that tells what to do. */
function fail(message) {
  console.error(`[test:vscode] ERROR: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Preconditions
// ---------------------------------------------------------------------------
function checkInputs() {
  const manifestPath = path.join(extensionPath, 'package.json');
  if (!fs.existsSync(manifestPath)) fail(`no extension manifest at ${manifestPath}`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (manifest.main) {
    const main = path.resolve(extensionPath, manifest.main);
    const candidates = [main, `${main}.js`];
    if (!candidates.some((c) => fs.existsSync(c))) {
      fail(`the extension's main file ${path.relative(repoRoot, main) || main} is missing: run \`npm run build\` first`);
    }
  }
  if (!fs.existsSync(testsEntry)) {
    fail(`the compiled test suite ${path.relative(repoRoot, testsEntry)} is missing: run \`npm run build\` first`);
  }
  if (!fs.existsSync(workspace)) {
    // Placeholder so that VS Code has a folder to open; the fixtures go here.
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'README.md'),
      '# VS Code test workspace\n\nThe folder that `npm run test:vscode` opens in VS Code. Put fixture files for the\nextension tests (test/vscode/suite/*.test.ts) here.\n',
    );
    say(`created the fixtures workspace ${path.relative(repoRoot, workspace)}`);
  }
}

/** Settings that keep the run quiet and deterministic. */
const userSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.accessibilitySupport': 'off',
};

function makeProfileDirs(tmpRoot) {
  const userDataDir = path.join(tmpRoot, 'user-data');
  const extensionsDir = path.join(tmpRoot, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  return { userDataDir, extensionsDir };
}

// ---------------------------------------------------------------------------
// Mocha output: streamed to stdout; counts parsed for the closing line.
// ---------------------------------------------------------------------------
const counts = { passing: undefined, failing: 0, pending: 0 };
function noteMochaLine(line) {
  const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
  if (m) counts[m[2]] = Number(m[1]);
}
function printClosingLine() {
  if (counts.passing === undefined && counts.failing === 0) return; // mocha never reported
  const passed = counts.passing ?? 0;
  console.log(
    `vscode: ${passed} passed, ${counts.failing} failed${counts.pending ? `, ${counts.pending} skipped` : ''}`,
  );
}

// ---------------------------------------------------------------------------
// @vscode/test-electron (desktop VS Code, needs internet access for its download)
// ---------------------------------------------------------------------------
async function runElectron() {
  checkInputs();
  const { runTests } = await import('@vscode/test-electron');
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-vscode-test-'));
  const { userDataDir, extensionsDir } = makeProfileDirs(tmpRoot);
  try {
    const code = await runTests({
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { CLASSWORKS_TEST_WORKSPACE: workspace, ...(grep ? { CLASSWORKS_TEST_GREP: grep } : {}) },
      launchArgs: [
        workspace,
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${extensionsDir}`,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
        '--disable-updates',
        '--no-sandbox',
        '--disable-gpu',
      ],
    });
    return code;
  } catch (error) {
    console.error(`[test:vscode] the suite failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// code-server + headless Chromium
// ---------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url, child, limitMs) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${limitMs / 1000} s`);
}

/** Ends a detached process and everything it started (its process group). */
async function killGroup(child, name) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), 3000));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    say(`${name} did not stop within 3 s; killing it`);
    signal('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  }
  // Processes of the group that outlived the leader (extension host, language server, ...).
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // none left
  }
}

async function runCodeServer() {
  checkInputs();
  if (!fs.existsSync(codeServerBin)) {
    fail(`code-server is not installed at ${codeServerBin}: run \`bash scripts/ensure-test-tools.sh\` first (or pass --electron on a desktop with internet access)`);
  }
  if (!fs.existsSync(chromiumPath)) {
    fail(`Chromium is not installed at ${chromiumPath}: run \`bash scripts/ensure-test-tools.sh\` first`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    fail('playwright-core is not installed: run `npm ci` first');
  }

  fs.rmSync(artifactsDir, { recursive: true, force: true });
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-vscode-test-'));
  const { userDataDir, extensionsDir } = makeProfileDirs(tmpRoot);
  const configFile = path.join(tmpRoot, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const logFile = path.join(tmpRoot, 'code-server.log');
  const logStream = fs.createWriteStream(logFile);
  const workbenchLogFile = path.join(tmpRoot, 'workbench.log');
  workbenchLog = fs.createWriteStream(workbenchLogFile);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;

  let codeServer;
  let browser;
  let page;
  let cleanedUp = false;
  let cleaning;
  let interrupted = false;

  // Idempotent: the signal handler and the main flow both await the same clean-up.
  const cleanup = () =>
    (cleaning ??= (async () => {
      cleanedUp = true;
      if (browser) await browser.close().catch(() => {});
      await killGroup(codeServer, 'code-server');
      await new Promise((r) => logStream.end(r));
      await new Promise((r) => workbenchLog.end(r));
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    })());

  const saveArtifacts = async (reason) => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    if (page) {
      const shot = path.join(artifactsDir, 'workbench.png');
      try {
        await page.screenshot({ path: shot, timeout: 15_000 });
        say(`screenshot saved: ${path.relative(repoRoot, shot)}`);
      } catch (error) {
        say(`no screenshot (${error instanceof Error ? error.message.split('\n')[0] : error})`);
      }
    }
    for (const [stream, file] of [[logStream, logFile], [workbenchLog, workbenchLogFile]]) {
      await new Promise((r) => stream.write('', r));
      const target = path.join(artifactsDir, path.basename(file));
      try {
        fs.copyFileSync(file, target);
        say(`log saved: ${path.relative(repoRoot, target)}`);
      } catch {
        // no log
      }
    }
    fs.writeFileSync(path.join(artifactsDir, 'reason.txt'), `${reason}\n`);
  };

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => {
      interrupted = true;
      say(`${sig}: stopping code-server and Chromium`);
      await cleanup();
      process.exit(130);
    });
  }

  let exitCode = 1;
  try {
    // code-server ----------------------------------------------------------------
    say(`starting code-server on ${origin}`);
    const childEnv = { ...env, CLASSWORKS_TEST_WORKSPACE: workspace, CLASSWORKS_TEST_LOG_PREFIX: LOG_MARKER };
    if (grep) childEnv.CLASSWORKS_TEST_GREP = grep;
    // code-server reads these; a developer's shell must not change the port or the auth.
    for (const name of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'ELECTRON_RUN_AS_NODE']) delete childEnv[name];
    codeServer = spawn(
      codeServerBin,
      [
        '--config', configFile,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        workspace,
      ],
      { cwd: tmpRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    codeServer.stdout.pipe(logStream, { end: false });
    codeServer.stderr.pipe(logStream, { end: false });
    codeServer.on('error', (error) => logStream.write(`spawn error: ${error.message}\n`));
    await waitForHealthy(`${origin}/healthz`, codeServer, 60_000);
    say(`code-server is up (${elapsed()})`);

    // Chromium ------------------------------------------------------------------
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // Our own handlers stop code-server too; Playwright's would exit before that.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();

    let resolveExit;
    const suiteExit = new Promise((resolve) => {
      resolveExit = resolve;
    });
    suiteExit.catch(() => {}); // awaited below; a rejection before that must not end the process
    await page.exposeFunction('codeAutomationExit', (code) => {
      const n = Number(code);
      resolveExit(code !== null && code !== undefined && Number.isInteger(n) ? n : 1);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      handleWorkbenchLog(type, args);
    });
    page.on('pageerror', (error) => workbenchLog.write(`[page error] ${error.stack ?? error}\n`));
    page.on('console', (message) => {
      // Log lines also arrive through codeAutomationLog; keep the browser's own warnings and errors.
      if (message.type() === 'error' || message.type() === 'warning') {
        workbenchLog.write(`[browser ${message.type()}] ${message.text()}\n`);
      }
    });
    browser.on('disconnected', () => {
      if (!cleanedUp) resolveExit(Promise.reject(new Error('Chromium disconnected')));
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(testsEntry)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    say(`opening the workbench in headless Chromium; extension: ${extensionPath}; suite: ${path.relative(repoRoot, testsEntry) || testsEntry}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // The suite --------------------------------------------------------------------
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs / 1000} s (set CLASSWORKS_TEST_TIMEOUT_MS to change the limit)`)),
        timeoutMs - (Date.now() - started),
      );
    });
    try {
      exitCode = await Promise.race([suiteExit, timeout]);
    } finally {
      clearTimeout(timer);
    }
    // Log lines still on their way (they travel the same channel, just ahead of the exit).
    await new Promise((r) => setTimeout(r, 300));
    if (exitCode === 0 && counts.passing === undefined) {
      // Seen when the extension host dies: the workbench then reports 0 all the same.
      console.error('[test:vscode] ERROR: VS Code reported success, but mocha never printed its summary: the extension host probably crashed or the suite did not run');
      exitCode = 1;
    } else if (exitCode === 0 && counts.failing > 0) {
      exitCode = 1;
    }
    if (env.CLASSWORKS_TEST_SCREENSHOT) {
      await page.screenshot({ path: path.resolve(env.CLASSWORKS_TEST_SCREENSHOT) });
      say(`screenshot saved: ${env.CLASSWORKS_TEST_SCREENSHOT}`);
    }
    if (exitCode !== 0) await saveArtifacts(`the suite exited with code ${exitCode}`);
  } catch (error) {
    if (interrupted) return 130;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[test:vscode] ERROR: ${message}`);
    await saveArtifacts(message);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  return exitCode;
}

// The workbench's logger (window.codeAutomationLog). In extension-test mode it carries the
// extension host's console output besides the workbench's own log lines. While the suite runs,
// test/vscode/suite/index.ts formats each console call and starts it with LOG_MARKER, so those
// lines (mocha's spec reporter among them) are printed as they are; of the rest, errors and
// warnings are printed with a prefix (except the known harmless ones), everything else only
// with CLASSWORKS_TEST_VERBOSE=1. All of it is kept in workbench.log among the artifacts.
const LOG_MARKER = '\u2063';
/** Harmless on a machine without internet access: the extension gallery is unreachable. */
const HARMLESS = /open-vsx\.org|ENOTFOUND|EAI_AGAIN|marketplace|gallery/i;
let workbenchLog;
function handleWorkbenchLog(type, message) {
  const text = typeof message === 'string' ? message : Array.isArray(message) ? message.join(' ') : String(message);
  workbenchLog?.write(`[${type}] ${text}\n`);
  const markerAt = text.indexOf(LOG_MARKER);
  if (markerAt >= 0) {
    const body = text.slice(markerAt + LOG_MARKER.length);
    for (const line of body.split('\n')) noteMochaLine(line);
    console.log(body);
  } else if (verbose || ((type === 'error' || type === 'warn') && !HARMLESS.test(text))) {
    console.log(`[vscode ${type}] ${text}`);
  }
}

const code = useElectron ? await runElectron() : await runCodeServer();
printClosingLine();
say(`${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${elapsed()}`);
process.exit(code);
