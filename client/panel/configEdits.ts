/**
 * Edits of `.classworks.json` made by the import panel: the column mapping (`columns`,
 * `columnOrder`, `hasHeaderRow`) and the school mapping (`schoolMapping`). Pure text in, text
 * out: keys keep their order, other keys are untouched, indentation and line endings follow
 * the file's. No vscode: unit-tested on its own.
 */
import type { FieldName } from '../../core/fields';
import type { SnapshotColumn } from '../../core/protocol/lspProtocol';
import type { SchoolTarget } from './shared/protocol';

export type ConfigChange =
  /** Map a heading to a field (null: ignore the column); the automatic match needs no entry. */
  | { kind: 'column'; heading: string; field: FieldName | null; automaticField: FieldName | null }
  | { kind: 'columnOrder'; order: (FieldName | null)[] }
  | { kind: 'hasHeaderRow'; value: boolean | 'auto' }
  | { kind: 'school'; value: string; target: SchoolTarget };

export class ConfigTextError extends Error {
  override readonly name = 'ConfigTextError';
}

type Json = Record<string, unknown>;

/** Applies the changes to the text of a `.classworks.json` (undefined: a new file). */
export function applyConfigChanges(text: string | undefined, changes: readonly ConfigChange[]): string {
  const source = (text ?? '').replace(/^\uFEFF/, '');
  let config: Json = {};
  if (source.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch (error) {
      throw new ConfigTextError(`.classworks.json is not valid JSON (${(error as Error).message}); fix it, then map again.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigTextError('.classworks.json does not hold a JSON object; fix it, then map again.');
    }
    config = parsed as Json;
  }
  for (const change of changes) apply(config, change);
  const indent = /^([ \t]+)"/m.exec(source)?.[1] ?? '  ';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(config, null, indent).replace(/\n/g, eol) + eol;
}

function apply(config: Json, change: ConfigChange): void {
  switch (change.kind) {
    case 'column': {
      const columns = objectAt(config, 'columns');
      if (change.field === change.automaticField) delete columns[change.heading];
      else columns[change.heading] = change.field;
      dropIfEmpty(config, 'columns');
      break;
    }
    case 'columnOrder':
      if (change.order.every((f) => f === null)) delete config.columnOrder;
      else config.columnOrder = [...change.order];
      break;
    case 'hasHeaderRow':
      if (change.value === 'auto') delete config.hasHeaderRow;
      else config.hasHeaderRow = change.value;
      break;
    case 'school': {
      const mapping = objectAt(config, 'schoolMapping');
      if (change.target.kind === 'auto') delete mapping[change.value];
      else mapping[change.value] = change.target.kind === 'none' ? null : change.target.sisId;
      dropIfEmpty(config, 'schoolMapping');
      break;
    }
  }
}

function objectAt(config: Json, key: string): Json {
  const value = config[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  const fresh: Json = {};
  config[key] = fresh;
  return fresh;
}

function dropIfEmpty(config: Json, key: string): void {
  const value = config[key];
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) delete config[key];
}

/**
 * The changes that give column `index` the field `field` (null: ignore it). A field belongs
 * to one column: another column that had it is set to be ignored; the field the column had goes
 * back to its automatic column, when that one is ignored. With a header row the
 * mapping is by heading (`columns`), without one by position (`columnOrder`).
 */
export function columnChanges(
  columns: readonly SnapshotColumn[],
  hasHeaderRow: boolean,
  index: number,
  field: FieldName | null,
): ConfigChange[] {
  const target = columns.find((c) => c.index === index);
  if (!target) return [];
  const others = field === null ? [] : columns.filter((c) => c.index !== index && c.field === field);
  if (hasHeaderRow) {
    const changes: ConfigChange[] = [];
    if (target.heading !== null) {
      changes.push({ kind: 'column', heading: target.heading, field, automaticField: target.automaticField });
    }
    for (const other of others) {
      if (other.heading !== null) changes.push({ kind: 'column', heading: other.heading, field: null, automaticField: other.automaticField });
    }
    // The field the column gives up goes back to the column that matches it by itself, when that
    // one is ignored now and no other holds the field: mapping a column to a field by mistake and
    // then to the right one leaves the mapping as it was, not that column ignored.
    const released = target.field;
    if (released !== null && released !== field && !columns.some((c) => c.index !== index && c.field === released)) {
      const natural = columns.find((c) => c.index !== index && c.field === null && c.automaticField === released && c.heading !== null);
      if (natural?.heading) changes.push({ kind: 'column', heading: natural.heading, field: released, automaticField: released });
    }
    return changes;
  }
  const order = columns.map((c) => c.field);
  order[index] = field;
  for (const other of others) order[other.index] = null;
  return [{ kind: 'columnOrder', order }];
}
