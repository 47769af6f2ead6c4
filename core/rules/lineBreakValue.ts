import type { FieldName } from '../fields';
import { fieldsByColumn } from '../mapping/fieldOfColumn';
import type { OffsetFix } from '../problems';
import { emailProblem } from '../values/emails';
import { LINE_BREAK, hasLineBreak } from '../values/lookalikes';
import { replaceCellValue } from './cellEdits';
import { columnLabel } from './mojibakeValue';
import type { RowRule } from './ruleTypes';

/** IDs are matched exactly: a line break in one is an error, and where it goes is not for a rule to guess. */
const ID_FIELDS: readonly FieldName[] = ['District ID', 'School SIS ID', 'State User ID', 'Alternate User ID'];

const BREAK = '(?:\\r\\n|\\r|\\n)';
const LEADING = new RegExp(`^(?:[ \\t]*${BREAK})+[ \\t]*`);
const TRAILING = new RegExp(`[ \\t]*(?:${BREAK}[ \\t]*)+$`);
const INNER = new RegExp(`[ \\t]*(?:${BREAK}[ \\t]*)+`, 'g');

/**
 * The value with its line breaks taken out: a break inside it (with the spaces around it)
 * becomes one space, a break at either end goes. Spaces not next to a break stay.
 */
export function joinLines(value: string, inner = ' '): string {
  return value.replace(LEADING, '').replace(TRAILING, '').replace(INNER, inner);
}

/**
 * A cell holding a line break (a quoted multi-line value, typed with Alt+Enter in Excel).
 * Found only in rows that have one: the scanner records the line breaks inside quoted cells.
 */
export const valueLineBreak: RowRule = {
  kind: 'row',
  code: 'value.line-break',
  defaultSeverity: 'warning',
  title: 'A value holds a line break (a multi-line cell).',
  check(ctx) {
    const row = ctx.row;
    if (row.innerLineStarts.length === 0) return;
    const fields = fieldsByColumn(ctx.mapping);
    for (let i = 0; i < row.cellCount; i++) {
      const cell = row.cell(i);
      if (!cell || !cell.quoted || !hasLineBreak(cell.value) || cell.value.trim() === '') continue;
      const field = fields[i];
      const label = columnLabel(field, i);
      const lines = cell.value.split(LINE_BREAK).length;
      const secret = field === 'Password' || ctx.mapping.passwordLike.includes(i);
      const id = field !== undefined && ID_FIELDS.includes(field);
      const edgeOnly = !hasLineBreak(cell.value.trim());
      let fix: OffsetFix | undefined;
      const suggestions: OffsetFix[] = [];
      if (!secret) {
        if (id || field === 'Email Address') {
          const joined = joinLines(cell.value, '');
          const usable = field !== 'Email Address' || emailProblem(joined) === undefined;
          const edit = { title: `Remove the line break: ${label} "${joined}"`, edits: [replaceCellValue(cell, joined)] };
          // Only a break at either end is plainly stray; inside an ID it could join two values.
          if (usable && (edgeOnly || field === 'Email Address')) fix = edit;
          else if (usable) suggestions.push(edit);
        } else {
          const joined = joinLines(cell.value);
          // A break at either end goes; one inside the value becomes a space.
          const what = edgeOnly ? 'Remove the line break' : 'Replace the line break with a space';
          fix = { title: `${what}: ${label} "${joined}"`, edits: [replaceCellValue(cell, joined)] };
        }
      }
      const strict = id || field === 'Email Address';
      ctx.report({
        code: 'value.line-break',
        message:
          (secret ? `The ${label} on this row holds a line break (${lines} lines). ` : `${label} "${cell.value.replace(LINE_BREAK, '⏎')}" holds a line break: the value is ${lines} lines long. `) +
          (strict
            ? `${field} values are compared exactly, so the import would ${field === 'Email Address' ? 'store an address nobody can sign in with' : 'match this row to nothing'}. `
            : 'The import keeps the break inside the value, and many importers and spreadsheets split the row there. ') +
          (fix ? `${fix.title.split(':')[0]} (safe fix).` : suggestions.length > 0 ? 'Remove the line break where it does not belong (quick fix), or correct the value from the SIS.' : 'Remove the line break.'),
        start: cell.valueStart,
        end: cell.valueEnd,
        field: field ?? null,
        fix,
        suggestions,
        ...(strict ? { severity: 'error' as const } : {}),
      });
    }
  },
};
