import type { FieldName } from '../fields';
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
  describe(_row, cell, first) {
    return {
      code: 'password.shared',
      message:
        `This password is the same as the one on line ${first.line + 1}. Classworks asks for a unique password per user: the import accepts a shared one as a caution, but anyone who knows one account's password could sign in to the other. ` +
        'Give this user a password of their own (if the district gives every user the same first password on purpose, set "password.shared": "off" in .classworks.json).',
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Password',
    };
  },
};
