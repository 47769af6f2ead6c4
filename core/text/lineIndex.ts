import { lastAtOrBefore } from './lastAtOrBefore';

/** A text the line index reads characters of. */
export interface CharSource {
  readonly length: number;
  charCodeAt(offset: number): number;
  slice(start: number, end: number): string;
}

export interface LinePosition {
  line: number;
  character: number;
}

const CR = 13;
const LF = 10;

function isEol(c: number): boolean {
  return c === CR || c === LF;
}

/**
 * Where each line of a text starts (LF, CRLF and CR end lines), kept up to date edit by edit:
 * an edit re-reads the lines it touches and shifts the starts after it. Positions follow the
 * LSP text document library (vscode-languageserver-textdocument) exactly — a position inside or
 * past a line break means the end of the line's text — so that offsets and positions agree with
 * the editor's; a differential test holds it to that library.
 */
export class LineIndex {
  private starts: number[];

  constructor(text: CharSource) {
    this.starts = [0, ...lineStartsIn(text, 0, text.length)];
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line holding `offset` (the last line whose start is at or before it). */
  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  positionAt(text: CharSource, offset: number): LinePosition {
    offset = Math.max(Math.min(offset, text.length), 0);
    const line = this.lineAt(offset);
    const lineStart = this.starts[line] as number;
    return { line, character: beforeEol(text, offset, lineStart) - lineStart };
  }

  offsetAt(text: CharSource, position: LinePosition): number {
    const starts = this.starts;
    if (position.line >= starts.length) return text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line] as number;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? (starts[position.line + 1] as number) : text.length;
    return beforeEol(text, Math.min(lineStart + position.character, next), lineStart);
  }

  /** Offsets of a line's start, the end of its text (before the line break) and its end (after it). */
  lineBounds(text: CharSource, line: number): { start: number; textEnd: number; end: number } {
    const starts = this.starts;
    const start = starts[line] as number;
    const end = line + 1 < starts.length ? (starts[line + 1] as number) : text.length;
    return { start, textEnd: beforeEol(text, end, start), end };
  }

  /**
   * Takes an edit already made to `text`: [start, end) of the old text became
   * [start, start + insertedLength). Re-reads the lines from the one before the edit (a CR
   * there may now pair with an LF) through the one the edit ends in.
   */
  update(text: CharSource, start: number, end: number, insertedLength: number): void {
    const starts = this.starts;
    const delta = insertedLength - (end - start);
    let first = this.lineAt(start);
    if (first > 0) first--;
    const last = this.lineAt(end);
    const regionStart = starts[first] as number;
    // The region ends at the start of the line after the edit, which an edit before it leaves a line start.
    const regionEndNew = last + 1 < starts.length ? (starts[last + 1] as number) + delta : text.length;
    const inner = lineStartsIn(text, regionStart, regionEndNew);
    if (last + 1 < starts.length && inner[inner.length - 1] === regionEndNew) inner.pop();
    const removed = last - first;
    if (inner.length === removed) {
      for (let k = 0; k < inner.length; k++) starts[first + 1 + k] = inner[k] as number;
    } else if (inner.length < 10000) {
      starts.splice(first + 1, removed, ...inner);
    } else {
      this.starts = starts.slice(0, first + 1).concat(inner, starts.slice(last + 1));
    }
    if (delta !== 0) {
      const all = this.starts;
      for (let k = first + 1 + inner.length; k < all.length; k++) all[k] = (all[k] as number) + delta;
    }
  }
}

/** Offsets just after each line break in text[from, to) (a CR before an LF ends its line with the LF). */
function lineStartsIn(text: CharSource, from: number, to: number): number[] {
  const starts: number[] = [];
  const chunk = text.slice(from, to);
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === CR) {
      if (i + 1 < chunk.length ? chunk.charCodeAt(i + 1) === LF : text.charCodeAt(from + i + 1) === LF) i++;
      starts.push(from + i + 1);
    } else if (c === LF) {
      starts.push(from + i + 1);
    }
  }
  return starts;
}

/** `offset` moved back over the line break characters before it, not before `lineStart`. */
function beforeEol(text: CharSource, offset: number, lineStart: number): number {
  while (offset > lineStart && isEol(text.charCodeAt(offset - 1))) offset--;
  return offset;
}
