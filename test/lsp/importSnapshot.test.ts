// classworks/importSnapshot: what the import panel gets from the server about a document.
import * as assert from 'node:assert/strict';
import { IMPORT_SNAPSHOT_REQUEST, type ImportSnapshot } from '../../core/protocol/lspProtocol';
import { importSnapshotSchema } from '../../client/panel/shared/protocol';
import { type LspClient, startOnFixture } from './lspClient';

describe('LSP: classworks/importSnapshot', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  async function snapshotOf(uri: string): Promise<ImportSnapshot | null> {
    const answer = await client.connection.sendRequest<ImportSnapshot | null>(IMPORT_SNAPSHOT_REQUEST, { uri });
    if (answer !== null) importSnapshotSchema.parse(answer); // what the client checks
    return answer;
  }

  it("describes a checked document: mapping, samples, school values, problems with their fixes, counts", async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const snapshot = await snapshotOf(doc.uri);
    assert.ok(snapshot);
    assert.equal(snapshot.version, doc.version);
    assert.equal(snapshot.linted, true);
    assert.equal(snapshot.hasHeaderRow, true);
    assert.equal(snapshot.dataRows, 6);
    assert.match(snapshot.configPath ?? '', /\.classworks\.json$/);
    assert.deepEqual(snapshot.config.schools?.map((s) => s.sisId), ['00123', '00456', 'HS01']);
    assert.deepEqual(snapshot.requiredMissing, []);
    assert.deepEqual(
      snapshot.columns.map((c) => [c.heading, c.field, c.how]),
      [
        ['First Name', 'First Name', 'exact'],
        ['Last Name', 'Last Name', 'exact'],
        ['Username', 'Username', 'exact'],
        ['District ID', 'District ID', 'exact'],
        ['Password', 'Password', 'exact'],
        ['Birthdate', 'Birthdate', 'exact'],
        ['User Type', 'User Type', 'exact'],
        ['Grade', 'Grade', 'exact'],
        ['Email Address', 'Email Address', 'exact'],
        ['School SIS ID', 'School SIS ID', 'exact'],
      ],
    );
    const password = snapshot.columns[4];
    assert.equal(password?.masked, true);
    assert.deepEqual(password?.samples, [], 'no password travels');
    assert.equal(snapshot.columns[0]?.samples.length, 3);
    assert.deepEqual(snapshot.counts, { errors: 4, warnings: 0, infos: 0 });
    assert.deepEqual(snapshot.problems.map((p) => p.code), ['name.invalid-character', 'name.invalid-character', 'user-type.invalid', 'grade.invalid']);
    const grade = snapshot.problems[3];
    assert.deepEqual(grade?.range, doc.rangeOf('KG'));
    assert.ok(grade?.fixTitle, 'a safe fix');
    assert.ok(snapshot.problems[0]?.suggestionTitles.length, 'José has suggestions');
    assert.equal(snapshot.schoolValues.reduce((n, v) => n + v.rows, 0), 6);
    for (const value of snapshot.schoolValues) assert.equal(doc.text.split('\n')[value.firstLine]?.includes(value.value), true);
  });

  it('follows edits: a new version, new counts', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const version = doc.replace('KG', 'K');
    await doc.diagnostics(version);
    const snapshot = await snapshotOf(doc.uri);
    assert.equal(snapshot?.version, version);
    assert.equal(snapshot?.counts.errors, 3);
  });

  it('says when a document is not linted, and answers null for one it does not know', async () => {
    client = await startOnFixture();
    const notes = client.open('notes.csv');
    await client.waitForFileStatus(notes.uri);
    const snapshot = await snapshotOf(notes.uri);
    assert.equal(snapshot?.linted, false);
    assert.deepEqual(snapshot?.columns, []);
    assert.equal(await snapshotOf(client.uri('nowhere.csv')), null);
    assert.equal(await client.connection.sendRequest(IMPORT_SNAPSHOT_REQUEST, { nope: 1 }), null);
  });

  it('counts a School SIS ID value that schoolMapping sends to a school as known', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const version = doc.replace('00456', '456');
    const before = await doc.diagnostics(version);
    assert.ok(before.some((d) => d.code === 'school.unknown'));
    const next = client.nextDiagnostics(doc.uri);
    client.writeWatchedFile(
      '.classworks.json',
      JSON.stringify({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: '00456', name: 'Washington Elementary' }, { sisId: 'HS01', name: 'Ridgeview High School' }], schoolMapping: { '456': '00456' } }),
    );
    const after = await next;
    assert.ok(!after.diagnostics.some((d) => d.code === 'school.unknown'), 'the mapped value is not reported');
    assert.deepEqual((await snapshotOf(doc.uri))?.config.schoolMapping, { '456': '00456' });
  });

  // The import service checks every rule at its default severity: a setting that lowers an
  // error rule hides in the editor what the import still refuses, so the snapshot says so.
  it('lists the errors a severity setting hides (classworks.rules off or warning) that the import still refuses', async () => {
    client = await startOnFixture({ settings: () => ({ rules: { 'name.invalid-character': 'off', 'user-type.invalid': 'warning', 'school.unknown': 'off' } }) });
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const snapshot = await snapshotOf(doc.uri);
    assert.ok(snapshot);
    assert.deepEqual(snapshot.counts, { errors: 1, warnings: 1, infos: 0 }, 'the editor shows grade.invalid as an error, user-type.invalid as a warning');
    assert.deepEqual(snapshot.problems.map((p) => p.code), ['user-type.invalid', 'grade.invalid']);
    const hidden = snapshot.hiddenErrors;
    assert.ok(hidden, 'hiddenErrors is there');
    assert.equal(hidden.count, 3);
    assert.deepEqual(
      hidden.problems.map((p) => [p.code, p.range]),
      [
        ['name.invalid-character', doc.rangeOf('José')],
        ['name.invalid-character', doc.rangeOf("O'Brien")],
        ['user-type.invalid', doc.rangeOf('Student')],
      ],
    );
    assert.match(hidden.problems[0]?.message ?? '', /First Name "José" has the character "é" \(U\+00E9\)/);
    // school.unknown (a warning by default) is not the import's error: not listed.
    assert.deepEqual(hidden.settings, [
      { code: 'name.invalid-character', severity: 'off', source: 'settings' },
      { code: 'user-type.invalid', severity: 'warning', source: 'settings' },
    ]);
  });

  it('also for "rules" in .classworks.json, and not once the file no longer has such a problem', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    assert.equal((await snapshotOf(doc.uri))?.hiddenErrors, undefined, 'default severities: nothing hidden');
    const next = client.nextDiagnostics(doc.uri);
    client.writeWatchedFile(
      '.classworks.json',
      JSON.stringify({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: '00456', name: 'Washington Elementary' }, { sisId: 'HS01', name: 'Ridgeview High School' }], rules: { 'grade.invalid': 'info' } }),
    );
    await next;
    const lowered = await snapshotOf(doc.uri);
    assert.deepEqual(lowered?.counts, { errors: 3, warnings: 0, infos: 1 });
    assert.equal(lowered?.hiddenErrors?.count, 1);
    assert.deepEqual(lowered?.hiddenErrors?.problems.map((p) => [p.code, p.range]), [['grade.invalid', doc.rangeOf('KG')]]);
    assert.deepEqual(lowered?.hiddenErrors?.settings, [{ code: 'grade.invalid', severity: 'info', source: 'config' }]);
    const version = doc.replace('KG', 'K');
    await doc.diagnostics(version);
    const fixed = await snapshotOf(doc.uri);
    assert.equal(fixed?.version, version);
    assert.equal(fixed?.hiddenErrors, undefined, 'the hidden error is fixed');
  });
});
