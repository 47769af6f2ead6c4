import type { Row } from '../csv/csvTypes';

/**
 * A key's hash: FNV-1a over its UTF-16 code units, cut to 30 bits so that it is a small integer
 * (V8 keeps it unboxed, in the row and in the index, with no string kept per row).
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return hash & 0x3fffffff;
}

/**
 * Rows by a key (a District ID, a password …), updated row by row. The index holds each key's
 * hash, not the key: most keys belong to one row, so a hash maps to that row alone and only
 * becomes a list when a second row has it. Rows that share a hash share their key, except after
 * a hash collision, which `sharedGroups` sorts out by reading the rows' keys again (`keyOf`).
 */
export class KeyIndex {
  private readonly byHash = new Map<number, Row | Row[]>();
  /** Hashes held by more than one row. */
  private readonly crowded = new Set<number>();

  /** `keyOf`: a row's key, read again from its values (only for rows that share a hash). */
  constructor(private readonly keyOf: (row: Row) => string | undefined) {}

  add(hash: number, row: Row): void {
    const held = this.byHash.get(hash);
    if (held === undefined) {
      this.byHash.set(hash, row);
    } else if (Array.isArray(held)) {
      held.push(row);
    } else {
      this.byHash.set(hash, [held, row]);
      this.crowded.add(hash);
    }
  }

  remove(hash: number, row: Row): void {
    const held = this.byHash.get(hash);
    if (held === undefined) return;
    if (!Array.isArray(held)) {
      if (held === row) this.byHash.delete(hash);
      return;
    }
    const i = held.indexOf(row);
    if (i >= 0) held.splice(i, 1);
    if (held.length === 1) {
      this.byHash.set(hash, held[0] as Row);
      this.crowded.delete(hash);
    } else if (held.length === 0) {
      this.byHash.delete(hash);
      this.crowded.delete(hash);
    }
  }

  /** The rows holding a key (of `hash`), in document order. */
  rows(key: string, hash = keyHash(key)): Row[] {
    const held = this.byHash.get(hash);
    if (held === undefined) return [];
    const rows = Array.isArray(held) ? held.filter((row) => this.keyOf(row) === key) : this.keyOf(held) === key ? [held] : [];
    return rows.sort((a, b) => a.start - b.start);
  }

  /** Every group of two or more rows with the same key, each in document order. */
  sharedGroups(): Row[][] {
    const groups: Row[][] = [];
    for (const hash of this.crowded) {
      const held = this.byHash.get(hash) as Row[];
      const byKey = new Map<string, Row[]>();
      for (const row of held) {
        const key = this.keyOf(row);
        if (key === undefined) continue;
        const group = byKey.get(key);
        if (group) group.push(row);
        else byKey.set(key, [row]);
      }
      for (const group of byKey.values()) if (group.length > 1) groups.push(group.sort((a, b) => a.start - b.start));
    }
    return groups;
  }
}
