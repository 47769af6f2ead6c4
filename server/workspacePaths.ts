import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver/node';

/** The file system path of a `file:` URI, or undefined for other schemes (untitled:, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The workspace folders, to express a file's path relative to the folder that holds it. */
export class WorkspacePaths {
  private folders: string[] = [];

  set(folders: readonly (WorkspaceFolder | { uri: string })[] | null | undefined): void {
    this.folders = (folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  }

  /** `workspace/didChangeWorkspaceFolders`. */
  change(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    const kept = this.folders.filter((f) => !gone.has(f));
    const fresh = added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    this.folders = [...kept, ...fresh];
  }

  /** `sub/students.csv` for a file inside a workspace folder (the deepest that holds it), with `/`. */
  relative(filePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) {
      const rel = path.relative(folder, filePath);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (best === undefined || rel.length < best.length) best = rel;
    }
    return best?.split(path.sep).join('/');
  }
}
