import type { Row } from '../csv/csvTypes';
import { ALL_FIELDS, type FieldName } from '../fields';
import type { ColumnMapping } from '../mapping/columnMapping';
import type { EnrollmentDocument } from '../model/enrollmentDocument';
import { canonicalValue } from './canonicalValues';

/** Every field but Password: what a user record holds and the import may show. */
export type RecordField = Exclude<FieldName, 'Password'>;
export const RECORD_FIELDS = ALL_FIELDS.filter((f): f is RecordField => f !== 'Password');

/** One data row of an import file in Classworks' canonical columns. */
export interface ImportFileRow {
  /** 1-based line where the row starts. */
  line: number;
  /** 1-based line where it ends (later than `line` when a quoted cell holds a line break). */
  endLine: number;
  /** Canonical values of the mapped fields (blank cells as ''), Password excluded. */
  values: Partial<Record<RecordField, string>>;
  /** The Password cell exactly as written ('' when blank or unmapped). Never log or show it. */
  password: string;
  /** The School SIS ID cell, trimmed, before school mapping. */
  schoolValue: string;
}

/** The data rows of a document: not the header, not blank, not unreadable. */
export function dataRows(document: EnrollmentDocument): Row[] {
  const mapping = document.getMapping();
  const rows = document.getRows();
  const header = mapping.hasHeader ? rows.findIndex((r) => !r.blank && !r.broken) : -1;
  return rows.filter((row, index) => index !== header && !row.blank && !row.broken);
}

/** One row in canonical columns. */
export function buildImportRow(row: Row, mapping: ColumnMapping): ImportFileRow {
  const values: Partial<Record<RecordField, string>> = {};
  for (const field of RECORD_FIELDS) {
    const column = mapping.columnOf[field];
    if (column === undefined) continue;
    values[field] = canonicalValue(field, row.value(column) ?? '');
  }
  const passwordColumn = mapping.columnOf.Password;
  const schoolColumn = mapping.columnOf['School SIS ID'];
  return {
    line: row.line + 1,
    endLine: row.line + 1 + row.innerLineStarts.length,
    values,
    password: passwordColumn === undefined ? '' : (row.value(passwordColumn) ?? ''),
    schoolValue: schoolColumn === undefined ? '' : (row.value(schoolColumn) ?? '').trim(),
  };
}

/**
 * The import rows of an enrollment document, built with its column mapping: what the
 * service applies and what the import panel previews.
 */
export function buildImportRows(document: EnrollmentDocument): ImportFileRow[] {
  const mapping = document.getMapping();
  return dataRows(document).map((row) => buildImportRow(row, mapping));
}

/**
 * The text with every Password cell emptied (quotes included), every other byte unchanged:
 * the copy of a file that may be kept or shown.
 */
export function redactPasswords(document: EnrollmentDocument): string {
  const column = document.getMapping().columnOf.Password;
  const text = document.getText();
  if (column === undefined) return text;
  const parts: string[] = [];
  let at = 0;
  for (const row of dataRows(document)) {
    const cell = row.cell(column);
    if (!cell || cell.start === cell.end) continue;
    parts.push(text.slice(at, row.start + cell.start));
    at = row.start + cell.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
