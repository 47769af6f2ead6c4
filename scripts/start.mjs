#!/usr/bin/env node
// `npm start`: builds the extension, then opens the sample workspace samples/district in VS Code
// with the extension loaded. The workspace is a copy in the tools cache
// (~/.cache/classworks-enrollment-tools/sample-district), made on the first start only: your
// edits stay there from one start to the next, and never touch the repository (whose tests
// read the samples). `--fresh-sample` replaces the copy with the repository's sample again.
//   - Desktop VS Code when `code` is on PATH:
//       code --extensionDevelopmentPath=<repo> --wait <copy>
//   - Otherwise code-server on 127.0.0.1 (port: $PORT or 8080, no auth); open the printed URL.
//     The extension is loaded from an --extensions-dir that holds a symlink to this repository,
//     so every browser tab gets it; rebuild (`npm run build` or `npm run watch`) and run
//     "Developer: Reload Window" to pick up changes.
// Before it copies or builds anything it checks that no other `npm start` is running and that
// the port is free; if not, it says so and changes nothing. The URL is printed once its own
// code-server answers.
// Stays in the foreground until Ctrl-C (or, with desktop VS Code, until the window is closed).
//
// Options:
//   --code-server     use code-server even when `code` is on PATH (env CLASSWORKS_START_CODE_SERVER=1)
//   --no-build        skip `node esbuild.mjs` (e.g. while `npm run watch` runs elsewhere)
//   --fresh-sample    delete the sample copy (and your edits in it) and copy samples/district again
// Environment:
//   PORT                        code-server's port (default 8080)
//   CLASSWORKS_TOOLS_DIR        cache folder of scripts/ensure-test-tools.sh; code-server's
//                               profile for `npm start` lives in its start/ subfolder
//   CLASSWORKS_START_WORKSPACE  folder to open as it is, no copy (default: a copy of samples/district)
//   CLASSWORKS_EXTENSION_PATH   extension folder to load (default: this repository)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planStart } from './startPlan.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const env = process.env;

const say = (message) => console.log(`[start] ${message}`);
function fail(message) {
  console.error(`[start] ERROR: ${message}`);
  process.exit(1);
}

if (argv.includes('--help') || argv.includes('-h')) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  console.log(text.split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}

const forceCodeServer = argv.includes('--code-server') || env.CLASSWORKS_START_CODE_SERVER === '1';
const build = !argv.includes('--no-build');
const extensionPath = path.resolve(env.CLASSWORKS_EXTENSION_PATH || repoRoot);
const freshSample = argv.includes('--fresh-sample');
const toolsDir = env.CLASSWORKS_TOOLS_DIR || path.join(os.homedir(), '.cache', 'classworks-enrollment-tools');
const sampleSource = path.join(repoRoot, 'samples', 'district');
const sampleCopy = path.join(toolsDir, 'sample-district');
const workspace = env.CLASSWORKS_START_WORKSPACE ? path.resolve(env.CLASSWORKS_START_WORKSPACE) : sampleCopy;
const codeServerBin = env.CODE_SERVER_BIN || path.join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');
const port = Number(env.PORT || 8080);

if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT=${env.PORT} is not a port number`);

// 0. Before anything is copied or built: another `npm start`? the port taken? --------------
const profileDir = path.join(toolsDir, 'start');
const runningFile = path.join(profileDir, 'running.json');

/** The other `npm start` of this tools folder that is still alive, from its running.json. */
function otherStart() {
  try {
    const running = JSON.parse(fs.readFileSync(runningFile, 'utf8'));
    if (!Number.isInteger(running.pid) || running.pid === process.pid) return undefined;
    process.kill(running.pid, 0);
    return running;
  } catch {
    return undefined;
  }
}

/** What listens on 127.0.0.1:port: nothing, a code-server (its /healthz answers) or another program. */
async function portState() {
  const open = await new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (!open) return 'free';
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = await response.json();
    return response.ok && typeof body?.status === 'string' ? 'code-server' : 'other';
  } catch {
    return 'other';
  }
}

const useCodeServer = forceCodeServer || !onPath('code');
const plan = planStart({
  workspaceIsSample: workspace === sampleCopy,
  sampleExists: fs.existsSync(sampleCopy),
  freshSample,
  useCodeServer,
  port,
  portState: useCodeServer ? await portState() : 'free',
  running: otherStart(),
});
if (!plan.start) fail(plan.problem);

// The sample workspace: a copy, so that trying the extension never edits the repository.
if (plan.sample === 'reuse') {
  say(`opening the sample district as you left it: ${sampleCopy} (npm start -- --fresh-sample starts over from the repository's copy)`);
} else if (plan.sample === 'copy' || plan.sample === 'reset') {
  fs.rmSync(sampleCopy, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(sampleCopy), { recursive: true });
  fs.cpSync(sampleSource, sampleCopy, { recursive: true });
  say(`${plan.sample === 'reset' ? 'replaced the sample district with a fresh copy' : 'copied the sample district'} in ${sampleCopy} (edit freely: later starts keep your edits; --fresh-sample copies it afresh)`);
}
if (!fs.existsSync(workspace)) fail(`the workspace ${workspace} does not exist`);

