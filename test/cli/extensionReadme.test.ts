// The extension's Details page, docs/extension-readme.md (`npm run package` packs it with
// --readme-path as extension/readme.md, at the root of the .vsix): it names only commands and
// settings that exist, names all of them, and every relative link or image in it opens a file
// that is in the .vsix. The links are written from the extension's root, where VS Code resolves
// them (the package script passes --no-rewrite-relative-links).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

const README = 'docs/extension-readme.md';

interface Manifest {
  scripts: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, unknown> };
  };
}

function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** The readme's text with every run of whitespace as one space (a bold command name may wrap). */
function flatText(): string {
  return fs.readFileSync(path.join(ROOT, README), 'utf8').replace(/\s+/g, ' ');
}

/** `Classworks: Title` as the command palette shows a contributed command. */
function paletteTitle(c: { title: string; category?: string }): string {
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

/** The files the .vsix gets, as `npm run package` makes it (same readme path, same ignore file). */
function packagedFiles(readmePath: string): string[] {
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies', '--readme-path', readmePath], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `vsce ls failed: ${run.stderr}`);
  return run.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

describe('docs/extension-readme.md (the Details page of the .vsix)', function () {
  this.timeout(90_000);

  it('is the readme the package script packs', () => {
    assert.match(manifest().scripts.package ?? '', /--readme-path docs\/extension-readme\.md(\s|$)/);
  });

  it('names only commands that exist, always as "Classworks: <title>" in bold', () => {
    const text = flatText();
    const titles = new Set(manifest().contributes.commands.map(paletteTitle));
    const named = [...text.matchAll(/\*\*(Classworks: [^*]+)\*\*/g)].map((m) => m[1] as string);
    assert.ok(named.length >= 15, `commands named: ${named.join(' / ')}`);
    assert.deepEqual(named.filter((t) => !titles.has(t)), [], 'every command named is contributed by package.json');
    const mentions = text.split('Classworks: ').length - 1;
    assert.equal(mentions, named.length, 'no "Classworks: …" outside **…** (it would escape this check)');
  });

  it('names every contributed command', () => {
    const text = flatText();
    const missing = manifest().contributes.commands.map(paletteTitle).filter((t) => !text.includes(`**${t}**`));
    assert.deepEqual(missing, []);
  });

  it('names only settings that exist, and every one of them', () => {
    const text = flatText();
    const settings = Object.keys(manifest().contributes.configuration.properties);
    // classworks.x.y, but not .classworks.json or source.fixAll.classworks
    const named = new Set([...text.matchAll(/(?<![\w.])classworks\.[A-Za-z][\w.]*[A-Za-z0-9]/g)].map((m) => m[0]));
    assert.deepEqual([...named].filter((s) => !settings.includes(s)), [], 'every classworks.* named is a setting in package.json');
    assert.deepEqual(settings.filter((s) => !named.has(s)), [], 'every setting is named');
  });

  it('links and shows only files that exist and are packaged, from the extension root', () => {
    const text = fs.readFileSync(path.join(ROOT, README), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)|<img[^>]*\ssrc="([^"]+)"/g)]
      .map((m) => ((m[1] ?? m[2]) as string).split('#')[0] as string)
      .filter((t) => t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t));
    assert.ok(targets.includes('docs/images/editor.png') && targets.includes('docs/rules.md'), `links found: ${targets.join(', ')}`);
    const files = packagedFiles(README);
    for (const target of targets) {
      const file = path.posix.normalize(target);
      assert.ok(!file.startsWith('../') && !path.posix.isAbsolute(file), `${target} stays inside the extension`);
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${target} exists (links resolve from the extension root, where readme.md is packed)`);
      assert.ok(files.includes(file), `${target} is packaged (.vscodeignore lets it in)`);
    }
  });
});
