/**
 * Where the import panel saves a file downloaded from the Import History: `.classworks/imports/`
 * in the workspace folder. Those files are archive copies of what a district imported (the
 * service empties their passwords), so the editor does not lint them: a blank password on every
 * row would otherwise show one error per row.
 */
export const IMPORT_DOWNLOADS_FOLDER = ['.classworks', 'imports'] as const;

/** Whether a file lies in a `.classworks/imports/` folder (either path separator). */
export function isImportDownload(filePath: string): boolean {
  const parts = filePath.split(/[\\/]+/);
  for (let i = 0; i + 2 < parts.length; i++) {
    if (parts[i] === IMPORT_DOWNLOADS_FOLDER[0] && parts[i + 1] === IMPORT_DOWNLOADS_FOLDER[1]) return true;
  }
  return false;
}
