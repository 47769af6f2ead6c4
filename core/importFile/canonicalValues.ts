import type { FieldName } from '../fields';
import { readDate } from '../values/dates';
import { canonicalGrade } from '../values/grades';
import { interpretUserType } from '../values/userTypes';

const FLAG_FIELDS = new Set<FieldName>(['Disabled', 'Limited English', 'Economically Disadvantaged', 'Migrant']);
const NAME_FIELDS = new Set<FieldName>(['First Name', 'Last Name', 'Middle Name', 'Prefix', 'Suffix']);

function collapse(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/**
 * The value a user record stores for a cell: what the file means, written one way, so that
 * "9/20/2021" and "09/20/2021", " Dexter" and "Dexter", "KG" and "K" compare equal.
 * Passwords are never passed here: they are taken exactly as written.
 */
export function canonicalValue(field: FieldName, raw: string): string {
  const value = raw.trim();
  if (value === '') return '';
  if (NAME_FIELDS.has(field)) return collapse(value);
  switch (field) {
    case 'User Type': {
      const type = interpretUserType(value);
      return type === undefined ? value : String(type);
    }
    case 'Grade':
      return canonicalGrade(value) ?? value;
    case 'Birthdate': {
      const reading = readDate(value);
      if (reading.kind !== 'date') return value;
      const { year, month, day } = reading.date;
      return `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
    }
    case 'Email Address':
      return value.toLowerCase();
    case 'Gender': {
      const g = value.toLowerCase();
      if (g === 'm' || g === 'male') return 'M';
      if (g === 'f' || g === 'female') return 'F';
      return value;
    }
    default:
      break;
  }
  if (FLAG_FIELDS.has(field)) {
    const f = value.toLowerCase();
    if (['y', '1', 'yes', 'true'].includes(f)) return 'Y';
    if (['n', '0', 'no', 'false'].includes(f)) return 'N';
    return value;
  }
  return value;
}

/** Whether two canonical values are the same for a user record (e-mail and username ignore case). */
export function sameValue(field: FieldName, a: string, b: string): boolean {
  if (field === 'Email Address' || field === 'Username') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
