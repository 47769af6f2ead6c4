import type { Cell, Row } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import { type ColumnMapping, isUnnamed } from '../mapping/columnMapping';
import { HEADING_ALIASES, normalizeHeading, singularHeading } from '../mapping/headingAliases';
import { cleanHeading, hiddenInHeading } from '../mapping/headingText';
import { repairMojibake } from '../encoding/mojibake';
import type { OffsetEdit, OffsetProblem } from '../problems';
import { describeCharacter, replaceCellValue } from './cellEdits';
import { mojibakeProblem } from './mojibakeValue';
import type { FileContext, FileRule } from './ruleTypes';

/** The field a header column is matched to, if any. */
function fieldOf(mapping: ColumnMapping, column: number): FieldName | undefined {
  return mapping.matches.find((m) => m.column === column)?.field;
}

/**
 * The heading a cleaned heading should become: the Classworks heading when it is that field's
 * name spelled differently, else the cleaned heading itself (an SIS alias, a mapped heading).
 */
function target(cleaned: string, field: FieldName | undefined): string {
  return field !== undefined && normalizeHeading(cleaned) === normalizeHeading(field) ? field : cleaned;
}

function absolute(row: Row, edit: OffsetEdit): OffsetEdit {
  return { start: row.start + edit.start, end: row.start + edit.end, newText: edit.newText };
}

function shifted(row: Row, p: OffsetProblem): OffsetProblem {
  return {
    ...p,
    start: row.start + p.start,
    end: row.start + p.end,
    fix: p.fix && { title: p.fix.title, edits: p.fix.edits.map((e) => absolute(row, e)) },
  };
}

/** Headings with something hidden in them, which header.drift leaves to header.invisible-character. */
function hasHidden(value: string): boolean {
  return repairMojibake(value) !== undefined || hiddenInHeading(value, describeCharacter).length > 0;
}

function headerCells(ctx: FileContext): { header: Row; cells: { column: number; cell: Cell }[] } | undefined {
  const header = ctx.headerRow;
  if (!header || !ctx.mapping.hasHeader) return undefined;
  const cells: { column: number; cell: Cell }[] = [];
  for (let c = 0; c < header.cellCount; c++) {
    const cell = header.cell(c);
    if (cell && !isUnnamed(cell.value)) cells.push({ column: c, cell });
  }
  return { header, cells };
}

/**
 * A heading that looks right but holds something that is not what it looks like: a no-break
 * space, a zero-width space, a byte order mark inside the file, a tab or line break, spaces at
 * its ends or doubled, curly quotes and dashes — or mojibake (`PrÃ©nom`, reported as
 * value.mojibake). The message names each character; the safe fix writes the clean heading.
 */
export const headerInvisibleCharacter: FileRule = {
  kind: 'file',
  code: 'header.invisible-character',
  defaultSeverity: 'warning',
  title: 'A heading holds an invisible or look-alike character (no-break space, zero-width space, BOM, curly quote, spaces at its ends).',
  check(ctx) {
    const found = headerCells(ctx);
    if (!found) return;
    const { header } = found;
    for (const { column, cell } of found.cells) {
      const field = fieldOf(ctx.mapping, column);
      const value = cell.value;
      const repair = repairMojibake(value);
      // A byte order mark read as text ("ï»¿") is told as a hidden character below.
      if (repair && !repair.runs.every((r) => r.original === '\uFEFF')) {
        const problem = mojibakeProblem(cell, `Heading ${column + 1}`, field ?? null, true);
        if (problem) {
          const fixed = target(cleanHeading(repair.repaired), field);
          ctx.report(
            shifted(header, {
              ...problem,
              fix: { title: `Restore the heading "${fixed}" (read back from mojibake)`, edits: [replaceCellValue(cell, fixed)] },
            }),
          );
          continue;
        }
      }
      const hidden = hiddenInHeading(value, describeCharacter);
      if (hidden.length === 0) continue;
      const cleaned = cleanHeading(value);
      if (cleaned === '') continue;
      const fixed = target(cleaned, field);
      const reads = field ? ` (these checks read it as ${field}, but the import would not)` : '';
      ctx.report(
        shifted(header, {
          code: 'header.invisible-character',
          message:
            `Heading ${column + 1} looks like "${cleaned}" but has ${hidden.map((h) => h.description).join(', ')}. ` +
            `The Classworks importer matches headings as they are written, so it would not recognise this one${reads}. ` +
            `Replace it with "${fixed}" (safe fix).`,
          start: cell.valueStart,
          end: cell.valueEnd,
          field: field ?? null,
          fix: { title: `Replace heading ${column + 1} with "${fixed}"`, edits: [replaceCellValue(cell, fixed)] },
        }),
      );
    }
  },
};

