import type { FieldChange, FieldConflict, ImportOptions, PreviewOutcome, RowMessage } from '../../core/importApi';
import { RECORD_FIELDS, type ResolvedSchool, sameValue } from '../../core/importFile';
import type { UserFields, UserRecord } from '../store/userStore';

/** A row as the planner sees it: canonical values (no password), its school value. */
export interface PlanInput {
  line: number;
  values: UserFields;
  schoolValue: string;
}

export interface PlanContext {
  options: ImportOptions;
  /** Where the row's School SIS ID value leads (school mapping applied). */
  school: ResolvedSchool;
  schoolName(sisId: string): string | null;
  /** The custom group students are added to, or null. */
  groupId: number | null;
  usernameOwner(username: string): string | undefined;
  emailOwner(email: string): string | undefined;
  isMember(groupId: number, userId: number): boolean;
}

/**
 * For an existing user under "overwrite": whether the file's password is the one they have
 * ('same': nothing to change) or not. Undefined otherwise.
 */
export type PasswordState = 'same' | 'different' | undefined;

export interface RowPlan {
  outcome: PreviewOutcome;
  changes: FieldChange[];
  conflicts: FieldConflict[];
  school: { value: string; sisId: string | null; name: string | null };
  /** The user's fields after the row is applied. */
  fields: UserFields;
  setPassword: boolean;
  addToGroup: boolean;
  withoutSchool: boolean;
  errors: RowMessage[];
  userType: '0' | '1' | '';
}

/** Fields compared one by one; District ID is the match key and School SIS ID is resolved to a school. */
const COMPARED_FIELDS = RECORD_FIELDS.filter((f) => f !== 'District ID' && f !== 'School SIS ID');

function userTypeOf(value: string | undefined): '0' | '1' | '' {
  return value === '0' || value === '1' ? value : '';
}

/**
 * What applying one row does to the district, given the user with its District ID (if any).
 * A value in the file replaces a blank existing value; a differing value is a conflict, and
 * the policy decides who wins; a blank cell never clears a value. Pure: the same function
 * answers the preview and drives processing.
 */
export function planRow(input: PlanInput, existing: UserRecord | undefined, ctx: PlanContext, passwordState: PasswordState): RowPlan {
  const { options } = ctx;
  const importedWins = options.conflictResolution === 'imported-wins';
  const changes: FieldChange[] = [];
  const conflicts: FieldConflict[] = [];
  const errors: RowMessage[] = [];
  const districtId = input.values['District ID'] ?? '';
  const fields: UserFields = existing ? { ...existing.fields } : { 'District ID': districtId };

  for (const field of COMPARED_FIELDS) {
    const value = input.values[field];
    if (value === undefined || value === '') continue;
    const current = existing?.fields[field] ?? '';
    if (!existing) {
      fields[field] = value;
      continue;
    }
    if (current === '') {
      fields[field] = value;
      changes.push({ field, from: null, to: value });
      continue;
    }
    if (sameValue(field, value, current)) continue;
    conflicts.push({ field, fileValue: value, existingValue: current, kept: importedWins ? 'imported' : 'existing' });
    if (importedWins) {
      fields[field] = value;
      changes.push({ field, from: current, to: value });
    }
  }

  // School: the mapped school fills a user without one; a different school is a conflict.
  let schoolSisId = existing?.schoolSisId ?? null;
  const target = ctx.school.sisId;
  if (target !== null) {
    if (schoolSisId === null) {
      if (existing) changes.push({ field: 'School SIS ID', from: null, to: target });
      schoolSisId = target;
    } else if (schoolSisId !== target) {
      conflicts.push({ field: 'School SIS ID', fileValue: target, existingValue: schoolSisId, kept: importedWins ? 'imported' : 'existing' });
      if (importedWins) {
        changes.push({ field: 'School SIS ID', from: schoolSisId, to: target });
        schoolSisId = target;
      }
    }
  }

  let setPassword = !existing;
  if (existing && options.existingPasswords === 'overwrite' && passwordState !== 'same') {
    setPassword = true;
    changes.push({ field: 'Password', from: null, to: null });
  }

  const username = fields.Username ?? '';
  const usernameOwner = username ? ctx.usernameOwner(username) : undefined;
  if (usernameOwner !== undefined && usernameOwner !== districtId) {
    errors.push({
      code: 'district.username-taken',
      message: `Username "${username}" belongs to another user in the district (District ID ${usernameOwner}). Usernames must be unique: give this user another one, or correct the District ID if this is that user.`,
    });
  }
  const email = fields['Email Address'] ?? '';
  const emailOwner = email ? ctx.emailOwner(email) : undefined;
  if (emailOwner !== undefined && emailOwner !== districtId) {
    errors.push({
      code: 'district.email-taken',
      message: `Email Address "${email}" belongs to another user in the district (District ID ${emailOwner}). Single sign-on needs one address per user.`,
    });
  }

  const userType = userTypeOf(fields['User Type']);
  const addToGroup =
    errors.length === 0 && ctx.groupId !== null && userType === '0' && !(existing && ctx.isMember(ctx.groupId, existing.id));
  const outcome: PreviewOutcome = errors.length > 0 ? 'error' : !existing ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  return {
    outcome,
    changes,
    conflicts,
    school: { value: input.schoolValue, sisId: schoolSisId, name: schoolSisId === null ? null : ctx.schoolName(schoolSisId) },
    fields,
    setPassword,
    addToGroup,
    withoutSchool: schoolSisId === null,
    errors,
    userType,
  };
}

