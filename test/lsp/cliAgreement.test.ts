import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LspClient, LspClient as Client, REPO } from './lspClient';

const CLI = path.join(REPO, 'dist', 'cli.js');

const CONFIG = JSON.stringify(
  {
    schools: [
      { sisId: '00123', name: 'Lincoln Elementary' },
      { sisId: '00231', name: 'Spring Middle School' },
    ],
    // What the import panel's School Mapping step writes: the file's 00310 is Spring Middle School.
    schoolMapping: { '00310': '00231' },
  },
  null,
  2,
);

const CSV = [
  'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID',
  'Ora,Klein,OKlein,13001,Maple!274,4/2/2015,0,3,oklein@lincoln.perficientads.com,00123',
  'Ana,Ruiz,ARuiz,13002,Cedar#518,11/12/2012,0,6,aruiz@spring.perficientads.com,00310',
  'Noah,Gilbertson,NGilbertson,13003,Comet%835,6/20/2012,0,6,ngilbertson@spring.perficientads.com,99999',
  'Erna,Parker,EParker,13004,Falcon*629,5/17/2019,0,KG,eparker@lincoln.perficientads.com,00123',
  '',
].join('\r\n');

/** The problems as code, severity, 1-based start and end, and message: the same in both faces. */
interface Seen {
  code: string;
  severity: string;
  at: string;
  message: string;
}

describe('LSP and CLI: the same file and .classworks.json give the same problems', () => {
  let client: LspClient | undefined;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-agree-'));
    fs.writeFileSync(path.join(dir, '.classworks.json'), CONFIG);
    fs.writeFileSync(path.join(dir, 'students.csv'), CSV);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('schoolMapping: a mapped School SIS ID is known to both, an unmapped one is school.unknown in both', async () => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    const run = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', 'students.csv'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      files: { problems: { code: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[];
    };
    const cli: Seen[] = report.files[0]!.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      at: `${p.line}:${p.column}-${p.endLine}:${p.endColumn}`,
      message: p.message,
    }));

    client = await Client.start({ workspace: dir });
    const doc = client.open('students.csv');
    const severities = ['', 'error', 'warning', 'info'];
    const lsp: Seen[] = (await doc.diagnostics()).map((d) => ({
      code: String(d.code),
      severity: severities[d.severity ?? 0]!,
      at: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));

    assert.deepEqual(cli, lsp);
    // 00310 is mapped to Spring Middle School: only 99999 (line 4) is unknown; KG is the error that fails the lint.
    assert.deepEqual(
      cli.map((p) => `${p.code} ${p.at}`),
      ['school.unknown 4:96-4:101', 'grade.invalid 5:50-5:52'],
    );
  });
});
