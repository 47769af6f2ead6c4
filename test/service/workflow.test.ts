/**
 * The whole rulebook workflow against the service as a real process: seed a district,
 * preview the bundled sample (its problems are the editor's), see it refused, submit the
 * corrected files, watch them go Scheduled → Completed, read history and details, download
 * the file again and find the e-mails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnrollmentDocument, parseConfig } from '../../core';
import { type ImportServiceClient, ImportServiceError } from '../../core/importApi';
import { readFixture } from './helpers/fixtures';
import { newKey, ServiceProcess, tempDataDir } from './helpers/serviceProcess';

const SAMPLE_STUDENTS = 'samples/district/students.csv';
const FIXED_STUDENTS = 'test/fixtures/service/students.csv';
const FIXED_STAFF = 'test/fixtures/service/staff.csv';
const ADMIN_EMAIL = 'pat.admin@maplegrove.example.org';

function outbox(dir: string): { name: string; text: string }[] {
  const box = path.join(dir, 'outbox');
  if (!fs.existsSync(box)) return [];
  return fs
    .readdirSync(box)
    .filter((n) => n.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(box, name), 'utf8') }));
}

/** The Password column (5th) of a simple (unquoted) CSV, emptied. */
function withoutPasswords(text: string): string {
  return text
    .split('\r\n')
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(',');
      cells[4] = '';
      return cells.join(',');
    })
    .join('\r\n');
}

function passwords(text: string): string[] {
  return text
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[4] as string);
}

