// What `npm run package` puts in the .vsix (`vsce ls --no-dependencies --readme-path …`: offline,
// the same file list `vsce package` uses): the runtime bundles, docs/rules.md (the language server
// links each problem there), and the Details page, docs/extension-readme.md (packed as
// extension/readme.md; test/cli/extensionReadme.test.ts checks what it links to); never
// README.md (for developers), sources, tests, node_modules or source maps.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireBuiltCli, ROOT } from './helpers';

/** The Details page `npm run package` packs: its --readme-path. */
function packageReadme(): string {
  const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.package;
  const readme = /--readme-path\s+(\S+)/.exec(script)?.[1];
  assert.ok(readme, `the package script names the Details page with --readme-path: ${script}`);
  return readme;
}

function packagedFiles(): string[] {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', packageReadme()], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `vsce ls failed: ${run.stderr}`);
  return run.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Relative link and image targets of a Markdown file (no URLs, no anchors-only), from the repository root. */
function localLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => (m[1] as string).split('#')[0] as string);
  return targets
    .filter((t) => t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t))
    .map((t) => path.posix.normalize(path.posix.join(path.posix.dirname(file), t)).replace(/\/$/, ''));
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(90_000);
  let files: string[] = [];
  before(() => {
    requireBuiltCli();
    files = packagedFiles();
  });

  it('ships the runtime: the bundles, the webview, the sandbox service and its WebAssembly', () => {
    for (const f of ['package.json', packageReadme(), 'dist/extension.js', 'dist/server.js', 'dist/import-service.js', 'dist/node-sqlite3-wasm.wasm', 'dist/webview/panel.js', 'dist/webview/panel.css']) {
      assert.ok(files.includes(f), `${f} is packaged (got: ${files.join(', ')})`);
    }
  });

  it('ships docs/rules.md, which the language server reads for the rule links', () => {
    assert.ok(files.includes('docs/rules.md'));
  });

  it('ships the Details page docs/extension-readme.md and not README.md, the developers\' page', () => {
    assert.equal(packageReadme(), 'docs/extension-readme.md');
    assert.ok(!files.includes('README.md'), 'README.md is not packaged');
  });

  it('ships every file the packaged docs link to (no links to sources that stay out)', () => {
    // The Details page is packed at the root (extension/readme.md): its links are checked by extensionReadme.test.ts.
    for (const doc of files.filter((f) => /^docs\/[^/]+\.md$/.test(f) && f !== packageReadme())) {
      for (const target of localLinks(doc)) {
        assert.ok(files.includes(target), `${doc} links ${target}: it is packaged`);
      }
    }
  });

  it('ships no sources, tests, node_modules or source maps', () => {
    const unwanted = files.filter(
      (f) => /^(client|core|server|cli|import-service|test|scripts|bench|node_modules|\.ci|\.github)\//.test(f) || /\.(ts|map|mjs)$/.test(f) || /^(tsconfig|esbuild)/.test(f),
    );
    assert.deepEqual(unwanted, []);
    assert.ok(files.length < 60, `${files.length} files`);
  });
});
