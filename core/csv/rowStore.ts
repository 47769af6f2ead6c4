import type { TextSource } from './compactRow';

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
  spans = new Uint16Array(1024);
  /** How much of `spans` is taken. */
  used = 0;

  constructor(readonly source: TextSource) {}

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
