/**
 * The benchmark (`npm run bench`): generates district files of 2,000, 20,000 and 200,000
 * rows into bench/data/ (ignored by git), measures what issue 6 sets targets for, prints a
 * table of medians and writes bench/results.json. Not a test: it never fails on a target,
 * it reports. Environment: BENCH_RUNS (default 5), BENCH_EDITS (default 200),
 * BENCH_IMPORT_ROWS (default 2000; 200000 runs for about an hour, see docs/performance.md),
 * BENCH_ONLY (comma-separated section names: validation,typing,fixall,cli,import).
 * Edits are PAUSE_MS apart, as a person types; each is timed from didChange to its publish.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { EnrollmentDocument, type LintOptions } from '../core';
import { ImportServiceClient } from '../core/importApi';
import { SERVER_ENVIRONMENT, SERVER_NODE_OPTIONS } from '../client/ids';
import { LspClient } from '../test/lsp/lspClient';
import { ruleLinks, toDiagnostic } from '../server/diagnostics';
import { DISTRICT_SCHOOLS, generateDistrictFile } from './districtFile';
import { median, now, percentile, round, time, timeProcess } from './measure';
import { Random } from './random';

const REPO = path.resolve(__dirname, '..', '..');
const DATA = path.join(REPO, 'bench', 'data');
const RESULTS = path.join(REPO, 'bench', 'results.json');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SERVICE = path.join(REPO, 'dist', 'import-service.js');
const SIZES = [2_000, 20_000, 200_000];
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const EDITS = Number(process.env.BENCH_EDITS) || 200;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS) || 2_000;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const CAP = 1000;
/** Pause between timed edits (ms), longer than the server's burst delay (EDIT_DELAY_MS, 50 ms). */
const PAUSE_MS = 120;

const wants = (section: string) => !ONLY || ONLY.has(section);
const ms = (value: number) => round(value, 1);

interface Results {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; platform: string; csvclean: string };
  runs: number;
  files: { rows: number; bytes: number; damagedRows: number }[];
  validation?: Record<string, unknown>;
  typing?: Record<string, unknown>;
  fixAll?: Record<string, unknown>;
  memory?: Record<string, unknown>;
  cli?: Record<string, unknown>;
  importService?: Record<string, unknown>;
}

function fileOf(rows: number): string {
  return path.join(DATA, `district-${rows}.csv`);
}

/** Writes the files (once; same seed, same bytes) and the .classworks.json with the district's schools. */
function generateFiles(): Results['files'] {
  fs.mkdirSync(DATA, { recursive: true });
  fs.writeFileSync(path.join(DATA, '.classworks.json'), JSON.stringify({ schools: DISTRICT_SCHOOLS }, null, 2));
  return SIZES.map((rows) => {
    const file = generateDistrictFile({ rows });
    const target = fileOf(rows);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== file.text) fs.writeFileSync(target, file.text);
    const damagedRows = Object.values(file.damaged).reduce((a, b) => a + b, 0);
    return { rows, bytes: Buffer.byteLength(file.text), damagedRows };
  });
}

function lintOptions(file: string): LintOptions {
  return { config: { schools: DISTRICT_SCHOOLS }, fileName: file };
}

/** text → records → every rule → problems → LSP diagnostics, as the server does (all of them, or the capped report). */
function validate(text: string, file: string, cap?: number): number {
  const doc = new EnrollmentDocument(text, lintOptions(file));
  const problems = cap === undefined ? doc.getProblems() : doc.getReport(cap).problems;
  const diagnostics = problems.map((p, i) => toDiagnostic(p, i, 1, 'file:///bench.csv', ruleLinks('https://example.invalid/rules.md')));
  return diagnostics.length;
}

function csvcleanVersion(): string {
  const r = spawnSync('csvclean', ['--version'], { encoding: 'utf8' });
  return r.error ? 'not installed' : `${r.stdout}${r.stderr}`.trim();
}

