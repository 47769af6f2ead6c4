import * as path from 'node:path';

/** A path as a person reads it in messages: relative to the working folder when inside it. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative;
  return absolute;
}
