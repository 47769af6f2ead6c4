import type { FieldName } from '../fields';

/**
 * Headings that SIS exports use for each Classworks field, already normalised
 * (see normalizeHeading). The field's own name is always matched too.
 */
export const HEADING_ALIASES: Record<FieldName, readonly string[]> = {
  'First Name': ['firstname', 'fname', 'first', 'givenname', 'legalfirstname', 'studentfirstname', 'stafffirstname'],
  'Last Name': ['lastname', 'lname', 'last', 'surname', 'familyname', 'legallastname', 'studentlastname', 'stafflastname'],
  Username: ['username', 'user', 'login', 'loginid', 'loginname', 'samaccountname', 'networkid', 'userlogin'],
  'District ID': [
    'districtid', 'districtuserid', 'studentnumber', 'studentid', 'studentno', 'sisid', 'localid', 'staffid',
    'staffnumber', 'employeeid', 'teachernumber', 'teacherid', 'personid', 'sourcedid', 'localuserid',
  ],
  Password: ['password', 'pwd', 'pass', 'initialpassword', 'userpassword'],
  Birthdate: ['birthdate', 'birthday', 'dob', 'dateofbirth', 'birthdt'],
  'User Type': ['usertype', 'role', 'persontype', 'userrole', 'accounttype'],
  Grade: ['grade', 'gradelevel', 'grades', 'currentgrade', 'grd'],
  'Email Address': ['emailaddress', 'email', 'mail', 'emailaddr', 'studentemail', 'staffemail', 'primaryemail'],
  'School SIS ID': [
    'schoolsisid', 'schoolcode', 'schoolid', 'schoolnumber', 'sisschoolid', 'schoolsourcedid', 'orgsourcedids',
    'buildingcode', 'building', 'locationcode',
  ],
  Prefix: ['prefix', 'honorific', 'nameprefix'],
  'Middle Name': ['middlename', 'middle', 'mname', 'middleinitial'],
  Suffix: ['suffix', 'namesuffix', 'generation'],
  'State User ID': ['stateuserid', 'stateid', 'statestudentid', 'ssid', 'stateidentifier'],
  'Alternate User ID': ['alternateuserid', 'alternateid', 'altid', 'altuserid'],
  Gender: ['gender', 'sex'],
  Ethnicity: ['ethnicity', 'race', 'raceethnicity'],
  Disabled: ['disabled', 'disability', 'swd', 'sped', 'specialeducation'],
  'Limited English': ['limitedenglish', 'lep', 'ell', 'englishlearner'],
  'Economically Disadvantaged': ['economicallydisadvantaged', 'econdisadvantaged', 'frl', 'freereducedlunch'],
  Migrant: ['migrant', 'migrantstatus'],
};

/** Lower-case letters and digits only: `First_Name`, `FirstName` and `FIRST NAME` all become `firstname`. */
export function normalizeHeading(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The singular of a normalised heading that is a field's name or alias in the plural
 * (`grades`, `birthdates`, `usernames`, `emailaddresses`), or undefined. Only -s and -es.
 */
export function singularHeading(normalized: string, isKnown: (singular: string) => boolean): string | undefined {
  if (normalized.endsWith('es') && isKnown(normalized.slice(0, -2))) return normalized.slice(0, -2);
  if (normalized.endsWith('s') && isKnown(normalized.slice(0, -1))) return normalized.slice(0, -1);
  return undefined;
}
