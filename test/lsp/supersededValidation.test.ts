import * as assert from 'node:assert/strict';
import { generateDistrictFile } from '../../bench/districtFile';
import { type LspClient, startOnFixture, summarize } from './lspClient';

describe('LSP: a newer edit supersedes a validation in flight', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('rapid edits on a 20,000-row file, a header rename among them: only newer versions are published, the last one as a fresh open', async () => {
    client = await startOnFixture();
    const text = generateDistrictFile({ rows: 20_000 }).text;
    const doc = client.open('district.csv', text);
    await doc.diagnostics();
    const since = client.diagnostics.events.length;
    // Grade → Grdx re-maps the columns: every row is checked again (in slices); the edits that
    // follow at once, without waiting, overtake that check.
    doc.replace('Grade', 'Grdx');
    doc.replace('Tracy', 'Tr4cy', 3);
    doc.replace('Grdx', 'Grdz');
    doc.replace('Maria', 'Mar1a', 10);
    const last = doc.replace('Baxley', 'Baxl3y', 5);
    const final = await doc.diagnostics(last);
    const published = client.diagnostics.events.slice(since).filter((p) => p.uri === doc.uri).map((p) => p.version as number);
    assert.equal(published[published.length - 1], last, `published versions ${published.join(', ')}: the last edit's are the last`);
    for (let k = 1; k < published.length; k++) assert.ok(published[k]! > published[k - 1]!, `no older version after a newer one: ${published.join(', ')}`);
    // The same text opened afresh gives the same diagnostics: nothing of the overtaken checks is left over.
    const fresh = client.open('fresh.csv', doc.text);
    const expected = await fresh.diagnostics();
    assert.deepEqual(summarize(final), summarize(expected));
    assert.deepEqual(final.map((d) => d.message), expected.map((d) => d.message));
    assert.ok(final.some((d) => d.code === 'column.missing-required' && d.range.start.line === 0), 'the renamed heading leaves Grade missing');
  });
});
