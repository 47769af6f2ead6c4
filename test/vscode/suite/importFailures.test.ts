// The import panel against a district that misbehaves on purpose (a small HTTP server in the
// test speaking the import API): a failed preview says what failed and what to do and keeps
// the user's choices; a preview that hangs can be cancelled; a submission whose answer is lost
// (the connection drops) is retried with the same Idempotency-Key, so no second import is made;
// "Submit Import" on a file that is not ready opens the panel at Review instead of submitting.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi, PanelState } from '../../../client/api';
import { COMMANDS, SETTINGS } from '../../../client/ids';
import { extensionApi, openInEditor, revertAndClose, waitFor, workspaceUri } from './helpers';

const TOKEN = 'fake-district-token-0123456789';
const WAIT_MS = 30_000;

type Behaviour = 'ok' | 'error' | 'hang' | 'drop';

/** A district whose next answers to preview and submit are scripted. */
class FakeDistrict {
  readonly server: http.Server;
  preview: Behaviour[] = [];
  submit: Behaviour[] = [];
  readonly keys: string[] = [];
  readonly imports = new Map<string, ReturnType<typeof summary>>();
  /** The scheduledFor of the next submissions (Scheduled until the off-peak window opens). */
  scheduledFor: string | null = null;
  private readonly hanging: http.ServerResponse[] = [];
  private readonly requests = new vscode.EventEmitter<string>();
  /** Fires with "METHOD path" as each request arrives. */
  readonly onRequest = this.requests.event;

