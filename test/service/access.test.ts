/** Access: bearer tokens, roles, 401 and 403; the sandbox's administrator token. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { csv, request, student } from './helpers/fixtures';
import { newKey, ServiceProcess, tempDataDir } from './helpers/serviceProcess';

interface ErrorJson {
  error: { status: number; code: string; message: string };
}

describe('import service: access', function () {
  let service: ServiceProcess;
  let teacherToken: string;
  before(async function () {
    service = await ServiceProcess.start({ args: ['--seed', 'samples/district/.classworks.json'] });
    const created = await service.client().createAccount({ username: 'tkim', name: 'Terry Kim', email: 'tkim@example.org', role: 'teacher' });
    teacherToken = created.token;
    const { import: made } = await service.client().submit(request(csv([student('3001')])), newKey());
    await service.client().waitForImport(made.number);
  });
  after(async function () {
    await service?.stop();
  });

  const protectedCalls: [string, string, unknown?][] = [
    ['GET', '/api/v1/me'],
    ['GET', '/api/v1/district'],
    ['GET', '/api/v1/imports'],
    ['GET', '/api/v1/imports/00001'],
    ['GET', '/api/v1/imports/00001/rows'],
    ['GET', '/api/v1/imports/00001/file'],
    ['GET', '/api/v1/district/users'],
    ['POST', '/api/v1/imports/preview', request(csv([student('3002')]))],
    ['POST', '/api/v1/imports', request(csv([student('3003')]))],
    ['POST', '/api/v1/district/schools', { sisId: 'X1', name: 'X' }],
    ['POST', '/api/v1/shutdown'],
  ];

  async function call(method: string, pathname: string, body: unknown, token: string | null, extra: Record<string, string> = {}) {
    return service.fetch(pathname, {
      method,
      token,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), 'Idempotency-Key': newKey(), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  it('answers 401 with WWW-Authenticate without a token, or with a wrong one', async function () {
    for (const [method, pathname, body] of protectedCalls) {
      for (const [token, code] of [[null, 'auth.missing-token'], ['not-a-real-token-at-all', 'auth.invalid-token']] as const) {
        const response = await call(method, pathname, body, token);
        assert.equal(response.status, 401, `${method} ${pathname}`);
        assert.match(response.headers.get('WWW-Authenticate') ?? '', /^Bearer/);
        assert.equal(((await response.json()) as ErrorJson).error.code, code);
      }
    }
    const basic = await service.fetch('/api/v1/imports', { token: null, headers: { Authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` } });
    assert.equal(basic.status, 401);
  });

  it('answers 403 to a teacher for imports and administration, and lets them read the district', async function () {
    for (const [method, pathname, body] of protectedCalls) {
      const response = await call(method, pathname, body, teacherToken);
      if (pathname === '/api/v1/me' || pathname === '/api/v1/district') {
        assert.equal(response.status, 200, `${method} ${pathname}`);
        continue;
      }
      assert.equal(response.status, 403, `${method} ${pathname}`);
      const error = ((await response.json()) as ErrorJson).error;
      assert.equal(error.code, 'auth.forbidden');
      assert.match(error.message, /district administrators/);
    }
    assert.equal((await service.client(teacherToken).me()).role, 'teacher');
    const district = await service.client(teacherToken).getDistrict();
    assert.equal(district.schools.length, 5, 'seeded from the sample .classworks.json');
    assert.equal((await service.client().listImports()).total, 1, 'the refused submission made nothing');
  });

  it('needs no token for health and the OpenAPI document', async function () {
    assert.equal((await service.fetch('/api/v1/health', { token: null })).status, 200);
    assert.equal((await service.fetch('/api/v1/openapi.json', { token: null })).status, 200);
  });

  it('listens on 127.0.0.1 by default', function () {
    assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('takes the administrator token from --token-file or CLASSWORKS_IMPORT_TOKEN, so it is not on the command line', async function () {
    const secret = 'file-token-0123456789abcdef-xyz';
    const dir = tempDataDir('token-file');
    const file = path.join(dir, 'token.txt');
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    for (const [args, env, token] of [
      [['--token-file', file], {}, secret],
      [[], { CLASSWORKS_IMPORT_TOKEN: 'env-token-0123456789abcdef-xyz' }, 'env-token-0123456789abcdef-xyz'],
    ] as const) {
      const s = await ServiceProcess.start({ token: null, args: [...args], env: { ...env } });
      try {
        assert.doesNotMatch(s.child.spawnargs.join(' '), new RegExp(token), 'not in the arguments');
        assert.equal((await s.client(token).me()).role, 'district-admin');
        assert.equal(fs.readFileSync(path.join(s.dataDir, 'admin-token'), 'utf8').trim(), token);
        assert.doesNotMatch(s.stderr, new RegExp(token), 'not printed');
      } finally {
        await s.stop();
      }
    }
  });
});
