import { REQUIRED_FIELDS } from '../fields';
import type { RowRule } from './ruleTypes';

const WHY: Record<string, string> = {
  'First Name': 'Classworks needs a legal first name for every user',
  'Last Name': 'Classworks needs a legal last name for every user',
  Username: 'the user cannot sign in without one',
  'District ID': 'the District ID is how the import matches this row to an existing user',
  Password: 'new users need a password to sign in',
  Birthdate: 'Classworks requires a birthdate for every user',
  'User Type': 'Classworks cannot tell whether this is a student (0) or staff (1)',
  Grade: 'students are placed by grade',
  'Email Address': 'the address is used for single sign-on',
  'School SIS ID': 'without it the user joins the district but no school',
};

export const valueMissing: RowRule = {
  kind: 'row',
  code: 'value.missing',
  defaultSeverity: 'error',
  title: 'A required field is blank (Grade may be blank for staff).',
  check(ctx) {
    const columns = ctx.columns(REQUIRED_FIELDS);
    for (let k = 0; k < REQUIRED_FIELDS.length; k++) {
      const field = REQUIRED_FIELDS[k] as (typeof REQUIRED_FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || (value.length > 0 && value.charCodeAt(0) > 32) || value.trim() !== '') continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      if (field === 'Grade' && ctx.userType() === 1) continue;
      const hint =
        field === 'Grade' ? ' Enter Pre-K, K or 1–12 (only staff, User Type 1, may leave Grade blank).' : ` Enter the user's ${field}.`;
      ctx.report({
        code: 'value.missing',
        message: `${field} is blank: ${WHY[field] ?? 'the import requires it'}.${hint}`,
        start: cell.start,
        end: cell.end,
        field,
      });
    }
  },
};
