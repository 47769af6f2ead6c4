import { lastAtOrBefore } from './lastAtOrBefore';

/** About how many characters a piece holds once a text is first edited. */
const PIECE_SIZE = 32 * 1024;

/**
 * A text held as pieces of about 32,000 characters, so that an edit copies the piece it falls
 * in, not the whole text: a 17 MB district file edited keystroke by keystroke would otherwise
 * make (and leave for the garbage collector) a new 17 MB string per keystroke. Read with
 * `slice` and `charCodeAt`, which cost what the same calls on a string cost while they stay
 * within one piece (the piece last read is tried first); `getText` joins the pieces once per
 * change, for the rare reader that needs the whole text.
 *
 * A new text is one piece; it is cut into pieces (slices of it, which V8 makes without
 * copying) at its first edit, each ending after a line break, so most rows fall in one piece.
 */
export class ChunkedText {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[];
  /** The piece last read, tried first by the next read. */
  private hot = 0;
  private size: number;

  /** `pieceSize`: about how many characters a piece holds (small ones only in tests). */
  constructor(
    text: string,
    private readonly pieceSize = PIECE_SIZE,
  ) {
    this.pieces = [text];
    this.starts = [0];
    this.size = text.length;
  }

  get length(): number {
    return this.size;
  }

  /** The characters in [start, end), as `String.prototype.slice` with offsets in range. */
  slice(start: number, end: number): string {
    const at = this.starts[this.hot] as number;
    const piece = this.pieces[this.hot] as string;
    if (start >= at && end <= at + piece.length) return piece.slice(start - at, end - at);
    return this.sliceAcross(start, end);
  }

  /** The UTF-16 code unit at `offset`, NaN outside the text (as for a string). */
  charCodeAt(offset: number): number {
    const at = this.starts[this.hot] as number;
    const piece = this.pieces[this.hot] as string;
    if (offset >= at && offset < at + piece.length) return piece.charCodeAt(offset - at);
    if (offset < 0 || offset >= this.size) return Number.NaN;
    this.hot = this.pieceAt(offset);
    return (this.pieces[this.hot] as string).charCodeAt(offset - (this.starts[this.hot] as number));
  }

  /** The whole text; joining the pieces when there are several (then kept as one piece until the next edit). */
  getText(): string {
    if (this.pieces.length > 1) {
      this.pieces = [this.pieces.join('')];
      this.starts = [0];
      this.hot = 0;
    }
    return this.pieces[0] as string;
  }

  /** Whether `search` occurs in the text (looked for piece by piece: it must not be longer than one character per piece boundary it could straddle, so use it for single characters). */
  includesChar(search: string): boolean {
    for (const piece of this.pieces) if (piece.includes(search)) return true;
    return false;
  }

  /** Replaces [start, end) with `newText`, copying only the pieces the range touches. */
  replace(start: number, end: number, newText: string): void {
    if (start < 0 || end < start || end > this.size) throw new RangeError(`edit [${start}, ${end}) outside a text of ${this.size} characters`);
    if (this.pieces.length === 1 && this.size > 2 * this.pieceSize) this.cut();
    const first = this.pieceAt(start);
    const last = end > start ? Math.max(first, this.pieceAt(end - 1)) : first;
    const base = this.starts[first] as number;
    const joined = first === last ? (this.pieces[first] as string) : this.pieces.slice(first, last + 1).join('');
    const edited = joined.slice(0, start - base) + newText + joined.slice(end - base);
    const replacement = edited.length > 2 * this.pieceSize ? cutIntoPieces(edited, this.pieceSize) : edited.length > 0 || this.pieces.length === last - first + 1 ? [edited] : [];
    this.pieces.splice(first, last - first + 1, ...replacement);
    this.size += newText.length - (end - start);
    this.starts.length = this.pieces.length;
    for (let k = first, at = base; k < this.pieces.length; k++) {
      this.starts[k] = at;
      at += (this.pieces[k] as string).length;
    }
    this.hot = Math.min(first, this.pieces.length - 1);
  }

  /** The piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  private sliceAcross(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.size));
    end = Math.max(start, Math.min(end, this.size));
    const first = this.pieceAt(start);
    this.hot = first;
    const base = this.starts[first] as number;
    const piece = this.pieces[first] as string;
    if (end <= base + piece.length) return piece.slice(start - base, end - base);
    const parts = [piece.slice(start - base)];
    for (let k = first + 1; k < this.pieces.length && (this.starts[k] as number) < end; k++) {
      parts.push((this.pieces[k] as string).slice(0, end - (this.starts[k] as number)));
    }
    return parts.join('');
  }

  /** Cuts the one piece of a new text into pieces. */
  private cut(): void {
    this.pieces = cutIntoPieces(this.pieces[0] as string, this.pieceSize);
    this.starts = [];
    for (let k = 0, at = 0; k < this.pieces.length; k++) {
      this.starts.push(at);
      at += (this.pieces[k] as string).length;
    }
    this.hot = 0;
  }
}

/** Pieces of about `size` characters, each ending just after a line break where there is one near. */
function cutIntoPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (text.length - from > 2 * size) {
    const lf = text.indexOf('\n', from + size);
    const to = lf >= 0 && lf < from + 2 * size ? lf + 1 : from + size;
    pieces.push(text.slice(from, to));
    from = to;
  }
  pieces.push(text.slice(from));
  return pieces;
}
