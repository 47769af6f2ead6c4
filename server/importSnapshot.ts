import { EnrollmentDocument, REQUIRED_FIELDS, RULE_BY_CODE, type FieldName, matchHeading } from '../core';
import { dataRows } from '../core/importFile/buildImportRows';
import type { ImportSnapshot, SnapshotColumn, SnapshotConfig, SnapshotHiddenErrors, SnapshotProblem } from '../core/protocol/lspProtocol';
import type { ConfigRead } from './configFiles';
import type { DocumentState, EnrollmentModel } from './documentStore';

/** At most this many problems travel in a snapshot (the counts are always complete). */
export const SNAPSHOT_PROBLEM_LIMIT = 1000;
const SAMPLES_PER_COLUMN = 3;
const SAMPLE_ROWS_SCANNED = 50;

/**
 * What the import panel shows of a document (`classworks/importSnapshot`), from the server's
 * model and the problems it last published. Undefined until the document has been validated.
 * Never carries a password: columns that are or may be passwords send no sample values.
 */
export function importSnapshot(state: DocumentState, read: ConfigRead): ImportSnapshot | undefined {
  const published = state.published;
  if (!published) return undefined;
  const config = snapshotConfig(read);
  const base = {
    uri: state.uri,
    version: published.version,
    configPath: read.path ?? null,
    config,
    configErrors: read.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
  };
  const doc = published.linted ? state.model?.doc : undefined;
  if (!doc) {
    return {
      ...base,
      linted: false,
      hasHeaderRow: false,
      unidentified: false,
      columns: [],
      requiredMissing: [],
      duplicates: [],
      dataRows: 0,
      schoolValues: [],
      problems: [],
      problemsTruncated: false,
      counts: { errors: 0, warnings: 0, infos: 0 },
    };
  }

  const mapping = doc.getMapping();
  const rows = doc.getRows();
  const headerRow = mapping.hasHeader ? rows.find((r) => !r.blank && !r.broken) : undefined;
  const headings = headerRow ? headerRow.cells.map((c) => c.value) : undefined;
  const data = dataRows(doc);
  const width = headings?.length ?? Math.max(mapping.width ?? 0, ...data.slice(0, SAMPLE_ROWS_SCANNED).map((r) => r.cellCount));

  const columns: SnapshotColumn[] = [];
  for (let index = 0; index < width; index++) {
    const heading = headings?.[index] ?? null;
    const match = mapping.matches.find((m) => m.column === index);
    const automatic = heading === null ? undefined : matchHeading(heading, undefined);
    const values = sampleValues(data, index);
    const masked = match?.field === 'Password' || automatic?.field === 'Password' || mayHoldPasswords(heading, values);
    columns.push({
      index,
      heading,
      field: match?.field ?? null,
      how: match?.kind ?? null,
      automaticField: automatic?.field ?? null,
      samples: masked ? [] : values,
      masked,
    });
  }

  const schoolColumn = mapping.columnOf['School SIS ID'];
  const schools = new Map<string, { value: string; rows: number; firstLine: number }>();
  if (schoolColumn !== undefined) {
    for (const row of data) {
      const value = (row.cells[schoolColumn]?.value ?? '').trim();
      const entry = schools.get(value);
      if (entry) entry.rows++;
      else schools.set(value, { value, rows: 1, firstLine: row.line });
    }
  }

  const problems: SnapshotProblem[] = published.problems.slice(0, Math.min(published.listed, SNAPSHOT_PROBLEM_LIMIT)).map((p, index) => ({
    index,
    code: p.code,
    severity: p.severity,
    message: p.message,
    field: p.field,
    range: p.range,
    fixTitle: p.fix?.title ?? null,
    suggestionTitles: p.suggestions.map((s) => s.title),
  }));

  return {
    ...base,
    linted: true,
    hasHeaderRow: mapping.hasHeader,
    unidentified: mapping.unidentified === 'no-header-no-order',
    columns,
    requiredMissing: REQUIRED_FIELDS.filter((f) => mapping.columnOf[f] === undefined),
    duplicates: mapping.duplicates.map((d) => ({ column: d.column, field: d.field, firstColumn: d.firstColumn })),
    dataRows: data.length,
    schoolValues: [...schools.values()],
    problems,
    problemsTruncated: published.counts.errors + published.counts.warnings + published.counts.infos > problems.length,
    counts: { ...published.counts },
    ...withHiddenErrors(state.model),
  };
}

