import type { ClassworksConfig } from '../config/configSchema';
import type { Cell, Row } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import type { ColumnMapping } from '../mapping/columnMapping';
import type { OffsetProblem } from '../problems';
import type { RowContext } from '../rules/ruleTypes';
import { interpretUserType } from '../values/userTypes';

/** The RowContext the row rules see; one instance is reused for every row of a check. */
export class RowChecker implements RowContext {
  row!: Row;
  problems: OffsetProblem[] = [];
  /** Values of the current row read so far, by column (each is read from the text once). */
  private values: (string | undefined)[] = [];
  readonly schoolIds: ReadonlySet<string> | undefined;

  readonly schools: ClassworksConfig['schools'];
  /**
   * The mapping's column of each field, in a Map: rules ask by field name many times a row, and
   * a Map answers faster than the mapping's object, whose lookups by ever-changing keys V8 cannot
   * specialise (measured: a tenth of a full check's time went to that one lookup).
   */
  private readonly columnOf: ReadonlyMap<FieldName, number>;
  /** The columns of each list of fields a rule asked for (see columns). */
  private readonly listColumns = new Map<readonly FieldName[], readonly number[]>();

  constructor(
    readonly mapping: ColumnMapping,
    readonly config: ClassworksConfig,
    readonly today: Date,
  ) {
    this.schools = config.schools;
    this.columnOf = new Map(Object.entries(mapping.columnOf) as [FieldName, number][]);
    this.schoolIds = this.schools ? new Set(this.schools.map((s) => s.sisId)) : undefined;
  }

  /** Points the checker at a row and gives it an empty problem list (a new one only when the last row's had problems). */
  reset(row: Row): void {
    this.row = row;
    if (this.problems.length > 0) this.problems = [];
    this.values.fill(undefined);
  }

  cell(field: FieldName): Cell | undefined {
    const column = this.columnOf.get(field);
    return column === undefined ? undefined : this.row.cell(column);
  }

  value(field: FieldName): string | undefined {
    const column = this.columnOf.get(field);
    if (column === undefined) return undefined;
    let value = this.values[column];
    if (value === undefined) this.values[column] = value = this.row.value(column);
    return value;
  }

  columns(fields: readonly FieldName[]): readonly number[] {
    let columns = this.listColumns.get(fields);
    if (!columns) {
      columns = fields.map((field) => this.columnOf.get(field) ?? -1);
      this.listColumns.set(fields, columns);
    }
    return columns;
  }

  valueAt(column: number): string | undefined {
    if (column < 0) return undefined;
    let value = this.values[column];
    if (value === undefined) this.values[column] = value = this.row.value(column);
    return value;
  }

  userType(): 0 | 1 | undefined {
    const value = this.value('User Type');
    return value === undefined ? undefined : interpretUserType(value);
  }

  report(problem: OffsetProblem): void {
    this.problems.push(problem);
  }
}
