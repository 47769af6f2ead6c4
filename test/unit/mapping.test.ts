import * as assert from 'node:assert/strict';
import { type ClassworksConfig, EnrollmentDocument, REQUIRED_FIELDS, fixAllText, matchHeading } from '../../core';
import { HEADER, SCHOOLS, TODAY, applyFix, assertMessage, codes, csv, find, lint, on, only, row, textAt, withCode } from './helpers';

function mappingOf(text: string, config: ClassworksConfig = SCHOOLS) {
  return new EnrollmentDocument(text, { today: TODAY, config }).getMapping();
}

/** The ten required fields at columns 0..9, in the rulebook's order. */
const IN_ORDER = Object.fromEntries(REQUIRED_FIELDS.map((f, i) => [f, i]));

describe('column mapping', () => {
  it("matches Classworks' headings whatever their case, spacing or punctuation", () => {
    for (const heading of ['First Name', 'first_name', 'FirstName', 'FIRST NAME', ' first-name ', 'First.Name']) {
      assert.equal(matchHeading(heading, undefined)?.field, 'First Name', heading);
    }
    const text = csv(['first_name,LAST NAME,user_name,DistrictID,PASSWORD,birth date,User-Type,GRADE,email_address,School SIS Id', row()]);
    const mapping = mappingOf(text);
    assert.equal(mapping.hasHeader, true);
    assert.deepEqual(mapping.columnOf, IN_ORDER);
    // Understood here, but the Classworks importer matches only its own headings as written:
    // each is header.drift (info) with a safe fix to the Classworks heading.
    const problems = lint(text, { config: SCHOOLS });
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.fix?.title]),
      text
        .split('\n')[0]!
        .split(',')
        .map((h, i) => ['header.drift', 'info', `Rename heading "${h}" to "${REQUIRED_FIELDS[i]}"`]),
    );
    assert.equal(fixAllText(text, { config: SCHOOLS }).text, csv([HEADER, row()]));
  });

  it('matches common SIS export headings', () => {
    const cases: [string, string][] = [
      ['Student Number', 'District ID'],
      ['SIS ID', 'District ID'],
      ['Student ID', 'District ID'],
      ['Email', 'Email Address'],
      ['E-mail', 'Email Address'],
      ['School Code', 'School SIS ID'],
      ['School ID', 'School SIS ID'],
      ['DOB', 'Birthdate'],
      ['Grade Level', 'Grade'],
      ['Role', 'User Type'],
    ];
    for (const [heading, field] of cases) assert.equal(matchHeading(heading, undefined)?.field, field, heading);
    const text = csv(['First,Last,Login,Student Number,Password,DOB,Role,Grade Level,Email,School Code', row()]);
    assert.deepEqual(mappingOf(text).columnOf, IN_ORDER);
    // SIS conventions (Login, Student Number, DOB, Role, School Code) are silent; a Classworks
    // heading shortened or lengthened (First, Last, Grade Level, Email) is drift.
    assert.deepEqual(
      lint(text, { config: SCHOOLS }).map((p) => [p.code, p.fix?.title]),
      [
        ['header.drift', 'Rename heading "First" to "First Name"'],
        ['header.drift', 'Rename heading "Last" to "Last Name"'],
        ['header.drift', 'Rename heading "Grade Level" to "Grade"'],
        ['header.drift', 'Rename heading "Email" to "Email Address"'],
      ],
    );
  });

  it('a heading in the plural (grades, Birthdates, Usernames, Email Addresses) is its field, and header.drift says it is the plural', () => {
    const text = csv(['First Names,Last Name,Usernames,District ID,Passwords,Birthdates,User Types,grades,Email Addresses,School SIS ID', row()]);
    assert.deepEqual(mappingOf(text).columnOf, IN_ORDER);
    const problems = lint(text, { config: SCHOOLS });
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.field, p.fix?.title]),
      [
        ['header.drift', 'info', 'First Name', 'Rename heading "First Names" to "First Name"'],
        ['header.drift', 'info', 'Username', 'Rename heading "Usernames" to "Username"'],
        ['header.drift', 'info', 'Password', 'Rename heading "Passwords" to "Password"'],
        ['header.drift', 'info', 'Birthdate', 'Rename heading "Birthdates" to "Birthdate"'],
        ['header.drift', 'info', 'User Type', 'Rename heading "User Types" to "User Type"'],
        ['header.drift', 'info', 'Grade', 'Rename heading "grades" to "Grade"'],
        ['header.drift', 'info', 'Email Address', 'Rename heading "Email Addresses" to "Email Address"'],
      ],
    );
    const grades = problems[5]!;
    assert.deepEqual(grades.range, find(text, 0, 'grades'));
    assert.equal(
      grades.message,
      'The heading "grades" (column 8) is "Grade" in the plural (each row holds one user\'s Grade). The Classworks importer matches its own headings as they are written, so there you would match this column by hand. Rename it to "Grade" (safe fix).',
    );
    assert.doesNotMatch(grades.message, /extra words|misspelling/);
    assert.equal(fixAllText(text, { config: SCHOOLS }).text, csv([HEADER, row()]));
    // A shortened heading in the plural says both.
    assertMessage(only(lint(csv(['First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Emails,School SIS ID', row()]), { config: SCHOOLS }), 'header.drift'), 'is "Email Address" shortened, in the plural');
  });

  it('takes an explicit mapping from the config, and null there ignores a column', () => {
    const config: ClassworksConfig = {
      ...SCHOOLS,
      columns: {
        Given: 'First Name',
        Family: 'Last Name',
        Login: 'Username',
        'Local #': 'District ID',
        Secret: 'Password',
        Born: 'Birthdate',
        Kind: 'User Type',
        Level: 'Grade',
        Mail: 'Email Address',
        Bldg: 'School SIS ID',
        Homeroom: null,
        Email: null,
      },
    };
    // "Email" would match Email Address by itself; null keeps it from clashing with "Mail".
    const text = csv(['Given,Family,Login,Local #,Secret,Born,Kind,Level,Mail,Bldg,Homeroom,Email', `${row()},12,old@x.org`]);
    const mapping = mappingOf(text, config);
    assert.deepEqual(mapping.columnOf, IN_ORDER);
    assert.deepEqual(mapping.unknown, []);
    assert.deepEqual(mapping.duplicates, []);
    assert.deepEqual(lint(text, { config }), []);
  });

  it('maps a file without a header row by the columnOrder in the config', () => {
    const config: ClassworksConfig = { ...SCHOOLS, columnOrder: ['Last Name', 'First Name', null, ...REQUIRED_FIELDS.slice(2)] };
    const text = csv(['Lee,Ana,room 12,alee,1001,Maple!274,4/2/2018,0,3,alee@x.org,00123', 'Lee,José,room 12,blee,1002,Maple!275,4/2/2018,0,3,blee@x.org,00123']);
    const mapping = mappingOf(text, config);
    assert.equal(mapping.hasHeader, false);
    assert.equal(mapping.columnOf['First Name'], 1);
    assert.equal(mapping.columnOf.Username, 3);
    // The first line is data and is checked like any other row.
    const p = only(lint(text, { config }), 'name.invalid-character');
    assert.deepEqual(p.range, on(1, 4, 8));
    assert.equal(lint(text, { config }).length, 1);
  });

  it('reports a file with neither a recognised header nor a columnOrder, once, and offers the header row', () => {
    const text = csv([row(), row({}, 2)], '\r\n');
    const problems = lint(text, { config: SCHOOLS });
    assert.deepEqual(codes(problems), ['header.unrecognized']);
    const p = problems[0]!;
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, on(0, 0, row().length));
    assertMessage(p, 'not a header', 'columnOrder', 'Add a header row');
    assert.equal(applyFix(text, p.suggestions[0]), csv([HEADER, row(), row({}, 2)], '\r\n'));
    assert.equal(p.fix, undefined);
  });

  it('reports a column that maps to a field another column already holds', () => {
    const text = csv([`${HEADER},E-mail`, `${row()},other@x.org`]);
    const p = only(lint(text, { config: SCHOOLS }), 'column.duplicate');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, 'Email Address');
    assert.deepEqual(p.range, on(0, HEADER.length + 1, HEADER.length + 7));
    assert.equal(textAt(text, p.range), 'E-mail');
    assertMessage(p, 'Column 11 "E-mail"', 'column 9 "Email Address"', 'only one column per field');
    assert.equal(textAt(text, p.related![0]!.range), 'Email Address');
    // The first column keeps the field: the address there is the one checked.
    assert.equal(mappingOf(text).columnOf['Email Address'], 8);
  });

  it('reports unknown columns as information, at their heading', () => {
    const text = csv([`${HEADER},Homeroom,"Notes, misc"`, `${row()},12,x`]);
    const problems = withCode(lint(text, { config: SCHOOLS }), 'column.unknown');
    assert.deepEqual(
      problems.map((p) => [p.severity, p.range, p.field]),
      [
        ['info', on(0, HEADER.length + 1, HEADER.length + 9), null],
        ['info', on(0, HEADER.length + 10, HEADER.length + 23), null],
      ],
    );
    assertMessage(problems[0]!, '"Homeroom"', 'import ignores it');
    assert.equal(lint(text, { config: SCHOOLS }).length, 2);
  });

  it('lets the config force a header row the headings alone would not reveal', () => {
    const text = csv(['A,B', 'x,y']);
    assert.equal(mappingOf(text, {}).hasHeader, false);
    const forced = mappingOf(text, { hasHeaderRow: true });
    assert.equal(forced.hasHeader, true);
    assert.deepEqual(forced.unknown, [0, 1]);
  });
});
