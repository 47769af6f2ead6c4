import type { FieldName } from '../fields';
import type { ColumnMapping } from './columnMapping';

const CACHE = new WeakMap<ColumnMapping, (FieldName | undefined)[]>();

/** The field each column holds (undefined for columns matched to none), for rules that look at every cell of a row. */
export function fieldsByColumn(mapping: ColumnMapping): readonly (FieldName | undefined)[] {
  let fields = CACHE.get(mapping);
  if (!fields) {
    fields = [];
    for (const [field, column] of Object.entries(mapping.columnOf) as [FieldName, number][]) fields[column] = field;
    CACHE.set(mapping, fields);
  }
  return fields;
}

/** Headings whose column holds passwords even when not mapped: their values are never shown. */
export const PASSWORD_HEADING = /pass|pwd|\bpin\b/i;
