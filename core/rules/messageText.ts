/** Small pieces of message text shared by the value rules. */
import { describeCharacter } from './cellEdits';

/**
 * A cell value as a message shows it, in quotes: tabs and line breaks made visible (⇥ ␍ ␊) and
 * a long value cut to its start. Never use it for a password.
 */
export function quoted(value: string, max = 40): string {
  const visible = value.replace(/\t/g, '⇥').replace(/\r/g, '␍').replace(/\n/g, '␊');
  const chars = [...visible];
  return `"${chars.length > max ? `${chars.slice(0, max).join('')}…` : visible}"`;
}

/** "1 row" / "3 rows". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Who a row is, for messages: "this student", "this staff member" or "this user". */
export function who(type: 0 | 1 | undefined): string {
  return type === 0 ? 'this student' : type === 1 ? 'this staff member' : 'this user';
}

/** Characters a spreadsheet or an editor does not show: formatting characters, odd spaces, tabs. */
const HIDDEN = /[\p{Cf}\p{Zs}\t]/u;

/**
 * " (with U+200B (zero-width space) at character 2)" for a value that holds characters nobody
 * sees — so a message about a value that looks right says why it is not; "" otherwise (plain
 * spaces are left out: the quotes show them).
 */
export function hiddenNote(value: string): string {
  const found: string[] = [];
  let at = 0;
  for (const ch of value) {
    at++;
    if (ch !== ' ' && HIDDEN.test(ch)) found.push(`${describeCharacter(ch)} at character ${at}`);
  }
  if (found.length === 0) return '';
  return ` (with ${found.slice(0, 3).join(', ')}${found.length > 3 ? `, and ${found.length - 3} more` : ''})`;
}