/** An SIS heading that is the Classworks heading shortened or lengthened (`Email`, `Grade Level`): drift, not another convention. */
export function isDriftAlias(heading: string, field: FieldName): boolean {
  const normalized = normalizeHeading(heading);
  const name = normalizeHeading(field);
  return normalized !== name && (name.startsWith(normalized) || normalized.startsWith(name));
}

/**
 * A heading that these checks understand but the Classworks importer would not match by itself:
 * the field's name spelled differently (`User Name`, `Birth Date`, `UserType`, `District Id`),
 * shortened or lengthened (`Email`, `Grade Level`), or misspelt (`Frist Name`, `Emial
 * Address`; a warning). The safe fix renames it to the Classworks heading. SIS conventions for
 * a field (`Student Number`, `SIS ID`, `DOB`, `Role`, `School Code`) and headings mapped in
 * .classworks.json are not reported.
 */
export const headerDrift: FileRule = {
  kind: 'file',
  code: 'header.drift',
  defaultSeverity: 'info',
  title: 'A heading is a Classworks heading written differently, shortened or misspelt.',
  check(ctx) {
    const found = headerCells(ctx);
    if (!found) return;
    const { header } = found;
    for (const { column, cell } of found.cells) {
      const match = ctx.mapping.matches.find((m) => m.column === column);
      if (!match || (match.kind !== 'normalized' && match.kind !== 'alias')) continue;
      const value = cell.value;
      if (value === match.field || hasHidden(value)) continue;
      const fuzzy = ctx.mapping.fuzzy.some((f) => f.column === column);
      const field = match.field;
      // "grades", "Birthdates": the heading in the plural, judged as its singular.
      const name = normalizeHeading(field);
      const singular = match.kind === 'alias' ? singularHeading(normalizeHeading(value), (s) => s === name || HEADING_ALIASES[field].includes(s)) : undefined;
      const base = singular ?? value;
      if (match.kind === 'alias' && singular !== name && !isDriftAlias(base, field)) continue;
      const how = fuzzy
        ? `looks like a misspelling of "${field}" (these checks read the column as ${field}, since no other heading names it)`
        : singular === name
          ? `is "${field}" in the plural (each row holds one user's ${field})`
          : match.kind === 'alias'
            ? `is "${field}" ${name.startsWith(normalizeHeading(base)) ? 'shortened' : 'with extra words'}${singular ? ', in the plural' : ''}`
            : `is Classworks' "${field}" written differently`;
      ctx.report(
        shifted(header, {
          code: 'header.drift',
          message:
            `The heading "${value}" (column ${column + 1}) ${how}. The Classworks importer matches its own headings as they are written, so there you would match this column by hand. ` +
            `Rename it to "${field}" (safe fix).`,
          start: cell.valueStart,
          end: cell.valueEnd,
          field,
          fix: { title: `Rename heading "${value}" to "${field}"`, edits: [replaceCellValue(cell, field)] },
          ...(fuzzy ? { severity: 'warning' as const } : {}),
        }),
      );
    }
  },
};
