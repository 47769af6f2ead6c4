/** One cell of a record. Offsets are relative to the start of its row. */
export interface Cell {
  /** The cell's value after unquoting, exactly as csv-parse reads it. */
  readonly value: string;
  /** Start of the cell's raw text (its opening quote when quoted). */
  readonly start: number;
  /** End of the cell's raw text (after its closing quote when quoted). */
  readonly end: number;
  /** Start and end of the value inside the quotes (equal to start/end when unquoted). */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly quoted: boolean;
}

export type LineTerminator = '' | '\r\n' | '\n' | '\r';

export interface RowProblemSeed {
  code: 'csv.unclosed-quote' | 'csv.malformed';
  message: string;
  /** Offset relative to the row start. */
  at: number;
}

/** One record of the file and where it sits. */
export interface Row {
  /** Unique for the document's lifetime; a re-parsed row gets a new id. */
  readonly id: number;
  /** Absolute offset of the row's first character; shifted when earlier text changes. */
  start: number;
  /** 0-based line of the row's first character; shifted when earlier lines change. */
  line: number;
  /** Length of the row's content, without its terminator. */
  readonly length: number;
  readonly terminator: LineTerminator;
  /** Offsets (relative to start) just after each line break inside quoted cells. */
  readonly innerLineStarts: readonly number[];
  /** True when the row has no characters at all (a blank line). */
  readonly blank: boolean;
  /** Set when the row could not be read as CSV; it then has no cells. */
  readonly broken?: RowProblemSeed;
  readonly cellCount: number;
  /** True when every character of the row is ASCII (rules that look for other characters skip it); false when not, or not known. */
  readonly ascii: boolean;
  /** One cell, or undefined past the row's last cell. */
  cell(index: number): Cell | undefined;
  /** One cell's value, or undefined past the row's last cell. */
  value(index: number): string | undefined;
  /** Every cell; built on each access, so loops should use cell(i). */
  readonly cells: readonly Cell[];
  /** The row's slot in EnrollmentDocument's per-row tables (its keys in the cross-row indexes, its shapes), or -1. */
  slot: number;
}

export function rowTextLength(row: Row): number {
  return row.length + row.terminator.length;
}

export const NO_LINE_STARTS: readonly number[] = Object.freeze([]);
