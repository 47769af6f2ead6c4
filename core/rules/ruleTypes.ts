import type { ClassworksConfig, School } from '../config/configSchema';
import type { Cell, Row } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import type { ColumnMapping } from '../mapping/columnMapping';
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
  /** The user type the row implies: 0 student, 1 staff (also from words like "Teacher"). */
  userType(): 0 | 1 | undefined;
  schools: readonly School[] | undefined;
  /** The district's school SIS IDs, for exact matching. */
  schoolIds: ReadonlySet<string> | undefined;
  today: Date;
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
  /** The problem for `row`, which repeats the key of `first` (an earlier row). Offsets relative to `row`. */
  describe(row: Row, cell: Cell, first: { row: Row; line: number }): OffsetProblem;
}

export type Rule = RowRule | FileRule | IndexRule;
