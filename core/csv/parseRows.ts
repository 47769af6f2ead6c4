import { CellKind, CompactRow, makeBrokenRow } from './compactRow';
import { RowStore } from './rowStore';
import { type LineTerminator, NO_LINE_STARTS, type Row } from './csvTypes';

export type IdSource = () => number;

const QUOTE = 34;

/** Cell boundaries of the row being read, reused from row to row (the row copies what it keeps). */
const spans: number[] = [];
/** The char codes of the row being read, or-ed together: above 0x7f when a character is not ASCII. */
let seen = 0;
const CR = 13;
const LF = 10;

/**
 * Splits text[from, to) — which must start at a record boundary — into rows, recording where
 * every cell starts and ends. It reads CSV exactly as csv-parse does with relax_quotes,
 * relax_column_count and CRLF/LF/CR record delimiters (csv-parse is the parser of record: a
 * differential test holds this scanner to it, record for record), in one pass without copying.
 * `delimiter` separates cells: a comma, or one other character (`;`, a tab) for files whose
 * delimiter was sniffed to be another. `text` may be a part of the document (`store.source`)
 * that starts at offset `base` of it: rows get their offsets in the document.
 */
export function parseRows(
  text: string,
  from: number,
  to: number,
  firstLine: number,
  nextId: IdSource,
  store: RowStore = new RowStore(text),
  delimiter = ',',
  base = 0,
): Row[] {
  const DELIM = delimiter.charCodeAt(0);
  const rows: Row[] = [];
  let pos = from;
  let line = firstLine;
  while (pos < to) {
    const rowStart = pos;
    let spanCount = 0;
    seen = 0;
    let inner: number[] | undefined;
    let terminator: LineTerminator = '';
    for (;;) {
      const cellStart = pos;
      let kind = CellKind.Plain;
      if (text.charCodeAt(pos) === QUOTE && pos < to) {
        // Quoted cell: find the closing quote ("" is an escaped quote).
        let q = pos + 1;
        let close = -1;
        for (;;) {
          q = text.indexOf('"', q);
          if (q < 0 || q >= to) break;
          if (q + 1 < to && text.charCodeAt(q + 1) === QUOTE) {
            q += 2;
            continue;
          }
          close = q;
          break;
        }
        if (close < 0) {
          // The quote is never closed: csv-parse reads the rest of the text as one cell and fails.
          const content = text.slice(rowStart, to);
          rows.push(
            makeBrokenRow(store, nextId(), base + rowStart, line, content, '', lineStartsIn(text, rowStart, rowStart, to), {
              code: 'csv.unclosed-quote',
              message: 'unclosed quote',
              at: cellStart - rowStart,
            }),
          );
          return rows;
        }
        const breaks = lineStartsIn(text, rowStart, pos + 1, close);
        if (breaks.length) inner = inner ? inner.concat(breaks) : breaks;
        pos = close + 1;
        const next = text.charCodeAt(pos);
        if (pos >= to || next === DELIM || next === CR || next === LF) {
          kind = CellKind.Quoted;
        } else {
          kind = CellKind.Relaxed;
          pos = plainEnd(text, pos, to, DELIM);
        }
      } else {
        pos = plainEnd(text, pos, to, DELIM);
      }
      spans[spanCount++] = ((cellStart - rowStart) << 2) | kind;
      spans[spanCount++] = pos - rowStart;
      if (pos >= to) break;
      const c = text.charCodeAt(pos);
      if (c === DELIM) {
        pos++;
        continue;
      }
      if (c === CR) {
        terminator = pos + 1 < to && text.charCodeAt(pos + 1) === LF ? '\r\n' : '\r';
      } else {
        terminator = '\n';
      }
      break;
    }
    const length = pos - rowStart;
    rows.push(
      new CompactRow(store, nextId(), base + rowStart, line, length, terminator, inner ?? NO_LINE_STARTS, spans, spanCount, undefined, seen <= 0x7f),
    );
    line += (inner ? inner.length : 0) + (terminator ? 1 : 0);
    pos += terminator.length;
  }
  return rows;
}

/** End of an unquoted cell: the next delimiter, CR, LF, or `to`. */
function plainEnd(text: string, pos: number, to: number, delim: number): number {
  let all = 0;
  for (; pos < to; pos++) {
    const c = text.charCodeAt(pos);
    if (c === delim || c === CR || c === LF) break;
    all |= c;
  }
  seen |= all;
  return pos;
}

/** Offsets relative to `base` just after each line break in text[from, to). */
function lineStartsIn(text: string, base: number, from: number, to: number): number[] {
  let starts: number[] | undefined;
  let all = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    all |= c;
    if (c === LF || c === CR) {
      if (c === CR && i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
      (starts ??= []).push(i + 1 - base);
    }
  }
  seen |= all;
  return starts ?? (NO_LINE_STARTS as number[]);
}
