import type { Row } from '../csv/csvTypes';
import { REQUIRED_FIELDS, type RequiredField } from '../fields';
import type { OffsetEdit, OffsetFix } from '../problems';
import { canonicalGrade } from '../values/grades';
import { interpretUserType } from '../values/userTypes';
import type { FileContext, FileRule } from './ruleTypes';

type FileKind = 'students' | 'staff' | undefined;

function fileKind(fileName: string | undefined): FileKind {
  const name = (fileName ?? '').toLowerCase().replace(/^.*[\\/]/, '');
  if (/stud|pupil|learner/.test(name)) return 'students';
  if (/staff|teacher|employee|faculty/.test(name)) return 'staff';
  return undefined;
}

/** The value a new column can take on a row, when the row or the file implies one. */
function impliedValue(field: RequiredField, row: Row, ctx: FileContext, kind: FileKind): string {
  const cellOf = (f: RequiredField) => {
    const col = ctx.mapping.columnOf[f];
    return col === undefined ? undefined : row.value(col);
  };
  if (field === 'User Type') {
    const grade = cellOf('Grade');
    if (grade !== undefined && grade.trim() !== '' && canonicalGrade(grade) !== undefined) return '0';
    if (kind === 'students') return '0';
    if (kind === 'staff') return '1';
  }
  if (field === 'Grade') {
    const type = cellOf('User Type');
    if (type !== undefined && interpretUserType(type) === 1) return '';
  }
  return '';
}

/** Where a new last column goes in a row: after the header's last cell, padding a short row. */
function columnInsert(row: Row, width: number, value: string): OffsetEdit {
  const cells = row.cells;
  if (cells.length >= width) {
    const at = row.start + (cells[width - 1] as Row['cells'][number]).end;
    return { start: at, end: at, newText: `,${value}` };
  }
  const at = row.start + row.length;
  return { start: at, end: at, newText: ','.repeat(width - cells.length) + `,${value}` };
}

/**
 * Adds the column at the end of the header and of every row. A safe fix only when every row
 * gets a value it implies; otherwise a suggestion (blank cells would just move the error).
 */
function addColumnFix(field: RequiredField, ctx: FileContext): { fix?: OffsetFix; suggestion?: OffsetFix } {
  const header = ctx.headerRow;
  if (!header) return {};
  const width = header.cells.length;
  const kind = fileKind(ctx.fileName);
  const edits: OffsetEdit[] = [columnInsert(header, width, field)];
  const values = new Set<string>();
  let filled = 0;
  let rows = 0;
  let short = 0;
  for (const row of ctx.dataRows) {
    if (row.blank || row.broken) continue;
    rows++;
    if (row.cellCount < width) short++;
    const value = impliedValue(field, row, ctx, kind);
    if (value !== '') filled++;
    values.add(value);
    edits.push(columnInsert(row, width, value));
  }
  // A short row is padded with empty cells: right for the new column, but it turns the row's
  // shape problem into blank values, so that is for a person to choose.
  if (rows > 0 && filled === rows && short === 0) {
    const detail = values.size === 1 ? `${[...values][0]} on every row` : 'with the value each row implies';
    return { fix: { title: `Add ${/^[AEIO]/.test(field) ? 'an' : 'a'} "${field}" column (${detail})`, edits } };
  }
  const detail = filled > 0 ? `filled on ${filled} of ${rows} rows; fill in the rest` : 'empty: fill it in on every row';
  return { suggestion: { title: `Add ${/^[AEIO]/.test(field) ? 'an' : 'a'} "${field}" column (${detail})`, edits } };
}

export const columnMissingRequired: FileRule = {
  kind: 'file',
  code: 'column.missing-required',
  defaultSeverity: 'error',
  title: 'A required Classworks field has no column.',
  check(ctx) {
    if (ctx.mapping.unidentified || !ctx.rows.some((r) => !r.blank && !r.broken)) return;
    const header = ctx.headerRow;
    // At the last heading, where the add-column fix puts the new column (the whole header line
    // would cover every heading's hover).
    const lastHeading = header?.cell(header.cellCount - 1);
    const start = header ? header.start + (lastHeading?.start ?? 0) : 0;
    const end = header ? header.start + (lastHeading?.end ?? header.length) : 0;
    for (const field of REQUIRED_FIELDS) {
      if (ctx.mapping.columnOf[field] !== undefined) continue;
      const { fix, suggestion } = addColumnFix(field, ctx);
      const where = ctx.mapping.hasHeader
        ? 'No heading in the header row matches it'
        : 'The columnOrder in .classworks.json does not include it';
      ctx.report({
        code: 'column.missing-required',
        message: `The file has no "${field}" column. ${where}, and Classworks requires ${field} for every user, so the import cannot start. ${ctx.mapping.hasHeader ? `Rename the column that holds it to "${field}", map it in .classworks.json ("columns"), or add the column.` : `Add "${field}" to columnOrder.`}`,
        start,
        end,
        field,
        fix,
        suggestions: suggestion ? [suggestion] : [],
      });
    }
  },
};

