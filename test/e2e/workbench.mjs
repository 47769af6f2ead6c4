// A real VS Code workbench (code-server 4.100.3) in headless Chromium, with this extension
// loaded from the repository (extensionDevelopmentPath), for tests that use VS Code as a
// person does: the command palette, the editor, webview panels. Needs
// `bash scripts/ensure-test-tools.sh` once and `npm run build`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolsDir = process.env.CLASSWORKS_TOOLS_DIR || path.join(os.homedir(), '.cache', 'classworks-enrollment-tools');
const codeServerBin = process.env.CODE_SERVER_BIN || path.join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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
  'npm.autoDetect': 'off',
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.minimap.enabled': false,
  'workbench.layoutControl.enabled': false,
  'breadcrumbs.enabled': false,
};

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
    if (child.exitCode !== null) throw new Error(`code-server exited early (code ${child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200)); // polling a process that gives no event
  }
  throw new Error(`code-server did not answer ${url} within ${limitMs / 1000} s`);
}

/**
 * Starts code-server on a free port with a fresh profile, opens `workspace` in headless
 * Chromium with the extension loaded, and returns the page and a `close()`.
 */
export async function openWorkbench({ workspace, viewport = { width: 1600, height: 1000 }, log = () => {} }) {
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server is not installed at ${codeServerBin}: run \`bash scripts/ensure-test-tools.sh\` first`);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const { chromium } = await import('playwright-core');
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-e2e-'));
  const userDataDir = path.join(tmpRoot, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(path.join(tmpRoot, 'extensions'));
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const configFile = path.join(tmpRoot, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  for (const name of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'VSCODE_PROXY_URI', 'ELECTRON_RUN_AS_NODE']) delete env[name];
  const serverLog = fs.createWriteStream(path.join(tmpRoot, 'code-server.log'));
  const codeServer = spawn(
    codeServerBin,
    ['--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir,
      '--extensions-dir', path.join(tmpRoot, 'extensions'), '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace],
    { cwd: tmpRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  codeServer.stdout.pipe(serverLog, { end: false });
  codeServer.stderr.pipe(serverLog, { end: false });
  let browser;
  const close = async () => {
    if (browser) await browser.close().catch(() => {});
    if (codeServer.exitCode === null) {
      const exited = new Promise((resolve) => codeServer.once('exit', resolve));
      try {
        process.kill(-codeServer.pid, 'SIGTERM');
      } catch {
        // gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try {
        process.kill(-codeServer.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await new Promise((r) => serverLog.end(r));
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(`${origin}/healthz`, codeServer, 60_000);
    log(`code-server is up at ${origin}`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(`${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, {
      waitUntil: 'domcontentloaded',
      timeout: 60_000,
    });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return { page, close, origin, userDataDir, logFile: path.join(tmpRoot, 'code-server.log') };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a command from the command palette (F1), by its title as the palette shows it. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible' });
}

/** The webview's document: `iframe.webview` (VS Code's host frame) > `#active-frame` (the page). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