/** The last answer per document: the strict check runs again only after an edit (a new revision) or with other options. */
const hiddenCache = new WeakMap<EnrollmentDocument, { revision: number; optionsKey: string; hidden: SnapshotHiddenErrors | undefined }>();

/**
 * The errors the import service would refuse that a severity setting hides here (see
 * ImportSnapshot.hiddenErrors): the file is checked once more at the default severities, but
 * only while some setting lowers (off, warning, info) a rule whose default is error.
 */
function withHiddenErrors(model: EnrollmentModel | undefined): { hiddenErrors?: SnapshotHiddenErrors } {
  if (!model) return {};
  const { options } = model;
  const lowered = new Map<string, SnapshotHiddenErrors['settings'][number]>();
  // Settings (classworks.rules) win over the configuration file's rules, as in the editor.
  const sources = [
    ['config', options.config?.rules],
    ['settings', options.severities],
  ] as const;
  for (const [source, rules] of sources) {
    for (const [code, severity] of Object.entries(rules ?? {})) {
      if (RULE_BY_CODE.get(code)?.defaultSeverity !== 'error') continue;
      if (severity === 'error') lowered.delete(code);
      else lowered.set(code, { code, severity, source });
    }
  }
  if (lowered.size === 0) return {};
  const cached = hiddenCache.get(model.doc);
  const revision = model.doc.getRevision();
  if (cached && cached.revision === revision && cached.optionsKey === model.optionsKey) return cached.hidden ? { hiddenErrors: cached.hidden } : {};
  const text = model.doc.getText();
  const { rules: _rules, ...config } = options.config ?? {};
  const { severities: _severities, onRuleError: _onRuleError, ...rest } = options;
  const strict = new EnrollmentDocument(text, { ...rest, config });
  const found = strict.getReport().problems.filter((p) => p.severity === 'error' && lowered.has(p.code));
  const hidden: SnapshotHiddenErrors | undefined =
    found.length === 0
      ? undefined
      : {
          count: found.length,
          problems: found.slice(0, SNAPSHOT_PROBLEM_LIMIT).map((p) => ({ code: p.code, message: p.message, field: p.field, range: p.range })),
          settings: [...lowered.values()].filter((l) => found.some((p) => p.code === l.code)),
        };
  hiddenCache.set(model.doc, { revision, optionsKey: model.optionsKey, hidden });
  return hidden ? { hiddenErrors: hidden } : {};
}

function snapshotConfig(read: ConfigRead): SnapshotConfig {
  const { columns, columnOrder, hasHeaderRow, schoolMapping, schools } = read.config;
  const config: SnapshotConfig = {};
  if (columns) config.columns = columns as Record<string, FieldName | null>;
  if (columnOrder) config.columnOrder = columnOrder as (FieldName | null)[];
  if (hasHeaderRow !== undefined) config.hasHeaderRow = hasHeaderRow;
  if (schoolMapping) config.schoolMapping = schoolMapping;
  if (schools) config.schools = schools.map((s) => ({ sisId: s.sisId, name: s.name }));
  return config;
}

function sampleValues(rows: readonly { cells: readonly { value: string }[] }[], column: number): string[] {
  const samples: string[] = [];
  for (const row of rows.slice(0, SAMPLE_ROWS_SCANNED)) {
    const value = row.cells[column]?.value.trim() ?? '';
    if (value !== '' && !samples.includes(value)) samples.push(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    if (samples.length === SAMPLES_PER_COLUMN) break;
  }
  return samples;
}

/**
 * Whether a column may hold passwords though it is not mapped to Password: a heading that
 * says so, or values that look like passwords — a letter, a digit and a symbol other than
 * `- _ .`, no spaces, not an e-mail address. Without a heading there is less to go on, so
 * any value of 6 or more characters joining letters and digits counts (a weak password has no
 * symbol; a school code such as HS01 is shorter). Such a column shows no samples.
 */
export function mayHoldPasswords(heading: string | null, values: readonly string[]): boolean {
  if (heading !== null && /pass|pwd|secret|\bpin\b|credential/i.test(heading)) return true;
  return values.some((v) => looksLikePassword(v, heading === null));
}

export function looksLikePassword(value: string, strict = false): boolean {
  if (/\s/.test(value) || /^[^@]+@[^@]+\.[^@]+$/.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  // Identifiers (UUIDs, "Ye9n-2BPj-JfZf", "S-1234") join letters and digits with - _ . only.
  return (strict && value.length >= 6) || /[^A-Za-z0-9._-]/.test(value);
}
