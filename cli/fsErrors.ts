/** A file-system error in words a person can act on, e.g. "no such file or directory (ENOENT)". */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory, not a file (pass the CSV files, e.g. folder/*.csv)',
    ENOTDIR: 'a part of the path is not a directory',
    EMFILE: 'too many open files',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
