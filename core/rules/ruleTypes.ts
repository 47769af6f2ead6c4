import type { ClassworksConfig, School } from '../config/configSchema';
import type { Cell, Row } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import type { ColumnMapping } from '../mapping/columnMapping';
import type { EdgeFacts } from '../model/edgeTracker';
import type { OffsetProblem, Severity } from '../problems';

export interface RuleMeta {
  /** Stable code, also the anchor in docs/rules.md. */
  code: string;
  defaultSeverity: Severity;
  /** One line for the rule catalogue. */
  title: string;
}

/** What a row rule sees of one data row. Offsets it reports are relative to the row start. */
export interface RowContext {
  row: Row;
  mapping: ColumnMapping;
  /** The cell holding a field in this row; undefined when unmapped or the row is short. */
  cell(field: FieldName): Cell | undefined;
  /** Just the value of that cell (cheaper: rules look at values first, cells when they report). */
  value(field: FieldName): string | undefined;
  /**
   * The columns of a list of fields (-1 for a field not mapped), worked out once per mapping for
   * that list (pass the same array each time): a rule that looks at many fields reads them with
   * `valueAt` instead of asking by name for each, on every row.
   */
  columns(fields: readonly FieldName[]): readonly number[];
  /** The value of a column of `columns` (undefined for -1 or past the row's last cell); the same string `value` gives. */
  valueAt(column: number): string | undefined;
  /** The user type the row implies: 0 student, 1 staff (also from words like "Teacher"). */
  userType(): 0 | 1 | undefined;
  schools: readonly School[] | undefined;
  /** The district's school SIS IDs, for exact matching. */
  schoolIds: ReadonlySet<string> | undefined;
  today: Date;
  /** The `.classworks.json` that applies (date format, date system, grade mapping …). */
  config: ClassworksConfig;
  report(problem: OffsetProblem): void;
}

export interface RowRule extends RuleMeta {
  kind: 'row';
  check(ctx: RowContext): void;
}

/** Everything a file rule sees. Offsets it reports are absolute. */
export interface FileContext {
  text: string;
  rows: readonly Row[];
  mapping: ColumnMapping;
  headerRow: Row | undefined;
  dataRows: readonly Row[];
  config: ClassworksConfig;
  fileName: string | undefined;
  lineEndings: { crlf: number; lf: number; cr: number };
  /** True when lineEndings were counted on disk, not in the (normalised) text. */
  lineEndingsFromDisk: boolean;
  /** The cell delimiter sniffed from the first records: ',' for most files (see file.delimiter). */
  delimiter: string;
  /** Empty edges of the file (unnamed columns, cells past the header, blank rows at the end), kept row by row. */
  edges: EdgeFacts;
  /** Absolute offset of a cell of a row. */
  cellStart(row: Row, cell: Cell): number;
  report(problem: OffsetProblem): void;
}

export interface FileRule extends RuleMeta {
  kind: 'file';
  check(ctx: FileContext): void;
}

/**
 * A rule over groups of rows that share a key (duplicates, shared passwords). The document
 * keeps an index per rule and updates it row by row.
 */
export interface IndexRule extends RuleMeta {
  kind: 'index';
  field: FieldName;
  /** The grouping key of a value, or undefined to leave the row out. */
  key(value: string): string | undefined;
  /**
   * `keyHash(key(value))` (undefined when the key is), worked out without making the key: a
   * check of every row hashes four keys a row, and most would be new strings made only to be
   * hashed. Optional; when given it must agree with `key` for every value. `ascii`: the value is
   * known to be all ASCII (its row is), so that need not be looked at again.
   */
  hash?(value: string, ascii?: boolean): number | undefined;
  /** The problem for `row`, which repeats the key of `first` (an earlier row). Offsets relative to `row`. */
  describe(row: Row, cell: Cell, first: { row: Row; line: number }): OffsetProblem;
}

/**
 * What a column rule sees at report time: the rows of one column grouped by the shape of their
 * value (kept by the document row by row, like the duplicate indexes), and the rows themselves,
 * which are current. Offsets it reports are relative to the row it reports on.
 */
export interface ColumnContext {
  field: FieldName;
  column: number;
  /** How many rows have a value of this shape. */
  count(shape: string): number;
  /** Every shape that some row has. */
  shapes(): readonly string[];
  /** The rows with a value of this shape, in document order (or in no order, which is cheaper). */
  rows(shape: string, ordered?: boolean): readonly Row[];
  /** A cell of a row (this column's unless another field is given). */
  cell(row: Row, field?: FieldName): Cell | undefined;
  /** The user type a row implies (0 student, 1 staff), as RowContext.userType. */
  userType(row: Row): 0 | 1 | undefined;
  config: ClassworksConfig;
  today: Date;
  report(row: Row, problem: OffsetProblem): void;
}

/**
 * A rule over facts of a whole column — the usual width of its IDs, whether its dates are
 * written day first — kept incrementally: the document files each row under the shape of its
 * value as the row is added or removed, and the rule turns the shapes' counts into problems
 * when the problems are asked for. A rule must only visit the rows it reports on.
 */
export interface ColumnRule extends RuleMeta {
  kind: 'column';
  /** The fields it looks at; each mapped one is kept and checked as its own column. */
  fields: readonly FieldName[];
  /** The shape of a value (e.g. "6 digits", "day first"), or undefined to leave the row out. Must be cheap. */
  shape(value: string): string | undefined;
  check(ctx: ColumnContext): void;
}

export type Rule = RowRule | FileRule | IndexRule | ColumnRule;
