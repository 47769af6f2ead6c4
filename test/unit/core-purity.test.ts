import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '../../core');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file imports, requires or re-exports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1] as string);
  return found;
}

describe('the core is a pure library', () => {
  const files = tsFiles(CORE);

  it('has TypeScript files to check, and sees every form of import', () => {
    assert.ok(files.length > 20, `found ${files.length}`);
    const sample = [
      "import * as vscode from 'vscode';",
      'import type { X } from "vscode-languageserver/node";',
      "import 'vscode';",
      "export { a } from '../server/x';",
      "const v = require('vscode');",
      "const w = await import('vscode-jsonrpc');",
    ].join('\n');
    assert.deepEqual(specifiers(sample).sort(), ['../server/x', 'vscode', 'vscode', 'vscode', 'vscode-jsonrpc', 'vscode-languageserver/node']);
  });

  it('imports no vscode and no LSP or editor wiring', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (/^vscode($|\/)|^vscode-languageserver($|\/)|^vscode-languageclient($|\/)|^vscode-jsonrpc($|\/)/.test(spec)) {
          offending.push(`${path.relative(CORE, file)}: ${spec}`);
        }
      }
    }
    assert.deepEqual(offending, []);
  });

  it('imports nothing from the faces built on it (server, client, cli)', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(CORE + path.sep) && target !== CORE) offending.push(`${path.relative(CORE, file)}: ${spec}`);
      }
    }
    assert.deepEqual(offending, []);
  });
});
