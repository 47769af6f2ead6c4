// docs/cli.md's sample outputs are the CLI's real output, so that they never drift again.
// Each block under a "<!-- sample output…checked by test/cli/docSamples.test.ts… -->" comment is
// checked: a text block is run ("$ node dist/cli.js …", in the repository root or in a copy of
// test/fixtures/workspace, as the comment says) and must equal stdout then stderr, line by line,
// where "…" in the doc stands for any text; the JSON and SARIF excerpts must be parts of the
// real reports for test/fixtures/workspace/students.csv.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, requireBuiltCli, ROOT, runCli, tempDir } from './helpers';

interface Sample {
  marker: string;
  lang: string;
  body: string;
  line: number;
}

const MARKER = /<!-- sample output[^>]*checked by test\/cli\/docSamples\.test\.ts[^>]*-->\n```(\w+)\n([\s\S]*?)```\n/g;

function samples(doc: string): Sample[] {
  return [...doc.matchAll(MARKER)].map((m) => ({
    marker: m[0].split('\n')[0] as string,
    lang: m[1] as string,
    body: m[2] as string,
    line: doc.slice(0, m.index).split('\n').length,
  }));
}

/** A doc line with "…" matches any text in their place; otherwise it must be equal. */
function lineMatches(doc: string, real: string): boolean {
  if (!doc.includes('…')) return doc === real;
  const pattern = doc.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
  return new RegExp(`^${pattern}$`).test(real);
}

function fixturesCopy(): string {
  const dir = tempDir();
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

describe('docs/cli.md sample output', () => {
  let doc = '';
  let all: Sample[] = [];
  before(() => {
    requireBuiltCli();
    doc = fs.readFileSync(path.join(ROOT, 'docs', 'cli.md'), 'utf8');
    all = samples(doc);
  });

  it('has the checked samples: two runs in text, one JSON and one SARIF excerpt', () => {
    assert.deepEqual(all.map((s) => s.lang), ['text', 'text', 'json', 'json'], 'the marked blocks of docs/cli.md');
  });

  it('each text sample is what the command prints (stdout, then the summary on stderr)', () => {
    for (const sample of all.filter((s) => s.lang === 'text')) {
      const [command, ...expected] = sample.body.replace(/\n$/, '').split('\n');
      const args = /^\$ node dist\/cli\.js (.+)$/.exec(command ?? '')?.[1]?.split(' ');
      assert.ok(args, `docs/cli.md:${sample.line}: the block starts with "$ node dist/cli.js …"`);
      const cwd = /copy of test\/fixtures\/workspace/.test(sample.marker) ? fixturesCopy() : ROOT;
      assert.ok(args[0] === 'lint' || cwd !== ROOT, `docs/cli.md:${sample.line}: "fix" runs in a copy, never on the repository's files`);
      const run = runCli(args, cwd);
      const real = `${run.stdout}${run.stderr}`.replace(/\n$/, '').split('\n');
      assert.equal(real.length, expected.length, `docs/cli.md:${sample.line}: ${expected.length} lines in the doc, the CLI printed:\n${real.join('\n')}`);
      expected.forEach((line, i) => {
        assert.ok(lineMatches(line, real[i] as string), `docs/cli.md:${sample.line + 2 + i}:\n  doc: ${line}\n  CLI: ${real[i]}`);
      });
    }
  });

  it('the JSON excerpt is part of the real report (its problems, the summary)', () => {
    const sample = all.filter((s) => s.lang === 'json')[0];
    assert.ok(sample);
    const shown = JSON.parse(sample.body) as { files: { path: string; problems: unknown[] }[]; summary: unknown; skipped: unknown[] };
    const run = runCli(['lint', 'students.csv', '--format', 'json'], fixturesCopy());
    const real = JSON.parse(run.stdout) as typeof shown;
    assert.equal(shown.files.length, real.files.length);
    shown.files.forEach((file, i) => {
      assert.equal(file.path, real.files[i]?.path);
      for (const problem of file.problems) assert.ok(real.files[i]?.problems.some((p) => JSON.stringify(p) === JSON.stringify(problem)), `the CLI reports ${JSON.stringify(problem)}`);
    });
    assert.deepEqual(shown.summary, real.summary);
    assert.deepEqual(shown.skipped, real.skipped);
  });

  it('the SARIF result is the real one (its message may be shortened with "…")', () => {
    const sample = all.filter((s) => s.lang === 'json')[1];
    assert.ok(sample);
    const shown = JSON.parse(sample.body) as { ruleId: string; message: { text: string } };
    const run = runCli(['lint', 'students.csv', '--format', 'sarif'], fixturesCopy());
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] }).runs[0]?.results ?? [];
    const real = results.find((r) => r.ruleId === shown.ruleId);
    assert.ok(real, `a ${shown.ruleId} result`);
    assert.ok(lineMatches(shown.message.text, real.message.text), `doc: ${shown.message.text}\nCLI: ${real.message.text}`);
    assert.deepEqual({ ...shown, message: null }, { ...real, message: null });
  });
});
