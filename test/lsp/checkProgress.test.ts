import * as assert from 'node:assert/strict';
import { generateDistrictFile } from '../../bench/districtFile';
import { type LspClient, type ProgressEvent, startOnFixture, waitForProgress } from './lspClient';

/** The progress events of one token, in order. */
function ofToken(client: LspClient, token: string | number): ProgressEvent[] {
  return client.progress.events.filter((e) => e.token === token);
}

describe('LSP: a long check of a whole file shows work-done progress', function () {
  this.timeout(60_000);
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('opening a 200,000-row file: a progress token is created, begun with the file name and row count, and ended after the diagnostics are published', async () => {
    client = await startOnFixture();
    const doc = client.open('district.csv', generateDistrictFile({ rows: 200_000 }).text);
    await doc.diagnostics();
    const published = client.diagnostics.events.findIndex((p) => p.uri === doc.uri && p.version === 1);
    const created = client.progress.events.find((e) => e.kind === 'create');
    assert.ok(created, 'a window/workDoneProgress/create request before the diagnostics');
    const end = await waitForProgress(client, (e) => e.token === created.token && e.kind === 'end', 'the end of the progress');
    const events = ofToken(client, created.token);
    const kinds = events.map((e) => e.kind);
    assert.ok(
      kinds.length >= 3 && kinds[0] === 'create' && kinds[1] === 'begin' && kinds[kinds.length - 1] === 'end' && kinds.slice(2, -1).every((k) => k === 'report'),
      `create, begin, reports, end: ${kinds.join(', ')}`,
    );
    const begin = events[1] as ProgressEvent;
    assert.equal(begin.value?.title, 'Classworks: checking district.csv (200,000 rows)…');
    assert.match(String(begin.value?.message), /^\d+ % done$/, 'a share of the check, not a second count of rows beside the title');
    assert.equal(begin.value?.cancellable, false);
    assert.ok(begin.diagnosticsBefore <= published, 'begun while the file was being checked, before its diagnostics');
    assert.ok(end.diagnosticsBefore > published, 'ended once the diagnostics were published');
    const percentages = events.filter((e) => e.kind === 'report').map((e) => e.value?.percentage as number);
    for (let k = 1; k < percentages.length; k++) assert.ok(percentages[k]! > percentages[k - 1]!, `the share checked grows: ${percentages.join(', ')}`);
    assert.equal(client.progress.events.filter((e) => e.kind === 'create').length, 1, 'one progress for one check');
  });

  it('a header rename that is overtaken by a newer edit: its progress ends, the newer check shows its own and ends it after publishing the newest version', async () => {
    client = await startOnFixture();
    const doc = client.open('district.csv', generateDistrictFile({ rows: 200_000 }).text);
    await doc.diagnostics();
    const first = client.progress.events.find((e) => e.kind === 'create') as ProgressEvent;
    await waitForProgress(client, (e) => e.token === first.token && e.kind === 'end', 'the end of the opening progress');
    const since = client.progress.events.length;
    // Grade → Grdx re-maps the columns: every row is checked again.
    doc.replace('Grade', 'Grdx');
    const renameBegin = await waitForProgress(client, (e) => e.kind === 'begin', 'the header rename progress', since);
    assert.equal(renameBegin.value?.title, 'Classworks: checking district.csv (200,000 rows)…');
    // A newer edit while that check runs supersedes it.
    const last = doc.replace('Grdx', 'Grdz');
    await waitForProgress(client, (e) => e.token === renameBegin.token && e.kind === 'end', 'the end of the overtaken progress', since);
    const final = await doc.diagnostics(last);
    assert.ok(final.some((d) => d.code === 'column.missing-required' && d.range.start.line === 0), 'the renamed heading leaves Grade missing');
    const published = client.diagnostics.events.findIndex((p) => p.uri === doc.uri && p.version === last);
    const tokens = [...new Set(client.progress.events.slice(since).map((e) => e.token))];
    assert.ok(tokens.length >= 2, `the newer check shows its own progress: ${tokens.length} token(s)`);
    for (const token of tokens) await waitForProgress(client, (e) => e.token === token && e.kind === 'end', `the end of progress ${token}`, since);
    const lastEnd = client.progress.events.filter((e) => e.token === tokens[tokens.length - 1] && e.kind === 'end')[0] as ProgressEvent;
    assert.ok(lastEnd.diagnosticsBefore > published, 'the newest check ends its progress after publishing its diagnostics');
    const overtakenEnd = client.progress.events.find((e) => e.token === renameBegin.token && e.kind === 'end') as ProgressEvent;
    assert.ok(overtakenEnd.diagnosticsBefore <= published, 'the overtaken check ended its progress before the newest diagnostics');
    assert.ok(!client.diagnostics.events.some((p) => p.uri === doc.uri && p.version === last - 1), 'the overtaken version is never published');
  });

  it('a 2,000-row file is checked without any progress', async () => {
    client = await startOnFixture();
    const doc = client.open('district.csv', generateDistrictFile({ rows: 2_000 }).text);
    const diagnostics = await doc.diagnostics();
    assert.ok(diagnostics.length > 0, 'the file was checked');
    // A progress would have been created before the diagnostics were sent (messages arrive in order).
    assert.deepEqual(client.progress.events, []);
    doc.replace('Grade', 'Grdx');
    await doc.diagnostics();
    assert.deepEqual(client.progress.events, [], 'a header rename of a small file shows none either');
  });
});
