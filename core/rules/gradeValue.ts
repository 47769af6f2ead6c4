import { canonicalGrade, isClassworksGrade } from '../values/grades';
import { replaceCellValue } from './cellEdits';
import type { RowRule } from './ruleTypes';

export const gradeInvalid: RowRule = {
  kind: 'row',
  code: 'grade.invalid',
  defaultSeverity: 'error',
  title: 'Grade is not Pre-K, K or 1–12.',
  check(ctx) {
    const value = ctx.value('Grade');
    if (value === undefined || value === '' || isClassworksGrade(value)) return;
    const cell = ctx.cell('Grade');
    if (!cell) return;
    const canonical = canonicalGrade(cell.value);
    const staff = ctx.userType() === 1;
    const change = canonical ? { title: `Change Grade "${cell.value}" to "${canonical}"`, edits: [replaceCellValue(cell, canonical)] } : undefined;
    ctx.report({
      code: 'grade.invalid',
      message:
        `Grade "${cell.value}" is not a Classworks grade (Pre-K, K or 1–12)` +
        (staff
          ? ', and this row is staff (User Type 1), whose Grade may simply be blank. Clear it, or write one of Pre-K, K, 1 … 12.'
          : `, so the student would not be placed in a grade. ${canonical ? `It means ${canonical}: write "${canonical}".` : 'Write one of Pre-K, K, 1, 2 … 12.'}`),
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Grade',
      // For staff the grade is optional: whether to keep it is for a person to choose.
      fix: staff ? undefined : change,
      suggestions: staff
        ? [...(change ? [change] : []), { title: 'Clear the Grade (staff may leave it blank)', edits: [replaceCellValue(cell, '')] }]
        : [],
    });
  },
};
