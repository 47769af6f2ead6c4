import type { ClassworksConfig } from '../config/configSchema';
import { ALL_FIELDS, type FieldName, isFieldName } from '../fields';
import { HEADING_ALIASES, normalizeHeading, singularHeading } from './headingAliases';
import { PASSWORD_HEADING } from './fieldOfColumn';
import { allowedDistance, cleanHeading, editDistance } from './headingText';

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
  /** Header columns matched to no field (information only); not those without a heading. */
  unknown: number[];
  /** Header columns whose heading is empty (or only spaces and invisible characters). */
  unnamed: number[];
  /**
   * Columns matched by similarity alone (`Frist Name`, `Emial Address`): a heading within an
   * edit or two of exactly one field that no other column holds. Their match kind is
   * 'normalized'; header.drift reports them as probable misspellings.
   */
  fuzzy: { column: number; field: FieldName }[];
  /** Header columns not matched to Password whose heading says they hold passwords: never shown. */
  passwordLike: number[];
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
    for (const variant of [heading.trim(), cleanHeading(heading)]) {
      if (variant !== heading && Object.prototype.hasOwnProperty.call(explicit, variant)) {
        const target = explicit[variant];
        return { field: target && isFieldName(target) ? target : null, kind: 'config' };
      }
    }
  }
  if (isFieldName(heading)) return { field: heading, kind: 'exact' };
  // A byte order mark read as text ("ï»¿") would otherwise add letters to the heading.
  const normalized = normalizeHeading(cleanHeading(heading));
  if (!normalized) return undefined;
  const byName = NORMALIZED_FIELD.get(normalized);
  if (byName) return { field: byName, kind: 'normalized' };
  const byAlias = ALIAS_FIELD.get(normalized);
  if (byAlias) return { field: byAlias, kind: 'alias' };
  // A name or alias in the plural ("Birthdates", "Usernames"): the same field (header.drift says so).
  const singular = singularHeading(normalized, (s) => NORMALIZED_FIELD.has(s) || ALIAS_FIELD.has(s));
  if (singular) return { field: (NORMALIZED_FIELD.get(singular) ?? ALIAS_FIELD.get(singular)) as FieldName, kind: 'alias' };
  return undefined;
}

/**
 * Decides whether the first row is a header and maps columns to fields:
 * the config's `hasHeaderRow` when set, otherwise a first row with at least two recognised
 * headings (or one, in a one-column file) is a header. Without a header the config's
 * `columnOrder` maps columns by position.
 */
export function mapColumns(firstRow: readonly string[] | undefined, config: ClassworksConfig | undefined): ColumnMapping {
  const empty: ColumnMapping = {
    hasHeader: false,
    matches: [],
    columnOf: {},
    duplicates: [],
    unknown: [],
    unnamed: [],
    fuzzy: [],
    passwordLike: [],
    width: undefined,
  };
  const headings = firstRow ?? [];
  const recognised = headings.map((h) => matchHeading(h, config));
  const similar = headings.map((h, column) => (recognised[column] ? undefined : similarField(h)));
  const recognisedCount = recognised.filter((m) => m !== undefined).length + similar.filter((f) => f !== undefined).length;
  const setting = config?.hasHeaderRow ?? 'auto';
  const hasHeader =
    setting === true ||
    (setting === 'auto' && (recognisedCount >= 2 || (headings.length === 1 && recognisedCount === 1)));

  if (hasHeader) {
    const mapping: ColumnMapping = { ...empty, hasHeader: true, width: headings.length };
    recognised.forEach((match, column) => {
      if (!match) return;
      if (match.field === null) return;
      addMatch(mapping, column, match.field, match.kind);
    });
    // Misspelt headings take the field they resemble when no heading names it.
    similar.forEach((field, column) => {
      if (!field || mapping.columnOf[field] !== undefined || similar.indexOf(field) !== column || similar.lastIndexOf(field) !== column) return;
      addMatch(mapping, column, field, 'normalized');
      mapping.fuzzy.push({ column, field });
    });
    headings.forEach((heading, column) => {
      if (recognised[column] || mapping.fuzzy.some((f) => f.column === column)) return;
      if (isUnnamed(heading)) mapping.unnamed.push(column);
      else mapping.unknown.push(column);
    });
    headings.forEach((heading, column) => {
      const field = recognised[column]?.field;
      if (field !== 'Password' && PASSWORD_HEADING.test(heading)) mapping.passwordLike.push(column);
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

/** A heading with no name: empty, or only spaces and invisible characters. */
export function isUnnamed(heading: string): boolean {
  return heading.replace(/[\s\p{Cf}]/gu, '') === '';
}

const FUZZY_TARGETS: { name: string; field: FieldName }[] = [];
for (const field of ALL_FIELDS) {
  FUZZY_TARGETS.push({ name: normalizeHeading(field), field });
  for (const alias of HEADING_ALIASES[field]) if (alias.length >= 5) FUZZY_TARGETS.push({ name: alias, field });
}

/**
 * The one field a heading that matches none resembles — within one edit (two for longer
 * headings) of its name or an SIS alias, after normalising — or undefined when none or
 * several do.
 */
export function similarField(heading: string): FieldName | undefined {
  const normalized = normalizeHeading(cleanHeading(heading));
  const max = allowedDistance(normalized);
  if (max === 0) return undefined;
  let best = max + 1;
  let fields = new Set<FieldName>();
  for (const target of FUZZY_TARGETS) {
    if (allowedDistance(target.name) === 0) continue;
    const d = editDistance(normalized, target.name, max);
    if (d > max || d > best) continue;
    if (d < best) {
      best = d;
      fields = new Set();
    }
    fields.add(target.field);
  }
  return fields.size === 1 ? [...fields][0] : undefined;
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
