/** Idempotency-Key: retries, even concurrent ones, never make a second import. */
import * as assert from 'node:assert/strict';
import { ImportServiceError } from '../../core/importApi';
import { csv, request, student } from './helpers/fixtures';
import { closedWindow, newKey, ServiceProcess } from './helpers/serviceProcess';

describe('import service: idempotent submission', function () {
  let service: ServiceProcess;
  before(async function () {
    service = await ServiceProcess.start({ args: ['--window', closedWindow()], processNow: false });
  });
  after(async function () {
    await service?.stop();
  });

  const file = csv([student('6001'), student('6002'), student('6003')]);

  it('concurrent retries with one key make one import, and all get it', async function () {
    const client = service.client();
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 8 }, () => client.submit(request(file), key)));
    const numbers = new Set(results.map((r) => r.import.number));
    assert.equal(numbers.size, 1, `one import number, got ${[...numbers].join(', ')}`);
    assert.equal(results.filter((r) => !r.replayed).length, 1, 'one request made it, the others were replays');
    assert.equal((await client.listImports()).total, 1);
  });

  it('a later retry gets the same import (200, Idempotent-Replayed) with its current status', async function () {
    const key = newKey();
    const body = JSON.stringify(request(csv([student('6101')])));
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
    const first = await service.fetch('/api/v1/imports', { method: 'POST', headers, body });
    assert.equal(first.status, 201);
    const again = await service.fetch('/api/v1/imports', { method: 'POST', headers, body });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    const [a, b] = [(await first.json()) as { number: string }, (await again.json()) as { number: string }];
    assert.equal(b.number, a.number);
  });

  it('the same key with a different request is refused (422), and nothing is made', async function () {
    const client = service.client();
    const key = newKey();
    const { import: made } = await client.submit(request(csv([student('6201')])), key);
    const total = (await client.listImports()).total;
    for (const changed of [
      request(csv([student('6201', { 'First Name': 'Robert' })])),
      request(csv([student('6201', { Password: 'Other#6201pw' })])),
      request(csv([student('6201')]), { description: 'Another description' }),
      request(csv([student('6201')]), { options: { conflictResolution: 'imported-wins' } }),
    ]) {
      const error = await client.submit(changed, key).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ImportServiceError);
      assert.equal(error.status, 422);
      assert.equal(error.code, 'idempotency.key-reused');
      assert.match(error.message, new RegExp(made.number));
    }
    assert.equal((await client.listImports()).total, total);
  });

  it('different keys make different imports; a key is per account', async function () {
    const client = service.client();
    const body = request(csv([student('6301')]));
    const one = await client.submit(body, newKey());
    const two = await client.submit(body, newKey());
    assert.notEqual(one.import.number, two.import.number);
    const other = await client.createAccount({ username: 'admin2', name: 'Second Admin', email: 'admin2@example.org', role: 'district-admin' });
    const key = newKey();
    const mine = await client.submit(body, key);
    const theirs = await service.client(other.token).submit(body, key);
    assert.notEqual(mine.import.number, theirs.import.number);
    assert.equal(theirs.import.submittedBy.username, 'admin2');
  });

  it('a submission without an Idempotency-Key is refused (400)', async function () {
    const response = await service.fetch('/api/v1/imports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request(csv([student('6401')]))),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'request.idempotency-key-missing');
  });
});
