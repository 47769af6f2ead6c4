/** A row's key in an index it has none in (hashes are 30-bit, never negative). */
export const NO_KEY = -1;
/** A row's shape in a column where it has none. */
export const NO_SHAPE = 0;

/**
 * What the model keeps per checked row for removing it again: the hashes of its keys in the
 * cross-row indexes and the ids of its shapes in the column-shape indexes, in two typed arrays
 * with one slot per row (`Row.slot`), not in arrays of their own: a 200,000-row file then keeps
 * two flat tables instead of 400,000 small arrays for the garbage collector to trace. Shapes
 * ("6 digits", "day first" …) are few strings, kept once and numbered.
 */
export class RowTables {
  keys: Int32Array;
  shapes: Uint16Array;
  private slots = 0;
  private readonly freed: number[] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly shapeNames: string[] = [];

  constructor(
    private readonly keysPerRow: number,
    private readonly shapesPerRow: number,
    expectedRows = 0,
  ) {
    const capacity = Math.max(16, expectedRows);
    this.keys = new Int32Array(capacity * keysPerRow);
    this.shapes = new Uint16Array(capacity * shapesPerRow);
  }

  /** Frees every slot (a check of every row starts over), keeping the tables when they have room for `expectedRows`. */
  reset(expectedRows: number): void {
    this.slots = 0;
    this.freed.length = 0;
    if (expectedRows * this.keysPerRow > this.keys.length || expectedRows * this.shapesPerRow > this.shapes.length) {
      // What they hold is forgotten: new tables of the size asked for, nothing copied.
      this.keys = new Int32Array(expectedRows * this.keysPerRow);
      this.shapes = new Uint16Array(expectedRows * this.shapesPerRow);
    }
  }

  /** A free slot (its numbers are then written by the caller). */
  take(): number {
    const reused = this.freed.pop();
    if (reused !== undefined) return reused;
    const slot = this.slots++;
    if (slot * this.keysPerRow >= this.keys.length || slot * this.shapesPerRow >= this.shapes.length) this.grow(slot + 1);
    return slot;
  }

  free(slot: number): void {
    this.freed.push(slot);
  }

  /** The number of a shape (from 1; NO_SHAPE is 0). */
  shapeId(shape: string): number {
    let id = this.shapeIds.get(shape);
    if (id === undefined) {
      if (this.shapeNames.length >= 0xfffe) throw new Error('more than 65,534 different value shapes in one column');
      this.shapeNames.push(shape);
      id = this.shapeNames.length;
      this.shapeIds.set(shape, id);
    }
    return id;
  }

  shapeName(id: number): string {
    return this.shapeNames[id - 1] as string;
  }

  private grow(slots: number): void {
    let capacity = Math.max(16, Math.max(this.keys.length / Math.max(1, this.keysPerRow), this.shapes.length / Math.max(1, this.shapesPerRow)));
    while (capacity < slots) capacity *= 2;
    const keys = new Int32Array(capacity * this.keysPerRow);
    keys.set(this.keys);
    const shapes = new Uint16Array(capacity * this.shapesPerRow);
    shapes.set(this.shapes);
    this.keys = keys;
    this.shapes = shapes;
  }
}
