import type { Row } from '../csv/csvTypes';

/**
 * The rows of one column grouped by the shape of their value ("6 digits", "day first" …),
 * updated row by row as rows are added and removed. Column rules read the counts to learn a
 * column's facts (its usual ID width, whether a row proves it day-first) and visit only the
 * rows of the shapes they report on.
 */
export class ShapeIndex {
  private readonly byShape = new Map<string, Set<Row>>();

  add(shape: string, row: Row): void {
    let rows = this.byShape.get(shape);
    if (!rows) this.byShape.set(shape, (rows = new Set()));
    rows.add(row);
  }

  remove(shape: string, row: Row): void {
    const rows = this.byShape.get(shape);
    if (!rows) return;
    rows.delete(row);
    if (rows.size === 0) this.byShape.delete(shape);
  }

  count(shape: string): number {
    return this.byShape.get(shape)?.size ?? 0;
  }

  /** The shapes some row has, sorted (so that rules see them in the same order however rows came). */
  shapes(): string[] {
    return [...this.byShape.keys()].sort();
  }

  /** The rows of a shape, in document order (or in the order they were added, when `ordered` is false). */
  rows(shape: string, ordered = true): Row[] {
    const rows = this.byShape.get(shape);
    if (!rows) return [];
    return ordered ? [...rows].sort((a, b) => a.start - b.start) : [...rows];
  }
}
