import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

/**
 * The documents the language server is told about. The server decides which of them it lints
 * (header sniffing, `classworks.files.include`, marked files) and says so in `classworks/fileStatus`.
 *
 * - language `csv` (on disk and untitled), whoever contributes it (us or Rainbow CSV);
 * - any `*.csv` file whatever its language: Rainbow CSV switches semicolon/pipe files to its
 *   own language ids (`csv (semicolon)`, `dynamic csv`), which must not hide them from us;
 * - the globs of `classworks.files.include` (e.g. `exports/*.txt`), as they are at start.
 */
export function documentSelector(): DocumentSelector {
  return [
    { scheme: 'file', language: 'csv' },
    { scheme: 'untitled', language: 'csv' },
    { scheme: 'file', pattern: '**/*.csv' },
    ...includeGlobs().map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/** `classworks.files.include` of every workspace folder (and the window), made to match anywhere. */
export function includeGlobs(): string[] {
  const scopes: (vscode.ConfigurationScope | undefined)[] = [undefined, ...(vscode.workspace.workspaceFolders ?? [])];
  const globs = new Set<string>();
  for (const scope of scopes) {
    const value = vscode.workspace.getConfiguration('classworks', scope).get<unknown>('files.include');
    if (!Array.isArray(value)) continue;
    for (const glob of value) {
      if (typeof glob !== 'string' || glob.trim() === '') continue;
      const trimmed = glob.trim().replace(/^\.\//, '');
      globs.add(trimmed.startsWith('**/') || trimmed.startsWith('/') ? trimmed : `**/${trimmed}`);
    }
  }
  return [...globs].sort();
}
