import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISK_FACTS_NOTIFICATION, IMPORT_SNAPSHOT_REQUEST, type ImportSnapshot } from '../../core/protocol/lspProtocol';
import { DEFAULT_TEST_SETTINGS, type LspClient, startOnFixture, summarize } from './lspClient';

/**
 * students.csv with two names given a leading space (name.extra-space, warnings with a safe
 * fix) and Sherry sharing Ora's password (password.shared, a warning): 4 errors, 3 warnings.
 */
function damagedStudents(text: string): string {
  const lines = text.split('\n');
  lines[1] = (lines[1] as string).replace('Klein', ' Klein');
  lines[6] = (lines[6] as string).replace('Santana', ' Santana').replace('Harbor?742', 'Maple!274');
  return lines.join('\n');
}

describe('LSP: classworks.maxProblems', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('publishes the cap’s most severe problems plus one summary per rule left out; the status gets the exact totals', async () => {
    client = await startOnFixture({ settings: () => ({ ...DEFAULT_TEST_SETTINGS, maxProblems: 4 }) });
    const original = client.open('students.csv');
    const doc = client.open('capped.csv', damagedStudents(original.text));
    const diagnostics = await doc.diagnostics();
    // The four errors (the warnings ranked after them), then the summaries of the warnings.
    assert.deepEqual(summarize(diagnostics), [
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:49-5:51',
      'name.extra-space 0:0-0:0',
      'password.shared 0:0-0:0',
    ]);
    const [extraSpace, shared] = diagnostics.slice(4);
    assert.match(String(extraSpace!.message), /^2 more name\.extra-space problems are not listed: Classworks lists at most 4 problems per file \(setting classworks\.maxProblems\)/);
    assert.match(String(extraSpace!.message), /The status bar, the Import panel and the command-line linter .* count every problem/);
    assert.match(String(shared!.message), /^1 more password\.shared problem is not listed/);
    assert.equal(extraSpace!.severity, 2, 'a summary has its rule’s severity (warning)');
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted && s.errors + s.warnings > 0);
    assert.deepEqual([status.errors, status.warnings, status.infos], [4, 3, 0], 'exact totals, not the listed ones');
    // The Import panel: the listed problems (no summaries), marked as not all, with the exact counts.
    const snapshot = await client.connection.sendRequest<ImportSnapshot | null>(IMPORT_SNAPSHOT_REQUEST, { uri: doc.uri });
    assert.deepEqual(snapshot?.problems.map((p) => `${p.code} ${p.range.start.line}`), [
      'name.invalid-character 2',
      'name.invalid-character 3',
      'user-type.invalid 4',
      'grade.invalid 5',
    ]);
    assert.equal(snapshot?.problemsTruncated, true);
    assert.deepEqual(snapshot?.counts, { errors: 4, warnings: 3, infos: 0 });
  });

  it('lists every problem under the default cap', async () => {
    client = await startOnFixture();
    const original = client.open('students.csv');
    const doc = client.open('uncapped.csv', damagedStudents(original.text));
    assert.deepEqual(summarize(await doc.diagnostics()), [
      'name.extra-space 1:4-1:10',
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'user-type.invalid 4:54-4:61',
      'grade.invalid 5:49-5:51',
      'name.extra-space 6:7-6:15',
      'password.shared 6:31-6:40',
    ]);
  });

  it('fix-all also fixes the problems past the cap', async () => {
    client = await startOnFixture({ settings: () => ({ ...DEFAULT_TEST_SETTINGS, maxProblems: 1 }) });
    const original = client.open('students.csv');
    const doc = client.open('capped.csv', damagedStudents(original.text));
    const diagnostics = await doc.diagnostics();
    assert.equal(diagnostics.filter((d) => !String(d.message).includes('not listed')).length, 1);
    const actions = await doc.codeActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.classworks']);
    assert.equal(actions.length, 1);
    const fixed = doc.textAfter(actions[0]!.edit).split('\n');
    assert.match(fixed[1] as string, /^Ora,Klein,/, 'the leading space of a name left out of the list is trimmed');
    assert.match(fixed[6] as string, /^Sherry,Santana,/);
  });

  it('keeps to the cap when the file-level problems alone exceed it (a bad .classworks.json and a file not in UTF-8, cap 1)', async () => {
    client = await startOnFixture({ settings: () => ({ ...DEFAULT_TEST_SETTINGS, maxProblems: 1 }) });
    fs.writeFileSync(path.join(client.workspace, '.classworks.json'), '{ "schools": [{ "sisId": 123, "name": "Lincoln Elementary" }] }\n');
    const uri = client.uri('students.csv');
    void client.connection.sendNotification(DISK_FACTS_NOTIFICATION, { uri, encoding: 'not-utf8' });
    const doc = client.open('students.csv');
    const diagnostics = await doc.diagnostics();
    const listed = diagnostics.filter((d) => !String(d.message).includes('not listed'));
    // The error (not UTF-8) rather than the warning (the config file), and nothing else.
    assert.deepEqual(summarize(listed), ['file.not-utf8 0:0-0:104'], 'one problem listed, the cap');
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted);
    assert.equal(status.errors + status.warnings + status.infos, 2 + 4 + 1, 'the totals count both file-level problems, the 4 row errors and school.no-school-list');
  });
});
