import * as assert from 'node:assert/strict';
import { type LspClient, startOnFixture, summarize } from './lspClient';

const STUDENTS_PROBLEMS = [
  'name.invalid-character 2:0-2:4',
  'name.invalid-character 3:9-3:16',
  'user-type.invalid 4:54-4:61',
  'grade.invalid 5:49-5:51',
];

describe('LSP: incremental edits', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('typing a character into a name reports it for the new version, deleting it clears it', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const v2 = doc.edit({ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, text: '3' }); // Ora -> Ora3
    const after = await doc.diagnostics(v2);
    assert.deepEqual(summarize(after), ['name.invalid-character 1:0-1:4', ...STUDENTS_PROBLEMS]);
    assert.match(String(after[0]!.message), /First Name "Ora3" has the character "3"/);
    assert.equal((after[0]!.data as { version: number }).version, v2);
    const v3 = doc.edit({ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, text: '' });
    assert.deepEqual(summarize(await doc.diagnostics(v3)), STUDENTS_PROBLEMS);
  });

  it('breaking and repairing a duplicate District ID updates both rows', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const broken = doc.replace('13004', '13001'); // line 5 (Noah) now repeats Ora's ID
    const withDuplicate = await doc.diagnostics(broken);
    assert.deepEqual(summarize(withDuplicate), [
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'duplicate.district-id 4:28-4:33',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:49-5:51',
    ]);
    const duplicate = withDuplicate[2]!;
    assert.deepEqual(duplicate.relatedInformation?.[0]?.location.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 22 } });
    // Repair the first row instead: the remaining 13001 on line 5 is unique again.
    const repaired = doc.replace('13001', '13009');
    assert.deepEqual(summarize(await doc.diagnostics(repaired)), STUDENTS_PROBLEMS);
  });

  it('renaming a header cell re-maps the column for the new version', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const renamed = doc.replace('Grade', 'Grd X');
    assert.deepEqual(summarize(await doc.diagnostics(renamed)), [
      'column.unknown 0:71-0:76',
      'column.missing-required 0:91-0:104',
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
    ]);
    const alias = doc.replace('Grd X', 'Grade Level');
    assert.deepEqual(summarize(await doc.diagnostics(alias)), [
      'header.drift 0:71-0:82',
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:49-5:51',
    ]);
  });

  it('applies several content changes of one didChange in order', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    // First change fixes José; the second is expressed in positions after the first.
    const version = doc.edit(
      { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } }, text: 'e' },
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 6 } }, text: 'Sh3rry' },
    );
    assert.deepEqual(summarize(await doc.diagnostics(version)), [
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:49-5:51',
      'name.invalid-character 6:0-6:6',
    ]);
  });

  it('adding and removing lines shifts later diagnostics', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const row = 'Ada,Lovelace,ALovelace,13100,Engine#1842,12/10/2014,0,6,alovelace@lincoln.perficientads.com,00123\n';
    const inserted = doc.edit({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: row + row.replace('13100', '13101').replace('ALovelace', 'ALovelace2').replace('alovelace@', 'alovelace2@').replace('Engine#1842', 'Engine#1843') });
    assert.deepEqual(summarize(await doc.diagnostics(inserted)), [
      'name.invalid-character 4:0-4:4',
      'name.invalid-character 5:9-5:16',
      'user-type.invalid 6:54-6:61',
      'grade.invalid 7:49-7:51',
    ]);
    const removed = doc.edit({ range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, text: '' });
    assert.deepEqual(summarize(await doc.diagnostics(removed)), STUDENTS_PROBLEMS);
  });

  it('a full-text change replaces the document', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const clean = client.open('clean.csv').text;
    const version = doc.setText(clean);
    assert.deepEqual(await doc.diagnostics(version), []);
  });

  it('coalesces a burst of edits: never publishes an older version after a newer one', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    let version = doc.version;
    for (const ch of 'Annabelle') {
      const end = doc.rangeOf('Erna').end;
      version = doc.edit({ range: { start: end, end }, text: ch });
    }
    const final = await doc.diagnostics(version);
    assert.deepEqual(summarize(final), [
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:58-5:60', // "ErnaAnnabelle": the Grade cell moved 9 characters right
    ]);
    // A later, unrelated edit proves nothing older was still queued.
    const last = doc.replace('Sherry', 'Sheri');
    await doc.diagnostics(last);
    const versions = client.diagnostics.events.filter((p) => p.uri === doc.uri).map((p) => p.version as number);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions out of order: ${versions.join(', ')}`);
    assert.ok(versions.length < 1 + 9 + 1, `a burst of 9 keystrokes was published ${versions.length - 2} times, not coalesced`);
    for (const d of final) assert.equal((d.data as { version: number }).version, version);
  });
});
