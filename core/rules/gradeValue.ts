import type { OffsetFix } from '../problems';
import { ambiguousGrade, canonicalGrade, isClassworksGrade, mappedGrade } from '../values/grades';
import { replaceCellValue } from './cellEdits';
import { hiddenNote } from './messageText';
import type { RowRule } from './ruleTypes';
import { isSpreadsheetDate } from './spreadsheetDates';

export const gradeInvalid: RowRule = {
  kind: 'row',
  code: 'grade.invalid',
  defaultSeverity: 'error',
  title: 'Grade is not Pre-K, K or 1–12.',
  check(ctx) {
    const value = ctx.value('Grade');
    if (value === undefined || value === '' || isClassworksGrade(value)) return;
    // "4-Mar" is a grade a spreadsheet turned into a date: value.excel-date says so.
    if (isSpreadsheetDate(value)) return;
    const cell = ctx.cell('Grade');
    if (!cell) return;
    const mapped = mappedGrade(cell.value, ctx.config.gradeMapping);
    const canonical = mapped ? mapped.grade : canonicalGrade(cell.value);
    const ambiguous = canonical ? undefined : ambiguousGrade(cell.value);
    const staff = ctx.userType() === 1;
    const changeTo = (grade: string): OffsetFix => ({ title: `Change Grade "${cell.value}" to "${grade}"`, edits: [replaceCellValue(cell, grade)] });
    const change = canonical ? changeTo(canonical) : undefined;
    const key = cell.value.trim();
    const mappingExample = (grade: string) => `"gradeMapping": {${JSON.stringify(key)}: "${grade}"}`;
    let advice: string;
    if (mapped) {
      advice = `.classworks.json maps it to "${mapped.grade}" (${mappingExample(mapped.grade)}): write "${mapped.grade}".`;
    } else if (canonical) {
      advice = `It means ${canonical}: write "${canonical}".`;
    } else if (ambiguous) {
      advice = `It is ${ambiguous.meaning}; which Classworks grade that is depends on the district, so say it once in .classworks.json, e.g. ${mappingExample(ambiguous.candidates[0] ?? 'K')}, and every "${key}" then gets a fix to that grade.`;
    } else {
      advice = `Write one of Pre-K, K, 1, 2 … 12. If your SIS uses "${key}" for a grade, map it once in .classworks.json, e.g. ${mappingExample('K')}.`;
    }
    const candidates = ambiguous ? ambiguous.candidates.map(changeTo) : [];
    ctx.report({
      code: 'grade.invalid',
      message:
        `Grade "${cell.value}"${hiddenNote(cell.value)} is not a Classworks grade (Pre-K, K or 1–12)` +
        (staff
          ? `, and this row is staff (User Type 1), whose Grade may simply be blank. Clear it, or write one of Pre-K, K, 1 … 12.${mapped ? ` (.classworks.json maps it to "${mapped.grade}".)` : ambiguous ? ` (It is ${ambiguous.meaning}.)` : ''}`
          : `, so the student would not be placed in a grade. ${advice}`),
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Grade',
      // For staff the grade is optional: whether to keep it is for a person to choose.
      fix: staff ? undefined : change,
      suggestions: staff
        ? [...(change ? [change] : candidates), { title: 'Clear the Grade (staff may leave it blank)', edits: [replaceCellValue(cell, '')] }]
        : candidates,
    });
  },
};
