import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspClient, startOnFixture, summarize } from './lspClient';

const STUDENTS_PROBLEMS = [
  'name.invalid-character 2:0-2:4',
  'name.invalid-character 3:9-3:16',
  'user-type.invalid 4:54-4:61',
  'grade.invalid 5:49-5:51',
];

const TWO_SCHOOLS = JSON.stringify({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: 'HS01', name: 'Ridgeview High School' }] }, null, 2);

describe('LSP: .classworks.json', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('re-lints open documents at once when .classworks.json changes on disk (didChangeWatchedFiles)', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    assert.deepEqual(summarize(await doc.diagnostics()), STUDENTS_PROBLEMS);
    const next = client.nextDiagnostics(doc.uri);
    client.writeWatchedFile('.classworks.json', TWO_SCHOOLS); // 00456 Washington Elementary is gone
    const after = await next;
    assert.equal(after.version, 1);
    assert.deepEqual(summarize(after.diagnostics), [
      'name.invalid-character 2:0-2:4',
      'name.invalid-character 3:9-3:16',
      'school.unknown 3:93-3:98',
      'user-type.invalid 4:54-4:61',
      'school.unknown 4:105-4:110',
      'grade.invalid 5:49-5:51',
    ]);
    const unknown = after.diagnostics[2]!;
    assert.equal(unknown.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(unknown.range, doc.rangeOf('00456', 0));
  });

  it('says once, at the header, that schools are not checked when the config file is deleted', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const next = client.nextDiagnostics(doc.uri);
    fs.rmSync(path.join(client.workspace, '.classworks.json'));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.classworks.json'), type: 3 }] });
    const after = (await next).diagnostics;
    assert.deepEqual(summarize(after), ['school.no-school-list 0:91-0:104', ...STUDENTS_PROBLEMS]);
    assert.equal(after[0]!.severity, DiagnosticSeverity.Information);
  });

  it('reports a malformed config on the CSV (warning at line 1) and on the open config document', async () => {
    client = await startOnFixture();
    const config = '{\n  "schools": [\n    { "sisId": 123, "name": "Lincoln Elementary" }\n  ]\n}\n';
    fs.writeFileSync(path.join(client.workspace, '.classworks.json'), config);
    const doc = client.open('students.csv');
    const diagnostics = await doc.diagnostics();
    // Without a readable config there is no school list either, and the header says so.
    assert.deepEqual(summarize(diagnostics), ['config.invalid 0:0-0:104', 'school.no-school-list 0:91-0:104', ...STUDENTS_PROBLEMS]);
    const warning = diagnostics[0]!;
    assert.equal(warning.severity, DiagnosticSeverity.Warning);
    assert.equal(warning.source, 'classworks');
    assert.match(String(warning.message), /\.classworks\.json has problems: "schools\.0\.sisId": .*checked with the rest of the configuration, without those values/);
    assert.match(warning.codeDescription!.href, /rules\.md#L\d+$/); // the line of <a id="config.invalid">: VS Code ignores #config.invalid on a file

    const configDoc = client.open('.classworks.json', config, 'json');
    const onConfig = await configDoc.diagnostics();
    assert.deepEqual(summarize(onConfig), ['config.invalid 2:15-2:18']); // the 123
    assert.equal(onConfig[0]!.severity, DiagnosticSeverity.Error);
    const status = await client.waitForFileStatus(configDoc.uri);
    assert.deepEqual([status.linted, status.errors], [false, 1]);
  });

  it('places a JSON syntax error of the config document and says why on the CSV', async () => {
    client = await startOnFixture();
    const config = '{\n  "schools": [\n    { "sisId": "00123", "name": "Lincoln" },\n  ]\n}\n';
    fs.writeFileSync(path.join(client.workspace, '.classworks.json'), config);
    const doc = client.open('students.csv');
    const diagnostics = await doc.diagnostics();
    assert.equal(diagnostics[0]!.code, 'config.invalid');
    assert.match(String(diagnostics[0]!.message), /not valid JSON/);
    const configDoc = client.open('.classworks.json', config, 'json');
    assert.deepEqual(summarize(await configDoc.diagnostics()), ['config.invalid 3:2-3:3']); // the ] after a trailing comma
  });

  it('uses the live text of an open, unsaved .classworks.json, and the disk again once it is closed', async () => {
    client = await startOnFixture();
    const doc = client.open('students.csv');
    await doc.diagnostics();
    const configDoc = client.open('.classworks.json', undefined, 'json');
    assert.deepEqual(await configDoc.diagnostics(), []);
    let next = client.nextDiagnostics(doc.uri, (p) => p.diagnostics.some((d) => d.code === 'school.unknown'));
    configDoc.replace('"00456"', '"00457"');
    const edited = await next;
    assert.deepEqual(
      summarize(edited.diagnostics.filter((d) => d.code === 'school.unknown')),
      ['school.unknown 3:93-3:98', 'school.unknown 4:105-4:110'],
    );
    // Break it in the editor: the CSV says so at once, the config document marks the spot.
    next = client.nextDiagnostics(doc.uri, (p) => p.diagnostics[0]?.code === 'config.invalid');
    const broken = configDoc.replace('"schools"', '"schools" 42');
    await next;
    assert.equal((await configDoc.diagnostics(broken)).length, 1);
    // Closed without saving: the disk version applies again.
    next = client.nextDiagnostics(doc.uri);
    configDoc.close();
    assert.deepEqual(summarize((await next).diagnostics), STUDENTS_PROBLEMS);
  });

  it('turns config.invalid off with classworks.rules', async () => {
    client = await startOnFixture({ settings: () => ({ rules: { 'config.invalid': 'off' } }) });
    fs.writeFileSync(path.join(client.workspace, '.classworks.json'), '{ nope');
    const doc = client.open('students.csv');
    assert.deepEqual(summarize(await doc.diagnostics()), ['school.no-school-list 0:91-0:104', ...STUDENTS_PROBLEMS]);
  });

  it('lints a headerless file when the config gives a columnOrder, and says why', async () => {
    client = await startOnFixture();
    const fields = ['First Name', 'Last Name', 'Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade', 'Email Address', 'School SIS ID'];
    const sub = path.join(client.workspace, 'exports');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, '.classworks.json'), JSON.stringify({ columnOrder: fields, schools: [{ sisId: '00123', name: 'Lincoln' }, { sisId: '00456', name: 'Washington' }, { sisId: 'HS01', name: 'Ridgeview' }] }));
    const students = fs.readFileSync(path.join(client.workspace, 'students.csv'), 'utf8');
    const headerless = students.slice(students.indexOf('\n') + 1);
    const doc = client.open('exports/roster.txt', headerless, 'plaintext');
    assert.deepEqual(summarize(await doc.diagnostics()), [
      'name.invalid-character 1:0-1:4',
      'name.invalid-character 2:9-2:16',
      'user-type.invalid 3:54-3:61',
      'grade.invalid 4:49-4:51',
    ]);
    const status = await client.waitForFileStatus(doc.uri);
    assert.match(status.reason, /columnOrder/);
  });
});
