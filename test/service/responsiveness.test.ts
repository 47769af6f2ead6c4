/** Long submissions: the service keeps answering, and a client whose answer is lost retries with the same key. */
import * as assert from 'node:assert/strict';
import { ImportServiceClient } from '../../core/importApi';
import { csv, request, student } from './helpers/fixtures';
import { closedWindow, newKey, ServiceProcess } from './helpers/serviceProcess';

describe('import service: responsiveness of long submissions', function () {
  this.timeout(240_000);
  let service: ServiceProcess;
  before(async function () {
    // Queued, not processed: the submission's own work (checks and scrypt hashing) is what is measured.
    service = await ServiceProcess.start({ processNow: false, args: ['--window', closedWindow()] });
    await service.client().seedDistrict({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] });
  });
  after(async function () {
    await service?.stop();
  });

  it('answers /health promptly while a large file is being hashed', async function () {
    const rows = 200;
    const text = csv(Array.from({ length: rows }, (_, i) => student(String(300000 + i))));
    const client = service.client();
    let done = false;
    const latencies: number[] = [];
    const submitting = client.submit(request(text), newKey()).finally(() => (done = true));
    const started = Date.now();
    while (!done) {
      const t = Date.now();
      await service.fetch('/api/v1/health', { token: null });
      latencies.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    const { import: submitted } = await submitting;
    const took = Date.now() - started;
    assert.equal(submitted.expectedCounts.create, rows);
    assert.ok(latencies.length >= 5, `the submission took ${took} ms: too quick to measure (${latencies.length} probes)`);
    // The first probes may meet the file's checks (the core's rules run synchronously, about 1 s
    // per 2,000 rows); the hashing that follows, nearly all of the time, must not hold anything up.
    const worst = Math.max(...latencies.slice(2));
    assert.ok(worst < 1500, `/health took up to ${worst} ms during a ${took} ms submission (probes: ${latencies.join(', ')})`);
  });

  it('the client resends a submission whose answer was lost (headers timeout) with the same key: one import', async function () {
    const before = (await service.client().listImports()).total;
    let calls = 0;
    const keys: string[] = [];
    const losingFetch: typeof fetch = async (input, init) => {
      calls++;
      keys.push(new Headers(init?.headers).get('Idempotency-Key') ?? '');
      const response = await fetch(input, init);
      if (calls === 1) {
        // The service made the import, but the client gave up waiting for the answer.
        await response.arrayBuffer();
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) });
      }
      return response;
    };
    const client = new ImportServiceClient({ baseUrl: service.url, token: service.token, fetch: losingFetch });
    const result = await client.submit(request(csv([student('310001'), student('310002')])), newKey());
    assert.equal(calls, 2);
    assert.equal(keys[0], keys[1], 'the same Idempotency-Key');
    assert.equal(result.replayed, true);
    assert.equal((await service.client().listImports()).total, before + 1, 'one import, not two');
  });

  it('does not resend on a refusal or when the service is not there', async function () {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const down = new ImportServiceClient({ baseUrl: 'http://127.0.0.1:1', token: 'x', fetch: counting });
    await assert.rejects(down.submit(request(csv([student('320001')])), newKey()), (e: { code: string }) => e.code === 'network');
    assert.equal(calls, 1);
  });
});
