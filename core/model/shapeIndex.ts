import type { Row } from '../csv/csvTypes';

/**
 * The rows of one shape: an array in the order they were added (a common shape holds most of a
 * column's 200,000 rows, and an array of them costs a fraction of a Set's time and memory), and
 * the rows removed since, which stay in the array until it is compacted.
 */
interface ShapeRows {
  rows: Row[];
  removed: Set<Row> | undefined;
}

/**
 * The rows of one column grouped by the shape of their value ("6 digits", "day first" …),
 * updated row by row as rows are added and removed. Column rules read the counts to learn a
 * column's facts (its usual ID width, whether a row proves it day-first) and visit only the
 * rows of the shapes they report on.
 *
 * The document keeps each row's shapes (in its slot of RowTables) and uses the index as a set: a row
 * is added under one shape, and removed only from the shape it was added under, before it is
 * added again (a row is never added twice, nor removed when it is not held: unlike a Set, the
 * index does not look that up).
 */
export class ShapeIndex {
  private readonly byShape = new Map<string, ShapeRows>();

  add(shape: string, row: Row): void {
    const held = this.byShape.get(shape);
    if (!held) {
      this.byShape.set(shape, { rows: [row], removed: undefined });
      return;
    }
    if (held.removed?.has(row)) {
      // Added again after a removal: it moves to the end, as in a Set.
      held.removed.delete(row);
      held.rows = held.rows.filter((r) => r !== row && !held.removed?.has(r));
      held.removed = undefined;
    }
    held.rows.push(row);
  }

  remove(shape: string, row: Row): void {
    const held = this.byShape.get(shape);
    if (!held || held.removed?.has(row)) return;
    const rows = held.rows;
    if (rows[rows.length - 1] === row) rows.pop();
    else (held.removed ??= new Set()).add(row);
    const removed = held.removed?.size ?? 0;
    if (rows.length === removed) this.byShape.delete(shape);
    else if (removed > 32 && removed * 2 > rows.length) this.compact(held);
  }

  count(shape: string): number {
    const held = this.byShape.get(shape);
    return held ? held.rows.length - (held.removed?.size ?? 0) : 0;
  }

  /** The shapes some row has, sorted (so that rules see them in the same order however rows came). */
  shapes(): string[] {
    return [...this.byShape.keys()].sort();
  }

  /** The rows of a shape, in document order (or in the order they were added, when `ordered` is false). */
  rows(shape: string, ordered = true): Row[] {
    const held = this.byShape.get(shape);
    if (!held) return [];
    const removed = held.removed;
    const rows = removed ? held.rows.filter((r) => !removed.has(r)) : held.rows.slice();
    return ordered ? rows.sort((a, b) => a.start - b.start) : rows;
  }

  private compact(held: ShapeRows): void {
    const removed = held.removed;
    if (!removed) return;
    held.rows = held.rows.filter((r) => !removed.has(r));
    held.removed = undefined;
  }
}
