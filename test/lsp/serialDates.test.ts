import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type LspClient, startOnFixture } from './lspClient';

const HEADER = 'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID';
const TEXT = `${HEADER}\r\nOra,Klein,OKlein,13001,Maple!274,42064,0,3,oklein@lincoln.perficientads.com,00123\r\nAl,Klein,AKlein,13002,River$463,5/17/2015,0,KG,aklein@lincoln.perficientads.com,00123\r\n`;

describe('LSP: serial birthdates and Fix All', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('Fix All leaves 42064 alone while dateSystem is unset (the quick fix menu offers both readings), and converts it once .classworks.json sets "dateSystem"', async () => {
    client = await startOnFixture();
    const doc = client.open('serial.csv', TEXT);
    const diagnostics = await doc.diagnostics();
    const serial = diagnostics.find((d) => d.code === 'birthdate.excel-serial');
    assert.ok(serial, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.deepEqual(serial.range, doc.rangeOf('42064'));
    assert.match(String(serial.message), /Set "dateSystem": "1900" \(or "1904"\) in \.classworks\.json/);
    const quick = (await doc.codeActions(serial.range, [serial])).filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      quick.map((a) => [a.title, a.isPreferred ?? false]),
      [
        [`Change Birthdate "42064" to "03/01/2015" (1 March 2015, Excel's 1900 date system)`, false],
        [`Change Birthdate "42064" to "03/02/2019" (2 March 2019, Excel for Mac 2011's 1904 date system)`, false],
      ],
    );
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [before] = await doc.codeActions(range, [], ['source.fixAll']);
    assert.equal(doc.textAfter(before?.edit), TEXT.replace(',KG,', ',K,'), 'only the grade is fixed');

    const config = JSON.parse(fs.readFileSync(path.join(client.workspace, '.classworks.json'), 'utf8')) as Record<string, unknown>;
    const next = client.nextDiagnostics(doc.uri);
    client.writeWatchedFile('.classworks.json', JSON.stringify({ ...config, dateSystem: '1900' }));
    const after = (await next).diagnostics.find((d) => d.code === 'birthdate.excel-serial');
    assert.doesNotMatch(String(after!.message), /Set "dateSystem"/);
    const [fixAll] = await doc.codeActions(range, [], ['source.fixAll']);
    assert.equal(doc.textAfter(fixAll?.edit), TEXT.replace(',KG,', ',K,').replace(',42064,', ',03/01/2015,'));
  });
});
