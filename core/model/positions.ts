import type { Row } from '../csv/csvTypes';
import { rowTextLength } from '../csv/csvTypes';
import type { Position } from '../problems';

/** Index of the last row that starts at or before `offset` (0 when none). */
export function rowIndexAt(rows: readonly Row[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid] as Row;
    if (row.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Line and character of an absolute offset, computed from the rows (no line table needed). */
export function positionAt(rows: readonly Row[], offset: number): Position {
  if (rows.length === 0) return { line: 0, character: offset };
  const row = rows[rowIndexAt(rows, offset)] as Row;
  let rel = offset - row.start;
  if (rel < 0) return { line: 0, character: offset };
  const total = rowTextLength(row);
  if (rel >= total && row.terminator !== '') {
    return { line: row.line + row.innerLineStarts.length + 1, character: rel - total };
  }
  rel = Math.min(rel, total);
  const inner = row.innerLineStarts;
  let k = 0;
  while (k < inner.length && (inner[k] as number) <= rel) k++;
  if (k > 0) return { line: row.line + k, character: rel - (inner[k - 1] as number) };
  // A row starts at the start of its line, except the first row after a BOM: line 0 starts at 0.
  return { line: row.line, character: row.line === 0 ? row.start + rel : rel };
}
