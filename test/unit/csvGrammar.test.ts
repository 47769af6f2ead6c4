// The TextMate grammars of syntaxes/, tokenized with vscode-textmate as VS Code does, in the
// three ways they meet Rainbow CSV (which owns the `csv` language and its `text.csv` grammar):
// without it; with its grammar picked for `csv`; with ours picked for `csv`. A stand-in for
// Rainbow CSV's grammar (same scope name, its own cell scopes) plays its part here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammars: { language?: string; scopeName: string; path: string; injectTo?: string[] }[] = manifest.contributes.grammars;

const RAINBOW_STAND_IN = {
  scopeName: 'text.csv',
  patterns: [{ match: '([^,]*)(,|$)', captures: { 1: { name: 'rainbow.cell' } } }],
};

let onigLib: Promise<textmate.IOnigLib> | undefined;
function loadOniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return { createOnigScanner: (p) => oniguruma.createOnigScanner(p), createOnigString: (s) => oniguruma.createOnigString(s) };
  })();
  return onigLib;
}

/** A registry like VS Code's: our contributed grammars (+ the stand-in), injections by scope prefix. */
async function loadGrammar(rootScope: string, withRainbow: boolean): Promise<textmate.IGrammar> {
  const registry = new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.csv') return withRainbow ? textmate.parseRawGrammar(JSON.stringify(RAINBOW_STAND_IN), 'rainbow.json') : null;
      const contributed = grammars.find((g) => g.scopeName === scopeName);
      if (!contributed) return null;
      const file = path.join(root, contributed.path);
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
    getInjections: (scopeName) => {
      const parts = scopeName.split('.');
      const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
      return grammars.filter((g) => g.injectTo?.some((t) => prefixes.includes(t))).map((g) => g.scopeName);
    },
  });
  const grammar = await registry.loadGrammar(rootScope);
  assert.ok(grammar, `grammar ${rootScope} did not load`);
  return grammar;
}

/** Each non-empty token of each line as "text=innermost scopes". */
function tokenize(grammar: textmate.IGrammar, text: string): { text: string; scopes: string[] }[][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .filter((t) => t.endIndex > t.startIndex && t.startIndex < line.length)
      .map((t) => ({ text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)), scopes: t.scopes }));
  });
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));
const CSV = 'First Name,Last Name,"Grade, or not"\nJosé,O\'Brien,"K, ""kinder"""\n';

describe('CSV grammars (syntaxes/)', () => {
  it('contributes one grammar for the csv language and a header injection into text.csv', () => {
    const own = grammars.filter((g) => g.language === 'csv');
    assert.equal(own.length, 1);
    assert.notEqual(own[0]!.scopeName, 'text.csv', 'must not take over Rainbow CSV\'s scope name');
    const injection = grammars.find((g) => g.injectTo);
    assert.deepEqual(injection?.injectTo, ['text.csv']);
  });

  it('without Rainbow CSV: colours each column and marks the header row', async () => {
    const lines = tokenize(await loadGrammar('text.csv.classworks', false), CSV);
    const header = lines[0]!;
    assert.ok(header.every((t) => has(t.scopes, 'markup.heading')), 'every header token is a heading');
    const cells = (line: { text: string; scopes: string[] }[]) => line.filter((t) => !has(t.scopes, 'punctuation.separator'));
    assert.deepEqual(cells(lines[1]!).map((t) => t.text), ['José', "O'Brien", '"K, ""kinder"""']);
    const columnScopes = cells(lines[1]!).map((t) => t.scopes.find((s) => /column-\d/.test(s)));
    assert.equal(new Set(columnScopes).size, 3, `three different column scopes: ${columnScopes.join(', ')}`);
    assert.deepEqual(cells(header).map((t) => t.scopes.find((s) => /column-\d/.test(s))), columnScopes, 'the header uses the column colours');
    assert.ok(lines[1]!.every((t) => !has(t.scopes, 'markup.heading')), 'data rows are not headings');
  });

  for (const rootScope of ['text.csv', 'text.csv.classworks']) {
    it(`with Rainbow CSV, ${rootScope === 'text.csv' ? 'its' : 'our'} grammar picked for csv: Rainbow CSV's cell colours, header marked`, async () => {
      const lines = tokenize(await loadGrammar(rootScope, true), CSV);
      for (const line of lines) {
        for (const token of line.filter((t) => t.text !== ',')) {
          assert.ok(token.scopes.includes('rainbow.cell'), `"${token.text}" keeps Rainbow CSV's scope: ${token.scopes.join(' ')}`);
          assert.ok(!token.scopes.some((s) => /column-\d/.test(s)), `"${token.text}" gets none of our column scopes`);
        }
      }
      assert.ok(lines[0]!.every((t) => has(t.scopes, 'markup.heading')));
      assert.ok(lines[1]!.every((t) => !has(t.scopes, 'markup.heading')));
    });
  }

  it('does not mark a first line of data (a file without a header row) as a header', async () => {
    const grammar = await loadGrammar('text.csv.classworks', false);
    const [first] = tokenize(grammar, 'Petra,Barlow,PBarlow,13010,Willow#381,3/19/2019,0,2\n');
    assert.ok(first!.every((t) => !has(t.scopes, 'markup.heading')));
  });
});
