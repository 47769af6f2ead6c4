import type { ClassworksConfig } from '../config/configSchema';
import { ALL_FIELDS, type FieldName, isFieldName } from '../fields';
import { HEADING_ALIASES, normalizeHeading } from './headingAliases';

export type MatchKind = 'exact' | 'normalized' | 'alias' | 'config' | 'column-order';

export interface ColumnMatch {
  column: number;
  field: FieldName;
  kind: MatchKind;
}

export interface ColumnMapping {
  /** True when the first row holds headings. */
  hasHeader: boolean;
  /** How each mapped column was recognised. */
  matches: ColumnMatch[];
  /** Column index of each mapped field. */
  columnOf: Partial<Record<FieldName, number>>;
  /** Columns whose heading matched a field that an earlier column already took. */
  duplicates: { column: number; field: FieldName; firstColumn: number }[];
  /** Header columns matched to no field (information only). */
  unknown: number[];
  /** Number of columns the header (or the stored column order) declares; undefined when unknown. */
  width: number | undefined;
  /** Why columns could not be identified, when they could not. */
  unidentified?: 'no-header-no-order';
}

const NORMALIZED_FIELD = new Map<string, FieldName>();
for (const field of ALL_FIELDS) NORMALIZED_FIELD.set(normalizeHeading(field), field);
const ALIAS_FIELD = new Map<string, FieldName>();
for (const field of ALL_FIELDS) {
  for (const alias of HEADING_ALIASES[field]) if (!ALIAS_FIELD.has(alias)) ALIAS_FIELD.set(alias, field);
}

/** Which field a heading names, and how it was recognised; undefined when none. */
export function matchHeading(
  heading: string,
  config: ClassworksConfig | undefined,
): { field: FieldName | null; kind: MatchKind } | undefined {
  const explicit = config?.columns;
  if (explicit) {
    if (Object.prototype.hasOwnProperty.call(explicit, heading)) {
      const target = explicit[heading];
      return { field: target && isFieldName(target) ? target : null, kind: 'config' };
    }
    const trimmed = heading.trim();
    if (trimmed !== heading && Object.prototype.hasOwnProperty.call(explicit, trimmed)) {
      const target = explicit[trimmed];
      return { field: target && isFieldName(target) ? target : null, kind: 'config' };
    }
  }
  if (isFieldName(heading)) return { field: heading, kind: 'exact' };
  const normalized = normalizeHeading(heading);
  if (!normalized) return undefined;
  const byName = NORMALIZED_FIELD.get(normalized);
  if (byName) return { field: byName, kind: 'normalized' };
  const byAlias = ALIAS_FIELD.get(normalized);
  if (byAlias) return { field: byAlias, kind: 'alias' };
  return undefined;
}

/**
 * Decides whether the first row is a header and maps columns to fields:
 * the config's `hasHeaderRow` when set, otherwise a first row with at least two recognised
 * headings (or one, in a one-column file) is a header. Without a header the config's
 * `columnOrder` maps columns by position.
 */
export function mapColumns(firstRow: readonly string[] | undefined, config: ClassworksConfig | undefined): ColumnMapping {
  const empty: ColumnMapping = { hasHeader: false, matches: [], columnOf: {}, duplicates: [], unknown: [], width: undefined };
  const headings = firstRow ?? [];
  const recognised = headings.map((h) => matchHeading(h, config));
  const recognisedCount = recognised.filter((m) => m !== undefined).length;
  const setting = config?.hasHeaderRow ?? 'auto';
  const hasHeader =
    setting === true ||
    (setting === 'auto' && (recognisedCount >= 2 || (headings.length === 1 && recognisedCount === 1)));

  if (hasHeader) {
    const mapping: ColumnMapping = { ...empty, hasHeader: true, width: headings.length };
    recognised.forEach((match, column) => {
      if (!match) {
        mapping.unknown.push(column);
        return;
      }
      if (match.field === null) return;
      addMatch(mapping, column, match.field, match.kind);
    });
    return mapping;
  }

  const order = config?.columnOrder;
  if (order && order.length > 0) {
    const mapping: ColumnMapping = { ...empty, width: order.length };
    order.forEach((field, column) => {
      if (field && isFieldName(field)) addMatch(mapping, column, field, 'column-order');
    });
    return mapping;
  }
  return { ...empty, unidentified: firstRow ? 'no-header-no-order' : undefined };
}

function addMatch(mapping: ColumnMapping, column: number, field: FieldName, kind: MatchKind): void {
  const first = mapping.columnOf[field];
  if (first !== undefined) {
    mapping.duplicates.push({ column, field, firstColumn: first });
    return;
  }
  mapping.columnOf[field] = column;
  mapping.matches.push({ column, field, kind });
}

export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
