import { type Hover, MarkupKind, type Position } from 'vscode-languageserver/node';
import { type CellLocation, type ColumnMapping, FIELD_DESCRIPTIONS, type MatchKind, type Row } from '../core';
import { escapeMarkdown, inlineCode, maskPassword, shortInlineCode, visibleValue } from './cellText';
import type { DocumentState } from './documentStore';

const HOW: Record<MatchKind, string> = {
  exact: 'its heading is the Classworks field name',
  normalized: 'its heading is the Classworks field name, spelled differently',
  alias: 'its heading is a common SIS name for this field',
  config: 'mapped by "columns" in .classworks.json',
  'column-order': 'its position in "columnOrder" of .classworks.json',
};

/** Headings that hold passwords even when not mapped: such values are never shown. */
const PASSWORD_HEADING = /pass|pwd|\bpin\b/i;

/**
 * Hover on a cell: the Classworks field and how its column was matched, and the value with
 * invisible characters named (the start of a very long one, with its length). Passwords are
 * masked. The problems on the cell are not repeated: VS Code shows the diagnostics in the same
 * hover.
 */
export function hover(state: DocumentState, position: Position): Hover | null {
  const doc = state.model?.doc;
  if (!doc) return null;
  const offset = state.text.offsetAt(position);
  const loc = doc.cellAt(offset);
  if (!loc) return null;
  const mapping = doc.getMapping();
  const heading = headingOf(doc.getRows(), mapping, loc.column);
  const sections: string[] = [describeColumn(loc, mapping, heading)];

  const isPassword = !loc.isHeader && (loc.field === 'Password' || (!loc.field && heading !== undefined && PASSWORD_HEADING.test(heading)));
  if (isPassword) sections.push(`Value: ${maskPassword(loc.cell.value)}`);
  else {
    const { shown, notes, truncatedFrom } = visibleValue(loc.cell.value);
    let line = `${loc.isHeader ? 'Heading' : 'Value'}: ${inlineCode(shown)}`;
    if (truncatedFrom !== undefined) line += `… (${truncatedFrom} characters)`;
    if (notes.length > 0) line += `\n\n${notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n')}`;
    sections.push(line);
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    range: { start: state.text.positionAt(loc.start), end: state.text.positionAt(loc.end) },
  };
}

function describeColumn(loc: CellLocation, mapping: ColumnMapping, heading: string | undefined): string {
  const column = `column ${loc.column + 1}`;
  const named = heading !== undefined ? ` (${shortInlineCode(heading)})` : '';
  if (loc.field) {
    const match = mapping.matches.find((m) => m.column === loc.column);
    const how = match ? `; ${HOW[match.kind]}` : '';
    const description = escapeMarkdown(FIELD_DESCRIPTIONS[loc.field]);
    return `**${loc.field}**: Classworks field of ${column}${named}${how}.\n\n${description}`;
  }
  const duplicate = mapping.duplicates.find((d) => d.column === loc.column);
  if (duplicate) {
    return `Column ${loc.column + 1}${named} also names **${duplicate.field}**, which column ${duplicate.firstColumn + 1} already holds; the import uses only one of them.`;
  }
  if (mapping.unidentified) {
    return `Column ${loc.column + 1}: the file has no header row Classworks recognises and .classworks.json gives no "columnOrder", so its columns are not matched to fields.`;
  }
  return `Column ${loc.column + 1}${named} is not a Classworks field; the import ignores it.`;
}

function headingOf(rows: readonly Row[], mapping: ColumnMapping, column: number): string | undefined {
  if (!mapping.hasHeader) return undefined;
  const header = rows.find((r) => !r.blank && !r.broken);
  return header?.cells[column]?.value;
}