/** (a) Full validation in process vs csvclean -n (structure only) and the parsers alone, interleaved per run. */
function benchValidation(files: Results['files']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { rows } of files) {
    const file = fileOf(rows);
    const text = fs.readFileSync(file, 'utf8');
    const t = { validateAll: [] as number[], validateCapped: [] as number[], csvParse: [] as number[], udsv: [] as number[], papaparse: [] as number[], csvclean: [] as number[] };
    let problems = 0;
    validate(text, file); // warm-up: the first run compiles the code paths
    for (let run = 0; run < RUNS; run++) {
      t.validateAll.push(time(() => (problems = validate(text, file))));
      t.validateCapped.push(time(() => validate(text, file, CAP)));
      t.csvParse.push(time(() => {
        try {
          // The options the core's csv-parse reading uses: quotes inside unquoted cells and ragged rows read on.
          csvParse(text, { relax_quotes: true, relax_column_count: true, skip_empty_lines: false, skip_records_with_error: true, record_delimiter: ['\r\n', '\n', '\r'] });
        } catch {
          // the last row's unclosed quote: csv-parse has read everything before it, then throws
        }
      }));
      t.udsv.push(time(() => initParser(inferSchema(text)).stringArrs(text)));
      t.papaparse.push(time(() => Papa.parse(text)));
      t.csvclean.push(timeProcess('csvclean', ['-n', file], [0, 1]));
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, ms(median(v))])) as Record<keyof typeof t, number>;
    out[rows] = {
      problems,
      medianMs: m,
      ratio: {
        validateAllToCsvclean: round(m.validateAll / m.csvclean, 2),
        validateCappedToCsvclean: round(m.validateCapped / m.csvclean, 2),
        validateAllToCsvParse: round(m.validateAll / m.csvParse, 2),
        validateAllToUdsv: round(m.validateAll / m.udsv, 2),
      },
    };
    console.log(`validation ${rows} rows: ${JSON.stringify(out[rows])}`);
  }
  return out;
}

/** The cells of one CSV line: [start, end) of each cell's raw text (quotes included). */
function cellSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  let i = 0;
  for (;;) {
    const start = i;
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') i += 2;
        else if (line[i] === '"') {
          i++;
          break;
        } else i++;
      }
    }
    while (i < line.length && line[i] !== ',') i++;
    spans.push([start, i]);
    if (i >= line.length) return spans;
    i++;
  }
}

interface EditPlan {
  kind: 'cell' | 'duplicate-id' | 'duplicate-id-removed' | 'header-rename' | 'header-restored';
  line: number;
  start: number;
  end: number;
  text: string;
}

/**
 * 200 edits as a person makes them: mostly one cell changed (a character typed or deleted,
 * a value replaced), and among them a District ID made a duplicate of another row's and then
 * put back, and a header cell renamed (Grade → Grdx: the column mapping changes, so every row
 * is checked again) and put back.
 */
function planEdits(lines: string[], count: number, r: Random): EditPlan[] {
  const plans: EditPlan[] = [];
  const dataLine = () => {
    for (;;) {
      const line = r.int(1, lines.length - 2);
      const text = lines[line] as string;
      if (text.length > 0 && !/^,*$/.test(text) && cellSpans(text).length >= 10) return line;
    }
  };
  const apply = (p: EditPlan) => {
    const text = lines[p.line] as string;
    lines[p.line] = text.slice(0, p.start) + p.text + text.slice(p.end);
    plans.push(p);
  };
  for (let k = 0; plans.length < count; k++) {
    if (k % 50 === 20 && plans.length + 2 <= count) {
      const a = dataLine();
      const b = dataLine();
      const [as, ae] = cellSpans(lines[a] as string)[3] as [number, number];
      const [bs, be] = cellSpans(lines[b] as string)[3] as [number, number];
      const original = (lines[a] as string).slice(as, ae);
      apply({ kind: 'duplicate-id', line: a, start: as, end: ae, text: (lines[b] as string).slice(bs, be) });
      const [ns, ne] = cellSpans(lines[a] as string)[3] as [number, number];
      apply({ kind: 'duplicate-id-removed', line: a, start: ns, end: ne, text: original });
      continue;
    }
    if (k === 100 && plans.length + 2 <= count) {
      const at = (lines[0] as string).indexOf('Grade');
      apply({ kind: 'header-rename', line: 0, start: at, end: at + 5, text: 'Grdx' });
      apply({ kind: 'header-restored', line: 0, start: at, end: at + 4, text: 'Grade' });
      continue;
    }
    const line = dataLine();
    const spans = cellSpans(lines[line] as string);
    const [s, e] = spans[r.int(0, 9)] as [number, number];
    const value = (lines[line] as string).slice(s, e);
    const choice = r.next();
    if (choice < 0.45 || value.length === 0) apply({ kind: 'cell', line, start: e, end: e, text: r.pick(['x', '7', 'é', ' ', '#']) });
    else if (choice < 0.9) apply({ kind: 'cell', line, start: e - 1, end: e, text: '' });
    else apply({ kind: 'cell', line, start: s, end: e, text: r.pick(['', 'Tracy', '00123', '3/14/2015', '1', 'KG', 'a@b']) });
  }
  return plans;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb * 1024;
}

