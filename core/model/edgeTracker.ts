import type { Row } from '../csv/csvTypes';
import type { ColumnMapping } from '../mapping/columnMapping';

/**
 * What file rules know about a file's right and bottom edges without reading every row on every
 * edit: per column without a heading, how many data rows hold a value there; how many rows have
 * cells past the last heading that are all empty (Excel's `,,,`); and which rows at the end are
 * blank.
 */
export interface EdgeFacts {
  /** Data rows with a value (not only spaces) in a column whose heading is empty. */
  filledCount(column: number): number;
  /** Data rows with cells past the header's width, all of them empty. */
  readonly emptyExtraRows: number;
  /** The blank rows (empty lines and rows of separators) after the last row with a value, in order. */
  readonly trailingBlankRows: readonly Row[];
}

interface RowEdges {
  /** Unnamed columns in which this row holds a value. */
  filled: readonly number[];
  /** The row has cells past the header's width and they are all empty. */
  emptyExtra: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

/** The row's cells from `from` on are all empty (or only spaces). */
export function emptyFrom(row: Row, from: number): boolean {
  for (let i = from; i < row.cellCount; i++) if ((row.value(i) as string).trim() !== '') return false;
  return true;
}

/**
 * Whether a row's cells sit under the right headings although its cell count differs from the
 * header's: the cells past the last heading are all empty (`…,00123,,,`), or the cells it lacks
 * are all under headings that are empty. Such a row is not reported as row.cell-count (the
 * empty edges are one file problem), and its values are checked as usual.
 */
export function alignedDespiteWidth(row: Row, mapping: ColumnMapping): boolean {
  const width = mapping.width;
  if (width === undefined || row.cellCount === width) return true;
  if (row.cellCount > width) return emptyFrom(row, width);
  for (let c = row.cellCount; c < width; c++) if (!mapping.unnamed.includes(c)) return false;
  return true;
}

/** Keeps EdgeFacts row by row: the document adds each data row when it checks it and removes it when the row goes. */
export class EdgeTracker {
  private readonly byRow = new Map<Row, RowEdges>();
  private readonly filled = new Map<number, number>();
  private emptyExtra = 0;

  add(row: Row, mapping: ColumnMapping): void {
    if (this.byRow.has(row)) this.remove(row);
    const width = mapping.width;
    if (width === undefined) return;
    let filled = NONE;
    for (const c of mapping.unnamed) {
      if (c < row.cellCount && (row.value(c) as string).trim() !== '') filled = filled === NONE ? [c] : [...filled, c];
    }
    const emptyExtra = row.cellCount > width && emptyFrom(row, width);
    if (filled === NONE && !emptyExtra) return;
    this.byRow.set(row, { filled, emptyExtra });
    for (const c of filled) this.filled.set(c, (this.filled.get(c) ?? 0) + 1);
    if (emptyExtra) this.emptyExtra++;
  }

  remove(row: Row): void {
    const edges = this.byRow.get(row);
    if (!edges) return;
    this.byRow.delete(row);
    for (const c of edges.filled) this.filled.set(c, (this.filled.get(c) ?? 1) - 1);
    if (edges.emptyExtra) this.emptyExtra--;
  }

  clear(): void {
    this.byRow.clear();
    this.filled.clear();
    this.emptyExtra = 0;
  }

  /** The facts for file rules, with the trailing blank rows found by the document. */
  facts(trailingBlankRows: readonly Row[]): EdgeFacts {
    const filled = this.filled;
    return { filledCount: (c) => filled.get(c) ?? 0, emptyExtraRows: this.emptyExtra, trailingBlankRows };
  }
}