describe('import service: the whole workflow', function () {
  let service: ServiceProcess;
  let client: ImportServiceClient;
  let dataDir: string;
  const sampleConfig = parseConfig(readFixture('samples/district/.classworks.json')).config;

  before(async function () {
    dataDir = tempDataDir('workflow');
    const seed = path.join(tempDataDir('seed'), 'district.json');
    fs.writeFileSync(
      seed,
      JSON.stringify({
        name: 'Maple Grove School District',
        schools: sampleConfig.schools,
        groups: ['Reading Intervention'],
        admin: { name: 'Pat Admin', email: ADMIN_EMAIL },
      }),
    );
    service = await ServiceProcess.start({ dataDir, args: ['--seed', seed] });
    client = service.client();
  });

  after(async function () {
    const exit = await service?.stop();
    assert.equal(exit?.code, 0, 'SIGTERM stops the service cleanly');
  });

  it('prints exactly one line on stdout and serves the seeded district', async function () {
    assert.deepEqual(service.stdoutLines, [`listening on ${service.url}`]);
    const district = await client.getDistrict();
    assert.equal(district.name, 'Maple Grove School District');
    assert.deepEqual(
      district.schools.map((s) => s.sisId),
      ['00123', '00231', '00232', '00456', 'HS01'],
    );
    assert.deepEqual(district.groups.map((g) => [g.name, g.memberCount]), [['Reading Intervention', 0]]);
    assert.equal((await client.me()).email, ADMIN_EMAIL);
  });

  it('previews the bundled sample with exactly the problems the editor shows', async function () {
    const text = readFixture(SAMPLE_STUDENTS);
    const preview = await client.preview({ fileName: 'students.csv', csv: text });
    const editor = new EnrollmentDocument(text, { config: sampleConfig, fileName: 'students.csv' }).getProblems();
    assert.deepEqual(
      preview.problems.map((p) => [p.line, p.column, p.code, p.severity]),
      editor.map((p) => [p.range.start.line + 1, p.range.start.character + 1, p.code, p.severity]),
    );
    assert.equal(preview.problems.length, 15);
    assert.equal(preview.submittable, false);
    assert.equal(preview.counts.rows, 74);
    assert.equal(preview.counts.error, 12, 'twelve rows have errors (three problems are warnings)');
    const unknown = preview.schools.find((s) => s.value === '123');
    assert.deepEqual(unknown && [unknown.how, unknown.suggestion?.sisId], ['none', '00123'], 'the lost zeros are recognised');
  });

  it('refuses the sample with its errors listed, and writes nothing', async function () {
    const error = await client
      .submit({ fileName: 'students.csv', csv: readFixture(SAMPLE_STUDENTS), schoolMapping: { '123': '00123' } }, newKey())
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ImportServiceError);
    assert.equal(error.status, 422);
    assert.equal(error.code, 'file.invalid');
    const codes = error.problems.filter((p) => p.severity === 'error').map((p) => `${p.line} ${p.code}`);
    assert.ok(codes.includes('58 user-type.invalid'), codes.join(', '));
    assert.ok(codes.includes('73 duplicate.district-id'), codes.join(', '));
    assert.equal((await client.listImports()).total, 0);
    assert.equal((await client.listUsers()).total, 0);
  });

  it('previews the corrected file: 74 to create, one without a school', async function () {
    const preview = await client.preview({
      fileName: 'students.csv',
      csv: readFixture(FIXED_STUDENTS),
      schoolMapping: { '123': '00123' },
      options: { customGroupId: 1 },
    });
    assert.equal(preview.submittable, true);
    assert.deepEqual(preview.problemCounts, { errors: 0, warnings: 1, infos: 0 });
    assert.deepEqual(preview.counts, { rows: 74, create: 74, update: 0, unchanged: 0, conflict: 0, error: 0, withoutSchool: 1, addedToGroup: 74 });
    assert.deepEqual(preview.examples.withoutSchool.map((r) => [r.line, r.school.value]), [[60, '00310']]);
    assert.equal(preview.examples.create.length, 10);
    assert.equal(preview.schools.find((s) => s.value === '123')?.how, 'mapped');
    assert.equal((await client.listUsers()).total, 0, 'a preview writes nothing');
  });

  let studentsNumber = '';

  it('submits the students: Scheduled, then Completed with the expected counts', async function () {
    const { import: submitted, replayed } = await client.submit(
      {
        fileName: 'students.csv',
        description: 'First Street ES Student File',
        csv: readFixture(FIXED_STUDENTS),
        schoolMapping: { '123': '00123' },
        options: { customGroupId: 1, conflictResolution: 'imported-wins', existingPasswords: 'maintain' },
      },
      newKey(),
    );
    assert.equal(replayed, false);
    assert.equal(submitted.number, '00001');
    assert.equal(submitted.status, 'Scheduled');
    assert.equal(submitted.counts, null);
    studentsNumber = submitted.number;
    const seen: string[] = [];
    const done = await client.waitForImport(submitted.number, { timeoutMs: 30_000, intervalMs: 50, onStatus: (s) => seen.push(s) });
    assert.equal(done.status, 'Completed');
    assert.ok(done.completedAt && done.startedAt);
    assert.deepEqual(done.counts, submitted.expectedCounts);
    assert.equal(done.counts?.create, 74);
    assert.equal(done.customGroup?.name, 'Reading Intervention');
    assert.deepEqual(done.problems.map((p) => p.code), ['school.unknown']);
    assert.equal(done.attempts, 1);
  });

  it('submits the staff with login e-mails', async function () {
    const { import: submitted } = await client.submit(
      { fileName: 'staff.csv', description: 'District staff', csv: readFixture(FIXED_STAFF), options: { emailStaff: true } },
      newKey(),
    );
    assert.equal(submitted.number, '00002');
    const done = await client.waitForImport(submitted.number, { timeoutMs: 30_000 });
    assert.equal(done.status, 'Completed');
    assert.equal(done.counts?.create, 23);
  });

  it('lists the history, newest first', async function () {
    const history = await client.listImports();
    assert.equal(history.total, 2);
    assert.deepEqual(
      history.imports.map((i) => [i.number, i.description, i.type, i.status, i.submittedBy.name]),
      [
        ['00002', 'District staff', 'User Data', 'Completed', 'Pat Admin'],
        ['00001', 'First Street ES Student File', 'User Data', 'Completed', 'Pat Admin'],
      ],
    );
    assert.ok(history.imports.every((i) => i.completedAt !== null));
  });

  it("shows each row's outcome, school and warnings", async function () {
    const rows = await client.getImportRows(studentsNumber, { limit: 1000 });
    assert.equal(rows.total, 74);
    assert.ok(rows.rows.every((r) => r.outcome === 'created' && r.addedToGroup));
    const noSchool = rows.rows.find((r) => r.line === 60);
    assert.deepEqual(noSchool?.school, { value: '00310', sisId: null, name: null });
    assert.deepEqual(noSchool?.warnings.map((w) => w.code), ['school.unknown']);
    const mapped = rows.rows.find((r) => r.line === 6);
    assert.deepEqual(mapped?.school, { value: '123', sisId: '00123', name: 'Lincoln Elementary' });
    const created = await client.getImportRows(studentsNumber, { outcome: 'created', limit: 5 });
    assert.equal(created.total, 74);
    assert.equal(created.rows.length, 5);
  });

  it('stores the users (never their passwords) and their passwords as working hashes', async function () {
    const users = await client.listUsers({ limit: 1000 });
    assert.equal(users.total, 97);
    const tracy = (await client.listUsers({ districtId: '13035' })).users[0];
    assert.equal(tracy?.fields['First Name'], 'Tracy');
    assert.equal(tracy?.fields.Password, undefined);
    assert.equal(tracy?.schoolSisId, '00123');
    assert.deepEqual(tracy?.groups, [1]);
    assert.equal(tracy?.createdByImport, '00001');
    assert.equal(await client.verifyPassword('Tbaxley', 'Eagle$285'), true);
    assert.equal(await client.verifyPassword('Tbaxley', 'Eagle$286'), false);
    const district = await client.getDistrict();
    assert.equal(district.groups[0]?.memberCount, 74);
    const db = fs.readFileSync(path.join(dataDir, 'classworks-import.sqlite'));
    for (const password of ['Eagle$285', ...passwords(readFixture(FIXED_STAFF))]) {
      assert.equal(db.includes(Buffer.from(password)), false, 'no password is in the database file');
    }
  });

  it('downloads the imported file again, with its passwords emptied', async function () {
    const file = await client.downloadImportFile(studentsNumber);
    assert.equal(file.fileName, 'students.csv');
    assert.equal(file.text, withoutPasswords(readFixture(FIXED_STUDENTS)));
  });

  it('e-mails the submitter at completion and each staff user their login, without passwords', async function () {
    const mails = await service.waitUntil('the 25 e-mails in the outbox', () => {
      const box = outbox(dataDir);
      return box.length >= 25 ? box : undefined;
    });
    assert.equal(mails.length, 25);
    const completion = mails.filter((m) => m.text.includes('X-Classworks-Mail-Kind: import-completed'));
    assert.deepEqual(
      completion.map((m) => /^Subject: (.*)$/m.exec(m.text)?.[1]),
      ['Classworks import 00001 completed', 'Classworks import 00002 completed'],
    );
    assert.ok(completion.every((m) => m.text.includes(`To: ${ADMIN_EMAIL}`)));
    const logins = mails.filter((m) => m.text.includes('X-Classworks-Mail-Kind: staff-login'));
    assert.equal(logins.length, 23);
    const craig = logins.find((m) => m.text.includes('To: cbeane@lincoln.perficientads.com'));
    assert.ok(craig?.text.includes('Username: CBeane'), craig?.text);
    for (const m of mails) {
      for (const password of [...passwords(readFixture(FIXED_STAFF)), ...passwords(readFixture(FIXED_STUDENTS))]) {
        assert.equal(m.text.includes(password), false, `${m.name} must not contain a password`);
      }
    }
    assert.equal(service.stderr.includes('Cedar$Brook19'), false, 'no password in the log');
  });

  it('a second preview of the same file finds every user unchanged', async function () {
    const preview = await client.preview({ fileName: 'students.csv', csv: readFixture(FIXED_STUDENTS), schoolMapping: { '123': '00123' } });
    assert.equal(preview.counts.unchanged, 74);
    assert.equal(preview.counts.create, 0);
  });
});
