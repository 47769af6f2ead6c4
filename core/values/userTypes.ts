/** Words SIS exports use for roles, normalised to lower-case letters, and the Classworks User Type. */
const USER_TYPE_WORDS: Record<string, 0 | 1> = {
  student: 0,
  students: 0,
  stu: 0,
  s: 0,
  pupil: 0,
  learner: 0,
  staff: 1,
  teacher: 1,
  teachers: 1,
  t: 1,
  administrator: 1,
  admin: 1,
  principal: 1,
  aide: 1,
  counselor: 1,
  employee: 1,
  faculty: 1,
  districtadministrator: 1,
  schooladministrator: 1,
};

/** Invisible formatting characters (made once: a bundler may turn the literal into a `new RegExp` at each use). */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** The User Type a value means: '0'/'1' exactly, or a recognised word; undefined otherwise. */
export function interpretUserType(value: string): 0 | 1 | undefined {
  if (value === '0') return 0;
  if (value === '1') return 1;
  // Invisible formatting characters (a zero-width space) do not change what it means.
  const trimmed = value.replace(FORMAT_CHARACTERS, '').trim();
  if (trimmed === '0') return 0;
  if (trimmed === '1') return 1;
  const word = trimmed.toLowerCase().replace(/[^a-z]/g, '');
  return USER_TYPE_WORDS[word];
}
