/**
 * What "Reopen with Encoding…" and "Convert File to UTF-8 from…" say when the file has unsaved
 * changes: a short message that fits a dialog's title line, and the why and how as the modal
 * dialog's detail. Pure (no vscode), so the wording is unit-tested.
 */

export interface UnsavedPrompt {
  message: string;
  detail: string;
  /** The button that goes on, if any (a modal dialog always adds Cancel). */
  action?: string;
}

/** Converting a file with unsaved changes: save them first (in the editor's encoding), then convert. */
export function saveBeforeConverting(name: string, editorEncoding: string): UnsavedPrompt {
  return {
    message: `Classworks: save ${name} before converting it?`,
    detail:
      `${name} has unsaved changes. Converting reads the file on disk, so they are saved first, ` +
      `in the encoding the editor shows (${editorEncoding}); then the file is converted to UTF-8.`,
    action: 'Save and Convert',
  };
}

/** Converting a file whose unsaved text holds U+FFFD: saving would lose the letters, so it is refused. */
export function cannotConvertUnsaved(name: string): UnsavedPrompt {
  return {
    message: `Classworks: ${name} has unsaved changes, so it cannot be converted.`,
    detail:
      'Saving them would write U+FFFD (�) in place of the letters VS Code could not decode, and converting reads the file on disk.\n\n' +
      'To convert it: revert the file (File: Revert File), convert it, then make your changes again.',
  };
}

/** Reopening a file with unsaved changes in another encoding: refused (VS Code would read the disk again). */
export function cannotReopenUnsaved(name: string): UnsavedPrompt {
  return {
    message: `Classworks: ${name} has unsaved changes, so it cannot be reopened in another encoding.`,
    detail: 'Reopening reads the file on disk again, so the changes would be lost. Save or revert them first.',
  };
}
