/**
 * A file-system error in words a person can act on, e.g. "no such file or directory (ENOENT)".
 * `writing`: the path is where fix was told to write (--output), so a directory there needs a file name.
 */
export function describeFsError(error: unknown, writing = false): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: writing
      ? 'it is a directory, not a file (--output takes the name of the file to write, e.g. --output folder/fixed.csv)'
      : 'it is a directory, not a file (pass the CSV files, e.g. folder/*.csv)',
    ENOTDIR: 'a part of the path is not a directory',
    EMFILE: 'too many open files',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
