import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyTextEdits, lineStarts, RULE_CATALOG } from '../../core';
import { lintJson, ROOT, requireBuiltCli, runCli } from './helpers';

const sample = 'samples/district/students.csv';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
}

function sarif(args: string[]): { status: number | null; log: SarifLog } {
  const run = runCli(['lint', '--format', 'sarif', ...args]);
  return { status: run.status, log: JSON.parse(run.stdout) as SarifLog };
}

describe('cli: --format sarif', () => {
  before(requireBuiltCli);

  it('is a SARIF 2.1.0 log with the tool, its version and every rule with a helpUri to its docs/rules.md anchor', () => {
    const { status, log } = sarif([sample]);
    assert.equal(status, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run.tool.driver.name, 'Classworks Enrollment Tools');
    assert.equal(run.tool.driver.version, version);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const rule of RULE_CATALOG) {
      const entry = run.tool.driver.rules.find((r) => r.id === rule.code);
      assert.ok(entry, `rule ${rule.code} is listed`);
      assert.ok(entry.helpUri.endsWith(`docs/rules.md#${rule.code}`), entry.helpUri);
      assert.doesNotThrow(() => new URL(entry.helpUri), 'helpUri is an absolute URI');
      assert.equal(entry.shortDescription.text, rule.title);
      assert.equal(entry.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note' }[rule.defaultSeverity]);
    }
    assert.ok(ids.includes('file.not-utf8'));
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    assert.deepEqual(run.invocations[0]?.executionSuccessful, true);
  });

  it('has one result per problem with ruleId, ruleIndex, level, message and the same 1-based region as JSON', () => {
    const { log } = sarif([sample]);
    const { report } = lintJson([sample]);
    const run = log.runs[0]!;
    const problems = report.files[0]!.problems;
    assert.equal(run.results.length, problems.length);
    run.results.forEach((r, i) => {
      const p = problems[i]!;
      assert.equal(r.ruleId, p.code);
      assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
      assert.equal(r.level, { error: 'error', warning: 'warning', info: 'note' }[p.severity]);
      assert.equal(r.message.text, p.message);
      const loc = r.locations[0]!.physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'samples/district/students.csv', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn });
      assert.equal(r.fixes !== undefined, p.fix !== null, `fixes only for safe fixes (${p.code} line ${p.line})`);
      if (r.fixes) assert.equal(r.fixes[0]?.description.text, p.fix);
    });
    assert.ok(run.originalUriBaseIds['%SRCROOT%']?.uri.endsWith('/'));
  });

  it('describes each fix with replacements that, applied to the file, make exactly the fix', () => {
    const { log } = sarif([sample]);
    const text = fs.readFileSync(path.join(ROOT, sample), 'utf8');
    const withFix = log.runs[0]!.results.filter((r) => r.fixes);
    assert.ok(withFix.length >= 5);
    const edits = withFix.flatMap((r) =>
      r.fixes![0]!.artifactChanges[0]!.replacements.map((rep) => ({
        range: {
          start: { line: rep.deletedRegion.startLine - 1, character: rep.deletedRegion.startColumn - 1 },
          end: { line: rep.deletedRegion.endLine - 1, character: rep.deletedRegion.endColumn - 1 },
        },
        newText: rep.insertedContent.text,
      })),
    );
    const fixed = applyTextEdits(text, edits).text;
    const lines = (t: string) => t.split('\r\n');
    const changed = lines(fixed)
      .map((line, i) => [i + 1, lines(text)[i], line] as const)
      .filter(([, before, after]) => before !== after)
      .map(([n, before, after]) => [n, diffCell(before ?? '', after)]);
    assert.deepEqual(changed, [
      [3, ['KG', 'K']],
      [6, ['123', '00123']],
      [8, ['05', '5']],
      [28, ['PK', 'Pre-K']],
      [30, ['Dexter ', 'Dexter']],
      [58, ['Student', '0']],
    ]);
    assert.ok(lineStarts(fixed).length === lineStarts(text).length);
  });

  it('lists a file it could not read as a tool notification and marks the run unsuccessful (exit 2)', () => {
    const { status, log } = sarif(['missing.csv', sample]);
    assert.equal(status, 2);
    const invocation = log.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications[0]?.level, 'error');
    assert.match(invocation.toolExecutionNotifications[0]?.message.text ?? '', /cannot read missing\.csv/);
    assert.ok(log.runs[0]!.results.length > 0);
  });
});

/** The one cell that differs between two CSV lines: [before, after]. */
function diffCell(before: string, after: string): [string, string] | undefined {
  const a = before.split(',');
  const b = after.split(',');
  const i = a.findIndex((cell, k) => cell !== b[k]);
  return i < 0 ? undefined : [a[i]!, b[i]!];
}
