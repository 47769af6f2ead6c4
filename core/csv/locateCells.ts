import type { Cell } from './csvTypes';

const QUOTE = 34;

export type CellSpan = Omit<Cell, 'value'>;

/**
 * Finds where each cell of one record's content (no line terminator) starts and ends.
 * Follows csv-parse's reading with `relax_quotes`: a quote that closes before other characters
 * makes the cell a literal up to the next delimiter after it.
 */
export function locateCells(content: string, delimiter = ','): CellSpan[] {
  const spans: CellSpan[] = [];
  let pos = 0;
  for (;;) {
    const start = pos;
    let end = -1;
    if (content.charCodeAt(pos) === QUOTE) {
      let j = pos + 1;
      let close = -1;
      for (;;) {
        const q = content.indexOf('"', j);
        if (q < 0) break;
        if (content.charCodeAt(q + 1) === QUOTE) {
          j = q + 2;
          continue;
        }
        close = q;
        break;
      }
      if (close >= 0 && (close + 1 === content.length || content.startsWith(delimiter, close + 1))) {
        end = close + 1;
        spans.push({ start, end, valueStart: start + 1, valueEnd: close, quoted: true });
      } else if (close >= 0) {
        // Closed before other characters: the quoted part (commas included) and the rest up to the
        // next delimiter are one literal cell, as csv-parse reads it with relax_quotes.
        const d = content.indexOf(delimiter, close + 1);
        end = d < 0 ? content.length : d;
        spans.push({ start, end, valueStart: start, valueEnd: end, quoted: false });
      }
    }
    if (end < 0) {
      const d = content.indexOf(delimiter, pos);
      end = d < 0 ? content.length : d;
      spans.push({ start, end, valueStart: start, valueEnd: end, quoted: false });
    }
    if (end >= content.length) break;
    pos = end + delimiter.length;
    if (pos > content.length) break;
  }
  return spans;
}

/** Offsets just after each line break (CRLF, LF or lone CR) inside `content`. */
export function innerLineStarts(content: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (content.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
