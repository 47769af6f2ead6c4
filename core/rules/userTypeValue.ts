import { interpretUserType } from '../values/userTypes';
import { replaceCellValue } from './cellEdits';
import { hiddenNote } from './messageText';
import type { RowRule } from './ruleTypes';

export const userTypeInvalid: RowRule = {
  kind: 'row',
  code: 'user-type.invalid',
  defaultSeverity: 'error',
  title: 'User Type is not 0 (student) or 1 (staff).',
  check(ctx) {
    const value = ctx.value('User Type');
    if (value === undefined || value === '' || value === '0' || value === '1') return;
    const cell = ctx.cell('User Type');
    if (!cell) return;
    const meant = interpretUserType(cell.value);
    const label = meant === 0 ? 'student' : 'staff';
    ctx.report({
      code: 'user-type.invalid',
      message:
        `User Type "${cell.value}"${hiddenNote(cell.value)} is not a Classworks user type: use 0 for a student or 1 for staff. ` +
        (meant === undefined
          ? 'The import cannot tell what kind of user this is.'
          : `"${cell.value}" means ${label}, so write ${meant}.`),
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'User Type',
      fix: meant === undefined ? undefined : { title: `Change User Type "${cell.value}" to ${meant} (${label})`, edits: [replaceCellValue(cell, String(meant))] },
      suggestions:
        meant === undefined
          ? [
              { title: 'Change User Type to 0 (student)', edits: [replaceCellValue(cell, '0')] },
              { title: 'Change User Type to 1 (staff)', edits: [replaceCellValue(cell, '1')] },
            ]
          : [],
    });
  },
};
