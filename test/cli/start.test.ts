import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

const START = path.join(ROOT, 'scripts', 'start.mjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s script asynchronously (the fake servers of a test answer meanwhile). */
function runStart(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [START, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('npm start (scripts/start.mjs)', function () {
  this.timeout(30000);
  let tools: string;
  let server: http.Server | undefined;
  beforeEach(() => {
    tools = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-start-'));
  });
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r));
    server = undefined;
    fs.rmSync(tools, { recursive: true, force: true });
  });

  /** A sample copy the user has worked in: an edited students.csv and a folder of their own. */
  function editedSample(): { copy: string; students: string } {
    const copy = path.join(tools, 'sample-district');
    fs.cpSync(path.join(ROOT, 'samples', 'district'), copy, { recursive: true });
    const students = path.join(copy, 'students.csv');
    fs.appendFileSync(students, 'my edit\r\n');
    fs.mkdirSync(path.join(copy, 'damaged'));
    fs.writeFileSync(path.join(copy, 'damaged', 'mine.csv'), 'x\r\n');
    return { copy, students };
  }

  for (const fresh of [false, true]) {
    it(`a second start while a code-server answers on the port changes nothing, prints no URL and says why${fresh ? ' (even with --fresh-sample)' : ''}`, async () => {
      const { copy, students } = editedSample();
      const before = fs.readFileSync(students, 'utf8');
      server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"alive","lastHeartbeat":1}'));
      const port = await listen(server);
      const run = await runStart(['--code-server', '--no-build', ...(fresh ? ['--fresh-sample'] : [])], { CLASSWORKS_TOOLS_DIR: tools, PORT: String(port) });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stderr, new RegExp(`port ${port} is in use: a code-server \\(an earlier "npm start"\\?\\) already answers there\\. .*PORT=9000 npm start\\. Nothing was copied, deleted or started\\.`));
      assert.doesNotMatch(run.stdout, /http:\/\/127\.0\.0\.1/);
      assert.equal(fs.readFileSync(students, 'utf8'), before);
      assert.ok(fs.existsSync(path.join(copy, 'damaged', 'mine.csv')));
    });
  }

  it('refuses while another npm start of the same tools folder is alive, before touching the sample', async () => {
    const { students } = editedSample();
    const before = fs.readFileSync(students, 'utf8');
    fs.mkdirSync(path.join(tools, 'start'), { recursive: true });
    // This test's own process stands for the first npm start.
    fs.writeFileSync(path.join(tools, 'start', 'running.json'), JSON.stringify({ pid: process.pid, workspace: path.join(tools, 'sample-district'), url: 'http://127.0.0.1:8080/?folder=x' }));
    const run = await runStart(['--code-server', '--no-build', '--fresh-sample'], { CLASSWORKS_TOOLS_DIR: tools, PORT: '1' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`another "npm start" \\(pid ${process.pid}\\) is still running with .*sample-district open at http://127\\.0\\.0\\.1:8080/\\?folder=x\\. Use that window, or stop it first`));
    assert.equal(fs.readFileSync(students, 'utf8'), before);
  });

  it('copies the sample only when there is none, and prints no URL when its own code-server fails', async () => {
    server = http.createServer();
    const port = await listen(server);
    await new Promise((r) => server!.close(r)); // a port that is free now
    server = undefined;
    const fake = path.join(tools, 'fake-code-server.mjs');
    fs.writeFileSync(fake, '#!/usr/bin/env node\nconsole.error("fake code-server: cannot start");\nprocess.exit(3);\n', { mode: 0o755 });
    const env = { CLASSWORKS_TOOLS_DIR: tools, PORT: String(port), CODE_SERVER_BIN: fake };
    const first = await runStart(['--code-server', '--no-build'], env);
    assert.equal(first.status, 3, first.stdout + first.stderr);
    assert.match(first.stdout, /copied the sample district in /);
    assert.doesNotMatch(first.stdout, /VS Code \(code-server\) with the extension/);
    const students = path.join(tools, 'sample-district', 'students.csv');
    assert.equal(fs.readFileSync(students, 'utf8'), fs.readFileSync(path.join(ROOT, 'samples', 'district', 'students.csv'), 'utf8'));
    assert.ok(!fs.existsSync(path.join(tools, 'start', 'running.json')), 'running.json removed at exit');
    // code-server would save every keystroke by itself: a file in a legacy encoding would be written back with U+FFFD.
    const settings = JSON.parse(fs.readFileSync(path.join(tools, 'start', 'user-data', 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['files.autoSave'], 'off');

    fs.appendFileSync(students, 'my edit\r\n');
    const second = await runStart(['--code-server', '--no-build'], env);
    assert.match(second.stdout, /opening the sample district as you left it/);
    assert.match(fs.readFileSync(students, 'utf8'), /my edit\r\n$/);

    const fresh = await runStart(['--code-server', '--no-build', '--fresh-sample'], env);
    assert.match(fresh.stdout, /replaced the sample district with a fresh copy/);
    assert.doesNotMatch(fs.readFileSync(students, 'utf8'), /my edit/);
  });
});
