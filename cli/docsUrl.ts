import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * URL of docs/rules.md beside this install (dist/cli.js and cli/ both sit one level below
 * the project root). Each rule's section is this plus `#<code>`.
 */
export function rulesDocUrl(): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules.md')).href;
}
