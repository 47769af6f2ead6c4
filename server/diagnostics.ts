import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { z } from 'zod';
import { type ConfigError, type Problem, type Severity, type SeveritySetting, ruleAnchorLines, ruleDocsLineUrl, ruleDocsUrl } from '../core';
import type { DiagnosticData } from '../core/protocol/lspProtocol';
import type { ConfigRead } from './configFiles';
import { firstLineOf } from './editableDocument';
import { scanJson, spanOfPath } from './jsonLocations';

export const DIAGNOSTIC_SOURCE = 'classworks';

/** Server-side rule: the `.classworks.json` that applies to a file could not be read. */
export const CONFIG_INVALID = 'config.invalid';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `data` of a diagnostic, as it comes back in a code action request (validated: it crossed the wire). */
export const diagnosticDataSchema = z.object({
  version: z.number().int(),
  index: z.number().int().nonnegative(),
  hasFix: z.boolean(),
  suggestionCount: z.number().int().nonnegative(),
}) satisfies z.ZodType<DiagnosticData>;

/** The base of rule links: the client's `rulesDocUri`, else docs/rules.md beside the server bundle's folder. */
export function defaultRulesDocUri(): string {
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).href;
}

/** A diagnostic's rule link (codeDescription.href) for a rule code. */
export type RuleLink = (code: string) => string;

/**
 * Rule links into the rule reference at `rulesDocUri`. VS Code ignores the `#code` fragment of
 * a file URI (the link opened rules.md at line 1) but understands `#L<line>`: for a file the
 * reference is read once and each link points at the line of the rule's `<a id="code">` anchor
 * (the bare file when the anchor or the file is missing). Other URIs (a web page) keep `#code`.
 */
export function ruleLinks(rulesDocUri: string): RuleLink {
  if (!rulesDocUri.startsWith('file:')) return (code) => ruleDocsUrl(code, rulesDocUri);
  let lines: Map<string, number>;
  try {
    lines = ruleAnchorLines(fs.readFileSync(fileURLToPath(rulesDocUri), 'utf8'));
  } catch {
    lines = new Map();
  }
  return (code) => ruleDocsLineUrl(code, rulesDocUri, lines);
}

/** One problem of a document version as an LSP diagnostic. */
export function toDiagnostic(problem: Problem, index: number, version: number, uri: string, ruleLink: RuleLink): Diagnostic {
  const data: DiagnosticData = { version, index, hasFix: problem.fix !== undefined, suggestionCount: problem.suggestions.length };
  const diagnostic: Diagnostic = {
    range: problem.range,
    severity: SEVERITY[problem.severity],
    code: problem.code,
    codeDescription: { href: ruleLink(problem.code) },
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    data,
  };
  if (problem.related && problem.related.length > 0) {
    diagnostic.relatedInformation = problem.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  return diagnostic;
}

/**
 * The problem shown at line 1 of an enrollment file whose `.classworks.json` has bad values: the
 * file is checked with the rest of it. Undefined when the config is fine or the rule is off.
 */
export function configProblemForCsv(read: ConfigRead, text: TextDocument, rules: Record<string, SeveritySetting>): Problem | undefined {
  if (read.errors.length === 0 || read.path === undefined) return undefined;
  const setting = rules[CONFIG_INVALID];
  if (setting === 'off') return undefined;
  const firstLineEnd = { line: 0, character: firstLineOf(text).length };
  const where = read.path;
  return {
    code: CONFIG_INVALID,
    severity: setting ?? 'warning',
    message:
      `The configuration file ${where} has problems: ${describeErrors(read.errors)}. ` +
      (read.text !== undefined && !read.errors.some((e) => e.path === '')
        ? 'Until they are fixed this file is checked with the rest of the configuration, without those values.'
        : 'Until it is fixed this file is checked without it (no school list, no column mapping, no rule settings from it).'),
    range: { start: { line: 0, character: 0 }, end: firstLineEnd },
    field: null,
    suggestions: [],
  };
}

/** Diagnostics on an open `.classworks.json` itself, each at the offending value. */
export function configDiagnostics(read: ConfigRead, text: TextDocument, ruleLink: RuleLink): Diagnostic[] {
  if (read.errors.length === 0) return [];
  const scan = scanJson(text.getText());
  return read.errors.map((error) => {
    const span = spanOfPath(scan, error.path);
    return {
      range: { start: text.positionAt(span.start), end: text.positionAt(span.end) },
      severity: DiagnosticSeverity.Error,
      code: CONFIG_INVALID,
      codeDescription: { href: ruleLink(CONFIG_INVALID) },
      source: DIAGNOSTIC_SOURCE,
      message: `.classworks.json ${error.path ? `"${error.path}"` : ''}: ${error.message}`.replace(' :', ':'),
    };
  });
}

function describeErrors(errors: readonly ConfigError[]): string {
  const shown = errors.slice(0, 3).map((e) => (e.path ? `"${e.path}": ${e.message}` : e.message));
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return shown.join('; ') + more;
}

