const NAMED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/** Control characters, line/paragraph separators and bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a CSV made safe for one line of a terminal or CI log: line breaks and control
 * characters (including escape sequences) are written as visible escapes, so a cell can
 * neither split a problem line nor drive the terminal.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => NAMED[ch] ?? `\\u${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}