export const columnDuplicate: FileRule = {
  kind: 'file',
  code: 'column.duplicate',
  defaultSeverity: 'error',
  title: 'Two columns map to the same Classworks field.',
  check(ctx) {
    const header = ctx.headerRow;
    if (!header) return;
    for (const dup of ctx.mapping.duplicates) {
      const cell = header.cells[dup.column];
      const first = header.cells[dup.firstColumn];
      if (!cell || !first) continue;
      ctx.report({
        code: 'column.duplicate',
        message: `Column ${dup.column + 1} "${cell.value}" maps to ${dup.field}, which column ${dup.firstColumn + 1} "${first.value}" already holds. The import can take only one column per field: rename or remove one, or map one to null in .classworks.json ("columns").`,
        start: ctx.cellStart(header, cell),
        end: ctx.cellStart(header, cell) + (cell.end - cell.start),
        field: dup.field,
        related: [{ start: ctx.cellStart(header, first), end: ctx.cellStart(header, first) + (first.end - first.start), message: `${dup.field} is first mapped here` }],
      });
    }
  },
};

export const columnUnknown: FileRule = {
  kind: 'file',
  code: 'column.unknown',
  defaultSeverity: 'info',
  title: 'A column matches no Classworks field and is ignored.',
  check(ctx) {
    const header = ctx.headerRow;
    if (!header) return;
    for (const column of ctx.mapping.unknown) {
      const cell = header.cells[column];
      if (!cell) continue;
      ctx.report({
        code: 'column.unknown',
        message: `Column ${column + 1} "${cell.value}" matches no Classworks field, so the import ignores it. If it holds a Classworks field, rename the heading or map it in .classworks.json ("columns").`,
        start: ctx.cellStart(header, cell),
        end: ctx.cellStart(header, cell) + (cell.end - cell.start),
        field: null,
      });
    }
  },
};

export const headerUnrecognized: FileRule = {
  kind: 'file',
  code: 'header.unrecognized',
  defaultSeverity: 'error',
  title: 'No header row is recognised and no column order is configured.',
  check(ctx) {
    if (ctx.mapping.unidentified !== 'no-header-no-order') return;
    const first = ctx.rows.find((r) => !r.blank);
    if (!first) return;
    const insert = REQUIRED_FIELDS.join(',') + (first.terminator || '\r\n');
    ctx.report({
      code: 'header.unrecognized',
      message:
        'The first row is not a header Classworks recognises, and .classworks.json has no "columnOrder", so no column can be matched to a field and nothing else can be checked. ' +
        'Add a header row with the Classworks headings, or list the fields in "columnOrder" in .classworks.json for a file without headings.',
      start: first.start,
      end: first.start + first.length,
      field: null,
      suggestions:
        first.cells.length === REQUIRED_FIELDS.length
          ? [{ title: 'Insert the Classworks header row (the ten required fields in order)', edits: [{ start: first.start, end: first.start, newText: insert }] }]
          : [],
    });
  },
};

export const fileEmpty: FileRule = {
  kind: 'file',
  code: 'file.empty',
  defaultSeverity: 'error',
  title: 'The file has no users: no rows at all (empty, or blank lines only), or only its header row.',
  check(ctx) {
    if (!ctx.rows.some((r) => !r.blank)) {
      ctx.report({
        code: 'file.empty',
        message:
          'The file has no rows' + (ctx.rows.length > 0 ? ', only blank lines' : '') +
          ', so there is nothing to import. Export the users from the SIS again, or paste them here with the Classworks header row.',
        start: 0,
        end: 0,
        field: null,
      });
      return;
    }
    const header = ctx.headerRow;
    if (!header || !ctx.mapping.hasHeader) return;
    // A row after the header that holds a value (or cannot be read) is a user, or meant to be one.
    for (let k = ctx.rows.indexOf(header) + 1; k < ctx.rows.length; k++) {
      const row = ctx.rows[k] as Row;
      if (row.broken) return;
      for (let i = 0; i < row.cellCount; i++) if ((row.value(i) as string).trim() !== '') return;
    }
    ctx.report({
      code: 'file.empty',
      message:
        'The file has only its header row and no users, so there is nothing to import. Export the users from the SIS again (check the filters of the export: school, year, status), or add them under the header.',
      start: header.start,
      end: header.start + header.length,
      field: null,
    });
  },
};
