/**
 * fileName is a plain file name (no folder, no device name), the download's Content-Disposition
 * is safe whatever was stored, and a long preview neither holds up other requests nor outlives
 * its client.
 */
import * as assert from 'node:assert/strict';
import { errorBodySchema } from '../../core/importApi';
import { contentDisposition } from '../../import-service/http/app';
import { csv, request, student } from './helpers/fixtures';
import { newKey, ServiceProcess, seededService } from './helpers/serviceProcess';

const ENDPOINTS = ['/api/v1/imports/preview', '/api/v1/imports'];

describe('import service: fileName and the downloaded file name', function () {
  let service: ServiceProcess;
  const good = csv([student('5001')]);
  seededService({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] }, (s) => (service = s));

  async function post(pathname: string, body: string | FormData, contentType?: string) {
    const headers: Record<string, string> = { 'Idempotency-Key': newKey() };
    if (contentType) headers['Content-Type'] = contentType;
    const response = await service.fetch(pathname, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, body: errorBodySchema.safeParse(JSON.parse(text)) };
  }

  const REFUSED: [name: string, says: RegExp][] = [
    ['../../../../tmp/x.csv', /^fileName: "\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x\.csv" has a folder part \("\/"\): .*could write outside its folder\. Send only the file's own name, e\.g\. "x\.csv"$/],
    ['a/b.csv', /has a folder part \("\/"\).* e\.g\. "b\.csv"$/],
    ['..\\x.csv', /has a folder part \("\\"\).* e\.g\. "x\.csv"$/],
    ['CON.csv', /^fileName: "CON\.csv" is named after the Windows device CON, so no file can have this name on Windows\. Send another name, e\.g\. "CON-students\.csv"$/],
    ['.csv', /^fileName: "\.csv" has no name before the "\.csv"\. Send another name, e\.g\. "students\.csv"$/],
    ['a:b.csv', /holds ":", which file names cannot hold on Windows.* e\.g\. "a_b\.csv"$/],
  ];

  it('refuses a fileName with a folder part, a device name or no name, as JSON: 400 request.invalid saying what to send', async function () {
    for (const [name, says] of REFUSED) {
      for (const pathname of ENDPOINTS) {
        const r = await post(pathname, JSON.stringify(request(good, { fileName: name })), 'application/json');
        assert.equal(r.status, 400, `${name}: ${r.text}`);
        assert.ok(r.body.success, r.text);
        assert.equal(r.body.data.error.code, 'request.invalid');
        assert.equal(r.body.data.error.details?.length, 1, r.text);
        const detail = r.body.data.error.details![0]!;
        assert.equal(detail.path, 'fileName');
        assert.match(`${detail.path}: ${detail.message}`, says);
        assert.ok(r.body.data.error.message.startsWith('The request does not match the API: fileName: '), r.body.data.error.message);
      }
    }
    assert.equal((await service.client().listImports()).total, 0, 'nothing was submitted');
  });

  it('refuses the same names from a multipart upload (the part\'s filename, or the fileName field)', async function () {
    for (const [name, says] of REFUSED) {
      for (const viaField of [false, true]) {
        const form = new FormData();
        form.set('file', new Blob([good], { type: 'text/csv' }), viaField ? 'students.csv' : name);
        if (viaField) form.set('fileName', name);
        const r = await post('/api/v1/imports', form);
        assert.equal(r.status, 400, `${name}: ${r.text}`);
        assert.ok(r.body.success, r.text);
        assert.equal(r.body.data.error.code, 'request.invalid');
        assert.ok(r.body.data.error.message.startsWith('The form does not match the API: fileName: '), r.body.data.error.message);
        const detail = r.body.data.error.details!.find((d) => d.path === 'fileName')!;
        assert.match(`${detail.path}: ${detail.message}`, says);
      }
    }
    assert.equal((await service.client().listImports()).total, 0, 'nothing was submitted');
  });

  it('keeps a plain name with spaces, accents and brackets, and gives it back quoted and as UTF-8 filename*', async function () {
    const name = "Élèves 5e (2026) l'été.csv";
    const client = service.client();
    const { import: submitted } = await client.submit(request(good, { fileName: name }), newKey());
    const response = await service.fetch(`/api/v1/imports/${submitted.number}/file`);
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get('content-disposition'),
      `attachment; filename="_l_ves 5e (2026) l'_t_.csv"; filename*=UTF-8''%C3%89l%C3%A8ves%205e%20%282026%29%20l%27%C3%A9t%C3%A9.csv`,
    );
    assert.equal((await client.downloadImportFile(submitted.number)).fileName, name);
  });

  it('a stored name with a folder part (from before the check) is given back without one', function () {
    assert.equal(
      contentDisposition('../../../../tmp/nu-pwned.csv'),
      `attachment; filename="___.._.._.._tmp_nu-pwned.csv"; filename*=UTF-8''___.._.._.._tmp_nu-pwned.csv`,
    );
    assert.equal(contentDisposition('..\\x.csv'), `attachment; filename="___x.csv"; filename*=UTF-8''___x.csv`);
    assert.equal(contentDisposition('a\r\nSet-Cookie: x.csv'), `attachment; filename="a__Set-Cookie: x.csv"; filename*=UTF-8''a__Set-Cookie%3A%20x.csv`);
  });
});

