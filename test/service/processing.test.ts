/** The job queue: the off-peak window, and an import that keeps being interrupted. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csv, request, student } from './helpers/fixtures';
import { newKey, ServiceProcess, tempDataDir } from './helpers/serviceProcess';

function hhmmss(d: Date): string {
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

describe('import service: processing', function () {
  const running: ServiceProcess[] = [];
  afterEach(async function () {
    for (const s of running.splice(0)) await s.stop();
  });

  it('GET /district says when imports are processed: the off-peak window, or at once with --process-now', async function () {
    const offPeak = await ServiceProcess.start({ processNow: false, args: ['--window', '22:00-05:00'] });
    running.push(offPeak);
    assert.deepEqual((await offPeak.client().getDistrict()).processing, { mode: 'off-peak', window: '22:00-05:00' });
    const atOnce = await ServiceProcess.start({ processNow: true });
    running.push(atOnce);
    assert.deepEqual((await atOnce.client().getDistrict()).processing, { mode: 'immediate', window: null });
  });

  it('keeps an import Scheduled until the off-peak window opens, then processes it', async function () {
    const opens = new Date(Date.now() + 4000);
    const service = await ServiceProcess.start({ processNow: false, args: ['--window', `${hhmmss(opens)}-${hhmmss(new Date(opens.getTime() + 3600_000))}`] });
    running.push(service);
    const client = service.client();
    const { import: submitted } = await client.submit(request(csv([student('1101')])), newKey());
    assert.equal(submitted.status, 'Scheduled');
    const scheduledFor = Date.parse(submitted.scheduledFor ?? '');
    assert.ok(Math.abs(scheduledFor - Math.floor(opens.getTime() / 1000) * 1000) < 1500, `scheduledFor ${submitted.scheduledFor} ≈ ${opens.toISOString()}`);
    if (Date.now() < opens.getTime() - 500) assert.equal((await client.getImport(submitted.number)).status, 'Scheduled');
    const done = await client.waitForImport(submitted.number, { timeoutMs: 20_000 });
    assert.equal(done.status, 'Completed');
    assert.ok(Date.parse(done.startedAt ?? '') >= scheduledFor - 1000, 'not started before the window');
    assert.equal(done.scheduledFor, null);
  });

  it('gives an import up as Failed, with its reason, after it was interrupted three times', async function () {
    const dataDir = tempDataDir('give-up');
    const { import: submitted } = await (async () => {
      const s = await ServiceProcess.start({ dataDir, processNow: false, args: ['--window', '00:00-00:00'], env: { CLASSWORKS_TEST_ROW_DELAY_MS: '5000' } });
      const result = await s.client().submit(request(csv([student('1201'), student('1202')])), newKey());
      await s.waitForStderr(/\[test\] import 00001: row 1 of 2 applied, not committed/);
      await s.kill9();
      return result;
    })();
    for (let attempt = 2; attempt <= 3; attempt++) {
      const s = await ServiceProcess.start({ dataDir, env: { CLASSWORKS_TEST_ROW_DELAY_MS: '5000' } });
      await s.waitForStderr(/\[test\] import 00001: row 1 of 2 applied, not committed/);
      await s.kill9();
    }
    const service = await ServiceProcess.start({ dataDir });
    running.push(service);
    const client = service.client();
    const done = await client.waitForImport(submitted.number);
    assert.equal(done.status, 'Failed');
    assert.equal(done.attempts, 3);
    assert.match(done.failureReasons.join(' '), /interrupted 3 times.*Nothing of this import was applied/);
    assert.equal(done.counts, null);
    assert.match(done.failureReasons.join(' '), /NEW Idempotency-Key/, 'says how to try again');
    const rows = await client.getImportRows(submitted.number);
    assert.deepEqual(rows.rows.map((r) => r.outcome), ['not-applied', 'not-applied'], 'never left "pending"');
    assert.equal((await client.getImportRows(submitted.number, { outcome: 'not-applied' })).total, 2);
    assert.equal((await client.listUsers()).total, 0);
    const mail = await service.waitUntil('the failure e-mail', () => {
      const box = path.join(dataDir, 'outbox');
      const files = fs.existsSync(box) ? fs.readdirSync(box).filter((n) => n.endsWith('.eml')) : [];
      return files[0] ? fs.readFileSync(path.join(box, files[0]), 'utf8') : undefined;
    });
    assert.match(mail, /Subject: Classworks import 00001 failed/);
  });
});

describe('import service: lifetime', function () {
  it('stops cleanly when the process given by --parent-pid ends', async function () {
    const { spawn } = await import('node:child_process');
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const service = await ServiceProcess.start({ args: ['--parent-pid', String(parent.pid)] });
    try {
      assert.equal(service.child.exitCode, null);
      parent.kill('SIGKILL');
      const exit = await service.exitedWithin(10_000);
      assert.equal(exit.code, 0);
      assert.match(service.stderr, new RegExp(`parent process ${parent.pid} ended: stopping`));
      assert.equal(fs.existsSync(path.join(service.dataDir, 'service.pid')), false);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
