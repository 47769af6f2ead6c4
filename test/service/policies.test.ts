/**
 * The additional actions of the rulebook's step 5: conflict resolution × existing passwords,
 * the custom group for students, and rows that clash with the district at processing time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FieldName, REQUIRED_FIELDS } from '../../core';
import type { ConflictResolution, ImportServiceClient, PasswordPolicy } from '../../core/importApi';
import { csv, request, type RowSpec, staff, student } from './helpers/fixtures';
import { closedWindow, newKey, ServiceProcess, tempDataDir } from './helpers/serviceProcess';

const FIELDS: FieldName[] = [...REQUIRED_FIELDS, 'Middle Name'];
const SEED = { schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: '00456', name: 'Washington Elementary' }], groups: ['Tutoring'] };

function seedFile(): string {
  const dir = tempDataDir('seed');
  const file = path.join(dir, 'district.json');
  fs.writeFileSync(file, JSON.stringify(SEED));
  return file;
}

async function importRows(client: ImportServiceClient, rows: RowSpec[], options: Parameters<ImportServiceClient['submit']>[0]['options'] = {}) {
  const { import: submitted } = await client.submit(request(csv(rows, FIELDS), { options }), newKey());
  return client.waitForImport(submitted.number, { timeoutMs: 30_000 });
}

describe('import service: conflict resolution × existing passwords', function () {
  let service: ServiceProcess;
  let client: ImportServiceClient;
  before(async function () {
    service = await ServiceProcess.start({ args: ['--seed', seedFile()] });
    client = service.client();
  });
  after(async function () {
    await service?.stop();
  });

  const cases: { conflict: ConflictResolution; passwords: PasswordPolicy; update: number; unchanged: number }[] = [
    { conflict: 'imported-wins', passwords: 'maintain', update: 2, unchanged: 1 },
    // overwrite sets every existing user's password without comparing it first (no scrypt per user): Z is updated too.
    { conflict: 'imported-wins', passwords: 'overwrite', update: 3, unchanged: 0 },
    { conflict: 'existing-wins', passwords: 'maintain', update: 1, unchanged: 2 },
    { conflict: 'existing-wins', passwords: 'overwrite', update: 3, unchanged: 0 },
  ];

  cases.forEach(({ conflict, passwords }, index) => {
    it(`${conflict} × ${passwords}: preview and outcome agree, fields and passwords follow the policy`, async function () {
      const base = 8000 + index * 10;
      const [x, y, z, n] = [base + 1, base + 2, base + 3, base + 4].map(String) as [string, string, string, string];
      // The district before: X "Robert" at Lincoln without a middle name; Y "Alvarez"; Z.
      await importRows(client, [
        student(x, { 'First Name': 'Robert', Password: `First#${x}pw` }),
        student(y, { 'Last Name': 'Alvarez', Password: `First#${y}pw` }),
        student(z, { Password: `Same#${z}pw` }),
      ]);
      // The file: X is "Bob" at Washington with a middle name and a new password; Y is "Alvarado"
      // with a new password; Z is identical; N is new.
      const file = [
        student(x, { 'First Name': 'Bob', 'Middle Name': 'Lee', 'School SIS ID': '00456', Password: `Second#${x}pw` }),
        student(y, { 'Last Name': 'Alvarado', Password: `Second#${y}pw` }),
        student(z, { Password: `Same#${z}pw` }),
        student(n),
      ];
      const options = { conflictResolution: conflict, existingPasswords: passwords };
      const importedWins = conflict === 'imported-wins';
      const overwrite = passwords === 'overwrite';
      const expected = cases[index]!;

      const preview = await client.preview(request(csv(file, FIELDS), { options }));
      assert.deepEqual(
        [preview.counts.create, preview.counts.update, preview.counts.unchanged, preview.counts.conflict],
        [1, expected.update, expected.unchanged, 2],
      );
      const robert = preview.examples.conflict.find((r) => r.districtId === x);
      assert.deepEqual(
        robert?.conflicts.map((c) => [c.field, c.existingValue, c.fileValue, c.kept]),
        [
          ['First Name', 'Robert', 'Bob', importedWins ? 'imported' : 'existing'],
          ['School SIS ID', '00123', '00456', importedWins ? 'imported' : 'existing'],
        ],
      );
      const expectedChanges = [
        ['Middle Name', null, 'Lee'],
        ...(importedWins ? [['First Name', 'Robert', 'Bob'], ['School SIS ID', '00123', '00456']] : []),
        ...(overwrite ? [['Password', null, null]] : []),
      ].sort();
      assert.deepEqual(robert?.changes.map((c) => [c.field, c.from, c.to]).sort(), expectedChanges);
      assert.equal(preview.passwordsOverwritten, overwrite ? 3 : 0);

      const done = await importRows(client, file, options);
      assert.equal(done.status, 'Completed');
      assert.deepEqual(done.counts, preview.counts, 'processing did what the preview said');

      const user = async (id: string) => (await client.listUsers({ districtId: id })).users[0]!;
      const ux = await user(x);
      assert.equal(ux.fields['First Name'], importedWins ? 'Bob' : 'Robert');
      assert.equal(ux.fields['Middle Name'], 'Lee', 'a blank existing value is filled under either policy');
      assert.equal(ux.schoolSisId, importedWins ? '00456' : '00123');
      assert.equal((await user(y)).fields['Last Name'], importedWins ? 'Alvarado' : 'Alvarez');
      assert.equal(await client.verifyPassword(`s${x}`, `Second#${x}pw`), overwrite);
      assert.equal(await client.verifyPassword(`s${x}`, `First#${x}pw`), !overwrite);
      assert.equal(await client.verifyPassword(`s${y}`, `Second#${y}pw`), overwrite);
      assert.equal(await client.verifyPassword(`s${z}`, `Same#${z}pw`), true);
      assert.equal(await client.verifyPassword(`s${n}`, `Kite#${n}x`), true, 'a new user always gets the file\'s password');

      const rows = await client.getImportRows(done.number);
      assert.equal(rows.rows.find((r) => r.districtId === z)?.outcome, overwrite ? 'updated' : 'unchanged');
      assert.equal(rows.rows.find((r) => r.districtId === n)?.outcome, 'created');
      assert.equal(rows.rows.find((r) => r.districtId === y)?.outcome, expected.update >= 2 ? 'updated' : 'unchanged');
    });
  });

  it('a blank cell never clears an existing value', async function () {
    await importRows(client, [student('8901', { 'Middle Name': 'Ann' })]);
    const done = await importRows(client, [student('8901', { 'Middle Name': '' })], { conflictResolution: 'imported-wins' });
    assert.equal(done.counts?.unchanged, 1);
    assert.equal((await client.listUsers({ districtId: '8901' })).users[0]?.fields['Middle Name'], 'Ann');
  });
});

describe('import service: custom group', function () {
  let service: ServiceProcess;
  let client: ImportServiceClient;
  before(async function () {
    service = await ServiceProcess.start({ args: ['--seed', seedFile()] });
    client = service.client();
  });
  after(async function () {
    await service?.stop();
  });

  it("adds the file's students (not its staff) to the chosen group, once", async function () {
    const group = await client.addGroup('Summer School');
    const rows = [student('9001'), student('9002'), staff('9003'), student('9004')];
    const preview = await client.preview(request(csv(rows, FIELDS), { options: { customGroupId: group.id } }));
    assert.equal(preview.counts.addedToGroup, 3);
    const done = await importRows(client, rows, { customGroupId: group.id });
    assert.equal(done.counts?.addedToGroup, 3);
    assert.deepEqual(done.customGroup, { id: group.id, name: 'Summer School' });
    const district = await client.getDistrict();
    assert.equal(district.groups.find((g) => g.id === group.id)?.memberCount, 3);
    assert.deepEqual((await client.listUsers({ districtId: '9003' })).users[0]?.groups, []);
    assert.deepEqual((await client.listUsers({ districtId: '9001' })).users[0]?.groups, [group.id]);
    const again = await importRows(client, rows, { customGroupId: group.id });
    assert.equal(again.counts?.addedToGroup, 0, 'members already');
    assert.equal(again.counts?.unchanged, 4);
  });
});

describe('import service: rows that clash with the district', function () {
  const running: ServiceProcess[] = [];
  after(async function () {
    for (const s of running) await s.stop();
  });

  it('refuses a file that would reuse another user\'s username', async function () {
    const service = await ServiceProcess.start({ args: ['--seed', seedFile()] });
    running.push(service);
    const client = service.client();
    await importRows(client, [student('9101', { Username: 'jsmith' })]);
    const body = request(csv([student('9102', { Username: 'JSmith' })], FIELDS));
    const preview = await client.preview(body);
    assert.equal(preview.submittable, false);
    assert.deepEqual(preview.problems.map((p) => [p.line, p.code]), [[2, 'district.username-taken']]);
    assert.equal(preview.examples.error[0]?.districtId, '9102');
    const error = await client.submit(body, newKey()).then(() => undefined, (e: { status: number; code: string }) => e);
    assert.deepEqual([error?.status, error?.code], [422, 'file.conflicts-with-district']);
  });

  it('places district.username-taken and district.email-taken at the Username and Email Address cells', async function () {
    const service = await ServiceProcess.start({ args: ['--seed', seedFile()] });
    running.push(service);
    const client = service.client();
    await importRows(client, [student('9301', { Username: 'lee', 'Email Address': 'lee@lincoln.example.org' })]);
    const text = csv([student('9302', { Username: 'LEE', 'Email Address': 'Lee@Lincoln.example.org' })], FIELDS);
    const line2 = text.split('\r\n')[1] as string;
    const preview = await client.preview(request(text));
    const at = (code: string) => preview.problems.find((p) => p.code === code);
    for (const [code, value, field] of [
      ['district.username-taken', 'LEE', 'Username'],
      ['district.email-taken', 'Lee@Lincoln.example.org', 'Email Address'],
    ] as const) {
      const p = at(code);
      const start = line2.indexOf(`,${value},`) + 1;
      assert.ok(p, code);
      assert.deepEqual([p.line, p.column, p.endLine, p.endColumn, p.field], [2, start + 1, 2, start + 1 + value.length, field], code);
    }
  });

  it('a clash that appears after submission fails only its row: Completed with errors', async function () {
    const dataDir = tempDataDir('clash');
    const queued = await ServiceProcess.start({ dataDir, processNow: false, args: ['--seed', seedFile(), '--window', closedWindow()] });
    running.push(queued);
    const client = queued.client();
    // Both are accepted (no one has the username yet); whichever runs second finds it taken.
    const { import: a } = await client.submit(request(csv([student('9201', { Username: 'kim' })], FIELDS)), newKey());
    const { import: b } = await client.submit(request(csv([student('9202', { Username: 'kim' }), student('9203')], FIELDS)), newKey());
    await queued.stop();
    const service = await ServiceProcess.start({ dataDir });
    running.push(service);
    const c = service.client();
    assert.equal((await c.waitForImport(a.number)).status, 'Completed');
    const doneB = await c.waitForImport(b.number);
    assert.equal(doneB.status, 'Completed with errors');
    assert.deepEqual([doneB.counts?.create, doneB.counts?.error], [1, 1]);
    assert.match(doneB.failureReasons.join(' '), /1 row could not be imported/);
    const rows = await c.getImportRows(b.number, { outcome: 'error' });
    assert.deepEqual(rows.rows.map((r) => [r.districtId, r.errors.map((e) => e.code)]), [['9202', ['district.username-taken']]]);
    assert.equal((await c.listUsers({ districtId: '9202' })).total, 0);
  });
});
