import { parse } from 'csv-parse/sync';
import { type Cell, type LineTerminator, NO_LINE_STARTS, type Row, type RowProblemSeed } from './csvTypes';
import { innerLineStarts, locateCells } from './locateCells';
import type { IdSource } from './parseRows';

/** A row holding its cells as objects: what the csv-parse reading produces. */
class EagerRow implements Row {
  slot = -1;
  /** Not looked at: rules check the values themselves. */
  readonly ascii = false;
  constructor(
    readonly id: number,
    public start: number,
    public line: number,
    readonly length: number,
    readonly terminator: LineTerminator,
    readonly innerLineStarts: readonly number[],
    readonly cells: readonly Cell[],
    readonly broken?: RowProblemSeed,
  ) {}
  get blank(): boolean {
    return this.length === 0 && !this.broken;
  }
  get cellCount(): number {
    return this.cells.length;
  }
  cell(index: number): Cell | undefined {
    return this.cells[index];
  }
  value(index: number): string | undefined {
    return this.cells[index]?.value;
  }
}

interface RecordEvent {
  record: string[];
  bytes: number;
}
interface SkipEvent {
  skip: string;
  message: string;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The reference reading: csv-parse decides the records and the values; positions are then
 * located inside each record's own text. The fast scanner (parseRows) must agree with it
 * record for record; the differential tests check that.
 */
export function parseRowsWithCsvParse(text: string, from: number, to: number, firstLine: number, nextId: IdSource, delimiter = ','): Row[] {
  const region = text.slice(from, to);
  const delim = delimiter.charCodeAt(0);
  const events: (RecordEvent | SkipEvent)[] = [];
  let fatal: string | undefined;
  try {
    parse(region, {
      info: true,
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: ({ record, info }: { record: string[]; info: { bytes: number } }) => {
        events.push({ record, bytes: info.bytes });
        return null;
      },
      on_skip: (error: { code?: string; message: string } | undefined) => {
        events.push({ skip: error?.code ?? 'CSV_ERROR', message: error?.message ?? 'unreadable record' });
        return undefined;
      },
    } as never);
  } catch (error) {
    fatal = (error as Error).message;
  }

  const rows: Row[] = [];
  const buffer = NON_ASCII.test(region) ? Buffer.from(region, 'utf8') : undefined;
  let charPos = 0;
  let bytePos = 0;
  let line = firstLine;
  const push = (row: Row) => {
    rows.push(row);
    line += row.innerLineStarts.length + (row.terminator ? 1 : 0);
  };
  const pendingSkips: SkipEvent[] = [];

  for (const event of events) {
    if ('skip' in event) {
      pendingSkips.push(event);
      continue;
    }
    const endChar = buffer ? charPos + buffer.toString('utf8', bytePos, event.bytes).length : event.bytes;
    bytePos = event.bytes;
    let recordStart = charPos;
    // Records csv-parse skipped sit in front of this one: split them off with a quote-aware scan.
    for (const skipped of pendingSkips) {
      const skippedEnd = scanRecordEnd(region, recordStart, endChar, delim);
      push(brokenRow(region, recordStart, skippedEnd, from, line, nextId, {
        code: 'csv.malformed',
        message: skipped.message,
        at: 0,
      }));
      recordStart = skippedEnd;
    }
    pendingSkips.length = 0;
    push(recordRow(region, recordStart, endChar, from, line, nextId, event.record, delimiter));
    charPos = endChar;
  }

  if (charPos < region.length) {
    const rest = region.slice(charPos);
    const unclosed = pendingSkips.some((s) => s.skip === 'CSV_QUOTE_NOT_CLOSED') || /Quote Not Closed/i.test(fatal ?? '');
    const quoteAt = unclosed ? findUnclosedQuote(rest, delim) : 0;
    const seed: RowProblemSeed = unclosed
      ? { code: 'csv.unclosed-quote', message: 'unclosed quote', at: quoteAt }
      : { code: 'csv.malformed', message: pendingSkips[0]?.message ?? fatal ?? 'unreadable text', at: 0 };
    push(brokenRow(region, charPos, region.length, from, line, nextId, seed));
  }
  return rows;
}

function splitTerminator(recordText: string): { content: string; terminator: LineTerminator } {
  if (recordText.endsWith('\r\n')) return { content: recordText.slice(0, -2), terminator: '\r\n' };
  if (recordText.endsWith('\n')) return { content: recordText.slice(0, -1), terminator: '\n' };
  if (recordText.endsWith('\r')) return { content: recordText.slice(0, -1), terminator: '\r' };
  return { content: recordText, terminator: '' };
}

function recordRow(
  region: string,
  start: number,
  end: number,
  base: number,
  line: number,
  nextId: IdSource,
  values: string[],
  delimiter: string,
): Row {
  const { content, terminator } = splitTerminator(region.slice(start, end));
  const spans = locateCells(content, delimiter);
  if (spans.length !== values.length) {
    return brokenRow(region, start, end, base, line, nextId, {
      code: 'csv.malformed',
      message: `quotes in this row could not be read consistently (${values.length} values, ${spans.length} cells)`,
      at: 0,
    });
  }
  const cells: Cell[] = spans.map((span, i) => ({ ...span, value: values[i] ?? '' }));
  return new EagerRow(nextId(), base + start, line, content.length, terminator, lineStarts(content), cells);
}

function lineStarts(content: string): readonly number[] {
  const starts = innerLineStarts(content);
  return starts.length ? starts : NO_LINE_STARTS;
}

function brokenRow(
  region: string,
  start: number,
  end: number,
  base: number,
  line: number,
  nextId: IdSource,
  broken: RowProblemSeed,
): Row {
  // An unclosed quote reads to the end: a line break at the very end is inside its cell.
  const { content, terminator } =
    broken.code === 'csv.unclosed-quote'
      ? { content: region.slice(start, end), terminator: '' as const }
      : splitTerminator(region.slice(start, end));
  return new EagerRow(nextId(), base + start, line, content.length, terminator, lineStarts(content), [], broken);
}

/** End (after its terminator) of the record starting at `from`, reading quotes as CSV does. */
function scanRecordEnd(text: string, from: number, limit: number, delim: number): number {
  let inQuotes = false;
  let atCellStart = true;
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && atCellStart) {
      inQuotes = true;
      continue;
    }
    atCellStart = c === delim;
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return limit;
}

/** Offset of the quote that opens a cell and is never closed, within `text`. */
function findUnclosedQuote(text: string, delim: number): number {
  let open = -1;
  let atCellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open >= 0) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else {
          open = -1;
          atCellStart = false;
        }
      }
      continue;
    }
    if (c === 34 && atCellStart) {
      open = i;
      continue;
    }
    atCellStart = c === delim || c === 10 || c === 13;
  }
  return open >= 0 ? open : 0;
}
