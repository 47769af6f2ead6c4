import { type Cell, type LineTerminator, NO_LINE_STARTS, type Row, type RowProblemSeed } from './csvTypes';
import type { RowStore } from './rowStore';

const NO_SPANS: readonly number[] = [];
const TERMINATORS: readonly LineTerminator[] = ['', '\r\n', '\n', '\r'];

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
 * A row that keeps only where its cell boundaries are (in the document's RowStore) and reads
 * values from the document text when asked: a 200,000-row file holds no per-cell objects or
 * strings, and no per-row cell table either.
 */
export class CompactRow implements Row {
  /** The row's slot in the model's per-row tables (its keys and shapes), or -1 (set by the model). */
  slot = -1;
  /** Where the row's boundaries start in `store.spans`, or -1 when they are kept with the rare facts. */
  private readonly at: number;
  readonly cellCount: number;
  /**
   * The row's length (without its terminator) times 16, plus its terminator's code (0–3) times 4,
   * plus 2 when every character of the row is ASCII, plus 1 when it has rare facts (line breaks inside cells, a CSV error, boundaries too large
   * for 16 bits), which the store keeps aside: most rows have none, and every field a row does
   * not carry saves 1.6 MB in a 200,000-row file.
   */
  private readonly packed: number;

  /**
   * `spans`: per cell, its start (shifted left 2, with its CellKind) and end, relative to the row
   * start; the first `spanCount` numbers are read (the array may be a reused buffer).
   */
  constructor(
    private readonly store: RowStore,
    readonly id: number,
    public start: number,
    public line: number,
    length: number,
    terminator: LineTerminator,
    innerLineStarts: readonly number[],
    spans: readonly number[],
    spanCount: number,
    broken?: RowProblemSeed,
    ascii = false,
  ) {
    this.cellCount = spanCount >> 1;
    let fits = true;
    for (let k = 0; k < spanCount; k++) {
      const n = spans[k] as number;
      if (n > 0xffff || n < 0) {
        fits = false;
        break;
      }
    }
    this.at = fits ? store.add(spans, spanCount) : -1;
    const rare = !fits || broken !== undefined || innerLineStarts.length > 0;
    this.packed = length * 16 + TERMINATORS.indexOf(terminator) * 4 + (ascii ? 2 : 0) + (rare ? 1 : 0);
    if (rare) store.setRare(this, { wide: fits ? undefined : spans.slice(0, spanCount), broken, innerLineStarts });
  }

  get length(): number {
    return Math.floor(this.packed / 16);
  }

  get terminator(): LineTerminator {
    return TERMINATORS[(this.packed >> 2) & 3] as LineTerminator;
  }

  get ascii(): boolean {
    return (this.packed & 2) !== 0;
  }

  get innerLineStarts(): readonly number[] {
    return (this.packed & 1) === 0 ? NO_LINE_STARTS : this.store.rareOf(this).innerLineStarts;
  }

  get broken(): RowProblemSeed | undefined {
    return (this.packed & 1) === 0 ? undefined : this.store.rareOf(this).broken;
  }

  private span(i: number): number {
    return this.at >= 0 ? (this.store.spans[this.at + i] as number) : (this.store.rareOf(this).wide as readonly number[])[i] as number;
  }

  get blank(): boolean {
    return this.length === 0 && !this.broken;
  }

  value(index: number): string | undefined {
    if (index < 0 || index >= this.cellCount) return undefined;
    const packed = this.span(index * 2);
    const kind = packed & 3;
    const base = this.start;
    const start = base + (packed >> 2);
    const end = base + this.span(index * 2 + 1);
    const source = this.store.source;
    if (kind === CellKind.Plain) return source.slice(start, end);
    if (kind === CellKind.Quoted) return unescapeQuotes(source.slice(start + 1, end - 1));
    return relaxedValue(source.slice(start, end));
  }

  cell(index: number): Cell | undefined {
    if (index < 0 || index >= this.cellCount) return undefined;
    const packed = this.span(index * 2);
    const kind = packed & 3;
    const start = packed >> 2;
    const end = this.span(index * 2 + 1);
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
  store: RowStore,
  id: number,
  start: number,
  line: number,
  content: string,
  terminator: LineTerminator,
  innerLineStarts: readonly number[],
  broken: RowProblemSeed,
): CompactRow {
  return new CompactRow(store, id, start, line, content.length, terminator, innerLineStarts.length ? innerLineStarts : NO_LINE_STARTS, NO_SPANS, 0, broken);
}
