import { repairMojibake } from '../encoding/mojibake';
import { LEGACY_ENCODING_NAMES } from '../encoding/singleByte';
import type { Cell } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import type { ColumnMapping } from '../mapping/columnMapping';
import { fieldsByColumn } from '../mapping/fieldOfColumn';
import type { OffsetProblem } from '../problems';
import { replaceCellValue } from './cellEdits';
import type { RowRule } from './ruleTypes';
import { hasNonAscii } from '../values/ascii';

/** What a column is called in messages: its field, else its position. */
export function columnLabel(field: FieldName | undefined, column: number): string {
  return field ?? `Column ${column + 1}`;
}

/**
 * A value that holds mojibake (`JosÃ©`), with the safe fix that reads it back (`José`). Used for
 * data cells (the row rule below) and headings (header rules); offsets relative to the row.
 */
export function mojibakeProblem(cell: Cell, label: string, field: FieldName | null, heading = false): OffsetProblem | undefined {
  const repair = repairMojibake(cell.value);
  if (!repair) return undefined;
  const encoding = LEGACY_ENCODING_NAMES[repair.encoding];
  const runs = [...new Map(repair.runs.map((r) => [r.text, r])).values()];
  const shown = runs
    .slice(0, 3)
    .map((r) => `"${r.text}" (for "${r.original === '\uFEFF' ? 'U+FEFF, a byte order mark' : r.original}")`)
    .join(', ');
  const what = heading ? `The heading "${cell.value}"` : `${label} "${cell.value}"`;
  return {
    code: 'value.mojibake',
    message:
      `${what} holds ${shown}: UTF-8 text that was read as ${encoding} and saved again, so each such letter became two or three characters (mojibake). ` +
      `It was "${repair.repaired}". Restore it (safe fix); when many values look like this, export the file again from the SIS as UTF-8.`,
    start: cell.valueStart,
    end: cell.valueEnd,
    field,
    fix: { title: `Restore ${heading ? 'the heading' : label} "${repair.repaired}" (read back from ${encoding} mojibake)`, edits: [replaceCellValue(cell, repair.repaired)] },
  };
}

const PASSWORD_COLUMNS = new WeakMap<ColumnMapping, boolean[]>();

/** Whether each column holds passwords (the Password field, or a heading like one), by mapping. */
function passwordColumns(mapping: ColumnMapping): readonly boolean[] {
  const known = PASSWORD_COLUMNS.get(mapping);
  if (known) return known;
  const columns: boolean[] = [];
  for (const column of mapping.passwordLike) columns[column] = true;
  fieldsByColumn(mapping).forEach((field, column) => {
    if (field === 'Password') columns[column] = true;
  });
  PASSWORD_COLUMNS.set(mapping, columns);
  return columns;
}

export const valueMojibake: RowRule = {
  kind: 'row',
  code: 'value.mojibake',
  defaultSeverity: 'error',
  title: 'A value holds mojibake (José written JosÃ©): UTF-8 text decoded as Windows-1252 or Mac Roman and saved again.',
  check(ctx) {
    const row = ctx.row;
    // Mojibake is made of characters outside ASCII: a row of ASCII has none.
    if (row.ascii) return;
    const fields = fieldsByColumn(ctx.mapping);
    const passwords = passwordColumns(ctx.mapping);
    for (let i = 0; i < row.cellCount; i++) {
      // Passwords are never shown or rewritten by a message.
      if (passwords[i] === true) continue;
      const field = fields[i];
      const value = field ? ctx.value(field) : row.value(i);
      if (value === undefined || !hasNonAscii(value)) continue;
      const cell = row.cell(i);
      if (!cell) continue;
      const problem = mojibakeProblem(cell, columnLabel(field, i), field ?? null);
      if (problem) ctx.report(problem);
    }
  },
};