/** Records this start in running.json (for a second `npm start` to find), removed at exit. */
function recordRunning(url) {
  fs.mkdirSync(profileDir, { recursive: true });
  fs.writeFileSync(runningFile, `${JSON.stringify({ pid: process.pid, workspace, url })}\n`);
}
recordRunning(undefined);
process.on('exit', () => {
  try {
    if (JSON.parse(fs.readFileSync(runningFile, 'utf8')).pid === process.pid) fs.rmSync(runningFile);
  } catch {
    // already gone
  }
});

// 1. Build ---------------------------------------------------------------------------
if (build) {
  say('building the extension: node esbuild.mjs');
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) fail('the build failed (see above)');
}

// 2. Desktop VS Code ----------------------------------------------------------------
function onPath(command) {
  const dirs = (env.PATH || '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Runs a child in the foreground, in a process group of its own so that Ctrl-C (or a SIGTERM
 * to this script) stops it and everything it started: the signal goes to the whole group,
 * SIGKILL follows after 5 s.
 */
function foreground(command, args, options) {
  const child = spawn(command, args, { stdio: 'inherit', detached: true, ...options });
  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // gone
    }
  };
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      say(`${sig}: stopping ${path.basename(command)}`);
      signalGroup('SIGTERM');
      setTimeout(() => {
        signalGroup('SIGKILL');
        process.exit(0);
      }, 5000).unref();
    });
  }
  child.on('exit', () => {
    // Whatever the leader left behind (file watcher, extension host, language server).
    setTimeout(() => signalGroup('SIGKILL'), 1000).unref();
  });
  child.on('error', (error) => fail(`could not start ${command}: ${error.message}`));
  return child;
}

if (!useCodeServer) {
  say(`opening ${workspace} in VS Code with the extension from ${extensionPath}`);
  say('close the VS Code window (or press Ctrl-C) to end');
  const child = foreground('code', [`--extensionDevelopmentPath=${extensionPath}`, '--new-window', '--wait', workspace]);
  child.on('exit', (code, signal) => setTimeout(() => process.exit(signal ? 0 : (code ?? 0)), 1100));
} else {
  await startCodeServer();
}

// 3. code-server --------------------------------------------------------------------------
async function startCodeServer() {
  if (!fs.existsSync(codeServerBin)) {
    say('code-server is missing: running scripts/ensure-test-tools.sh');
    const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'ensure-test-tools.sh')], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (result.status !== 0 || !fs.existsSync(codeServerBin)) fail('could not install code-server (see above)');
  }

  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const userDataDir = path.join(profileDir, 'user-data');
  const extensionsDir = path.join(profileDir, 'extensions');
  const configFile = path.join(profileDir, 'config.yaml');

  // A fresh extensions folder each time: it only holds the link to the development extension,
  // and code-server records what it holds (extensions.json) on its first start.
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(extensionPath, path.join(extensionsDir, `${extensionId}-${manifest.version}`), 'dir');

  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      `${JSON.stringify(
        {
          'security.workspace.trust.enabled': false,
          // code-server saves edits on its own by default: a file in a legacy encoding, shown with
          // U+FFFD for the letters it could not decode, would be written back with them at the
          // first keystroke. Saving stays the user's choice, as in desktop VS Code.
          'files.autoSave': 'off',
          'workbench.startupEditor': 'none',
          'git.openRepositoryInParentFolders': 'never',
          'telemetry.telemetryLevel': 'off',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
        },
        null,
        2,
      )}\n`,
    );
  }
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const childEnv = { ...env };
  for (const name of ['PORT', 'PASSWORD', 'HASHED_PASSWORD']) delete childEnv[name];
  const origin = `http://127.0.0.1:${port}`;
  say(`starting code-server ${origin} with ${extensionId} linked from ${extensionPath}`);
  const child = foreground(
    codeServerBin,
    [
      '--config', configFile,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      workspace,
    ],
    { cwd: repoRoot, env: childEnv },
  );
  child.on('exit', (code, signal) => {
    if (!signal && code) console.error(`[start] code-server exited with code ${code} (is port ${port} in use? set PORT=...)`);
    // After the group clean-up above.
    setTimeout(() => process.exit(signal ? 0 : (code ?? 0)), 1100);
  });

  // Tell the URL once the server answers.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      // The port was free before the start, and the answer counts only while our child lives.
      if (response.ok && child.exitCode === null && child.signalCode === null) {
        const url = `${origin}/?folder=${encodeURIComponent(workspace)}`;
        recordRunning(url);
        console.log('');
        say(`VS Code (code-server) with the extension: ${url}`);
        say('press Ctrl-C to stop');
        console.log('');
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