  constructor() {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => this.answer(req, res, body));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const path = (req.url ?? '').replace(/^\/api\/v1/, '').split('?')[0] ?? '';
    this.requests.fire(`${req.method} ${path}`);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, error(401, 'auth.invalid-token', 'The token is not valid.'));
    if (req.method === 'GET' && path === '/health') return json(200, { status: 'ok', service: 'fake', version: '0', apiVersion: 'v1' });
    if (req.method === 'GET' && path === '/me') return json(200, { username: 'admin', name: 'Fake Admin', email: 'admin@example.org', role: 'district-admin' });
    if (req.method === 'GET' && path === '/district') {
      return json(200, {
        name: 'Fake District',
        schools: [{ sisId: '00123', name: 'Lincoln Elementary' }, { sisId: '00456', name: 'Washington Elementary' }, { sisId: 'HS01', name: 'Ridgeview High School' }],
        groups: [],
        processing: { mode: 'off-peak', window: '22:00-05:00' },
      });
    }
    if (req.method === 'POST' && (path === '/imports/preview' || path === '/imports')) {
      const behaviour = (path === '/imports' ? this.submit : this.preview).shift() ?? 'ok';
      if (path === '/imports') this.keys.push(String(req.headers['idempotency-key'] ?? ''));
      const parsed = JSON.parse(body) as { fileName: string; description: string };
      if (behaviour === 'hang') {
        this.hanging.push(res);
        return;
      }
      if (behaviour === 'error') return json(503, error(503, 'internal', 'The database is being upgraded.'));
      if (path === '/imports/preview') {
        if (behaviour === 'drop') return void res.destroy();
        return json(200, preview(parsed.fileName, parsed.description));
      }
      // A submission: made once per key (as the real service does), even when the answer is lost.
      const key = String(req.headers['idempotency-key']);
      const replayed = this.imports.has(key);
      if (!replayed) this.imports.set(key, { ...summary(String(41 + this.imports.size).padStart(5, '0'), parsed.fileName, parsed.description, 'Scheduled'), scheduledFor: this.scheduledFor });
      if (behaviour === 'drop') return void res.destroy();
      res.writeHead(replayed ? 200 : 201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': String(replayed) });
      return void res.end(JSON.stringify(this.imports.get(key)));
    }
    if (req.method === 'GET' && /^\/imports\/\d{5}\/rows$/.test(path)) return json(200, { total: 0, offset: 0, rows: [] });
    const file = /^\/imports\/(\d{5})\/file$/.exec(path);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="clean.csv"` });
      return void res.end(`First Name,Last Name\r\nImport,${file[1]}\r\n`);
    }
    const one = /^\/imports\/(\d{5})$/.exec(path);
    if (req.method === 'GET' && one) {
      const made = [...this.imports.values()].find((i) => i.number === one[1]);
      if (!made) return json(404, error(404, 'import.not-found', 'No such import.'));
      const done = { ...made, status: 'Completed', completedAt: new Date().toISOString(), counts: made.expectedCounts };
      return json(200, { ...done, options: { conflictResolution: 'existing-wins', existingPasswords: 'maintain', customGroupId: null, emailStaff: false }, mapping: {}, schoolMapping: {}, customGroup: null, problems: [], attempts: 1 });
    }
    if (req.method === 'GET' && path === '/imports') return json(200, { total: this.imports.size, imports: [...this.imports.values()] });
    json(404, error(404, 'not-found', 'No such route.'));
  }
}

function error(status: number, code: string, message: string) {
  return { error: { status, code, message } };
}

const COUNTS = { rows: 3, create: 3, update: 0, unchanged: 0, conflict: 0, error: 0, withoutSchool: 0, addedToGroup: 0 };

function preview(fileName: string, description: string) {
  return {
    fileName,
    description,
    type: 'User Data',
    submittable: true,
    mapping: { hasHeaderRow: true, columns: [] },
    schools: [],
    problemCounts: { errors: 0, warnings: 0, infos: 0 },
    problems: [],
    problemsTruncated: false,
    counts: COUNTS,
    examples: { create: [], update: [], unchanged: [], conflict: [], error: [], withoutSchool: [] },
  };
}

function summary(number: string, fileName: string, description: string, status: string) {
  return {
    number,
    description,
    type: 'User Data',
    fileName,
    status,
    submittedAt: new Date().toISOString(),
    submittedBy: { username: 'admin', name: 'Fake Admin' },
    scheduledFor: null as string | null,
    startedAt: null,
    completedAt: null as string | null,
    expectedCounts: COUNTS,
    counts: null as typeof COUNTS | null,
    failureReasons: [],
  };
}

describe('Import panel against a failing district', function () {
  this.timeout(120_000);
  let api: ClassworksExtensionApi;
  const district = new FakeDistrict();
  const clean = workspaceUri('clean.csv');
  const draft = { description: 'Keep me', conflictResolution: 'imported-wins' as const, existingPasswords: 'overwrite' as const, customGroupId: null, emailStaff: true, acceptCautions: false };

  before(async () => {
    api = await extensionApi();
    await district.listen();
    await openInEditor(clean);
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    assert.equal(await vscode.commands.executeCommand(COMMANDS.connectDistrict, { url: district.url, token: TOKEN }), true);
    await waitForPanel((s) => s.document?.fileName === 'clean.csv' && s.document.snapshot?.linted === true && s.district?.name === 'Fake District', 'the panel on clean.csv, connected');
    await api.importPanel.receive({ type: 'draft', seq: 5000, draft });
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.disconnectDistrict);
    await vscode.workspace.getConfiguration().update(SETTINGS.districtUrl, undefined, vscode.ConfigurationTarget.Global);
    await revertAndClose(clean);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await district.close();
  });

  it('a failed preview says what failed and what to do, and keeps every choice', async () => {
    district.preview = ['error'];
    await api.importPanel.receive({ type: 'preview' });
    const state = await waitForPanel((s) => s.tasks.preview?.status === 'failed', 'the preview to fail');
    const task = state.tasks.preview!;
    assert.match(task.message ?? '', /The preview failed: the import service had an error \(The database is being upgraded\.\)/);
    assert.match(task.hint ?? '', /Try again.*Your choices are kept/);
    assert.deepEqual(state.draft, draft);
    assert.equal(state.preview, null);
  });

  it('a preview that hangs can be cancelled', async () => {
    district.preview = ['hang'];
    const arrived = new Promise<void>((resolve) => {
      const sub = district.onRequest((r) => {
        if (r === 'POST /imports/preview') {
          sub.dispose();
          resolve();
        }
      });
    });
    const done = api.importPanel.receive({ type: 'preview' });
    await arrived;
    const running = await waitForPanel((s) => s.tasks.preview?.status === 'running', 'the preview to run');
    assert.equal(running.tasks.preview?.cancellable, true);
    await api.importPanel.receive({ type: 'cancel', task: 'preview' });
    await done;
    const state = await waitForPanel((s) => s.tasks.preview?.status === 'idle', 'the preview to stop');
    assert.equal(state.tasks.preview?.message, 'Cancelled.');
    assert.deepEqual(state.draft, draft);
  });

  it('a submission whose answer is lost is retried with the same Idempotency-Key: one import', async () => {
    district.preview = ['ok'];
    await api.importPanel.receive({ type: 'preview' });
    await waitForPanel((s) => s.preview?.current === true, 'a current preview');

    // The client itself asks again (same key) when an answer is lost: after 1 + 3 lost answers it
    // gives up and says so; the user's Submit then sends the same key once more.
    district.submit = ['drop', 'drop', 'drop', 'drop', 'ok'];
    await api.importPanel.receive({ type: 'submit' });
    let state = await waitForPanel((s) => s.tasks.submit?.status === 'failed', 'the submission to fail');
    assert.equal(state.tasks.submit?.retryable, true);
    assert.match(state.tasks.submit?.message ?? '', /Submitting the import failed: Could not reach the import service/);
    assert.equal(district.keys.length, 4, 'the client asked again three times');
    assert.match(district.keys[0] ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(new Set(district.keys).size, 1, 'every retry sent the same Idempotency-Key');
    assert.equal(district.imports.size, 1, 'the district made the import once; its answers were lost');

    await api.importPanel.receive({ type: 'submit' });
    state = await waitForPanel((s) => s.submission !== null, 'the retried submission');
    assert.equal(district.keys.length, 5);
    assert.equal(district.keys[4], district.keys[0], 'the user\'s retry sent the same Idempotency-Key');
    assert.equal(district.imports.size, 1, 'no second import');
    assert.equal(state.submission?.import.number, '00041');
    assert.equal(state.submission?.replayed, true);
    await waitForPanel((s) => s.submission?.import.status === 'Completed', 'the watched import to complete');
  });

  it('a Scheduled import says when it runs (scheduledFor, local time), and Review says how this district processes imports', async () => {
    const state0 = await waitForPanel((s) => s.district?.processing?.mode === 'off-peak', 'the district with its processing mode');
    assert.deepEqual(state0.district?.processing, { mode: 'off-peak', window: '22:00-05:00' });
    const opens = new Date(Date.now() + 2 * 3600_000);
    opens.setSeconds(0, 0);
    district.scheduledFor = opens.toISOString();
    await api.importPanel.receive({ type: 'draft', seq: 5001, draft: { ...draft, description: 'Scheduled one' } });
    district.preview = ['ok'];
    await api.importPanel.receive({ type: 'preview' });
    await waitForPanel((s) => s.preview?.current === true, 'a current preview');
    district.submit = ['ok'];
    await api.importPanel.receive({ type: 'submit' });
    const state = await waitForPanel((s) => s.tasks.submit?.status === 'done' && s.submission?.import.number === '00042', 'the scheduled submission');
    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(opens);
    assert.match(state.tasks.submit?.message ?? '', new RegExp(`^Import 00042 submitted: Scheduled \\(runs in the off-peak window at ${time.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( on [^)]+)?\\)\\.$`));
    district.scheduledFor = null;
  });

  it("a download's note belongs to its import: opening another import's details clears it", async () => {
    await api.importPanel.receive({ type: 'openImport', number: '00041' });
    await waitForPanel((s) => s.details?.import.number === '00041', 'the details of import 00041');
    await api.importPanel.receive({ type: 'downloadImport', number: '00041' });
    const downloaded = await waitForPanel((s) => s.tasks.download?.status === 'done', 'the download');
    assert.match(downloaded.tasks.download?.message ?? '', /^Saved .*import-00041-clean.*\.csv/);
    const saved = /^Saved (\S+\.csv)/.exec(downloaded.tasks.download?.message ?? '')?.[1];
    if (saved) await vscode.workspace.fs.delete(workspaceUri(...saved.split('/')));
    if (saved?.startsWith('.classworks/')) await vscode.workspace.fs.delete(workspaceUri('.classworks'), { recursive: true });
    await api.importPanel.receive({ type: 'openImport', number: '00042' });
    const other = await waitForPanel((s) => s.details?.import.number === '00042', 'the details of import 00042');
    assert.equal(other.tasks.download?.status, 'idle');
    assert.equal(other.tasks.download?.message, null, 'no note of the download of import 00041');
  });

  it('"Submit Import" on a file that is not ready opens the panel at Review instead of submitting', async () => {
    const students = workspaceUri('students.csv');
    await openInEditor(students);
    const before = district.keys.length;
    const made = await vscode.commands.executeCommand(COMMANDS.submitImport, students);
    assert.equal(made, undefined);
    assert.equal(district.keys.length, before, 'nothing was sent');
    assert.equal(api.importPanel.lastRequestedStep(), 'review');
    await waitForPanel((s) => s.document?.fileName === 'students.csv', 'the panel on students.csv');
  });

  function waitForPanel(accept: (state: PanelState) => boolean, what: string): Promise<PanelState> {
    return waitFor(
      api.importPanel.onDidChangeState,
      () => {
        const state = api.importPanel.state();
        return state && accept(state) ? state : undefined;
      },
      what,
      WAIT_MS,
    );
  }
});