describe('import service: a long preview', function () {
  this.timeout(120_000);
  const ROWS = 200;
  const DELAY_MS = 20;
  let service: ServiceProcess;
  before(async function () {
    // TEST ONLY: each row's planning blocks 20 ms, as a slow row would (200 rows: about 4 s of work).
    service = await ServiceProcess.start({ env: { CLASSWORKS_TEST_PLAN_ROW_DELAY_MS: String(DELAY_MS) } });
    await service.client().seedDistrict({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] });
  });
  after(async function () {
    await service?.stop();
  });

  const bigFile = () => csv(Array.from({ length: ROWS }, (_, i) => student(String(600000 + i))));
  const plannedRows = () => [...service.stderr.matchAll(/\[test\] plan: row (\d+) of (\d+) planned/g)].map((m) => Number(m[1]));

  it('/health answers promptly while a preview is being planned, and the preview still completes', async function () {
    const before = plannedRows().length;
    let done = false;
    const previewing = service.client().preview(request(bigFile())).finally(() => (done = true));
    await service.waitForStderr(new RegExp(`\\[test\\] plan: row ${Math.floor(ROWS / 4)} of ${ROWS} planned`), 30_000);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = Date.now();
      const health = await service.fetch('/api/v1/health', { token: null });
      latencies.push(Date.now() - t);
      assert.equal(health.status, 200);
    }
    assert.equal(done, false, 'the preview was still being planned while /health answered');
    const planning = plannedRows().length - before;
    assert.ok(planning < ROWS, `planning went on meanwhile (${planning} of ${ROWS} rows planned when /health had answered 5 times)`);
    // Without slices each /health would wait for the rest of the plan (seconds).
    assert.ok(Math.max(...latencies) < 1000, `/health took ${latencies.join(', ')} ms during the preview`);
    const preview = await previewing;
    assert.equal(preview.counts.create, ROWS);
  });

  it('stops planning when the client goes away, and says so in the log', async function () {
    const controller = new AbortController();
    const file = bigFile();
    const marker = plannedRows().length;
    const previewing = service.fetch('/api/v1/imports/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request(file)),
      signal: controller.signal,
    });
    await service.waitUntil('planning to start', () => (plannedRows().length - marker >= 10 ? true : undefined), 30_000);
    controller.abort();
    await assert.rejects(previewing, { name: 'AbortError' });
    const [, planned, total] = await service.waitForStderr(/preview cancelled: the client closed the connection; planning stopped after (\d+) of (\d+) rows/, 30_000);
    assert.equal(Number(total), ROWS);
    assert.ok(Number(planned) < ROWS, `stopped after ${planned} of ${ROWS} rows`);
    // The service does no more of that work: no row past the one it stopped at is planned afterwards.
    const health = await service.fetch('/api/v1/health', { token: null });
    assert.equal(health.status, 200);
    const after = plannedRows().slice(marker);
    assert.equal(Math.max(...after), Number(planned), `rows planned after the cancel: ${after.slice(-5).join(', ')}`);
  });
});

describe('import service: only the passwords an import writes are hashed', function () {
  let service: ServiceProcess;
  seededService({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] }, (s) => (service = s));

  async function submitted(rows: ReturnType<typeof student>[], options: { existingPasswords?: 'maintain' | 'overwrite'; conflictResolution?: 'imported-wins' } = {}) {
    const client = service.client();
    const { import: summary } = await client.submit(request(csv(rows), { options }), newKey());
    const [, hashed] = await service.waitForStderr(new RegExp(`import ${summary.number}: submitted, ${rows.length} rows, (\\d+) passwords? hashed`));
    const done = await client.waitForImport(summary.number, { timeoutMs: 30_000 });
    assert.equal(done.status, 'Completed');
    return { hashed: Number(hashed), counts: done.counts! };
  }

  it('new users: each password; updates under "maintain": none (they keep theirs); under "overwrite": each', async function () {
    const ids = ['7001', '7002', '7003'];
    const created = await submitted(ids.map((id) => student(id)));
    assert.deepEqual([created.hashed, created.counts.create], [3, 3]);

    // A changed grade (imported wins) and another password, under "maintain": updated, passwords kept, nothing hashed.
    const maintained = await submitted(ids.map((id) => student(id, { Grade: '6', Password: `New#${id}pw` })), { conflictResolution: 'imported-wins' });
    assert.deepEqual([maintained.hashed, maintained.counts.update], [0, 3]);
    const client = service.client();
    assert.equal(await client.verifyPassword('s7001', 'Kite#7001x'), true, 'the existing password is kept');
    assert.equal(await client.verifyPassword('s7001', 'New#7001pw'), false);

    const overwritten = await submitted(ids.map((id) => student(id, { Grade: '6', Password: `New#${id}pw` })), { existingPasswords: 'overwrite' });
    // Nothing else changed: the rows count as updated for their passwords alone.
    assert.deepEqual([overwritten.hashed, overwritten.counts.update], [3, 3]);
    assert.equal(await client.verifyPassword('s7001', 'New#7001pw'), true);
    assert.doesNotMatch(service.stderr, /Kite#|New#/, 'no password reaches the log');
  });
});
