import type { Row } from '../csv/csvTypes';

/**
 * Rows by a key (a District ID, a password …), updated row by row. Most keys belong to one row,
 * so a key maps to that row alone and only becomes a list when a second row shares it.
 */
export class KeyIndex {
  private readonly byKey = new Map<string, Row | Row[]>();
  /** Keys held by more than one row. */
  readonly shared = new Set<string>();

  add(key: string, row: Row): void {
    const held = this.byKey.get(key);
    if (held === undefined) {
      this.byKey.set(key, row);
    } else if (Array.isArray(held)) {
      held.push(row);
    } else {
      this.byKey.set(key, [held, row]);
      this.shared.add(key);
    }
  }

  remove(key: string, row: Row): void {
    const held = this.byKey.get(key);
    if (held === undefined) return;
    if (!Array.isArray(held)) {
      if (held === row) this.byKey.delete(key);
      return;
    }
    const i = held.indexOf(row);
    if (i >= 0) held.splice(i, 1);
    if (held.length === 1) {
      this.byKey.set(key, held[0] as Row);
      this.shared.delete(key);
    } else if (held.length === 0) {
      this.byKey.delete(key);
      this.shared.delete(key);
    }
  }

  /** The rows holding a key, in document order. */
  rows(key: string): Row[] {
    const held = this.byKey.get(key);
    if (held === undefined) return [];
    return Array.isArray(held) ? [...held].sort((a, b) => a.start - b.start) : [held];
  }
}
