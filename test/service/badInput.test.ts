/** Bad input gets a clear 4xx JSON answer and writes nothing. */
import * as assert from 'node:assert/strict';
import { type ErrorBody, errorBodySchema, type ImportRequestInput } from '../../core/importApi';
import { csv, request, staff, student } from './helpers/fixtures';
import { newKey, ServiceProcess } from './helpers/serviceProcess';

describe('import service: bad input', function () {
  let service: ServiceProcess;
  const good = csv([student('2001'), staff('2002')]);
  before(async function () {
    service = await ServiceProcess.start({ args: ['--max-body-mb', '1'] });
    await service.client().seedDistrict({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], groups: ['Tutoring'] });
  });
  after(async function () {
    await service?.stop();
  });

  /** Sends to both preview and submit; both must refuse the same way; then nothing is written. */
  async function refused(body: string, contentType: string, status: number, code: string): Promise<ErrorBody[]> {
    const bodies: ErrorBody[] = [];
    for (const pathname of ['/api/v1/imports/preview', '/api/v1/imports']) {
      const response = await service.fetch(pathname, { method: 'POST', headers: { 'Content-Type': contentType, 'Idempotency-Key': newKey() }, body });
      const json = errorBodySchema.parse(await response.json());
      assert.equal(response.status, status, `${pathname}: ${JSON.stringify(json)}`);
      assert.equal(json.error.code, code, `${pathname}: ${json.error.message}`);
      assert.equal(json.error.status, status);
      assert.ok(json.error.message.length > 20, 'says what is wrong');
      bodies.push(json);
    }
    const client = service.client();
    assert.equal((await client.listImports()).total, 0, 'no import was made');
    assert.equal((await client.listUsers()).total, 0, 'no user was written');
    return bodies;
  }

  const json = (r: ImportRequestInput | Record<string, unknown>) => JSON.stringify(r);

  it('malformed JSON → 400 request.malformed-json', async function () {
    await refused('{"fileName": "students.csv", "csv": ', 'application/json', 400, 'request.malformed-json');
  });

  it('a body over the limit → 413 request.too-large', async function () {
    const big = csv(Array.from({ length: 12000 }, (_, i) => student(String(100000 + i))));
    assert.ok(big.length > 1024 * 1024);
    const [body] = await refused(json(request(big)), 'application/json', 413, 'request.too-large');
    assert.match(body!.error.message, /1 MB/);
  });

  it('a body that is not an ImportRequest → 400 request.invalid with each path', async function () {
    const [body] = await refused(
      json({ fileName: 'students.txt', csv: good, type: 'Class Data', options: { conflictResolution: 'newest-wins' } }),
      'application/json',
      400,
      'request.invalid',
    );
    const paths = body!.error.details?.map((d) => d.path).sort();
    assert.deepEqual(paths, ['fileName', 'options.conflictResolution', 'type']);
  });

  it('a body that is neither JSON nor a form → 415', async function () {
    await refused('fileName=students.csv', 'text/plain', 415, 'request.unsupported-media-type');
  });

  it('a mapping that leaves a required field unmapped → 422 mapping.required-unmapped', async function () {
    const text = good.replace('Birthdate', 'Born On');
    const [body] = await refused(json(request(text)), 'application/json', 422, 'mapping.required-unmapped');
    assert.match(body!.error.message, /Birthdate/);
    // Mapping the heading fixes it.
    const preview = await service.client().preview(request(text, { mapping: { columns: { 'Born On': 'Birthdate' } } }));
    assert.equal(preview.submittable, true);
  });

  it('a mapping naming a column the file lacks → 422 mapping.unknown-column', async function () {
    const [body] = await refused(json(request(good, { mapping: { columns: { 'Student Number': 'District ID' } } })), 'application/json', 422, 'mapping.unknown-column');
    assert.deepEqual(body!.error.details?.map((d) => d.path), ['mapping.columns.Student Number']);
    assert.match(body!.error.message, /"Student Number"/);
  });

  it('a column order longer than the file → 422 mapping.unknown-column', async function () {
    const headerless = good.split('\r\n').slice(1).join('\r\n');
    const order = ['First Name', 'Last Name', 'Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade', 'Email Address', 'School SIS ID', 'Gender'] as const;
    await refused(json(request(headerless, { mapping: { hasHeaderRow: false, columnOrder: [...order] } })), 'application/json', 422, 'mapping.unknown-column');
    const preview = await service.client().preview(request(headerless, { mapping: { hasHeaderRow: false, columnOrder: order.slice(0, 10) } }));
    assert.deepEqual([preview.mapping.hasHeaderRow, preview.counts.create], [false, 2], 'a file without a header row, mapped by position');
  });

  it('an unknown custom group → 422 group.unknown', async function () {
    await refused(json(request(good, { options: { customGroupId: 99 } })), 'application/json', 422, 'group.unknown');
  });

  it('a school mapping to a school the district lacks → 422 school-mapping.unknown-school', async function () {
    await refused(json(request(good, { schoolMapping: { '00123': '99999' } })), 'application/json', 422, 'school-mapping.unknown-school');
  });

  it('a file with a header and no users → 422 file.empty', async function () {
    await refused(json(request(good.split('\r\n')[0] + '\r\n')), 'application/json', 422, 'file.empty');
  });

  it('a multipart form without its file → 400', async function () {
    const form = new FormData();
    form.set('description', 'no file');
    for (const pathname of ['/api/v1/imports/preview', '/api/v1/imports']) {
      const response = await service.fetch(pathname, { method: 'POST', body: form, headers: { 'Idempotency-Key': newKey() } });
      assert.equal(response.status, 400);
      const body = errorBodySchema.parse(await response.json());
      assert.equal(body.error.code, 'request.invalid');
      assert.deepEqual(body.error.details?.map((d) => d.path), ['file']);
    }
  });

  it('an unknown import number → 404 import.not-found; not a number → 400', async function () {
    for (const suffix of ['', '/rows', '/file']) {
      const response = await service.fetch(`/api/v1/imports/00042${suffix}`);
      assert.equal(response.status, 404);
      assert.equal(errorBodySchema.parse(await response.json()).error.code, 'import.not-found');
      const bad = await service.fetch(`/api/v1/imports/abc${suffix}`);
      assert.equal(bad.status, 400);
      assert.equal(errorBodySchema.parse(await bad.json()).error.code, 'request.invalid');
    }
  });

  it('an unknown endpoint → 404 JSON', async function () {
    const response = await service.fetch('/api/v1/nothing-here');
    assert.equal(response.status, 404);
    assert.equal(errorBodySchema.parse(await response.json()).error.code, 'not-found');
  });

  it('the same checks apply to a multipart upload (what curl -F sends)', async function () {
    const form = new FormData();
    form.set('file', new Blob([good], { type: 'text/csv' }), 'students.csv');
    form.set('columns', '{"Student Number": "District ID"}');
    const response = await service.fetch('/api/v1/imports/preview', { method: 'POST', body: form });
    assert.equal(response.status, 422);
    assert.equal(errorBodySchema.parse(await response.json()).error.code, 'mapping.unknown-column');
    const broken = new FormData();
    broken.set('file', new Blob([good], { type: 'text/csv' }), 'students.csv');
    broken.set('schoolMapping', '{not json');
    const r2 = await service.fetch('/api/v1/imports/preview', { method: 'POST', body: broken });
    assert.equal(r2.status, 400);
    assert.deepEqual(errorBodySchema.parse(await r2.json()).error.details?.map((d) => d.path), ['schoolMapping']);
  });
});
