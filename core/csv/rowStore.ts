import type { TextSource } from './compactRow';
import type { RowProblemSeed } from './csvTypes';

/** What few rows have, kept aside (see CompactRow). */
export interface RareRowFacts {
  /** The cell boundaries, when one of them does not fit in 16 bits. */
  wide: readonly number[] | undefined;
  broken: RowProblemSeed | undefined;
  innerLineStarts: readonly number[];
}

/**
 * What the rows of one document share: the text they read their values from, and their cell
 * boundaries, all in one growing array of 16-bit numbers instead of an array or a string per
 * row. A 200,000-row file then holds no per-row cell tables for the garbage collector to copy
 * and trace: a row keeps where its boundaries start in `spans` and how many there are.
 *
 * Boundaries of rows read again after an edit are added at the end; those of the rows they
 * replace stay behind unused (a few bytes per edited row), until the document is read anew.
 */
export class RowStore {
  spans: Uint16Array;
  /** How much of `spans` is taken. */
  used = 0;
  /** By row, for the rows that have them (weakly: a row replaced by an edit takes them along). */
  private readonly rare = new WeakMap<object, RareRowFacts>();

  /** `expectedLength`: the length of the text to read (a cell takes at least a character or so: a third of it is about right). */
  constructor(
    readonly source: TextSource,
    expectedLength = 0,
  ) {
    this.spans = new Uint16Array(Math.max(1024, Math.ceil(expectedLength / 3)));
  }

  setRare(row: object, facts: RareRowFacts): void {
    this.rare.set(row, facts);
  }

  rareOf(row: object): RareRowFacts {
    return this.rare.get(row) as RareRowFacts;
  }

  /** Gives back the room a full reading left unused (a little is kept for rows read again after edits). */
  trim(): void {
    const room = Math.max(1024, this.used >> 6);
    if (this.spans.length > this.used + 2 * room) this.spans = this.spans.slice(0, this.used + room);
  }

  /** Takes `count` numbers from `values` (which must fit in 16 bits); returns where they start. */
  add(values: readonly number[], count: number): number {
    const at = this.used;
    if (at + count > this.spans.length) {
      let length = this.spans.length * 2;
      while (length < at + count) length *= 2;
      const grown = new Uint16Array(length);
      grown.set(this.spans.subarray(0, at));
      this.spans = grown;
    }
    const spans = this.spans;
    for (let k = 0; k < count; k++) spans[at + k] = values[k] as number;
    this.used = at + count;
    return at;
  }
}
