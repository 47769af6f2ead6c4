import * as fs from 'node:fs';
import * as path from 'node:path';

export const CONFIG_FILE_NAME = '.classworks.json';

/** The nearest `.classworks.json` in the CSV's folder or an ancestor folder, or undefined. */
export function findConfigFile(csvPath: string, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(csvPath));
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop) return undefined;
    dir = parent;
  }
}
