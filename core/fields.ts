/** The Classworks user-import fields, as the rulebook names them. */
export const REQUIRED_FIELDS = [
  'First Name',
  'Last Name',
  'Username',
  'District ID',
  'Password',
  'Birthdate',
  'User Type',
  'Grade',
  'Email Address',
  'School SIS ID',
] as const;

export const OPTIONAL_FIELDS = [
  'Prefix',
  'Middle Name',
  'Suffix',
  'State User ID',
  'Alternate User ID',
  'Gender',
  'Ethnicity',
  'Disabled',
  'Limited English',
  'Economically Disadvantaged',
  'Migrant',
] as const;

export type RequiredField = (typeof REQUIRED_FIELDS)[number];
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];
export type FieldName = RequiredField | OptionalField;

export const ALL_FIELDS: readonly FieldName[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];

export function isFieldName(value: string): value is FieldName {
  return (ALL_FIELDS as readonly string[]).includes(value);
}

export function isRequiredField(field: FieldName): field is RequiredField {
  return (REQUIRED_FIELDS as readonly string[]).includes(field);
}

/** What each field holds, for hovers and completion. */
export const FIELD_DESCRIPTIONS: Record<FieldName, string> = {
  'First Name': 'Legal first name: letters A–Z and spaces only.',
  'Last Name': 'Legal last (family) name: letters A–Z and spaces only.',
  Username: 'The established username from the SIS.',
  'District ID': "The user's district ID from the SIS; matches a file row to an existing Classworks user.",
  Password: 'At least 7 characters with a letter, a digit and a symbol; unique to the user.',
  Birthdate: 'Date of birth from the SIS (MM/DD/YYYY).',
  'User Type': '0 = student, 1 = staff.',
  Grade: 'Pre-K, K or 1–12 for students; may be blank for staff.',
  'Email Address': 'Used for single sign-on and to verify staff e-mail addresses.',
  'School SIS ID': "The school's SIS code exactly as stored in Classworks (Manage Classworks > Schools).",
  Prefix: 'Optional title such as Mr or Dr.',
  'Middle Name': 'Optional middle name.',
  Suffix: 'Optional suffix such as Jr.',
  'State User ID': 'Optional state identifier.',
  'Alternate User ID': 'Optional alternate identifier.',
  Gender: 'Optional: M, F, Male or Female.',
  Ethnicity: 'Optional race/ethnicity subgroup.',
  Disabled: 'Optional flag: Y or 1 for yes, N or 0 (or blank) for no.',
  'Limited English': 'Optional flag: Y or 1 for yes, N or 0 (or blank) for no.',
  'Economically Disadvantaged': 'Optional flag: Y or 1 for yes, N or 0 (or blank) for no.',
  Migrant: 'Optional flag: Y or 1 for yes, N or 0 (or blank) for no.',
};
