/** The extension's sandbox launcher (client/district/sandboxProcess) against the built service. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportServiceClient } from '../../core/importApi';
import { joinRunningSandbox, SandboxProcess, stopRunningSandbox } from '../../client/district/sandboxProcess';
import { ensureBuilt, ROOT, SERVICE, ServiceProcess, tempDataDir } from './helpers/serviceProcess';

describe('import service: started as the sandbox district', function () {
  it('keeps the token off the command line, accepts it, and stops on SIGTERM', async function () {
    ensureBuilt();
    const token = 'sandbox-launch-token-0123456789abcdef';
    const lines: string[] = [];
    const sandbox = await SandboxProcess.start({
      bundle: SERVICE,
      dataDir: tempDataDir('sandbox-launch'),
      token,
      seedFile: path.join(ROOT, 'samples/district/.classworks.json'),
      processNow: true,
      log: (line) => lines.push(line),
    });
    try {
      assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      if (process.platform === 'linux') {
        // What `ps` shows any local user.
        const cmdline = fs.readFileSync(`/proc/${sandbox.pid}/cmdline`, 'utf8').split('\0');
        assert.ok(cmdline.includes('--data'), `read the service's own arguments: ${cmdline.join(' ')}`);
        assert.ok(!cmdline.some((a) => a.includes(token)), `the token is not in ${cmdline.join(' ')}`);
      }
      const me = await new ImportServiceClient({ baseUrl: sandbox.url, token }).me();
      assert.equal(me.role, 'district-admin');
      assert.ok(!lines.some((l) => l.includes(token)), 'the token is not logged');
    } finally {
      await sandbox.stop();
    }
    assert.equal(sandbox.running, false);
  });

  it('a second window joins the running sandbox, with the token the service keeps when its own is not the one the sandbox was started with', async function () {
    ensureBuilt();
    const token = 'sandbox-first-window-token-0123456789';
    const dataDir = tempDataDir('sandbox-join');
    const instanceFile = path.join(path.dirname(dataDir), `instance-${path.basename(dataDir)}.json`);
    assert.equal(await joinRunningSandbox(instanceFile, dataDir, token), undefined, 'no instance recorded: nothing to join');
    const sandbox = await SandboxProcess.start({ bundle: SERVICE, dataDir, token, processNow: true, log: () => {} });
    try {
      fs.writeFileSync(instanceFile, JSON.stringify({ pid: sandbox.pid, url: sandbox.url }));
      assert.deepEqual(await joinRunningSandbox(instanceFile, dataDir, token), { url: sandbox.url, token });
      // A window whose secret storage lost the token (a new browser profile in code-server).
      assert.deepEqual(await joinRunningSandbox(instanceFile, dataDir, 'another-token-that-was-never-used-0000'), { url: sandbox.url, token });
    } finally {
      await sandbox.stop();
    }
    assert.equal(await joinRunningSandbox(instanceFile, dataDir, token), undefined, 'a stopped sandbox is not joined');
  });

  it('a window that did not start the sandbox stops it (Stop Local Sandbox District): POST /shutdown, then the process is gone', async function () {
    ensureBuilt();
    const token = 'sandbox-first-window-token-0123456789';
    const dataDir = tempDataDir('sandbox-stop');
    const instanceFile = path.join(path.dirname(dataDir), `instance-${path.basename(dataDir)}.json`);
    assert.equal(await stopRunningSandbox(instanceFile, dataDir, token), undefined, 'nothing recorded: nothing to stop');
    const lines: string[] = [];
    const sandbox = await SandboxProcess.start({ bundle: SERVICE, dataDir, token, processNow: true, log: (line) => lines.push(line) });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => sandbox.onExit((code, signal) => resolve({ code, signal })));
    try {
      fs.writeFileSync(instanceFile, JSON.stringify({ pid: sandbox.pid, url: sandbox.url }));
      // The other window's secret storage lost the token: the one the service keeps is used.
      assert.equal(await stopRunningSandbox(instanceFile, dataDir, 'another-token-that-was-never-used-0000'), sandbox.url);
      assert.equal(sandbox.running, false, 'the process has ended when it returns');
      assert.deepEqual(await exited, { code: 0, signal: null }, 'a clean stop, as on SIGTERM');
      assert.ok(lines.some((l) => /shutdown requested by admin/.test(l)), lines.join('\n'));
    } finally {
      await sandbox.stop();
    }
    assert.equal(await stopRunningSandbox(instanceFile, dataDir, token), undefined, 'stopped: nothing left to stop');
  });

  it('says what to do when the running sandbox cannot be stopped from another window (started without --allow-shutdown)', async function () {
    const dataDir = tempDataDir('sandbox-old');
    const instanceFile = path.join(path.dirname(dataDir), `instance-${path.basename(dataDir)}.json`);
    const old = await ServiceProcess.start({ dataDir });
    try {
      fs.writeFileSync(instanceFile, JSON.stringify({ pid: old.child.pid, url: old.url }));
      await assert.rejects(stopRunningSandbox(instanceFile, dataDir, old.token), /cannot be stopped from this window: stop it in the window that started it, or close that window/);
      assert.equal(old.child.exitCode, null, 'still running');
    } finally {
      await old.stop();
    }
  });
});
