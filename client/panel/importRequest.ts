/**
 * The body of a preview and of a submission, built from the document, the mapping the
 * language server linted it with (its `.classworks.json`) and the user's choices. Pure.
 */
import type { ImportRequestInput } from '../../core/importApi/importRequest';
import { IMPORT_TYPE } from '../../core/importApi/importRequest';
import type { ImportSnapshot } from '../../core/protocol/lspProtocol';
import type { Draft } from './shared/protocol';

export interface RequestInput {
  text: string;
  fileName: string;
  snapshot: ImportSnapshot;
  draft: Draft;
}

export function buildImportRequest({ text, fileName, snapshot, draft }: RequestInput): ImportRequestInput {
  const config = snapshot.config;
  const mapping: NonNullable<ImportRequestInput['mapping']> = {};
  if (config.hasHeaderRow !== undefined) mapping.hasHeaderRow = config.hasHeaderRow;
  if (snapshot.hasHeaderRow) {
    // `.classworks.json` serves every file of its folder: send only the headings this file has
    // (the service refuses a mapping that names a column the file lacks).
    const headings = snapshot.columns.map((c) => c.heading).filter((h): h is string => h !== null);
    const columns = Object.fromEntries(
      Object.entries(config.columns ?? {}).filter(([heading]) => headings.some((h) => h === heading || h.trim() === heading.trim())),
    );
    if (Object.keys(columns).length > 0) mapping.columns = columns;
  } else if (config.columnOrder) {
    mapping.columnOrder = config.columnOrder;
  }
  const values = new Set(snapshot.schoolValues.map((v) => v.value));
  const schoolMapping = Object.fromEntries(Object.entries(config.schoolMapping ?? {}).filter(([value]) => values.has(value)));
  return {
    type: IMPORT_TYPE,
    description: draft.description.trim(),
    fileName: csvFileName(fileName),
    csv: text,
    mapping,
    schoolMapping,
    options: {
      conflictResolution: draft.conflictResolution,
      existingPasswords: draft.existingPasswords,
      customGroupId: draft.customGroupId,
      emailStaff: draft.emailStaff,
    },
  };
}

/** The service wants a `.csv` name: an untitled or `.txt` document gets one. */
export function csvFileName(name: string): string {
  const base = name.replace(/[\\/]/g, '_').trim() || 'import';
  return /\.csv$/i.test(base) ? base : `${base.replace(/\.[^.]*$/, '')}.csv`;
}

/**
 * Identifies a request without its text, for "is the preview still current": the document
 * version stands for the text.
 */
export function requestKey(request: ImportRequestInput, version: number): string {
  const { csv: _csv, ...rest } = request;
  return JSON.stringify([version, rest]);
}
