import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Problem, type Range, RULE_CATALOG, type RuleMeta, ruleDocsUrl, type Severity } from '../../core';
import { CLI_RULES } from '../cliRules';
import type { LintReport } from '../lintFile';

export interface SarifContext {
  /** Folder that relative artifact URIs are based on (%SRCROOT%). */
  cwd: string;
  version: string;
  /** URL of docs/rules.md; each rule's helpUri is this plus `#code`. */
  rulesDocUrl: string;
}

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

/** SARIF 2.1.0 (one run) for GitHub code scanning and other SARIF viewers. */
export function toSarif(report: LintReport, ctx: SarifContext): object {
  const rules: RuleMeta[] = [...RULE_CATALOG, ...CLI_RULES];
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const indexOf = (p: Problem): number => {
    let index = ruleIndex.get(p.code);
    if (index === undefined) {
      index = rules.push({ code: p.code, defaultSeverity: p.severity, title: p.code }) - 1;
      ruleIndex.set(p.code, index);
    }
    return index;
  };
  const location = (file: string) => artifactLocation(file, ctx.cwd);

  const results = report.files.flatMap((file) =>
    file.problems.map((p) => {
      const artifact = location(file.path);
      return {
        ruleId: p.code,
        ruleIndex: indexOf(p),
        level: LEVEL[p.severity],
        message: { text: p.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(p.range) } }],
        ...(p.related?.length
          ? {
              relatedLocations: p.related.map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: { artifactLocation: artifact, region: region(r.range) },
              })),
            }
          : {}),
        // A fix without edits (file.not-utf8's conversion to UTF-8, which classworks fix makes) has no SARIF replacement.
        ...(p.fix && p.fix.edits.length > 0
          ? {
              fixes: [
                {
                  description: { text: p.fix.title },
                  artifactChanges: [
                    {
                      artifactLocation: artifact,
                      replacements: [...p.fix.edits]
                        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
                        .map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                    },
                  ],
                },
              ],
            }
          : {}),
        properties: { field: p.field, suggestions: p.suggestions.map((s) => s.title) },
      };
    }),
  );

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Classworks Enrollment Tools',
            version: ctx.version,
            informationUri: ctx.rulesDocUrl,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: r.title },
              helpUri: ruleDocsUrl(r.code, ctx.rulesDocUrl),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: report.skipped.length === 0,
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: 'error',
              message: { text: s.reason },
              locations: [{ physicalLocation: { artifactLocation: location(s.path) } }],
            })),
          },
        ],
      },
    ],
  };
}

export function formatSarif(report: LintReport, ctx: SarifContext): string {
  return `${JSON.stringify(toSarif(report, ctx), null, 2)}\n`;
}

/** SARIF regions are 1-based; endColumn is exclusive, as in the editor. */
function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** Relative to %SRCROOT% (the working folder) when inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolute).href };
}

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}
