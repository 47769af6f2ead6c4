/** The extension's sandbox launcher (client/district/sandboxProcess) against the built service. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportServiceClient } from '../../core/importApi';
import { joinRunningSandbox, SandboxProcess } from '../../client/district/sandboxProcess';
import { ensureBuilt, ROOT, SERVICE, tempDataDir } from './helpers/serviceProcess';

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
});
