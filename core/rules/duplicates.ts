import type { FieldName } from '../fields';
import { trimmedLowercaseKeyHash } from '../model/keyIndex';
import type { IndexRule } from './ruleTypes';

function duplicateRule(code: string, field: FieldName, why: string): IndexRule {
  return {
    kind: 'index',
    code,
    defaultSeverity: 'error',
    title: `The same ${field} appears on more than one row (case-insensitive).`,
    field,
    key(value) {
      const key = value.trim().toLowerCase();
      return key === '' ? undefined : key;
    },
    hash: trimmedLowercaseKeyHash,
    describe(row, cell, first) {
      return {
        code,
        message: `${field} "${cell.value}" is already used on line ${first.line + 1}. ${why} Give each user their own ${field}, or remove the duplicate row.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
      };
    },
  };
}

export const duplicateDistrictId = duplicateRule(
  'duplicate.district-id',
  'District ID',
  'The District ID is how the import matches rows to users, so one of the two rows would overwrite the other.',
);
export const duplicateUsername = duplicateRule(
  'duplicate.username',
  'Username',
  'Usernames must be unique, so the import rejects the second row.',
);
export const duplicateEmail = duplicateRule(
  'duplicate.email',
  'Email Address',
  'Single sign-on needs one address per user.',
);

export const passwordShared: IndexRule = {
  kind: 'index',
  code: 'password.shared',
  defaultSeverity: 'warning',
  title: 'Several users share one password.',
  field: 'Password',
  key(value) {
    return value === '' ? undefined : value;
  },
  // Every row that repeats a password gets this, often many rows of one file: a short message that
  // still says which row it repeats and why that matters. The why in full, and how to switch the
  // rule off for a district that gives everyone one first password, is the rule's section in
  // docs/rules.md, which the diagnostic links to.
  describe(_row, cell, first) {
    return {
      code: 'password.shared',
      message: `Same password as line ${first.line + 1}: whoever knows one of the two can sign in to the other account. Give each user their own.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    };
  },
};
