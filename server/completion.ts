import { type CompletionItem, CompletionItemKind, type Position, type Range } from 'vscode-languageserver/node';
import {
  ALL_FIELDS,
  CLASSWORKS_GRADES,
  type CellLocation,
  FIELD_DESCRIPTIONS,
  type School,
  isRequiredField,
} from '../core';
import type { DocumentState } from './documentStore';

/**
 * Completion in a cell: the district's schools in School SIS ID (names as detail), 0/1 in
 * User Type, Classworks grades in Grade, and Classworks field names in the header row.
 */
export function completion(state: DocumentState, position: Position, schools: readonly School[] | undefined): CompletionItem[] {
  const doc = state.model?.doc;
  if (!doc) return [];
  const offset = state.text.offsetAt(position);
  const loc = doc.cellAt(offset);
  const mapping = doc.getMapping();
  const range = loc ? valueRange(state, loc) : { start: position, end: position };
  const inHeader = loc ? loc.isHeader || (position.line === 0 && mapping.unidentified !== undefined) : position.line === 0;
  if (inHeader) {
    return ALL_FIELDS.filter((field) => {
      const column = mapping.columnOf[field];
      return column === undefined || column === loc?.column;
    }).map((field, i) => ({
      label: field,
      kind: CompletionItemKind.Field,
      detail: isRequiredField(field) ? 'Required Classworks field' : 'Optional Classworks field',
      documentation: FIELD_DESCRIPTIONS[field],
      sortText: `${isRequiredField(field) ? 0 : 1}-${String(i).padStart(2, '0')}`,
      textEdit: { range, newText: field },
    }));
  }
  if (!loc) return [];
  // Like the core's fixes: a quoted cell stays quoted; an unquoted one is quoted only when needed.
  const cellText = (v: string) => {
    if (loc.cell.quoted) return v.replace(/"/g, '""');
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const value = (label: string, detail: string, i: number, filterText?: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    detail,
    labelDetails: { description: detail },
    sortText: String(i).padStart(3, '0'),
    filterText,
    textEdit: { range, newText: cellText(label) },
  });
  switch (loc.field) {
    case 'School SIS ID':
      return (schools ?? []).map((s, i) => value(s.sisId, s.name, i, `${s.sisId} ${s.name}`));
    case 'User Type':
      return [value('0', 'student', 0), value('1', 'staff', 1)];
    case 'Grade':
      return CLASSWORKS_GRADES.map((g, i) => value(g, gradeDetail(g), i));
    default:
      return [];
  }
}

/** The range a completion replaces: the value inside the quotes of a quoted cell, else the cell. */
function valueRange(state: DocumentState, loc: CellLocation): Range {
  const start = loc.cell.quoted ? loc.row.start + loc.cell.valueStart : loc.start;
  const end = loc.cell.quoted ? loc.row.start + loc.cell.valueEnd : loc.end;
  return { start: state.text.positionAt(start), end: state.text.positionAt(end) };
}

function gradeDetail(grade: string): string {
  if (grade === 'Pre-K') return 'Pre-Kindergarten';
  if (grade === 'K') return 'Kindergarten';
  return `Grade ${grade}`;
}
