import { Random } from './random';

/**
 * A district export as an SIS writes it: the ten Classworks columns plus two it does not
 * import ("Role", which also maps to User Type, and "Homeroom", which maps to nothing), CRLF
 * line endings, a few quoted cells, and `damageRate` of the rows damaged in one of the ways
 * below — taken in turn, so every kind occurs in a file of 2,000 rows or more. The last row
 * opens a quote it never closes. Same rows and seed, same bytes.
 */
export interface DistrictFileOptions {
  rows: number;
  seed?: number;
  /** Share of data rows damaged (default 0.02). */
  damageRate?: number;
}

export interface DistrictFile {
  text: string;
  /** Damaged rows by kind of damage. */
  damaged: Record<string, number>;
}

export const DISTRICT_HEADER = [
  'First Name', 'Last Name', 'Username', 'District ID', 'Password', 'Birthdate', 'User Type', 'Grade',
  'Email Address', 'School SIS ID', 'Role', 'Homeroom',
];

/** The schools of the generated district (written to the .classworks.json beside the files). */
export const DISTRICT_SCHOOLS = [
  { sisId: '00123', name: 'Lincoln Elementary' },
  { sisId: '00456', name: 'Washington Elementary' },
  { sisId: '00789', name: 'Jefferson Elementary' },
  { sisId: '01012', name: 'Roosevelt Elementary' },
  { sisId: '00231', name: 'Spring Middle School' },
  { sisId: '00232', name: 'Woodland Middle School' },
  { sisId: 'HS01', name: 'Ridgeview High School' },
  { sisId: 'HS02', name: 'Lakeside High School' },
];

