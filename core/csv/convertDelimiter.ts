import type { Row } from './csvTypes';

/**
 * A row of a file read with another delimiter, written with commas: cells are joined with
 * commas; a quoted cell is kept as written (its quoting means the same with commas), and a
 * cell that now holds a comma is quoted (inner quotes doubled). Values stay exactly what they
 * were. Undefined when the row needs no change (blank, or a single cell without a comma);
 * a row that could not be read is kept as it is.
 */
export function rowWithCommas(text: string, row: Row): string | undefined {
  if (row.blank || row.broken) return undefined;
  const n = row.cellCount;
  let out = '';
  let changed = false;
  for (let i = 0; i < n; i++) {
    const cell = row.cell(i);
    if (!cell) continue;
    const raw = text.slice(row.start + cell.start, row.start + cell.end);
    let written = raw;
    if (!cell.quoted && raw.includes(',')) {
      written = `"${cell.value.replace(/"/g, '""')}"`;
      changed = true;
    }
    if (i > 0) {
      out += ',';
      // The delimiter between two cells is one character, always replaced.
      changed = true;
    }
    out += written;
  }
  return changed ? out : undefined;
}
