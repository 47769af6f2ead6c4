// How the extension spawns the local sandbox district: the administrator token goes in the
// child's environment, never on its command line (which any local user can read with ps).
import * as assert from 'node:assert/strict';
import { sandboxLaunch } from '../../client/district/sandboxProcess';

describe('sandbox district launch', function () {
  const token = 'sandbox-token-0123456789abcdef';
  const base = { bundle: '/ext/dist/import-service.js', dataDir: '/storage/sandbox/data', token, processNow: true, execPath: '/usr/bin/node' };

  it('carries the token in CLASSWORKS_IMPORT_TOKEN, not in the arguments', function () {
    const launch = sandboxLaunch({ ...base, seedFile: '/storage/sandbox/seed.json' }, { PATH: '/usr/bin' });
    assert.equal(launch.command, '/usr/bin/node');
    assert.deepEqual(launch.args, [
      '/ext/dist/import-service.js', '--data', '/storage/sandbox/data', '--port', '0', '--host', '127.0.0.1', '--allow-shutdown',
      '--seed', '/storage/sandbox/seed.json', '--process-now',
    ]);
    assert.ok(!launch.args.some((a) => a.includes(token)), 'no argument holds the token');
    assert.ok(!launch.args.includes('--token'), 'no --token flag');
    assert.deepEqual(launch.env, { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', CLASSWORKS_IMPORT_TOKEN: token });
  });

  it('overrides a CLASSWORKS_IMPORT_TOKEN inherited from VS Code, and leaves out what is not asked for', function () {
    const launch = sandboxLaunch({ ...base, processNow: false }, { CLASSWORKS_IMPORT_TOKEN: 'someone-elses-token-000000' });
    assert.equal(launch.env.CLASSWORKS_IMPORT_TOKEN, token);
    assert.deepEqual(launch.args, ['/ext/dist/import-service.js', '--data', '/storage/sandbox/data', '--port', '0', '--host', '127.0.0.1', '--allow-shutdown']);
  });
});