const FIRST = [
  'Tracy', 'Nancy', 'Luther', 'Maria', 'James', 'Linda', 'Robert', 'Aisha', 'Wei', 'Carlos', 'Emma', 'Noah', 'Olivia',
  'Liam', 'Ava', 'Mason', 'Sophia', 'Ethan', 'Mia', 'Lucas', 'Amelia', 'Logan', 'Harper', 'Elijah', 'Evelyn', 'Aiden',
  'Abigail', 'Jacob', 'Emily', 'Daniel', 'Ella', 'Henry', 'Grace', 'Owen', 'Chloe', 'Jack', 'Lily', 'Leo', 'Zoe', 'Sam',
  'Mary Ann', 'Anh', 'Priya', 'Omar', 'Fatima', 'Diego', 'Hana', 'Kofi', 'Ines', 'Yusuf',
];
const LAST = [
  'Baxley', 'Fiore', 'Mendoza', 'Briley', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
  'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore',
  'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Van Dyke', 'Hall', 'Rivera',
];
const WORDS = ['Oak', 'Pine', 'Eagle', 'River', 'Maple', 'Cedar', 'Hawk', 'Lake', 'Stone', 'Fern', 'Comet', 'Birch'];
const SYMBOLS = ['!', '#', '$', '%', '*', '?', '@', '&'];
const GRADES = ['Pre-K', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** One user row's cells, in DISTRICT_HEADER order. */
type Cells = string[];

/**
 * The kinds of damage, each a change to one row (or, for `blank`, a line before it). The rule
 * each is meant to trip is in its name; a few trip more than one.
 */
const DAMAGE: readonly { kind: string; apply(cells: Cells, r: Random, earlier: Cells[]): Cells | string }[] = [
  { kind: 'value.missing', apply: (c, r) => set(c, r.pick([2, 5, 8, 9]), '') },
  { kind: 'name.invalid-character (accent)', apply: (c) => set(c, 0, 'José') },
  { kind: 'name.invalid-character (punctuation)', apply: (c) => set(c, 1, "O'Brien") },
  { kind: 'name.invalid-character (no-break space)', apply: (c) => set(c, 0, 'Mary\u00a0Ann') },
  { kind: 'name.extra-space', apply: (c) => set(c, 1, ` ${c[1]}`) },
  { kind: 'password.too-short', apply: (c) => set(c, 4, 'a1!b') },
  { kind: 'password.too-weak', apply: (c, r) => set(c, 4, `sunshine${r.int(10, 99)}`) },
  { kind: 'password.shared', apply: (c, _r, earlier) => set(c, 4, (earlier[earlier.length - 1] ?? c)[4] as string) },
  { kind: 'user-type.invalid', apply: (c, r) => set(c, 6, r.pick(['Student', 'Teacher', 'X'])) },
  { kind: 'grade.invalid', apply: (c, r) => set(set(c, 6, '0'), 7, r.pick(['KG', '05', '13', 'PK'])) },
  { kind: 'birthdate.invalid', apply: (c, r) => set(c, 5, r.pick(['13/45/2012', '2/30/2013', '1/2/12', 'unknown'])) },
  { kind: 'birthdate.future', apply: (c) => set(c, 5, '1/1/2099') },
  { kind: 'birthdate.implausible', apply: (c) => set(set(c, 6, '0'), 5, '1/1/1950') },
  { kind: 'email.invalid', apply: (c, r) => set(c, 8, r.pick(['no-at-sign.isd.org', 'a b@isd.org', 'x@@isd.org', 'x@isd'])) },
  { kind: 'school.unknown', apply: (c, r) => set(c, 9, r.pick(['123', '99999', 'hs01'])) },
  { kind: 'duplicate.district-id', apply: (c, r, earlier) => set(c, 3, r.pick(earlier)[3] as string) },
  { kind: 'duplicate.username', apply: (c, r, earlier) => set(c, 2, r.pick(earlier)[2] as string) },
  { kind: 'duplicate.email', apply: (c, r, earlier) => set(c, 8, (r.pick(earlier)[8] as string).toUpperCase()) },
  { kind: 'row.cell-count (extra)', apply: (c) => set(c, 11, 'R1,2') },
  { kind: 'row.cell-count (short)', apply: (c) => c.slice(0, 8) },
  { kind: 'row.blank (empty line)', apply: (c) => `\r\n${line(c)}` },
  { kind: 'row.blank (separators)', apply: () => ','.repeat(DISTRICT_HEADER.length - 1) },
  { kind: 'file.mixed-line-endings', apply: (c) => `${line(c)}${LF_ONLY}` },
];

/** Marks a row that ends in LF alone (the file's other rows end in CRLF). */
const LF_ONLY = '\u0000LF';

function set(cells: Cells, index: number, value: string): Cells {
  const copy = cells.slice();
  copy[index] = value;
  return copy;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(cells: Cells): string {
  return cells.map(quote).join(',');
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An undamaged user: about 9 in 10 students (5–18 years old), the rest staff. */
function user(index: number, r: Random): Cells {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const id = (100000 + index).toString();
  const tag = index.toString(36);
  const username = `${first[0]}${last.replace(/ /g, '').slice(0, 6)}${tag}`.toLowerCase();
  const staff = r.next() < 0.1;
  const year = staff ? r.int(1960, 1998) : r.int(2008, 2019);
  const birthdate = `${r.int(1, 12)}/${r.int(1, 28)}/${year}`;
  const school = r.pick(DISTRICT_SCHOOLS).sisId;
  const homeroom = r.next() < 0.02 ? `"R${r.int(1, 40)}"` : `R${r.int(1, 40)}`;
  return [
    first,
    last,
    username,
    id,
    `${r.pick(WORDS)}${r.pick(SYMBOLS)}${tag}${pad(r.int(0, 99))}`,
    birthdate,
    staff ? '1' : '0',
    staff ? '' : r.pick(GRADES),
    `${username}@isd.org`,
    school,
    staff ? '1' : '0',
    homeroom,
  ];
}

export function generateDistrictFile(options: DistrictFileOptions): DistrictFile {
  const r = new Random(options.seed ?? 20240611);
  const rate = options.damageRate ?? 0.02;
  const damaged: Record<string, number> = {};
  const lines: string[] = [DISTRICT_HEADER.join(',')];
  const earlier: Cells[] = [];
  let next = 0;
  for (let i = 0; i < options.rows - 1; i++) {
    const cells = user(i, r);
    let out: string;
    if (i > 0 && r.next() < rate) {
      const damage = DAMAGE[next++ % DAMAGE.length] as (typeof DAMAGE)[number];
      damaged[damage.kind] = (damaged[damage.kind] ?? 0) + 1;
      const result = damage.apply(cells, r, earlier);
      out = typeof result === 'string' ? result : line(result);
    } else {
      // A homeroom quoted by the SIS is written as is (the quotes are part of the cell's text).
      out = cells.slice(0, 11).map(quote).join(',') + ',' + cells[11];
    }
    lines.push(out);
    if (earlier.length < 1000) earlier.push(cells);
    else if (r.next() < 0.01) earlier[r.int(0, earlier.length - 1)] = cells;
  }
  // The last row opens a quote that is never closed (csv.unclosed-quote).
  const last = user(options.rows, r);
  last[11] = '"R7';
  lines.push(last.join(','));
  damaged['csv.unclosed-quote'] = 1;
  const text = lines.join('\r\n').replaceAll(`${LF_ONLY}\r\n`, '\n');
  return { text, damaged };
}
