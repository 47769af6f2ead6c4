// Proves the harness end to end: this runs inside a real VS Code extension host, with the
// fixtures workspace open and the development extension (this repository) registered.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_ENVIRONMENT, SERVER_NODE_OPTIONS } from '../../../client/ids';

/** package.json `publisher.name`. */
const EXTENSION_ID = 'classworks-enrollment.classworks-enrollment-tools';

/** Repo root seen from dist/test/vscode/index.js, where this module is bundled. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');

describe('VS Code smoke test', () => {
  it('runs inside a real VS Code', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof vscode.window.showInformationMessage, 'function');
  });

  it('has the fixtures workspace open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ')}`);
    const expected = process.env.CLASSWORKS_TEST_WORKSPACE ?? path.join(repoRoot, 'test', 'fixtures', 'workspace');
    assert.equal(folders[0]!.uri.scheme, 'file');
    assert.equal(path.resolve(folders[0]!.uri.fsPath), path.resolve(expected));
  });

  it('has the development extension registered', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not registered`);
    assert.equal(extension.packageJSON.name, 'classworks-enrollment-tools');
  });

  it('activates the development extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens a document in an editor', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'first_name,last_name\n', language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    assert.equal(document.lineAt(0).text, 'first_name,last_name');
    // Leave no dirty editor behind for the next test (closing it would ask to save).
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(!document.isDirty);
  });
});

describe('The language server process', () => {
  /** The pids of this extension host's children running dist/server.js (Linux: read from /proc). */
  function serverProcesses(): number[] {
    const fs = require('node:fs') as typeof import('node:fs');
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent !== process.pid) continue;
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(path.join('dist', 'server.js'))) pids.push(Number(entry));
      } catch {
        // The process ended while being read.
      }
    }
    return pids;
  }

  it('runs with the options that keep its memory down on large files (young generation, malloc threshold)', async function () {
    if (process.platform !== 'linux') this.skip();
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const deadline = Date.now() + 20_000;
    let pids = serverProcesses();
    while (pids.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      pids = serverProcesses();
    }
    assert.ok(pids.length > 0, 'a language server process runs');
    const fs = require('node:fs') as typeof import('node:fs');
    const pid = pids[0] as number;
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const environment = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    for (const option of SERVER_NODE_OPTIONS) assert.ok(args.includes(option), `${option} among the server's arguments: ${args.join(' ')}`);
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT)) assert.ok(environment.includes(`${name}=${value}`), `${name} is set for the server`);
    assert.ok(SERVER_NODE_OPTIONS.includes('--max-semi-space-size=4') && SERVER_ENVIRONMENT.MALLOC_MMAP_THRESHOLD_ === '131072');
  });
});
