import { type Cell, type LineTerminator, NO_LINE_STARTS, type Row, type RowProblemSeed } from './csvTypes';

/** The document text rows read their values from (a ChunkedText, which edits change in place, or a string). */
export interface TextSource {
  slice(start: number, end: number): string;
}

/** How a cell was written. */
export const enum CellKind {
  Plain = 0,
  /** "…" closed right before a delimiter, line end or end of text. */
  Quoted = 1,
  /** Opens with a quote that closes before other characters: read literally, as csv-parse's relax_quotes does. */
  Relaxed = 2,
}

/**
 * A row that keeps only its cell boundaries (two small integers per cell) and reads values from
 * the document text when asked: a 200,000-row file holds no per-cell objects or strings.
 */
export class CompactRow implements Row {
  // Declared here so that every row has them in the object itself (set later, by the model).
  indexKeys: (number | undefined)[] | undefined = undefined;
  columnShapes: (string | undefined)[] | undefined = undefined;

  constructor(
    private readonly source: TextSource,
    readonly id: number,
    public start: number,
    public line: number,
    readonly length: number,
    readonly terminator: LineTerminator,
    readonly innerLineStarts: readonly number[],
    /** Per cell: (start << 2 | kind), end — relative to the row start. */
    spans: readonly number[],
    readonly broken?: RowProblemSeed,
  ) {
    this.spans = packSpans(spans);
  }

  /**
   * Per cell, its start (shifted left 2, with its CellKind) and end, relative to the row start:
   * as a string of UTF-16 code units when every number fits in 16 bits (a fraction of an array's
   * memory, for every row of a large file), else as the array.
   */
  private readonly spans: string | readonly number[];

  private span(i: number): number | undefined {
    const spans = this.spans;
    if (typeof spans === 'string') return i < spans.length ? spans.charCodeAt(i) : undefined;
    return spans[i];
  }

  get blank(): boolean {
    return this.length === 0 && !this.broken;
  }

  get cellCount(): number {
    return this.spans.length >> 1;
  }

  value(index: number): string | undefined {
    const packed = this.span(index * 2);
    if (packed === undefined) return undefined;
    const kind = packed & 3;
    const base = this.start;
    const start = base + (packed >> 2);
    const end = base + (this.span(index * 2 + 1) as number);
    const source = this.source;
    if (kind === CellKind.Plain) return source.slice(start, end);
    if (kind === CellKind.Quoted) return unescapeQuotes(source.slice(start + 1, end - 1));
    return relaxedValue(source.slice(start, end));
  }

  cell(index: number): Cell | undefined {
    const packed = this.span(index * 2);
    if (packed === undefined) return undefined;
    const kind = packed & 3;
    const start = packed >> 2;
    const end = this.span(index * 2 + 1) as number;
    const quoted = kind === CellKind.Quoted;
    return {
      value: this.value(index) as string,
      start,
      end,
      valueStart: quoted ? start + 1 : start,
      valueEnd: quoted ? end - 1 : end,
      quoted,
    };
  }

  get cells(): readonly Cell[] {
    const cells: Cell[] = [];
    for (let i = 0; i < this.cellCount; i++) cells.push(this.cell(i) as Cell);
    return cells;
  }
}

function packSpans(spans: readonly number[]): string | readonly number[] {
  if (spans.length > 1024) return spans; // a row of hundreds of cells is no user: leave it be
  for (const n of spans) if (n > 0xffff || n < 0) return spans;
  return String.fromCharCode(...spans);
}

export function unescapeQuotes(inner: string): string {
  return inner.includes('""') ? inner.replace(/""/g, '"') : inner;
}

/** `"a""b"c` reads as `"a"b"c`: the quoted part unescaped, both quotes kept, the rest literal. */
function relaxedValue(raw: string): string {
  let q = 1;
  for (;;) {
    q = raw.indexOf('"', q);
    if (q < 0 || raw.charCodeAt(q + 1) !== 34) break;
    q += 2;
  }
  if (q < 0) return raw;
  return `"${unescapeQuotes(raw.slice(1, q))}${raw.slice(q)}`;
}

export function makeBrokenRow(
  source: TextSource,
  id: number,
  start: number,
  line: number,
  content: string,
  terminator: LineTerminator,
  innerLineStarts: readonly number[],
  broken: RowProblemSeed,
): CompactRow {
  return new CompactRow(source, id, start, line, content.length, terminator, innerLineStarts.length ? innerLineStarts : NO_LINE_STARTS, [], broken);
}