/** (b) + (d) A real server over LSP: open, then EDITS single edits, each timed from didChange to its publishDiagnostics. */
async function benchTyping(files: Results['files']): Promise<{ typing: Record<string, unknown>; memory: Record<string, unknown> }> {
  const typing: Record<string, unknown> = {};
  const memory: Record<string, unknown> = {};
  for (const { rows, bytes } of files.filter((f) => f.rows !== 20_000)) {
    const file = fileOf(rows);
    const text = fs.readFileSync(file, 'utf8');
    const client = await LspClient.start({ workspace: DATA, nodeArgs: SERVER_NODE_OPTIONS, env: SERVER_ENVIRONMENT });
    try {
      const uri = client.uri(path.basename(file));
      const openStart = now();
      client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'csv', version: 1, text } });
      await client.waitForDiagnostics(uri, (p) => p.version === 1, 'first diagnostics');
      const openMs = now() - openStart;
      const rssOpen = rssOf(client.process.pid as number);
      const lines = text.split(/\r\n|\n/);
      const plans = planEdits(lines.slice(), EDITS, new Random(rows));
      const times: Record<string, number[]> = {};
      const all: number[] = [];
      let version = 1;
      for (const plan of plans) {
        // A typist's pace (about 8 keys a second): each edit comes after a quiet spell, as keystrokes do.
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        version++;
        const since = client.diagnostics.events.length;
        const start = now();
        client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: plan.line, character: plan.start }, end: { line: plan.line, character: plan.end } }, text: plan.text }],
        });
        const v = version;
        await client.waitForDiagnostics(uri, (p) => p.version === v, `diagnostics of version ${v}`, since);
        const elapsed = now() - start;
        all.push(elapsed);
        (times[plan.kind] ??= []).push(elapsed);
      }
      const rssAfter = rssOf(client.process.pid as number);
      typing[rows] = {
        openToFirstDiagnosticsMs: ms(openMs),
        edits: all.length,
        p50Ms: ms(percentile(all, 50)),
        p95Ms: ms(percentile(all, 95)),
        maxMs: ms(Math.max(...all)),
        byKindMedianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, ms(median(v))])),
      };
      memory[rows] = { fileBytes: bytes, rssAfterOpenMB: round(rssOpen / 2 ** 20), rssAfterEditsMB: round(rssAfter / 2 ** 20), ratioToFileSize: round(Math.max(rssOpen, rssAfter) / bytes, 2) };
      console.log(`typing ${rows} rows: ${JSON.stringify(typing[rows])}`);
      console.log(`memory ${rows} rows: ${JSON.stringify(memory[rows])}`);
    } finally {
      await client.stop();
    }
  }
  const p95 = (rows: number) => (typing[rows] as { p95Ms: number }).p95Ms;
  typing.p95RatioLargeToSmall = round(p95(200_000) / p95(2_000), 2);
  return { typing, memory };
}

