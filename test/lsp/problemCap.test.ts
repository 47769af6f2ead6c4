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

  it('keeps the listed problems and the summaries within the 1,000 VS Code shows of a file', async () => {
    client = await startOnFixture();
    const original = client.open('students.csv');
    const lines = original.text.split('\n');
    const header = lines[0] as string;
    const row = lines[1] as string; // Ora Klein: a student row without problems
    const grade = row.split(',')[7] as string;
    // 1,100 rows with a grade written KG (errors), every 10th also with a leading space in its
    // last name (a warning of another rule): more than the cap, of two rules.
    const rows: string[] = [];
    for (let n = 0; n < 1100; n++) {
      const cells = row.split(',');
      cells[3] = String(500000 + n);
      cells[2] = `user${n}`;
      cells[4] = `Pass!${n}word`;
      cells[8] = `user${n}@lincoln.perficientads.com`;
      cells[7] = 'KG';
      if (n % 10 === 0) cells[1] = ` ${cells[1]}`;
      rows.push(cells.join(','));
    }
    assert.notEqual(grade, 'KG');
    const doc = client.open('many.csv', [header, ...rows, ''].join('\n'));
    const diagnostics = await doc.diagnostics();
    const summaries = diagnostics.filter((d) => / not listed: /.test(String(d.message)));
    assert.equal(diagnostics.length, 1000, 'exactly what VS Code shows, summaries included');
    assert.deepEqual(summaries.map((d) => d.code).sort(), ['grade.invalid', 'name.extra-space']);
    const listedGrades = diagnostics.filter((d) => d.code === 'grade.invalid' && !summaries.includes(d)).length;
    assert.equal(listedGrades, 998, 'the errors first');
    assert.match(String(summaries.find((d) => d.code === 'grade.invalid')?.message), /^102 more grade\.invalid problems are not listed: Classworks lists at most 1000 problems per file \(setting classworks\.maxProblems\) \(here 998, so that these summaries fit in the 1,000 problems VS Code shows of a file\)/);
    assert.match(String(summaries.find((d) => d.code === 'name.extra-space')?.message), /^110 more name\.extra-space problems are not listed/);
    const status = await client.waitForFileStatus(doc.uri, (s) => s.linted && s.errors > 0);
    assert.deepEqual([status.errors, status.warnings], [1100, 110], 'the exact totals');
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
