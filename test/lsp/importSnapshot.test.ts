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
});
