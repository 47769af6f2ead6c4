import { nearestSchools, repairSchoolCode } from '../values/schools';
import { isScientificNotation } from '../values/spreadsheetDamage';
import { replaceCellValue } from './cellEdits';
import { isSpreadsheetDate } from './spreadsheetDates';
import type { RowRule } from './ruleTypes';

export const schoolUnknown: RowRule = {
  kind: 'row',
  code: 'school.unknown',
  defaultSeverity: 'warning',
  title: "School SIS ID matches none of the district's schools.",
  check(ctx) {
    const schools = ctx.schools;
    const value = ctx.value('School SIS ID');
    if (!schools || schools.length === 0 || value === undefined || value === '' || ctx.schoolIds?.has(value)) return;
    // Digits lost to scientific notation or a value turned into a date: value.scientific-notation
    // and value.excel-date say what happened; a near school would only mislead.
    if (isScientificNotation(value) || isSpreadsheetDate(value)) return;
    const cell = ctx.cell('School SIS ID');
    if (!cell) return;
    const repaired = repairSchoolCode(cell.value, schools);
    const base = `School SIS ID "${cell.value}" matches none of the district's schools, so this user would join the district without a school.`;
    if (repaired) {
      ctx.report({
        code: 'school.unknown',
        message: `${base} It looks like "${repaired.sisId}" (${repaired.name}) with ${describeDamage(cell.value, repaired.sisId)}; codes must match exactly.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field: 'School SIS ID',
        fix: { title: `Change School SIS ID "${cell.value}" to "${repaired.sisId}" (${repaired.name})`, edits: [replaceCellValue(cell, repaired.sisId)] },
      });
      return;
    }
    const near = nearestSchools(cell.value, schools);
    ctx.report({
      code: 'school.unknown',
      message: `${base} Use a code from Manage Classworks > Schools${near.length ? ` (codes close to it: ${near.map((s) => `"${s.sisId}" ${s.name}`).join(', ')})` : ''}, or add the school to .classworks.json if it is missing there.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'School SIS ID',
      suggestions: near.map((s) => ({ title: `Change School SIS ID to "${s.sisId}" (${s.name})`, edits: [replaceCellValue(cell, s.sisId)] })),
    });
  },
};

function describeDamage(value: string, code: string): string {
  if (value.trim() !== value) return 'spaces around it';
  if (value.toLowerCase() === code.toLowerCase()) return 'different capitals';
  return 'its leading zeros lost (a spreadsheet drops them)';
}
