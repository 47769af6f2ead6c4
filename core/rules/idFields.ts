import type { FieldName } from '../fields';

/** The ID columns: a user's identifiers from the SIS. */
export const ID_FIELDS: readonly FieldName[] = ['District ID', 'State User ID', 'Alternate User ID'];

/** Why an ID that lost digits or zeros matters for the import. */
export const ID_WHY: Partial<Record<FieldName, string>> = {
  'District ID': 'The District ID is how the import matches a row to an existing Classworks user, so a changed ID would not match and the import would add a second user.',
  'State User ID': "A changed State User ID no longer matches the state's records for this user.",
  'Alternate User ID': "A changed Alternate User ID no longer matches the SIS's records for this user.",
  'School SIS ID': "School SIS IDs must match a school's code exactly, so this user would join the district without a school.",
  Username: 'The user could not sign in with the username the SIS gave them.',
};
