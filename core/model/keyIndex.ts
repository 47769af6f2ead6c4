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
/** `length` empty slots. */
function slots(length: number): (Row | Row[] | undefined)[] {
  return new Array<Row | Row[] | undefined>(length).fill(undefined);
}

export class KeyIndex {
  /**
   * An open-addressing table: `hashes[i]` is 0 for a free slot, -1 for one freed by a removal,
   * else the hash + 1 of the rows in `held[i]` (one row, or a list when rows share the hash).
   * Flat arrays of small integers and rows (on the JS heap, so V8 reclaims them with the rest),
   * so a lookup among 200,000 keys touches one small integer, not a map entry.
   */
  private hashes: number[];
  private held: (Row | Row[] | undefined)[];
  /** Slots holding rows, and slots holding rows or freed. */
  private size = 0;
  private used = 0;
  /** Hashes held by more than one row. */
  private readonly crowded = new Set<number>();

  /**
   * `keyOf`: a row's key, read again from its values (only for rows that share a hash).
   * `expected`: about how many keys it will hold (the table is sized for them at once).
   */
  constructor(
    private readonly keyOf: (row: Row) => string | undefined,
    expected = 0,
  ) {
    let length = 16;
    while (length < expected * 2) length *= 2;
    this.hashes = new Array<number>(length).fill(0);
    this.held = slots(length);
  }

  add(hash: number, row: Row): void {
    const at = this.slotOf(hash, true);
    const held = this.held[at];
    if (held === undefined) {
      if (this.hashes[at] === 0) this.used++;
      this.hashes[at] = hash + 1;
      this.held[at] = row;
      this.size++;
      if (this.used * 2 > this.hashes.length) this.resize();
    } else if (Array.isArray(held)) {
      held.push(row);
    } else {
      this.held[at] = [held, row];
      this.crowded.add(hash);
    }
  }

  remove(hash: number, row: Row): void {
    const at = this.slotOf(hash, false);
    if (at < 0) return;
    const held = this.held[at] as Row | Row[];
    if (!Array.isArray(held)) {
      if (held === row) this.free(at);
      return;
    }
    const i = held.indexOf(row);
    if (i >= 0) held.splice(i, 1);
    if (held.length === 1) {
      this.held[at] = held[0] as Row;
      this.crowded.delete(hash);
    } else if (held.length === 0) {
      this.free(at);
      this.crowded.delete(hash);
    }
  }

  /** The rows holding a key (of `hash`), in document order. */
  rows(key: string, hash = keyHash(key)): Row[] {
    const at = this.slotOf(hash, false);
    if (at < 0) return [];
    const held = this.held[at] as Row | Row[];
    const rows = Array.isArray(held) ? held.filter((row) => this.keyOf(row) === key) : this.keyOf(held) === key ? [held] : [];
    return rows.sort((a, b) => a.start - b.start);
  }

  /** Every group of two or more rows with the same key, each in document order. */
  sharedGroups(): Row[][] {
    const groups: Row[][] = [];
    for (const hash of this.crowded) {
      const held = this.held[this.slotOf(hash, false)] as Row[];
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

  /**
   * The slot of `hash`: where it is, else (with `forAdd`) the first freed or free slot on its
   * probe path, else -1. Linear probing from a multiplicative spread of the hash.
   */
  private slotOf(hash: number, forAdd: boolean): number {
    const hashes = this.hashes;
    const mask = hashes.length - 1;
    const wanted = hash + 1;
    let at = Math.imul(hash, 0x9e3779b1) & mask;
    let freed = -1;
    for (;;) {
      const h = hashes[at] as number;
      if (h === wanted) return at;
      if (h === 0) return forAdd ? (freed >= 0 ? freed : at) : -1;
      if (h === -1 && freed < 0) freed = at;
      at = (at + 1) & mask;
    }
  }

  private free(at: number): void {
    this.hashes[at] = -1;
    this.held[at] = undefined;
    this.size--;
  }

  /** Doubles the table (or rebuilds it at its size when mostly freed slots fill it). */
  private resize(): void {
    const oldHashes = this.hashes;
    const oldHeld = this.held;
    const length = this.size * 4 > oldHashes.length ? oldHashes.length * 2 : oldHashes.length;
    this.hashes = new Array<number>(length).fill(0);
    this.held = slots(length);
    this.used = this.size;
    for (let i = 0; i < oldHashes.length; i++) {
      const h = oldHashes[i] as number;
      if (h <= 0) continue;
      const at = this.slotOf(h - 1, true);
      this.hashes[at] = h;
      this.held[at] = oldHeld[i];
    }
  }
}
