/**
 * The service's edges: the outbox kept to its owner, bodies of a type an endpoint does not
 * take (415), wrong methods (405 with Allow), a strictly checked seed file, and a refused
 * file with very many problems (listed up to 1000, counted exactly).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ErrorBody, errorBodySchema, ImportServiceError } from '../../core/importApi';
import { csv, request, staff, student } from './helpers/fixtures';
import { ensureBuilt, newKey, SERVICE, ServiceProcess, tempDataDir, TOKEN, seededService } from './helpers/serviceProcess';

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return errorBodySchema.parse(await response.json()).error;
}

describe('import service: hardening', function () {
  describe('the outbox', function () {
    it('keeps its folder (0700) and each .eml file (0600) to the owner, tightening a folder made earlier', async function () {
      if (process.platform === 'win32') this.skip();
      const dataDir = tempDataDir('outbox-modes');
      const box = path.join(dataDir, 'outbox');
      fs.mkdirSync(box, { mode: 0o755 });
      fs.chmodSync(box, 0o755);
      const service = await ServiceProcess.start({ dataDir, args: ['--seed', 'samples/district/.classworks.json'] });
      try {
        const { import: made } = await service.client().submit(request(csv([staff('7001'), staff('7002')]), { options: { emailStaff: true } }), newKey());
        await service.client().waitForImport(made.number);
        // Two staff logins and the submitter's completion e-mail.
        const files = await service.waitUntil('three .eml files', () => {
          const names = fs.readdirSync(box).filter((n) => n.endsWith('.eml'));
          return names.length >= 3 ? names : undefined;
        });
        assert.equal(files.length, 3);
        assert.equal(fs.statSync(box).mode & 0o777, 0o700, 'the outbox folder');
        for (const name of files) assert.equal(fs.statSync(path.join(box, name)).mode & 0o777, 0o600, name);
      } finally {
        await service.stop();
      }
    });
  });

  describe('requests', function () {
    let service: ServiceProcess;
    seededService({ name: 'Hardening District', schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], groups: ['Tutoring'] }, (s) => (service = s));

    const form = () => {
      const body = new FormData();
      body.set('sisId', 'X9');
      body.set('name', 'Form School');
      return body;
    };
    /** Bodies of every type but JSON, each with what the 415 must say was sent. */
    const wrongBodies: [string, () => RequestInit, RegExp][] = [
      ['a multipart form', () => ({ body: form() }), /sent "Content-Type: multipart\/form-data"/],
      ['a URL-encoded form', () => ({ body: new URLSearchParams({ sisId: 'X9', name: 'Form School' }) }), /sent "Content-Type: application\/x-www-form-urlencoded"/],
      ['text/plain', () => ({ headers: { 'Content-Type': 'text/plain' }, body: '{"sisId":"X9","name":"Form School"}' }), /sent "Content-Type: text\/plain"/],
      ['no Content-Type', () => ({ body: new Blob(['{"sisId":"X9","name":"Form School"}']) }), /sent no Content-Type/],
    ];

    it('a JSON endpoint refuses a form or another content type with 415 saying to send application/json, and writes nothing', async function () {
      const before = await service.client().getDistrict();
      for (const pathname of ['/api/v1/district/schools', '/api/v1/district/groups', '/api/v1/district/seed', '/api/v1/accounts', '/api/v1/district/users/verify-password']) {
        for (const [what, init, sent] of wrongBodies) {
          const response = await service.fetch(pathname, { method: 'POST', ...init() });
          const error = await errorOf(response);
          assert.equal(response.status, 415, `${pathname}, ${what}: ${error.message}`);
          assert.equal(error.code, 'request.unsupported-media-type');
          assert.match(error.message, new RegExp(`^POST ${pathname.replace(/\//g, '\\/')} takes a JSON body: send it with "Content-Type: application/json"`));
          assert.match(error.message, sent, `${pathname}, ${what}`);
          assert.match(error.message, /Nothing was written\.$/);
          assert.doesNotMatch(error.message, /multipart/i.test(what) ? /file=@/ : /multipart/, 'a JSON endpoint does not suggest a form');
        }
      }
      assert.deepEqual(await service.client().getDistrict(), before, 'no school, group or name was written');
      const created = await service.fetch('/api/v1/accounts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'X9', name: 'Form School', email: 'x9@example.org', role: 'teacher' }),
      });
      assert.equal(created.status, 201, 'the account named in the refused forms was never made');
    });

    it('an import endpoint refuses a URL-encoded form or text with 415 naming JSON and the multipart "file" field', async function () {
      for (const pathname of ['/api/v1/imports/preview', '/api/v1/imports']) {
        for (const [what, init, sent] of wrongBodies.slice(1)) {
          const base = init();
          const response = await service.fetch(pathname, { method: 'POST', ...base, headers: { ...(base.headers as Record<string, string>), 'Idempotency-Key': newKey() } });
          const error = await errorOf(response);
          assert.equal(response.status, 415, `${pathname}, ${what}: ${error.message}`);
          assert.equal(error.code, 'request.unsupported-media-type');
          assert.match(error.message, /takes an ImportRequest as JSON \("Content-Type: application\/json"\), or the same as a multipart\/form-data form with the CSV in a "file" field \(curl -F file=@students\.csv\)/);
          assert.match(error.message, sent, `${pathname}, ${what}`);
        }
      }
      assert.equal((await service.client().listImports()).total, 0, 'no import was made');
      assert.equal((await service.client().listUsers()).total, 0, 'no user was written');
      // A multipart form is what curl -F sends, and it is taken.
      const upload = new FormData();
      upload.set('file', new Blob([csv([student('7101')])], { type: 'text/csv' }), 'students.csv');
      const preview = await service.fetch('/api/v1/imports/preview', { method: 'POST', body: upload });
      assert.equal(preview.status, 200);
    });

    it('POST /district/seed is checked as strictly as a seed file: 400 naming each problem, nothing merged', async function () {
      const before = await service.client().getDistrict();
      const cases: [unknown, { path: string; message: RegExp }[]][] = [
        [{ name: 'Renamed', schols: [{ sisId: 'N1', name: 'New School' }] }, [{ path: 'schols', message: /is not a known key.*Did you mean "schools"\?/ }]],
        [
          { name: 'Renamed', schools: [{ sisId: 'N1', name: 'New School' }, { sisId: 'N1', name: 'Newer School' }] },
          [{ path: 'schools.1.sisId', message: /^"N1" is also the SIS ID of schools\.0 \("New School"\); each school needs its own SIS ID/ }],
        ],
      ];
      for (const [seed, expected] of cases) {
        const response = await service.fetch('/api/v1/district/seed', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(seed) });
        const error = await errorOf(response);
        assert.equal(response.status, 400, error.message);
        assert.equal(error.code, 'request.invalid');
        assert.equal(error.details?.length, expected.length, JSON.stringify(error.details));
        expected.forEach((e, i) => {
          assert.equal(error.details?.[i]?.path, e.path);
          assert.match(error.details?.[i]?.message ?? '', e.message);
        });
      }
      assert.deepEqual(await service.client().getDistrict(), before, 'nothing merged');
    });

    it('a wrong method on a known path → 405 with an Allow header; an unknown path stays 404', async function () {
      const cases: [string, string, string][] = [
        ['PUT', '/api/v1/imports', 'GET, HEAD, POST'],
        ['DELETE', '/api/v1/imports/00001', 'GET, HEAD'],
        ['POST', '/api/v1/imports/00001/file', 'GET, HEAD'],
        ['GET', '/api/v1/district/schools', 'POST'],
        ['PATCH', '/api/v1/district', 'GET, HEAD'],
        ['GET', '/api/v1/imports/preview', 'POST'],
      ];
      for (const [method, pathname, allow] of cases) {
        const response = await service.fetch(pathname, { method });
        const error = await errorOf(response);
        assert.equal(response.status, 405, `${method} ${pathname}: ${error.message}`);
        assert.equal(response.headers.get('Allow'), allow, `${method} ${pathname}`);
        assert.equal(error.code, 'request.method-not-allowed');
        assert.equal(error.message, `${pathname} does not take ${method}; it takes ${allow}. See /api/v1/openapi.json.`);
      }
      // The public endpoints answer 405 without a token too.
      const health = await service.fetch('/api/v1/health', { method: 'POST', token: null });
      assert.equal(health.status, 405);
      assert.equal(health.headers.get('Allow'), 'GET, HEAD');
      const unknown = await service.fetch('/api/v1/schools', { method: 'GET' });
      assert.equal(unknown.status, 404);
      assert.equal((await errorOf(unknown)).code, 'not-found');
    });
  });

  describe('the seed file', function () {
    before(ensureBuilt);

    /** Starts the service with a seed file and waits for it to end (or to listen). */
    function startWith(dataDir: string, seed: unknown): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
      const file = path.join(tempDataDir('seed-file'), 'district.json');
      fs.writeFileSync(file, typeof seed === 'string' ? seed : JSON.stringify(seed));
      const env = { ...process.env };
      for (const key of Object.keys(env)) if (key.startsWith('CLASSWORKS_')) delete env[key];
      const child = spawn(process.execPath, [SERVICE, '--data', dataDir, '--port', '0', '--token', TOKEN, '--seed', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let stopped = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (!stopped && stdout.includes('listening on')) {
          stopped = true;
          child.kill('SIGTERM');
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
    }

    const bad: [string, unknown, RegExp[]][] = [
      ['a misspelt key', { name: 'D', schols: [{ sisId: '00123', name: 'Lincoln Elementary' }] }, [/schols: is not a known key/, /Did you mean "schools"\?/]],
      ['an unknown key in a school', { schools: [{ sisId: '00123', name: 'Lincoln Elementary', grade: 'K-5' }] }, [/schools\.0\.grade: is not a known key.*Allowed: sisId, name/]],
      ['an unknown key in admin', { admin: { name: 'Pat', mail: 'pat@example.org' } }, [/admin\.mail: is not a known key.*Did you mean "email"\?/]],
      [
        'two schools with one SIS ID',
        { schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: '00456', name: 'Washington' }, { sisId: '00123', name: 'Lincoln Annex' }] },
        [/schools\.2\.sisId: "00123" is also the SIS ID of schools\.0 \("Lincoln Elementary"\); each school needs its own SIS ID/],
      ],
      ['a group listed twice', { groups: ['Tutoring', 'tutoring'] }, [/groups\.1: the group "tutoring" is listed twice \(also groups\.0\)/]],
      ['a school without a name', { schools: [{ sisId: '00123' }] }, [/schools\.0\.name: /]],
      ['not an object', [{ sisId: '00123', name: 'Lincoln Elementary' }], [/must hold one JSON object/]],
      ['not JSON', '{"schools": [', [/Cannot read the seed file .*district\.json/]],
    ];

    for (const [what, seed, messages] of bad) {
      it(`${what}: the service does not start, says what is wrong, and writes nothing`, async function () {
        const dataDir = path.join(tempDataDir('bad-seed'), 'data');
        const { code, stdout, stderr } = await startWith(dataDir, seed);
        assert.notEqual(code, 0, 'a non-zero exit code');
        assert.equal(stdout, '', 'never listening');
        for (const message of messages) assert.match(stderr, message);
        assert.match(stderr, /nothing was written|Nothing was written/);
        assert.equal(fs.existsSync(dataDir), false, 'the data directory was not even created');
      });
    }

    it('leaves an existing district as it was, and takes a .classworks.json with its other keys', async function () {
      const dataDir = tempDataDir('seed-existing');
      const config = {
        $schema: './schemas/classworks.schema.json',
        schools: [{ sisId: '00123', name: 'Lincoln Elementary' }],
        columns: { 'Student Number': 'District ID' },
        rules: { 'password.shared': 'off' },
      };
      const good = await startWith(dataDir, config);
      // Started (it listened), then stopped by the test's SIGTERM: a clean exit, or the signal itself
      // when it came before the service's handler was in place on a loaded machine.
      assert.ok(good.code === 0 || good.signal === 'SIGTERM', `exit ${good.code} ${good.signal}: ${good.stderr}`);
      assert.match(good.stdout, /^listening on /);
      const refused = await startWith(dataDir, { schools: [{ sisId: 'HS01', name: 'Ridgeview' }, { sisId: 'HS01', name: 'Ridgeview 2' }] });
      assert.equal(refused.code, 1);
      const service = await ServiceProcess.start({ dataDir });
      try {
        assert.deepEqual((await service.client().getDistrict()).schools, [{ sisId: '00123', name: 'Lincoln Elementary' }]);
      } finally {
        await service.stop();
      }
    });
  });

  describe('a refused file with very many problems', function () {
    let service: ServiceProcess;
    seededService({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] }, (s) => (service = s));

    async function submitRefused(text: string): Promise<ErrorBody['error']> {
      const response = await service.fetch('/api/v1/imports', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify(request(text)),
      });
      const error = await errorOf(response);
      assert.equal(response.status, 422, error.message);
      assert.equal(error.code, 'file.invalid');
      return error;
    }

    it('lists the first 1000, errors first, in line order, with exact counts per severity and problemsTruncated', async function () {
      // 1100 rows with a warning each (a two-digit birth year), then 5 rows with an error each.
      const rows = [
        ...Array.from({ length: 1100 }, (_, i) => student(String(100000 + i), { Birthdate: '3/14/15' })),
        ...Array.from({ length: 5 }, (_, i) => student(String(200000 + i), { 'User Type': 'X' })),
      ];
      const error = await submitRefused(csv(rows));
      assert.deepEqual(error.problemCounts, { errors: 5, warnings: 1100, infos: 0 });
      assert.equal(error.problemsTruncated, true);
      const problems = error.problems ?? [];
      assert.equal(problems.length, 1000);
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.line]),
        [1102, 1103, 1104, 1105, 1106].map((line) => ['user-type.invalid', line]),
        'every error is listed though it lies past the 1000th problem',
      );
      assert.equal(problems.filter((p) => p.code === 'birthdate.two-digit-year').length, 995);
      assert.deepEqual(problems.map((p) => p.line), [...problems.map((p) => p.line)].sort((a, b) => a - b), 'in line order');
      assert.match(error.message, /^The file has 5 errors that must be fixed .*; the first 1000 of its 1105 problems are listed, errors first\. Nothing was submitted\.$/);
      // The typed client carries the same.
      const refused = await service.client().submit(request(csv(rows)), newKey()).then(
        () => assert.fail('submitted'),
        (e: unknown) => e as ImportServiceError,
      );
      assert.ok(refused instanceof ImportServiceError);
      assert.deepEqual([refused.problemCounts, refused.problemsTruncated, refused.problems.length], [{ errors: 5, warnings: 1100, infos: 0 }, true, 1000]);
      assert.equal((await service.client().listImports()).total, 0);
    });

    it('a refusal that lists every problem says so: problemsTruncated false, the counts exact', async function () {
      const rows = [student('300001', { Birthdate: '3/14/15' }), student('300002', { 'User Type': 'X' }), student('300003', { 'User Type': 'X' })];
      const error = await submitRefused(csv(rows));
      assert.deepEqual(error.problemCounts, { errors: 2, warnings: 1, infos: 0 });
      assert.equal(error.problemsTruncated, false);
      assert.deepEqual(error.problems?.map((p) => [p.code, p.line]), [
        ['birthdate.two-digit-year', 2],
        ['user-type.invalid', 3],
        ['user-type.invalid', 4],
      ]);
    });
  });
});
