// The import panel in a real VS Code, against the bundled import service (dist/import-service.js
// started with --process-now): the real webview completes its handshake; the test then acts
// as the webview does (the same validated messages) and checks what the user would see: the
// panel's state, .classworks.json, the editor's diagnostics, the district's import history.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClassworksExtensionApi, PanelState, WebviewMessage } from '../../../client/api';
import { COMMANDS, SETTINGS } from '../../../client/ids';
import { EXTENSION_ID, extensionApi, nextEvent, openInEditor, revertAndClose, waitFor, workspaceUri } from './helpers';

const TOKEN = 'vscode-test-admin-token-0123456789';
const FOLDER = 'import-run';
const FLOW_TIMEOUT_MS = 60_000;

type Snapshot = NonNullable<NonNullable<PanelState['document']>['snapshot']>;

describe('Import panel', function () {
  this.timeout(180_000);
  let api: ClassworksExtensionApi;
  let service: ChildProcess | undefined;
  let serviceUrl = '';
  let dataDir = '';
  const folder = workspaceUri(FOLDER);
  const file = (name: string) => vscode.Uri.joinPath(folder, name);

  before(async () => {
    api = await extensionApi();
    const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    // A copy of the sample district inside the workspace (the server watches .classworks.json there).
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
    fs.mkdirSync(folder.fsPath, { recursive: true });
    for (const name of ['.classworks.json', 'students.csv', 'staff.csv', 'sis-export-oneroster.csv']) {
      fs.copyFileSync(path.join(extensionPath, 'samples', 'district', name), path.join(folder.fsPath, name));
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-vscode-service-'));
    ({ child: service, url: serviceUrl } = await startService(path.join(extensionPath, 'dist', 'import-service.js'), dataDir, path.join(folder.fsPath, '.classworks.json')));
  });

  after(async () => {
    await vscode.commands.executeCommand(COMMANDS.disconnectDistrict);
    await vscode.workspace.getConfiguration().update(SETTINGS.districtUrl, undefined, vscode.ConfigurationTarget.Global);
    for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) await revertAndClose(document.uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service?.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
    fs.rmSync(workspaceUri('.classworks').fsPath, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens for the active CSV from the command palette, and its real webview completes the ready handshake', async () => {
    await openInEditor(file('students.csv'));
    const handshakes = api.importPanel.handshakes();
    const ready = nextEvent(api.importPanel.onDidReceiveMessage, 'the webview\'s ready message', FLOW_TIMEOUT_MS);
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    assert.equal((await ready).type, 'ready');
    assert.ok(api.importPanel.handshakes() > handshakes);
    const state = await waitForPanel((s) => s.document?.snapshot?.linted === true, 'the panel to show the checked students.csv');
    assert.equal(state.document?.fileName, 'students.csv');
    assert.equal(state.document?.snapshot?.dataRows, 74);
  });

  it('"Connect to District" keeps the token in SecretStorage only: not in settings, not in the panel', async () => {
    const connected = await vscode.commands.executeCommand<boolean>(COMMANDS.connectDistrict, { url: `${serviceUrl}/`, token: TOKEN });
    assert.equal(connected, true);
    const state = await waitForPanel((s) => s.connection.status === 'connected' && s.district !== null, 'the panel to show the district');
    assert.equal(state.connection.kind, 'remote');
    assert.equal(state.connection.url, serviceUrl, 'the URL is kept without its trailing slash');
    assert.deepEqual(state.district?.schools.map((s) => s.sisId).sort(), ['00123', '00231', '00232', '00456', 'HS01']);
    assert.equal(vscode.workspace.getConfiguration().get(SETTINGS.districtUrl), serviceUrl);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('classworks'));
    assert.ok(!settings.includes(TOKEN), 'the token is in no setting');
    assert.ok(!JSON.stringify(state).includes(TOKEN), 'the token is not in the panel\'s state');
  });

  it('ignores messages that fail validation', async () => {
    const before = JSON.stringify(api.importPanel.state()?.draft);
    await api.importPanel.receive({ type: 'setColumn', index: -1, field: 'Grade' } as unknown as WebviewMessage);
    await api.importPanel.receive({ type: 'draft', draft: { description: 42 }, seq: 1 } as unknown as WebviewMessage);
    await api.importPanel.receive({ type: 'no-such-message' } as unknown as WebviewMessage);
    assert.equal(JSON.stringify(api.importPanel.state()?.draft), before);
  });

  it('Map Fields saves the mapping beside the file and the language server re-checks at once', async () => {
    await openInEditor(file('sis-export-oneroster.csv'));
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    const first = await waitForSnapshot((s) => s.uri.endsWith('sis-export-oneroster.csv') && s.linted, 'the OneRoster export checked');
    assert.deepEqual(first.requiredMissing, ['Birthdate', 'School SIS ID']);
    const orgId = first.columns.find((c) => c.heading === 'orgId');
    const password = first.columns.find((c) => c.heading === 'password');
    assert.ok(orgId && password);
    assert.equal(password.masked, true, 'the password column sends no values');
    assert.deepEqual(password.samples, []);
    assert.deepEqual(orgId.samples, ['1', '2']);

    await api.importPanel.receive({ type: 'setColumn', index: orgId.index, field: 'School SIS ID' });
    const mapped = await waitForSnapshot(
      (s) => s.uri.endsWith('sis-export-oneroster.csv') && s.columns[orgId.index]?.field === 'School SIS ID',
      'orgId mapped to School SIS ID',
    );
    assert.equal(mapped.columns[orgId.index]?.how, 'config');
    assert.deepEqual(mapped.requiredMissing, ['Birthdate']);
    assert.deepEqual(mapped.schoolValues.map((v) => v.value).sort(), ['1', '2']);
    const config = JSON.parse(fs.readFileSync(file('.classworks.json').fsPath, 'utf8'));
    assert.equal(config.columns.orgId, 'School SIS ID');
    assert.equal(config.schools.length, 5, 'the other keys are kept');
    // Next is blocked while a required field is unmapped.
    assert.match(await gateReason('map'), /not mapped: Birthdate/);

    // Back to the automatic match: the entry goes.
    await api.importPanel.receive({ type: 'setColumn', index: orgId.index, field: null });
    await waitForSnapshot((s) => s.uri.endsWith('sis-export-oneroster.csv') && s.columns[orgId.index]?.field === null, 'orgId ignored again');
    assert.equal(JSON.parse(fs.readFileSync(file('.classworks.json').fsPath, 'utf8')).columns, undefined);
  });

  it('maps a file without a header row by position (columnOrder)', async () => {
    const students = fs.readFileSync(file('students.csv').fsPath, 'utf8').split('\r\n');
    fs.writeFileSync(file('no-header.csv').fsPath, students.slice(1, 6).join('\r\n') + '\r\n');
    await openInEditor(file('no-header.csv'));
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    await waitForSnapshot((s) => s.uri.endsWith('no-header.csv'), 'no-header.csv seen by the server');
    await api.importPanel.receive({ type: 'markFile' });
    const unmapped = await waitForSnapshot((s) => s.uri.endsWith('no-header.csv') && s.linted, 'no-header.csv checked as an enrollment file');
    assert.equal(unmapped.unidentified, true);
    assert.equal(unmapped.hasHeaderRow, false);
    assert.equal(unmapped.columns.length, 10);
    assert.equal(unmapped.columns[4]?.masked, true, 'values that look like passwords are not sent');
    const fields = ['First Name', 'Last Name', 'Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade', 'Email Address', 'School SIS ID'] as const;
    for (const [index, field] of fields.entries()) {
      await api.importPanel.receive({ type: 'setColumn', index, field });
      await waitForSnapshot((s) => s.uri.endsWith('no-header.csv') && s.columns[index]?.field === field, `column ${index + 1} mapped to ${field}`);
    }
    const done = await waitForSnapshot((s) => s.uri.endsWith('no-header.csv') && s.requiredMissing.length === 0, 'every field mapped');
    assert.equal(done.unidentified, false);
    assert.deepEqual(JSON.parse(fs.readFileSync(file('.classworks.json').fsPath, 'utf8')).columnOrder, [...fields]);
    await vscode.commands.executeCommand(COMMANDS.unmarkFile, file('no-header.csv'));
  });

  it('drives the whole import: fix, map schools, preview, submit, and the history shows it Completed with its counts', async () => {
    const uri = file('students.csv');
    const { document } = await openInEditor(uri);
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    const onStudents = (s: Snapshot) => s.uri.endsWith('/students.csv');
    let snapshot = await waitForSnapshot((s) => onStudents(s) && s.counts.errors === 12, 'students.csv with its 12 errors');
    assert.match(await gateReason('validate'), /Resolve the 12 errors/);

    // Validate: the safe fixes, then the name suggestions, from the panel.
    await api.importPanel.receive({ type: 'fixAll' });
    snapshot = await waitForSnapshot((s) => onStudents(s) && s.problems.every((p) => p.fixTitle === null) && s.counts.errors === 8, 'the safe fixes applied');
    for (const name of ["O'Brien", 'Smith-Jones', 'José']) {
      const problem = snapshot.problems.find((p) => p.code === 'name.invalid-character' && p.message.includes(name));
      assert.ok(problem, `a problem for ${name}`);
      const title = problem.suggestionTitles[0];
      assert.ok(title);
      const errors = snapshot.counts.errors;
      await api.importPanel.receive({ type: 'applyFix', version: snapshot.version, index: problem.index, title });
      snapshot = await waitForSnapshot((s) => onStudents(s) && s.counts.errors === errors - 1, `the suggestion for ${name} applied`);
    }
    // What has no fix the user types: a password, an e-mail address, a date, a District ID.
    const edit = new vscode.WorkspaceEdit();
    replaceIn(edit, document, 'Falcon2024', 'Falcon#2024');
    replaceIn(edit, document, 'Owl#42,', 'Owl#4242,');
    replaceIn(edit, document, 'dtoke.spring.perficientads.com', 'dtoke@spring.perficientads.com');
    replaceIn(edit, document, '2/30/2012', '2/28/2012');
    replaceIn(edit, document, 'Carissa,Marquardt,cmarquardt,100201', 'Carissa,Marquardt,cmarquardt,100200');
    assert.ok(await vscode.workspace.applyEdit(edit));
    snapshot = await waitForSnapshot((s) => onStudents(s) && s.counts.errors === 0, 'no errors left');
    assert.equal(api.importPanel.state()?.document?.dirty, true);
    await api.importPanel.receive({ type: 'save' });
    await waitForPanel((s) => s.document?.dirty === false, 'students.csv saved');

    // School Mapping: 00310 matches no school; map it to Spring Middle School.
    const spring = snapshot.schoolValues.find((v) => v.value === '00310');
    assert.equal(spring?.rows, 1);
    await api.importPanel.receive({ type: 'setSchool', value: '00310', target: { kind: 'school', sisId: '00231' } });
    snapshot = await waitForSnapshot((s) => onStudents(s) && s.config.schoolMapping?.['00310'] === '00231' && s.counts.warnings === 0, 'the school mapping saved and the caution gone');
    assert.equal(JSON.parse(fs.readFileSync(file('.classworks.json').fsPath, 'utf8')).schoolMapping['00310'], '00231');

    // Additional Actions and the preview.
    await api.importPanel.receive({
      type: 'draft',
      seq: 1000,
      draft: { description: 'Sample district students', conflictResolution: 'imported-wins', existingPasswords: 'maintain', customGroupId: null, emailStaff: false, acceptCautions: false },
    });
    assert.match(await gateReason('actions'), /Preview the import/);
    await api.importPanel.receive({ type: 'preview' });
    let state = await waitForPanel((s) => s.preview?.current === true, 'a current preview');
    const counts = state.preview!.result.counts;
    assert.deepEqual([counts.rows, counts.create, counts.update, counts.error, counts.withoutSchool], [74, 74, 0, 0, 0]);
    assert.equal(state.preview!.result.submittable, true);
    assert.equal(state.tasks.preview?.status, 'done');

    // Review & Submit.
    assert.equal(await gateReason('review'), '');
    const finished = nextEvent(api.importPanel.onDidFinishImport, 'the import to complete', FLOW_TIMEOUT_MS);
    await api.importPanel.receive({ type: 'submit' });
    state = await waitForPanel((s) => s.submission !== null, 'the submission');
    const number = state.submission!.import.number;
    assert.match(number, /^\d{5}$/);
    assert.equal(state.submission!.replayed, false);
    const done = await finished;
    assert.equal(done.number, number);
    assert.equal(done.status, 'Completed');
    // The description was this import's own and the preview is used up: the next import starts
    // with an empty description and a new preview; the other choices stay for the same file.
    state = await waitForPanel((s) => s.draft.description === '' && s.preview === null, 'the description and the preview cleared after the submission');
    assert.equal(state.draft.conflictResolution, 'imported-wins');
    assert.equal(state.submission?.import.number, number);

    // Import History: the import Completed, with the right counts; its details and file.
    await api.importPanel.receive({ type: 'loadHistory' });
    state = await waitForPanel((s) => s.history?.imports.some((i) => i.number === number && i.status === 'Completed') === true, 'the history');
    const summary = state.history!.imports.find((i) => i.number === number)!;
    assert.equal(summary.description, 'Sample district students');
    assert.equal(summary.type, 'User Data');
    assert.ok(summary.completedAt);
    assert.deepEqual([summary.counts?.create, summary.counts?.update, summary.counts?.error, summary.counts?.withoutSchool], [74, 0, 0, 0]);
    await api.importPanel.receive({ type: 'openImport', number });
    state = await waitForPanel((s) => s.details?.import.number === number, 'the import\'s details');
    assert.equal(state.details!.rowsTotal, 74);
    assert.equal(state.details!.rows.find((r) => r.districtId === '13035')?.outcome, 'created');
    assert.ok(!JSON.stringify(state).includes('Eagle$285'), 'no password reaches the panel');
    // The download goes to .classworks/imports/ of the workspace folder, not beside the source,
    // and is not linted (its blank passwords would be one value.missing per row).
    await api.importPanel.receive({ type: 'downloadImport', number });
    const savedAs = `.classworks/imports/import-${number}-students.csv`;
    const downloadedUri = workspaceUri(...savedAs.split('/'));
    assert.ok(fs.existsSync(downloadedUri.fsPath), `${savedAs} was written`);
    assert.ok(!fs.readdirSync(folder.fsPath).some((name) => name.startsWith('import-')), 'nothing written beside the source');
    const downloadedState = await waitForPanel((s) => s.tasks.download?.status === 'done', 'the download done');
    assert.match(String(downloadedState.tasks.download?.message), new RegExp(`Saved ${savedAs.replace(/\./g, '\\.')} \\(not checked`));
    const downloaded = (await openInEditor(downloadedUri)).document;
    assert.match(downloaded.getText(), /^First Name,Last Name/);
    assert.ok(!downloaded.getText().includes('Eagle$285'), 'the downloaded file has no passwords');
    const status = await waitFor(api.onDidChangeFileStatus, () => api.fileStatus(downloadedUri), 'the downloaded file\'s status');
    assert.equal(status.linted, false);
    assert.match(status.reason, /downloaded from the Import History \(in \.classworks\/imports\).*not checked/);
    assert.deepEqual(vscode.languages.getDiagnostics(downloadedUri), []);

    // A new preview makes a new import possible: Review no longer shows the last one's result
    // (it stays in the history).
    await api.importPanel.receive({ type: 'preview' });
    state = await waitForPanel((s) => s.preview?.current === true, 'a new current preview');
    assert.equal(state.submission, null, 'Review shows no earlier submission');
    assert.equal(state.tasks.submit?.status, 'idle');
    assert.ok(state.history?.imports.some((i) => i.number === number), 'the import stays in the history');
  });

  it('keeps the state when the panel is hidden and shown: the new webview gets it after its handshake', async () => {
    await api.importPanel.receive({ type: 'draft', seq: 1001, draft: { ...api.importPanel.state()!.draft, description: 'Second students import' } });
    await waitForPanel((s) => s.draft.description === 'Second students import', 'the new description in the panel');
    const panelColumn = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview))?.viewColumn;
    assert.ok(panelColumn);
    // Another editor in the panel's group hides the webview (it is not kept alive hidden).
    const document = await vscode.workspace.openTextDocument(file('staff.csv'));
    await vscode.window.showTextDocument(document, { viewColumn: panelColumn, preview: false });
    const handshakes = api.importPanel.handshakes();
    const ready = nextEvent(api.importPanel.onDidReceiveMessage, 'a new ready handshake', FLOW_TIMEOUT_MS);
    await vscode.commands.executeCommand(COMMANDS.showImportHistory);
    assert.equal((await ready).type, 'ready');
    assert.ok(api.importPanel.handshakes() > handshakes);
    assert.equal(api.importPanel.state()?.draft.description, 'Second students import');
    await waitForPanel((s) => (s.history?.imports.length ?? 0) >= 1, 'the history shown again');
  });

  it('another file starts from the documented defaults: "Imported record wins" does not carry over to it', async () => {
    assert.equal(api.importPanel.state()?.draft.conflictResolution, 'imported-wins');
    await openInEditor(file('staff.csv'));
    await vscode.commands.executeCommand(COMMANDS.openImportPanel);
    const state = await waitForPanel((s) => s.document?.fileName === 'staff.csv', 'the panel on staff.csv');
    assert.deepEqual(state.draft, { description: '', conflictResolution: 'existing-wins', existingPasswords: 'maintain', customGroupId: null, emailStaff: false, acceptCautions: false });
  });

  it("the webview's Content-Security-Policy blocked nothing", () => {
    assert.ok(api.importPanel.handshakes() >= 2);
    assert.deepEqual(api.importPanel.cspViolations(), []);
  });

  it('starts the local sandbox district (bundled service, loopback, .classworks.json schools) and stops it on Disconnect', async () => {
    await openInEditor(workspaceUri('students.csv'));
    const started = await vscode.commands.executeCommand<boolean>(COMMANDS.startSandbox);
    assert.equal(started, true);
    const state = api.district.state();
    assert.equal(state.status, 'connected');
    assert.equal(state.kind, 'sandbox');
    assert.match(state.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    // Seeded from the .classworks.json of the active file (the fixture workspace's three schools).
    const sisIds = api.district.district()?.schools.map((s) => s.sisId) ?? [];
    for (const id of ['00123', '00456', 'HS01']) assert.ok(sisIds.includes(id), `${id} is a sandbox school`);
    assert.deepEqual(api.district.district()?.groups.map((g) => g.name).sort(), ['After-School Tutoring', 'Reading Intervention']);
    const pid = api.district.sandboxPid();
    assert.ok(pid && isAlive(pid), 'the sandbox process runs');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('classworks')).includes('sbx_'), 'the sandbox token is in no setting');
    await vscode.commands.executeCommand(COMMANDS.disconnectDistrict);
    assert.equal(api.district.state().status, 'disconnected');
    assert.equal(api.district.sandboxPid(), undefined);
    assert.equal(isAlive(pid), false, 'the sandbox process has stopped');
  });

  it('"Stop Local Sandbox District" asks first (other windows may use it), then stops it; with none running it says so', async () => {
    await openInEditor(workspaceUri('students.csv'));
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.startSandbox), true);
    const url = api.district.state().url;
    const pid = api.district.sandboxPid();
    assert.ok(pid && isAlive(pid), 'the sandbox process runs');
    let asked: unknown;
    try {
      asked = await vscode.commands.executeCommand(COMMANDS.stopSandbox);
    } catch (error) {
      // An extension test's host refuses to show a modal dialog and says what it would have shown.
      asked = error;
    }
    if (asked instanceof Error) assert.match(asked.message, new RegExp(`Stop the local sandbox district at ${url?.replace(/\./g, '\\.')}\\?`));
    else assert.equal(asked, false, 'the confirmation is dismissed: nothing stopped');
    assert.ok(isAlive(pid), 'not stopped without the confirmation');
    assert.equal(api.district.state().status, 'connected');

    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.stopSandbox, { confirmed: true }), true);
    assert.equal(api.district.state().status, 'disconnected');
    assert.equal(api.district.sandboxPid(), undefined);
    assert.equal(isAlive(pid), false, 'the sandbox process has stopped');
    assert.equal(await vscode.commands.executeCommand<boolean>(COMMANDS.stopSandbox, { confirmed: true }), false, 'none running: nothing to stop');
  });

  // ---- helpers ----

  async function waitForPanel(accept: (state: PanelState) => boolean, what: string): Promise<PanelState> {
    try {
      return await waitFor(
        api.importPanel.onDidChangeState,
        () => {
          const state = api.importPanel.state();
          return state && accept(state) ? state : undefined;
        },
        what,
        FLOW_TIMEOUT_MS,
      );
    } catch (error) {
      // Say what the panel showed when the wait gave up.
      const state = api.importPanel.state();
      const busy = Object.entries(state?.tasks ?? {}).filter(([, t]) => t.status !== 'idle').map(([name, t]) => `${name}: ${t.status} ${t.message ?? ''} ${t.hint ?? ''}`);
      const counts = state?.document?.snapshot?.counts;
      throw new Error(`${(error as Error).message}; the panel: ${busy.join(' | ') || 'no tasks'}; counts ${JSON.stringify(counts)}`);
    }
  }

  async function waitForSnapshot(accept: (snapshot: Snapshot) => boolean, what: string): Promise<Snapshot> {
    const state = await waitForPanel((s) => (s.document?.snapshot ? accept(s.document.snapshot) : false), what);
    return state.document!.snapshot!;
  }

  async function gateReason(step: 'upload' | 'map' | 'schools' | 'validate' | 'actions' | 'review'): Promise<string> {
    const { stepGates } = await import('../../../client/panel/shared/readiness.js');
    const state = api.importPanel.state();
    assert.ok(state);
    return stepGates(state, state.draft)[step].reason ?? '';
  }
});

function replaceIn(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, find: string, replace: string): void {
  const at = document.getText().indexOf(find);
  assert.ok(at >= 0, `"${find}" is in the file`);
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + find.length)), replace);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts dist/import-service.js as the tests' district, and resolves with its URL. */
function startService(bundle: string, dataDir: string, seed: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle, '--data', dataDir, '--port', '0', '--process-now', '--token', TOKEN, '--seed', seed], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the import service did not start within 30 s: ${err}`)), 30_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the import service exited (${code}): ${err}`));
    });
  });
}
