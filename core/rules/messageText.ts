/** Small pieces of message text shared by the value rules. */

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
