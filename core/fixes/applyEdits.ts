import type { Fix, Position, Range, TextEdit } from '../problems';

/** Offsets of each line start in `text` (CRLF, LF and lone CR all end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export function offsetAt(starts: readonly number[], text: string, position: Position): number {
  const lineStart = starts[position.line];
  if (lineStart === undefined) return text.length;
  return Math.min(lineStart + position.character, text.length);
}

/** Applies non-overlapping edits (any order) to `text`. Overlapping edits after the first are skipped. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const starts = lineStarts(text);
  const byOffset = edits
    .map((e) => ({ start: offsetAt(starts, text, e.range.start), end: offsetAt(starts, text, e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  let applied = 0;
  for (const e of byOffset) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
    applied++;
  }
  return { text: out + text.slice(pos), applied };
}

/**
 * Picks fixes whose edits do not overlap each other, in document order, so they can be
 * applied together as one edit.
 */
export function compatibleFixes(fixes: readonly Fix[]): Fix[] {
  const chosen: Fix[] = [];
  const taken: Range[] = [];
  const cmp = (a: Position, b: Position) => a.line - b.line || a.character - b.character;
  // Two ranges clash when they overlap, or when both start at the same place (two inserts there).
  const clash = (r: Range, t: Range) => (cmp(r.start, t.end) < 0 && cmp(t.start, r.end) < 0) || cmp(r.start, t.start) === 0;
  const overlaps = (r: Range) => taken.some((t) => clash(r, t));
  for (const fix of fixes) {
    if (fix.edits.some((e) => overlaps(e.range))) continue;
    chosen.push(fix);
    for (const e of fix.edits) taken.push(e.range);
  }
  return chosen;
}