/** (c) Fix-all on a file with 5,000 names with extra spaces: the source.fixAll code action over LSP. */
async function benchFixAll(): Promise<Record<string, unknown>> {
  const base = generateDistrictFile({ rows: 20_000, damageRate: 0, seed: 7 }).text.split('\r\n');
  base.pop(); // the unclosed quote
  let bad = 0;
  for (let line = 1; line < base.length && bad < 5000; line += 3) {
    const [s] = cellSpans(base[line] as string)[1] as [number, number];
    base[line] = `${(base[line] as string).slice(0, s)} ${(base[line] as string).slice(s)}`;
    bad++;
  }
  const text = `${base.join('\r\n')}\r\n`;
  const file = path.join(DATA, 'fix-all-5000.csv');
  fs.writeFileSync(file, text);
  const client = await LspClient.start({ workspace: DATA, nodeArgs: SERVER_NODE_OPTIONS, env: SERVER_ENVIRONMENT });
  try {
    const doc = client.open(path.basename(file), text);
    const published = await doc.diagnostics();
    const times: number[] = [];
    let edits = 0;
    let remaining = -1;
    for (let run = 0; run < RUNS; run++) {
      const start = now();
      const actions = await doc.codeActions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.classworks']);
      times.push(now() - start);
      const change = actions[0]?.edit?.documentChanges?.[0] as { edits: unknown[] } | undefined;
      edits = change?.edits.length ?? 0;
      if (run === 0) {
        const after = doc.textAfter(actions[0]?.edit);
        remaining = new EnrollmentDocument(after, lintOptions(file)).getProblems().filter((p) => p.code === 'name.extra-space').length;
      }
    }
    const result = { badNames: bad, publishedDiagnostics: published.length, workspaceEdits: 1, textEdits: edits, nameProblemsLeftAfterApplying: remaining, medianMs: ms(median(times)), maxMs: ms(Math.max(...times)) };
    console.log(`fix-all: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await client.stop();
  }
}

/** (e) The CLI on each file, process start included, against csvclean -n, interleaved. */
function benchCli(files: Results['files']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { rows } of files) {
    const file = fileOf(rows);
    const cli: number[] = [];
    const clean: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      cli.push(timeProcess(process.execPath, [CLI, 'lint', file, '--format', 'json'], [0, 1]));
      clean.push(timeProcess('csvclean', ['-n', file], [0, 1]));
    }
    out[rows] = { cliMs: ms(median(cli)), csvcleanMs: ms(median(clean)), ratio: round(median(cli) / median(clean), 2) };
    console.log(`cli ${rows} rows: ${JSON.stringify(out[rows])}`);
  }
  return out;
}

/** A valid import of `count` users (creates), or the same users with a changed grade (updates). */
function importCsv(count: number, update: boolean): string {
  const header = 'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID';
  const lines = [header];
  for (let i = 0; i < count; i++) {
    const id = String(500000 + i);
    const grade = String(((i + (update ? 1 : 0)) % 12) + 1);
    lines.push(`Sam,Rivera,s${id},${id},Kite#${id}x,3/14/2015,0,${grade},s${id}@lincoln.example.org,00123`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function startService(dataDir: string, token: string, seed: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVICE, '--data', path.join(dataDir, 'data'), '--port', '0', '--token', token, '--process-now', '--seed', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`import service exited ${code}`)));
  });
  return { child, url };
}

