/**
 * Durability: a restart keeps everything; a process killed with SIGKILL in the middle of an
 * import leaves the district as it was, and the import is applied exactly once on restart.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csv, request, student } from './helpers/fixtures';
import { ServiceProcess, closedWindow, newKey, serviceStarter, tempDataDir } from './helpers/serviceProcess';

function seedFile(_dataDir: string): string {
  const file = path.join(tempDataDir('seed'), 'district.json');
  fs.writeFileSync(file, JSON.stringify({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], groups: ['Tutoring'] }));
  return file;
}

function eml(dir: string): string[] {
  const box = path.join(dir, 'outbox');
  return fs.existsSync(box) ? fs.readdirSync(box).filter((n) => n.endsWith('.eml')).sort() : [];
}

describe('import service: restarts', function () {
  const start = serviceStarter();

  it('keeps the district, users, imports and token across a clean restart; numbers continue', async function () {
    const dataDir = tempDataDir('restart');
    const first = await start({ dataDir, token: null, args: ['--seed', seedFile(dataDir)] });
    const printed = /administrator token \(shown this once[^)]*\): (\S+)/.exec(first.stderr)?.[1];
    assert.ok(printed, 'the first start prints the administrator token');
    const tokenFile = path.join(dataDir, 'admin-token');
    assert.equal(fs.readFileSync(tokenFile, 'utf8').trim(), printed);
    if (process.platform !== 'win32') assert.equal(fs.statSync(tokenFile).mode & 0o777, 0o600);
    const client = first.client(printed);
    const { import: one } = await client.submit(request(csv([student('5001'), student('5002')])), newKey());
    await client.waitForImport(one.number);
    const before = {
      district: await client.getDistrict(),
      users: await client.listUsers(),
      history: await client.listImports(),
      details: await client.getImport(one.number),
      rows: await client.getImportRows(one.number),
      file: await client.downloadImportFile(one.number),
    };
    assert.equal((await first.stop()).code, 0);
    assert.equal(fs.existsSync(path.join(dataDir, 'service.pid')), false, 'a clean stop releases the data directory');

    const second = await start({ dataDir, token: null });
    assert.equal(/administrator token/.test(second.stderr), false, 'the token is printed only once');
    const again = second.client(printed);
    assert.deepEqual(await again.getDistrict(), before.district);
    assert.deepEqual(await again.listUsers(), before.users);
    assert.deepEqual(await again.listImports(), before.history);
    assert.deepEqual(await again.getImport(one.number), before.details);
    assert.deepEqual(await again.getImportRows(one.number), before.rows);
    assert.deepEqual(await again.downloadImportFile(one.number), before.file);
    assert.equal(await again.verifyPassword('s5001', 'Kite#5001x'), true);
    const { import: two } = await again.submit(request(csv([student('5003')])), newKey());
    assert.equal(two.number, '00002');
  });

  it('refuses a second service on the same data directory', async function () {
    const dataDir = tempDataDir('twice');
    await start({ dataDir });
    const error = await ServiceProcess.start({ dataDir }).then(() => undefined, (e: Error) => e);
    assert.match(String(error?.message), /in use by another import service/);
  });

  it('SIGKILL mid-import: nothing half-applied, and on restart every import is applied exactly once', async function () {
    const dataDir = tempDataDir('kill');
    const seed = seedFile(dataDir);
    // 1. Two imports wait in the queue (the off-peak window is closed).
    const queued = await start({ dataDir, processNow: false, args: ['--seed', seed, '--window', closedWindow()] });
    const client = queued.client();
    const big = Array.from({ length: 20 }, (_, i) => student(String(7000 + i)));
    const { import: a } = await client.submit(request(csv(big), { options: { customGroupId: 1, emailStaff: true } }), newKey());
    const { import: b } = await client.submit(request(csv([student('7100'), student('7101'), student('7102')])), newKey());
    assert.deepEqual([a.status, b.status], ['Scheduled', 'Scheduled']);
    assert.ok(a.scheduledFor && Date.parse(a.scheduledFor) > Date.now(), 'scheduled for the window');
    assert.equal((await queued.stop()).code, 0);

    // 2. Processing starts, slowed down (test-only), and the process is killed half-way through import A.
    const slow = await start({ dataDir, env: { CLASSWORKS_TEST_ROW_DELAY_MS: '100' } });
    await slow.waitForStderr(/\[test\] import 00001: row 8 of 20 applied, not committed/);
    await slow.kill9();
    assert.ok(fs.existsSync(path.join(dataDir, 'classworks-import.sqlite-journal')), 'the killed transaction left its rollback journal');

    // 3. A normal restart: the journal is rolled back, then A and B are processed once each.
    const restarted = await start({ dataDir });
    const c = restarted.client();
    const doneA = await c.waitForImport(a.number, { timeoutMs: 30_000 });
    const doneB = await c.waitForImport(b.number, { timeoutMs: 30_000 });
    assert.equal(doneA.status, 'Completed');
    assert.equal(doneA.attempts, 2, 'the interrupted attempt and the one that completed');
    assert.equal(doneA.counts?.create, 20);
    assert.equal(doneA.counts?.addedToGroup, 20);
    assert.equal(doneB.status, 'Completed');
    assert.equal(doneB.counts?.create, 3);
    const users = await c.listUsers({ limit: 1000 });
    assert.equal(users.total, 23, 'every user once: none lost, none doubled');
    assert.equal(new Set(users.users.map((u) => u.districtId)).size, 23);
    assert.ok(users.users.filter((u) => Number(u.districtId) < 7100).every((u) => u.createdByImport === '00001'));
    assert.equal((await c.getDistrict()).groups[0]?.memberCount, 20);
    const rows = await c.getImportRows(a.number, { limit: 100 });
    assert.ok(rows.rows.every((r) => r.outcome === 'created'));
    // One completion e-mail per import: the killed attempt queued none.
    const mails = await restarted.waitUntil('two completion e-mails', () => (eml(dataDir).length >= 2 ? eml(dataDir) : undefined));
    assert.deepEqual(mails, ['000001-import-completed-import-00001.eml', '000002-import-completed-import-00002.eml']);
    // Once the last write (marking mail 2 sent) is done, no journal is left: the killed one was rolled back.
    await restarted.waitForStderr(/mail 2 \(import-completed, import 00002\) sent/);
    assert.equal(fs.existsSync(path.join(dataDir, 'classworks-import.sqlite-journal')), false);
  });
});
