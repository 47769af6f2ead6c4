import type { School } from '../config/configSchema';
import { type FieldName, REQUIRED_FIELDS } from '../fields';
import type { MatchKind } from '../mapping/columnMapping';
import { EnrollmentDocument } from '../model/enrollmentDocument';
import type { Problem } from '../problems';
import type { ApiProblem } from '../importApi/common';
import type { ColumnMappingInput } from '../importApi/importRequest';
import { buildImportRows, type ImportFileRow } from './buildImportRows';
import { type SchoolMappingInput, schoolsForLint } from './schoolMapping';

export interface MappingIssue {
  code: 'mapping.unknown-column' | 'mapping.required-unmapped' | 'mapping.duplicate-field';
  path: string;
  message: string;
}

export interface AnalyzedColumn {
  /** 1-based. */
  column: number;
  heading: string | null;
  field: FieldName | null;
  how: MatchKind | null;
}

export interface ImportFileAnalysis {
  document: EnrollmentDocument;
  hasHeaderRow: boolean;
  columns: AnalyzedColumn[];
  /** Problems with the mapping itself: the file cannot be read as the request says. */
  mappingIssues: MappingIssue[];
  /** Every problem the editor's rules find, 1-based, in document order. */
  problems: ApiProblem[];
  rows: ImportFileRow[];
}

export interface AnalyzeOptions {
  mapping: ColumnMappingInput;
  schools: readonly School[];
  schoolMapping: SchoolMappingInput;
  fileName?: string;
  today?: Date;
}

/** A core Problem as the API reports it: 1-based line and column. */
export function toApiProblem(p: Problem): ApiProblem {
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    field: p.field,
  };
}

/**
 * Checks an import file the way the editor does, with the request's column mapping and the
 * district's schools, and builds its import rows. Rule severities are the defaults: a client
 * cannot switch a rule off for the import.
 */
export function analyzeImportFile(text: string, options: AnalyzeOptions): ImportFileAnalysis {
  const { mapping: input, schools, schoolMapping } = options;
  const document = new EnrollmentDocument(text, {
    config: {
      schools: schoolsForLint(schoolMapping, schools),
      columns: input.columns,
      columnOrder: input.columnOrder,
      hasHeaderRow: input.hasHeaderRow,
    },
    fileName: options.fileName,
    today: options.today,
  });
  const mapping = document.getMapping();
  const rows = document.getRows();
  const headerRow = mapping.hasHeader ? rows.find((r) => !r.blank && !r.broken) : undefined;
  const headings = headerRow?.cells.map((c) => c.value);
  const issues: MappingIssue[] = [];

  for (const heading of Object.keys(input.columns ?? {})) {
    const present = headings?.some((h) => h === heading || h.trim() === heading.trim());
    if (!present) {
      issues.push({
        code: 'mapping.unknown-column',
        path: `mapping.columns.${heading}`,
        message: headings
          ? `The mapping names the column "${heading}", but the file has no such heading (its headings: ${headings.map((h) => `"${h}"`).join(', ')}).`
          : `The mapping names the column "${heading}", but the file has no header row; map its columns by position with mapping.columnOrder.`,
      });
    }
  }
  const width = Math.max(0, ...rows.filter((r) => !r.blank && !r.broken).map((r) => r.cellCount));
  if (!mapping.hasHeader && input.columnOrder && input.columnOrder.length > width && rows.length > 0) {
    input.columnOrder.forEach((field, index) => {
      if (index >= width && field) {
        issues.push({
          code: 'mapping.unknown-column',
          path: `mapping.columnOrder.${index}`,
          message: `mapping.columnOrder maps column ${index + 1} to ${field}, but the file has only ${width} column${width === 1 ? '' : 's'}.`,
        });
      }
    });
  }
  for (const dup of mapping.duplicates) {
    issues.push({
      code: 'mapping.duplicate-field',
      path: 'mapping',
      message: `Columns ${dup.firstColumn + 1} and ${dup.column + 1} both map to ${dup.field}; map one of them to another field or to null.`,
    });
  }
  if (mapping.unidentified !== 'no-header-no-order' || Object.keys(input.columns ?? {}).length > 0) {
    const unmapped = REQUIRED_FIELDS.filter((f) => mapping.columnOf[f] === undefined);
    if (unmapped.length > 0) {
      issues.push({
        code: 'mapping.required-unmapped',
        path: 'mapping',
        message: `Every required field must be mapped to a column; not mapped: ${unmapped.join(', ')}.`,
      });
    }
  } else {
    issues.push({
      code: 'mapping.required-unmapped',
      path: 'mapping',
      message:
        'The first row is not a header Classworks recognises and the mapping gives no column order: map the headings with mapping.columns, or give mapping.columnOrder for a file without a header row.',
    });
  }

  const columnCount = headings?.length ?? mapping.width ?? width;
  const columns: AnalyzedColumn[] = [];
  for (let c = 0; c < columnCount; c++) {
    const match = mapping.matches.find((m) => m.column === c);
    columns.push({ column: c + 1, heading: headings?.[c] ?? null, field: match?.field ?? null, how: match?.kind ?? null });
  }

  return {
    document,
    hasHeaderRow: mapping.hasHeader,
    columns,
    mappingIssues: issues,
    problems: document.getProblems().map(toApiProblem),
    rows: issues.length === 0 ? buildImportRows(document) : [],
  };
}