/** (f) The import service: IMPORT_ROWS creates, then the same users updated; submit (validation + scrypt) and processing timed apart. */
async function benchImport(): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-import-'));
  const token = `bench-${randomUUID()}`;
  const seed = path.join(dataDir, 'seed.json');
  fs.writeFileSync(seed, JSON.stringify({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }] }));
  const { child, url } = await startService(dataDir, token, seed);
  try {
    const client = new ImportServiceClient({ baseUrl: url, token });
    const out: Record<string, unknown> = { rows: IMPORT_ROWS };
    for (const kind of ['creates', 'updates'] as const) {
      const csv = importCsv(IMPORT_ROWS, kind === 'updates');
      const start = now();
      const { import: submitted } = await client.submit(
        { fileName: `bench-${kind}.csv`, description: `Benchmark ${kind}`, csv, options: { conflictResolution: 'imported-wins', existingPasswords: 'maintain' } },
        randomUUID(),
      );
      const submitMs = now() - start;
      const done = await client.waitForImport(submitted.number, { timeoutMs: 24 * 3600_000, intervalMs: 100 });
      const totalMs = now() - start;
      const processMs = done.startedAt && done.completedAt ? Date.parse(done.completedAt) - Date.parse(done.startedAt) : Number.NaN;
      out[kind] = {
        status: done.status,
        submitMs: ms(submitMs),
        processMs: ms(processMs),
        totalMs: ms(totalMs),
        rowsPerSecondTotal: Math.round(IMPORT_ROWS / (totalMs / 1000)),
        rowsPerSecondSubmit: Math.round(IMPORT_ROWS / (submitMs / 1000)),
        rowsPerSecondProcessing: Math.round(IMPORT_ROWS / (processMs / 1000)),
        counts: done.counts,
      };
      console.log(`import ${kind}: ${JSON.stringify(out[kind])}`);
    }
    return out;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function printTable(results: Results): void {
  const rowsOut: [string, string, string, string][] = [];
  const v = results.validation as Record<number, { medianMs: Record<string, number>; ratio: Record<string, number> }> | undefined;
  if (v) {
    for (const rows of SIZES) {
      const e = v[rows];
      if (!e) continue;
      rowsOut.push([`full validation, ${rows} rows (all / capped ${CAP})`, `${e.medianMs.validateAll} / ${e.medianMs.validateCapped} ms`, `csvclean -n ${e.medianMs.csvclean} ms, csv-parse ${e.medianMs.csvParse} ms, udsv ${e.medianMs.udsv} ms, papaparse ${e.medianMs.papaparse} ms`, `×${e.ratio.validateAllToCsvclean} csvclean, ×${e.ratio.validateAllToCsvParse} csv-parse, ×${e.ratio.validateAllToUdsv} udsv`]);
    }
  }
  const t = results.typing as Record<string, { p50Ms: number; p95Ms: number; openToFirstDiagnosticsMs: number }> & { p95RatioLargeToSmall?: number } | undefined;
  if (t) {
    for (const rows of [2_000, 200_000]) {
      const e = t[rows];
      if (e) rowsOut.push([`typing, ${rows} rows (edit → publish)`, `p50 ${e.p50Ms} ms, p95 ${e.p95Ms} ms`, `open → first publish ${e.openToFirstDiagnosticsMs} ms`, rows === 200_000 ? `p95 ×${t.p95RatioLargeToSmall} of 2,000 rows` : '']);
    }
  }
  const f = results.fixAll as { medianMs: number; textEdits: number } | undefined;
  if (f) rowsOut.push(['fix-all, 5,000 bad names', `${f.medianMs} ms`, `1 workspace edit, ${f.textEdits} text edits`, '']);
  const m = results.memory as Record<number, { rssAfterOpenMB: number; rssAfterEditsMB: number; ratioToFileSize: number; fileBytes: number }> | undefined;
  if (m?.[200_000]) rowsOut.push(['server RSS, 200,000 rows open', `${m[200_000].rssAfterOpenMB} MB (after edits ${m[200_000].rssAfterEditsMB} MB)`, `file ${round(m[200_000].fileBytes / 2 ** 20)} MB`, `×${m[200_000].ratioToFileSize} file size`]);
  const c = results.cli as Record<number, { cliMs: number; csvcleanMs: number; ratio: number }> | undefined;
  if (c) for (const rows of SIZES) if (c[rows]) rowsOut.push([`CLI lint, ${rows} rows (process start incl.)`, `${c[rows].cliMs} ms`, `csvclean -n ${c[rows].csvcleanMs} ms`, `×${c[rows].ratio}`]);
  const i = results.importService as Record<string, { rowsPerSecondTotal: number; submitMs: number; processMs: number }> & { rows: number } | undefined;
  if (i) for (const kind of ['creates', 'updates']) if (i[kind]) rowsOut.push([`import service, ${i.rows} ${kind}`, `${i[kind].rowsPerSecondTotal} rows/s`, `submit ${i[kind].submitMs} ms, processing ${i[kind].processMs} ms`, '']);
  const widths = [0, 1, 2, 3].map((k) => Math.max(...rowsOut.map((r) => (r[k] as string).length), 4));
  console.log('');
  for (const r of rowsOut) console.log(r.map((cell, k) => cell.padEnd(widths[k] as number)).join(' | '));
}

async function main(): Promise<void> {
  for (const needed of [CLI, SERVICE, path.join(REPO, 'dist', 'server.js')]) {
    if (!fs.existsSync(needed)) throw new Error(`${needed} is missing: run npm run build (npm run bench does)`);
  }
  const files = generateFiles();
  const previous: Partial<Results> = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
  const results: Results = {
    ...previous,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, csvclean: csvcleanVersion() },
    runs: RUNS,
    files,
  };
  console.log(`files: ${JSON.stringify(files)}`);
  if (wants('validation')) results.validation = benchValidation(files);
  if (wants('typing')) Object.assign(results, await benchTyping(files));
  if (wants('fixall')) results.fixAll = await benchFixAll();
  if (wants('cli')) results.cli = benchCli(files);
  if (wants('import')) results.importService = await benchImport();
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  console.log(`\nwrote ${path.relative(REPO, RESULTS)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
