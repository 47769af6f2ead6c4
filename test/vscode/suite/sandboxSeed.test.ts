// Which schools the local sandbox district starts with (a new-user trial saw them come from a
// subfolder's .classworks.json because a file of that folder was active when the window loaded).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sandboxSeed } from '../../../client/district/districtConnection';
import { workspaceUri } from './helpers';

describe('Sandbox district seed', () => {
  const root = workspaceUri('.classworks.json').fsPath;
  const subfolder = path.join(path.dirname(root), 'other-campus');

  afterEach(() => fs.rmSync(subfolder, { recursive: true, force: true }));

  it('takes the schools of the workspace root’s .classworks.json, whichever file is active', async () => {
    fs.mkdirSync(subfolder, { recursive: true });
    fs.writeFileSync(path.join(subfolder, '.classworks.json'), '{ "schools": [{ "sisId": "X1", "name": "Campus X" }] }\n');
    const near = workspaceUri(path.join('other-campus', 'roster.csv'));
    const { seed, from } = await sandboxSeed(near);
    assert.equal(from, root);
    const rootSchools = (JSON.parse(fs.readFileSync(root, 'utf8')) as { schools: { sisId: string }[] }).schools.map((s) => s.sisId);
    assert.deepEqual((seed.schools ?? []).map((s) => s.sisId), rootSchools);
  });
});
