import type { Row } from '../csv/csvTypes';
import { REQUIRED_FIELDS, type RequiredField } from '../fields';
import type { OffsetEdit } from '../problems';
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
    return col === undefined ? undefined : row.cells[col]?.value;
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

function addColumnFix(field: RequiredField, ctx: FileContext): { title: string; edits: OffsetEdit[] } | undefined {
  const header = ctx.headerRow;
  if (!header) return undefined;
  const kind = fileKind(ctx.fileName);
  const edits: OffsetEdit[] = [{ start: header.start + header.length, end: header.start + header.length, newText: `,${field}` }];
  let filled = 0;
  for (const row of ctx.dataRows) {
    if (row.blank || row.broken) continue;
    const value = impliedValue(field, row, ctx, kind);
    if (value !== '') filled++;
    const at = row.start + row.length;
    edits.push({ start: at, end: at, newText: `,${value}` });
  }
  const rows = ctx.dataRows.filter((r) => !r.blank && !r.broken).length;
  let detail = 'empty on every row: fill it in';
  if (filled === rows && rows > 0) {
    const values = new Set(edits.slice(1).map((e) => e.newText.slice(1)));
    detail = values.size === 1 ? `${[...values][0]} on every row` : 'with the value each row implies';
  } else if (filled > 0) detail = `filled on ${filled} of ${rows} rows`;
  return { title: `Add a "${field}" column (${detail})`, edits };
}

export const columnMissingRequired: FileRule = {
  kind: 'file',
  code: 'column.missing-required',
  defaultSeverity: 'error',
  title: 'A required Classworks field has no column.',
  check(ctx) {
    if (ctx.mapping.unidentified || ctx.rows.length === 0) return;
    const header = ctx.headerRow;
    for (const field of REQUIRED_FIELDS) {
      if (ctx.mapping.columnOf[field] !== undefined) continue;
      const fix = addColumnFix(field, ctx);
      const where = ctx.mapping.hasHeader
        ? 'No heading in the header row matches it'
        : 'The columnOrder in .classworks.json does not include it';
      ctx.report({
        code: 'column.missing-required',
        message: `The file has no "${field}" column. ${where}, and Classworks requires ${field} for every user, so the import cannot start. ${ctx.mapping.hasHeader ? `Rename the column that holds it to "${field}", map it in .classworks.json ("columns"), or add the column.` : `Add "${field}" to columnOrder.`}`,
        start: header ? header.start : 0,
        end: header ? header.start + header.length : 0,
        field,
        fix,
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
