/**
 * POST /api/v1/shutdown: how an editor window stops a local sandbox that another window
 * started (it knows the URL and the administrator's token, not the process). Only with
 * --allow-shutdown, only for a district administrator; the service stops as on SIGTERM.
 */
import * as assert from 'node:assert/strict';
import { serviceStarter, tempDataDir } from './helpers/serviceProcess';

interface ErrorJson {
  error: { status: number; code: string; message: string };
}

describe('import service: POST /shutdown', function () {
  const start = serviceStarter();

  it('with --allow-shutdown, stops cleanly for a district administrator (202), not for a teacher; the data directory is free again', async function () {
    const dataDir = tempDataDir('shutdown');
    const service = await start({ dataDir, args: ['--allow-shutdown'] });
    const teacher = await service.client().createAccount({ username: 'tkim', name: 'Terry Kim', email: 'tkim@example.org', role: 'teacher' });
    const refused = await service.fetch('/api/v1/shutdown', { method: 'POST', token: teacher.token });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as ErrorJson).error.code, 'auth.forbidden');
    assert.equal((await service.fetch('/api/v1/shutdown', { method: 'POST', token: null })).status, 401);
    assert.equal((await service.client().health()).status, 'ok', 'still running');

    const answer = await service.client().shutdown();
    assert.deepEqual(answer, { stopping: true, pid: service.child.pid });
    const exit = await service.exitedWithin(15_000);
    assert.deepEqual(exit, { code: 0, signal: null }, 'a clean stop');
    assert.match(service.stderr, /shutdown requested by admin/);
    // Stopped as on SIGTERM: the data directory is released, so the next start uses it.
    const again = await start({ dataDir, args: ['--allow-shutdown'] });
    assert.equal((await again.client().health()).status, 'ok');
  });

  it('without --allow-shutdown, refuses (403, saying how to stop it) and keeps running', async function () {
    const service = await start();
    const response = await service.fetch('/api/v1/shutdown', { method: 'POST' });
    assert.equal(response.status, 403);
    const error = ((await response.json()) as ErrorJson).error;
    assert.equal(error.code, 'auth.forbidden');
    assert.match(error.message, /not started with --allow-shutdown/);
    assert.equal((await service.client().health()).status, 'ok');
    assert.equal(service.child.exitCode, null);
  });
});
