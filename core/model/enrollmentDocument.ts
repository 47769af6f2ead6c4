import type { ClassworksConfig, SeveritySetting } from '../config/configSchema';
import { type Cell, type Row, rowTextLength } from '../csv/csvTypes';
import { parseRows } from '../csv/parseRows';
import { type DelimiterSniff, SNIFF_CHARS, sniffDelimiter } from '../csv/sniffDelimiter';
import { isLazyFix, lazyFix } from '../fixes/lazyFix';
import type { FieldName } from '../fields';
import { type ColumnMapping, mapColumns, sameMapping } from '../mapping/columnMapping';
import type { Fix, OffsetEdit, OffsetFix, OffsetProblem, Problem, Severity } from '../problems';
import { COLUMN_RULES, FILE_RULES, INDEX_RULES, ROW_RULES, RULE_BY_CODE } from '../rules/ruleCatalog';
import { rowCellCount } from '../rules/rowShape';
import type { ColumnContext, ColumnRule, FileContext, IndexRule } from '../rules/ruleTypes';
import { RowStore } from '../csv/rowStore';
import { ChunkedText } from '../text/chunkedText';
import { interpretUserType } from '../values/userTypes';
import { EdgeTracker, alignedDespiteWidth } from './edgeTracker';
import { KeyIndex, keyHash } from './keyIndex';
import { RowChecker } from './rowChecker';
import { NO_KEY, NO_SHAPE, RowTables } from './rowTables';
import { ShapeIndex } from './shapeIndex';
import type { LintOptions } from './lintOptions';
import { positionAt, rowIndexAt } from './positions';

export interface ProblemReport {
  /** The problems shown (all, or the `limit` most severe), in document order. */
  problems: Problem[];
  /** Exact totals by severity, however many are shown. */
  counts: ProblemCounts;
  total: number;
  /** Per rule, the problems left out by the limit. */
  omitted: { code: string; severity: Severity; count: number }[];
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Where an offset falls: which row, which cell, which field. */
export interface CellLocation {
  row: Row;
  rowIndex: number;
  isHeader: boolean;
  column: number;
  cell: Cell;
  field: FieldName | undefined;
  /** Absolute offsets of the cell's raw text. */
  start: number;
  end: number;
}

/** One column a column rule watches: the rule and one of its fields. */
interface ColumnSlot {
  rule: ColumnRule;
  field: FieldName;
}

const COLUMN_SLOTS: readonly ColumnSlot[] = COLUMN_RULES.flatMap((rule) => rule.fields.map((field) => ({ rule, field })));

interface RuleFailure {
  code: string;
  line: number;
  message: string;
}

/**
 * One enrollment file and everything known about it. Edits are applied incrementally:
 * only the rows an edit touches are re-parsed and re-checked, and the cross-row indexes
 * (duplicates, shared passwords) are updated row by row instead of rebuilt.
 */
export class EnrollmentDocument {
  /**
   * The text, shared with the rows, which read their values from it, and with the language
   * server's copy of the document when it passes one in: edited in place, piece by piece.
   */
  private readonly source: ChunkedText;
  /** Counts edits: a lazy fix is worked out only for the text it was made for. */
  private revision = 0;
  private rows: Row[] = [];
  private lastId = 0;
  private readonly nextId = () => ++this.lastId;
  private options: LintOptions;
  private config: ClassworksConfig;
  private severities: Record<string, SeveritySetting> = {};
  private mapping!: ColumnMapping;
  /** Problems of each row by row id, offsets relative to the row start. */
  private readonly rowProblems = new Map<Row, OffsetProblem[]>();
  /** Per index rule: rows by key (duplicates, shared passwords). */
  private readonly indexes = new Map<IndexRule, KeyIndex>();
  /** Per column slot (a column rule and one of its fields): rows by the shape of their value. */
  private shapeIndexes: ShapeIndex[] = [];
  /** Each indexed row's keys and shapes, by Row.slot (forgetRow removes the row by them). */
  private tables = new RowTables(INDEX_RULES.length, COLUMN_SLOTS.length);
  /** The rows' cell boundaries; a new one when every row is read anew. */
  private store!: RowStore;
  /** Checks rows; rebuilt when the mapping or options change. */
  private checker!: RowChecker;
  private lineEndings = { crlf: 0, lf: 0, cr: 0 };
  private fileProblems: OffsetProblem[] | undefined;
  private readonly failures = new Map<string, RuleFailure>();
  /** Row problems as last shown, by the row's problem (see rowProblem). */
  private readonly shownProblems = new WeakMap<OffsetProblem, { line: number; severity: Severity; problem: Problem }>();
  /** The delimiter sniffed from the first records; while it is not a comma, only file.delimiter is reported. */
  private sniff: DelimiterSniff = { delimiter: ',', end: 0 };
  /** Unnamed columns and empty cells past the header, kept row by row (file.trailing-empty, column.unnamed). */
  private readonly edges = new EdgeTracker();
  /**
   * A check of every row that an edit started (the column mapping changed) and that has not
   * finished: the next row to check. Reading problems finishes it; `continueChecking` does it
   * in slices, and a further edit starts it over.
   */
  private pendingCheck: { next: number } | undefined;

  /**
   * Reads `text` and checks every row. With `deferCheck` the rows are read but left to check:
   * `continueChecking` checks them in slices (as after a header edit), reading problems at once.
   */
  constructor(text: string | ChunkedText, options: LintOptions = {}, { deferCheck = false }: { deferCheck?: boolean } = {}) {
    this.source = typeof text === 'string' ? new ChunkedText(text) : text;
    this.options = options;
    this.config = options.config ?? {};
    this.severities = { ...(this.config.rules ?? {}), ...(options.severities ?? {}) };
    this.reparseAll(deferCheck);
  }

  /** The whole text (joined from its pieces when edits cut it: avoid on every keystroke). */
  getText(): string {
    return this.source.getText();
  }

  get length(): number {
    return this.source.length;
  }

  /** Changes with every edit of the text. */
  getRevision(): number {
    return this.revision;
  }

  getMapping(): ColumnMapping {
    return this.mapping;
  }

  getRows(): readonly Row[] {
    return this.rows;
  }

  /** Replaces options (config, settings) and re-checks everything (with `deferCheck`, left to `continueChecking`). */
  setOptions(options: LintOptions, { deferCheck = false }: { deferCheck?: boolean } = {}): void {
    this.options = options;
    this.config = options.config ?? {};
    this.severities = { ...(this.config.rules ?? {}), ...(options.severities ?? {}) };
    this.mapping = this.computeMapping();
    this.startCheckingAll(true);
    if (!deferCheck) this.continueChecking(Number.POSITIVE_INFINITY);
  }

  /**
   * The line endings counted in the file on disk (the editor's text has them normalised), or
   * undefined to count them in the text: they matter to the line-ending rule only, so a change
   * (a save that added a row) checks the file's rules again, not every row.
   */
  setDiskLineEndings(lineEndings: LintOptions['diskLineEndings']): void {
    const before = this.options.diskLineEndings;
    const same = before === lineEndings || (before && lineEndings && before.crlf === lineEndings.crlf && before.lf === lineEndings.lf && before.cr === lineEndings.cr);
    if (same) return;
    this.options = { ...this.options, diskLineEndings: lineEndings };
    this.fileProblems = undefined;
  }

  /**
   * Replaces text[start, end) with `newText` and re-checks what the edit touched. With
   * `sourceEdited`, the text this document was made with (a ChunkedText the caller shares, the
   * language server's copy of the document) already holds the edit: only the model takes it.
   */
  applyEdit(start: number, end: number, newText: string, { sourceEdited = false }: { sourceEdited?: boolean } = {}): void {
    if (!sourceEdited) this.source.replace(start, end, newText);
    this.revision++;
    const source = this.source;
    const rows = this.rows;
    // No rows yet, an edit before the first row (the BOM), or one that makes a BOM by removing
    // what stood before it: nothing to reuse.
    const bomAfter = start === 0 && source.charCodeAt(0) === 0xfeff;
    if (rows.length === 0 || start < (rows[0] as Row).start || bomAfter) return this.reparseAll();
    // An edit among the first records can change the delimiter: then every row is read anew.
    if (start <= this.sniff.end) {
      const sniff = this.sniffDelimiter();
      const changed = sniff.delimiter !== this.sniff.delimiter;
      this.sniff = sniff;
      if (changed) return this.reparseAll();
    }
    const delta = newText.length - (end - start);
    const i = rowIndexAt(rows, start);
    const j = rowIndexAt(rows, end);
    const lo = i > 0 && start <= (rows[i] as Row).start ? i - 1 : i;
    const hi = Math.min(rows.length - 1, j + 1);
    const first = rows[lo] as Row;
    const last = rows[hi] as Row;
    const regionStart = first.start;
    const regionEndNew = last.start + rowTextLength(last) + delta;
    const atEnd = hi === rows.length - 1;
    const region = source.slice(regionStart, regionEndNew);
    const fresh = parseRows(region, 0, region.length, first.line, this.nextId, this.store, this.sniff.delimiter, regionStart);
    const tail = fresh[fresh.length - 1];
    if (!atEnd && (!tail || tail.terminator === '' || tail.broken?.code === 'csv.unclosed-quote')) {
      return this.reparseAll();
    }
    const lineCount = (r: Row) => r.innerLineStarts.length + (r.terminator ? 1 : 0);
    let oldLines = 0;
    for (let k = lo; k <= hi; k++) oldLines += lineCount(rows[k] as Row);
    let newLines = 0;
    for (const r of fresh) newLines += lineCount(r);
    const lineDelta = newLines - oldLines;
    const oldHeader = firstRecord(rows);
    const removed = spliceRows(rows, lo, hi - lo + 1, fresh);
    for (let k = lo + fresh.length; k < rows.length; k++) {
      const r = rows[k] as Row;
      r.start += delta;
      r.line += lineDelta;
    }
    this.fileProblems = undefined;
    const pending = this.pendingCheck;
    if (pending) {
      // Every row is being checked anew. An edit of the header row starts the check over on the
      // new rows (and mapping); any other edit lets it carry on: the rows it replaced are
      // forgotten, and the new rows are checked now if the check had already reached them.
      if (firstRecord(rows) !== oldHeader) {
        this.mapping = this.computeMapping();
        this.startCheckingAll(true);
        return;
      }
      for (const r of removed) this.forgetRow(r);
      for (const r of fresh) this.countEnding(r, 1);
      if (pending.next > lo) {
        for (let k = lo; k < lo + fresh.length; k++) this.checkRowRules(rows[k] as Row, k);
        pending.next = Math.max(lo + fresh.length, pending.next + fresh.length - removed.length);
      }
      return;
    }
    for (const r of removed) this.forgetRow(r);
    // The mapping comes from the first readable row, which need not be row 0 (blank or broken
    // rows may precede it): whenever that row is another one than before, re-map.
    const newHeader = firstRecord(rows);
    if (newHeader !== oldHeader) {
      const mapping = this.computeMapping();
      if (!sameMapping(mapping, this.mapping)) {
        // Every row is checked again, in slices when the caller asks (continueChecking), else when problems are read.
        this.mapping = mapping;
        for (const r of fresh) this.countEnding(r, 1);
        this.startCheckingAll(false);
        return;
      }
      // Same headings, but the header is now another row: the rows outside the edit that
      // became the header or stopped being it are checked again in their new role.
      for (const r of [oldHeader, newHeader]) {
        if (!r || fresh.includes(r)) continue;
        const k = rows.indexOf(r);
        if (k < 0) continue;
        this.forgetRow(r);
        this.checkRow(r, k);
      }
    }
    for (let k = lo; k < lo + fresh.length; k++) this.checkRow(rows[k] as Row, k);
  }

  /** Whether an edit left rows to check (see continueChecking); reading problems checks them first. */
  isChecking(): boolean {
    return this.pendingCheck !== undefined;
  }

  /** How far a check of every row has come: rows checked of all rows; undefined when none is pending. */
  checkProgress(): { checked: number; total: number } | undefined {
    return this.pendingCheck ? { checked: this.pendingCheck.next, total: this.rows.length } : undefined;
  }

  /**
   * Checks rows left by an edit that changed the column mapping, for about `budgetMs`
   * milliseconds; true once every row is checked. Lets a caller (the language server) yield
   * between slices and give up on a check a newer edit makes moot.
   */
  continueChecking(budgetMs: number): boolean {
    const pending = this.pendingCheck;
    if (!pending) return true;
    const deadline = Date.now() + budgetMs;
    const rows = this.rows;
    while (pending.next < rows.length) {
      const end = Math.min(rows.length, pending.next + 256);
      for (let k = pending.next; k < end; k++) this.checkRowRules(rows[k] as Row, k);
      pending.next = end;
      if (Date.now() >= deadline) break;
    }
    if (pending.next < rows.length) return false;
    this.pendingCheck = undefined;
    return true;
  }

  /** All problems, in document order, with severities resolved and `off` rules left out. */
  getProblems(): Problem[] {
    return this.getReport().problems;
  }

  /**
   * The problems to show, at most `limit` of them — the most severe first, then by position,
   * returned in document order — with the exact totals and, per rule, how many were left out.
   * With `total`, fewer are listed when need be, so that the listed ones and one summary per rule
   * left out are at most `total` (an editor that shows a fixed number of problems per file, such
   * as VS Code's 1,000, would otherwise drop the summaries).
   */
  getReport(limit = Number.POSITIVE_INFINITY, { total }: { total?: number } = {}): ProblemReport {
    this.continueChecking(Number.POSITIVE_INFINITY);
    // `start`, `end`: absolute offsets; `rank`: 0 for errors, 1 warnings, 2 the rest (numbers, so that sorting thousands of problems per keystroke compares numbers only).
    const items: { p: OffsetProblem; base: number; severity: Severity; row: Row | undefined; start: number; end: number; rank: number }[] = [];
    const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
    const add = (p: OffsetProblem, base: number, row?: Row) => {
      const severity = this.severityOf(p);
      if (!severity) return;
      items.push({ p, base, severity, row, start: base + p.start, end: base + p.end, rank: severity === 'error' ? 0 : severity === 'warning' ? 1 : 2 });
      if (severity === 'error') counts.errors++;
      else if (severity === 'warning') counts.warnings++;
      else counts.infos++;
    };
    // Blank rows at the end are one file.trailing-empty problem, not one row.blank each.
    const trailing = this.severities['file.trailing-empty'] === 'off' ? undefined : new Set(this.trailingBlankRows());
    for (const [row, problems] of this.rowProblems) {
      for (const p of problems) if (!(trailing?.has(row) && p.code === 'row.blank')) add(p, row.start, row);
    }
    for (const rule of INDEX_RULES) {
      const column = this.mapping.columnOf[rule.field];
      const index = this.indexes.get(rule);
      if (column === undefined || !index) continue;
      for (const group of index.sharedGroups()) {
        const firstRow = group[0] as Row;
        const firstCell = firstRow.cell(column) as Cell;
        for (const row of group.slice(1)) {
          const cell = row.cell(column) as Cell;
          const p = rule.describe(row, cell, { row: firstRow, line: firstRow.line });
          p.related = [
            {
              start: firstRow.start + firstCell.valueStart - row.start,
              end: firstRow.start + firstCell.valueEnd - row.start,
              message: `first used here (line ${firstRow.line + 1})`,
            },
          ];
          add(p, row.start);
        }
      }
    }
    this.columnProblems(add);
    for (const p of this.getFileProblems()) add(p, 0);
    const byPosition = (a: (typeof items)[number], b: (typeof items)[number]) => a.start - b.start || a.end - b.end;
    let shown = items;
    const omitted = new Map<string, { code: string; severity: Severity; count: number }>();
    const most = Math.min(limit, total ?? Number.POSITIVE_INFINITY);
    if (items.length > most) {
      items.sort((a, b) => a.rank - b.rank || a.start - b.start || a.end - b.end);
      let count = Math.max(0, most);
      if (total !== undefined) {
        // Fewer listed, so that they and one summary per rule left out stay within `total`.
        for (;;) {
          const left = new Set<string>();
          for (let k = count; k < items.length; k++) left.add((items[k] as (typeof items)[number]).p.code);
          if (count + left.size <= total || count === 0) break;
          count = Math.max(0, total - left.size);
        }
      }
      shown = items.slice(0, count);
      for (const { p, severity } of items.slice(shown.length)) {
        const entry = omitted.get(p.code) ?? { code: p.code, severity, count: 0 };
        entry.count++;
        omitted.set(p.code, entry);
      }
    }
    shown.sort(byPosition);
    return {
      problems: shown.map(({ p, base, severity, row }) => (row ? this.rowProblem(p, row, severity) : this.toProblem(shift(p, base), severity))),
      counts,
      total: items.length,
      omitted: [...omitted.values()],
    };
  }

  getCounts(): ProblemCounts {
    return this.getReport(0).counts;
  }

  positionAt(offset: number) {
    return positionAt(this.rows, offset);
  }

  /** The cell at an absolute offset, or undefined between cells or outside rows. */
  cellAt(offset: number): CellLocation | undefined {
    if (this.rows.length === 0) return undefined;
    const rowIndex = rowIndexAt(this.rows, offset);
    const row = this.rows[rowIndex] as Row;
    const rel = offset - row.start;
    if (rel < 0 || rel > row.length) return undefined;
    let column = -1;
    let cell: Cell | undefined;
    for (let i = 0; i < row.cellCount; i++) {
      const c = row.cell(i) as Cell;
      if (rel >= c.start && rel <= c.end) {
        column = i;
        cell = c;
        break;
      }
    }
    if (!cell) return undefined;
    const isHeader = this.mapping.hasHeader && rowIndex === 0;
    const field = (Object.keys(this.mapping.columnOf) as FieldName[]).find((f) => this.mapping.columnOf[f] === column);
    return { row, rowIndex, isHeader, column, cell, field, start: row.start + cell.start, end: row.start + cell.end };
  }

  /** Rule failures since the last full check (a rule that threw is reported, never fatal). */
  getRuleFailures(): readonly RuleFailure[] {
    this.continueChecking(Number.POSITIVE_INFINITY);
    return [...this.failures.values()];
  }

  // ---- internals ----

  private reparseAll(deferCheck = false): void {
    const text = this.source.getText();
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.rowProblems.clear();
    this.sniff = this.sniffDelimiter();
    this.store = new RowStore(this.source, text.length);
    this.rows = parseRows(text, bom, text.length, 0, this.nextId, this.store, this.sniff.delimiter);
    this.store.trim();
    this.lineEndings = { crlf: 0, lf: 0, cr: 0 };
    for (const r of this.rows) this.countEnding(r, 1);
    this.mapping = this.computeMapping();
    this.startCheckingAll(false);
    if (!deferCheck) this.continueChecking(Number.POSITIVE_INFINITY);
  }

  /** Forgets every row's problems and index entries; the rows are then checked by continueChecking. */
  private startCheckingAll(recount: boolean): void {
    this.rowProblems.clear();
    this.failures.clear();
    this.edges.clear();
    if (recount) {
      this.lineEndings = { crlf: 0, lf: 0, cr: 0 };
      for (const r of this.rows) this.countEnding(r, 1);
    }
    // The indexes start empty (their tables are kept for the new check): so do the rows' slots.
    for (const rule of INDEX_RULES) {
      const index = this.indexes.get(rule);
      if (index) index.clear(this.rows.length);
      else this.indexes.set(rule, new KeyIndex((row) => this.indexKeyOf(rule, row), this.rows.length));
    }
    this.shapeIndexes = COLUMN_SLOTS.map(() => new ShapeIndex());
    for (const r of this.rows) r.slot = -1;
    this.tables.reset(this.rows.length);
    this.checker = new RowChecker(this.mapping, this.config, this.options.today ?? new Date());
    this.fileProblems = undefined;
    this.pendingCheck = { next: 0 };
  }

  /** The delimiter of the first records (read from the start of the text only). */
  private sniffDelimiter(): DelimiterSniff {
    const source = this.source;
    const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
    return sniffDelimiter(source.slice(0, Math.min(source.length, bom + SNIFF_CHARS + 2)), bom);
  }

  private computeMapping(): ColumnMapping {
    return mapColumns(firstRecord(this.rows)?.cells.map((c) => c.value), this.config);
  }

  private headerIndex(): number {
    return this.mapping.hasHeader ? this.rows.findIndex((r) => !r.blank && !r.broken) : -1;
  }

  private countEnding(row: Row, sign: 1 | -1): void {
    if (row.terminator === '\r\n') this.lineEndings.crlf += sign;
    else if (row.terminator === '\n') this.lineEndings.lf += sign;
    else if (row.terminator === '\r') this.lineEndings.cr += sign;
  }

  private forgetRow(row: Row): void {
    this.rowProblems.delete(row);
    this.countEnding(row, -1);
    this.edges.remove(row);
    const slot = row.slot;
    if (slot < 0) return;
    row.slot = -1;
    this.tables.free(slot);
    const keys = this.tables.keys;
    for (let k = 0; k < INDEX_RULES.length; k++) {
      const hash = keys[slot * INDEX_RULES.length + k] as number;
      if (hash !== NO_KEY) this.indexes.get(INDEX_RULES[k] as IndexRule)?.remove(hash, row);
    }
    const shapes = this.tables.shapes;
    for (let k = 0; k < COLUMN_SLOTS.length; k++) {
      const shape = shapes[slot * COLUMN_SLOTS.length + k] as number;
      if (shape !== NO_SHAPE) this.shapeIndexes[k]?.remove(this.tables.shapeName(shape), row);
    }
  }

  private checkRow(row: Row, index: number): void {
    this.countEnding(row, 1);
    this.checkRowRules(row, index);
  }

  private checkRowRules(row: Row, index: number): void {
    let problems: OffsetProblem[] = [];
    if (this.sniff.delimiter !== ',' && !row.broken) {
      // Another delimiter than the comma: every cell problem would follow from it (file.delimiter).
    } else if (row.broken) {
      problems.push(this.brokenProblem(row));
    } else if (row.blank || allEmpty(row)) {
      problems.push({
        code: 'row.blank',
        message: row.blank
          ? 'Blank line. The importer may read it as a user with every field empty and reject the file. Delete the line.'
          : 'This row has no values, only separators (a spreadsheet leaves such rows behind). The importer may read it as a user with every field empty and reject the file. Delete the row.',
        start: 0,
        end: row.blank ? row.terminator.length : row.length,
        field: null,
        fix: { title: row.blank ? 'Delete the blank line' : 'Delete the empty row', edits: [{ start: 0, end: row.length + row.terminator.length, newText: '' }] },
      });
    } else if (index !== this.headerIndex() && !this.mapping.unidentified) {
      const checker = this.checker;
      checker.reset(row);
      // With a cell too many or too few, values may sit under the wrong heading (a password under
      // Birthdate, say): report the shape alone rather than value problems that mislead or leak.
      // (Empty cells past the last heading, or missing ones under empty headings, shift nothing.)
      const shifted = !alignedDespiteWidth(row, this.mapping);
      for (const rule of shifted ? [rowCellCount] : ROW_RULES) {
        try {
          rule.check(checker);
        } catch (error) {
          this.ruleFailed(rule.code, row, error);
        }
      }
      problems = checker.problems;
      this.edges.add(row, this.mapping);
      if (!shifted) this.indexRow(row);
    }
    if (problems.length > 0) this.rowProblems.set(row, problems.map(detachProblem));
    else this.rowProblems.delete(row);
  }

  private brokenProblem(row: Row): OffsetProblem {
    const seed = row.broken as NonNullable<Row['broken']>;
    if (seed.code === 'csv.unclosed-quote') {
      const swallowed = row.innerLineStarts.filter((s) => s > seed.at).length + (row.terminator ? 1 : 0);
      const what =
        swallowed === 0
          ? 'so the rest of this last line is read as one value and this user cannot be imported'
          : `so the rest of the file (${swallowed} line${swallowed === 1 ? '' : 's'}) is read as one value and none of those users can be imported`;
      return {
        code: 'csv.unclosed-quote',
        message: `This quote opens a cell that is never closed, ${what}. Add the closing quote, or remove this one if the value was not meant to be quoted.`,
        start: seed.at,
        end: seed.at + 1,
        field: null,
      };
    }
    return {
      code: 'csv.malformed',
      message: `This row cannot be read as CSV (${seed.message}), so it cannot be imported. Check its quotes: a quoted value must start and end with " and a " inside it is written "".`,
      start: 0,
      end: row.length,
      field: null,
    };
  }

  /**
   * Adds a row to the indexes (by the hash of each key) and files it under the shape of its
   * values in the columns the column rules keep; called right after the checker checked it (its
   * values are read). The keys and shapes go into the row's slot of the per-row tables, which
   * forgetRow removes it by.
   */
  private indexRow(row: Row): void {
    const slot = (row.slot = this.tables.take());
    const keys = this.tables.keys;
    for (let k = 0; k < INDEX_RULES.length; k++) {
      keys[slot * INDEX_RULES.length + k] = NO_KEY;
      const rule = INDEX_RULES[k] as IndexRule;
      const value = this.checker.value(rule.field);
      if (value === undefined) continue;
      let hash: number | undefined;
      try {
        if (rule.hash) hash = rule.hash(value, row.ascii);
        else {
          const key = rule.key(value);
          hash = key === undefined ? undefined : keyHash(key);
        }
      } catch (error) {
        this.ruleFailed(rule.code, row, error);
      }
      if (hash === undefined) continue;
      keys[slot * INDEX_RULES.length + k] = hash;
      this.indexes.get(rule)?.add(hash, row);
    }
    const shapes = this.tables.shapes;
    for (let k = 0; k < COLUMN_SLOTS.length; k++) {
      const { rule, field } = COLUMN_SLOTS[k] as ColumnSlot;
      shapes[slot * COLUMN_SLOTS.length + k] = NO_SHAPE;
      const value = this.checker.value(field);
      let shape: string | undefined;
      try {
        shape = value === undefined ? undefined : rule.shape(value);
      } catch (error) {
        this.ruleFailed(rule.code, row, error);
      }
      if (shape === undefined) continue;
      shapes[slot * COLUMN_SLOTS.length + k] = this.tables.shapeId(shape);
      this.shapeIndexes[k]?.add(shape, row);
    }
  }

  /** A row's key for an index rule, read again (KeyIndex asks for rows whose keys' hashes collide or match). */
  private indexKeyOf(rule: IndexRule, row: Row): string | undefined {
    const column = this.mapping.columnOf[rule.field];
    const value = column === undefined ? undefined : row.value(column);
    try {
      return value === undefined ? undefined : rule.key(value);
    } catch {
      return undefined; // reported when the row was indexed
    }
  }

  /**
   * Problems that come from a column's facts (its usual ID width, its day-first dates), made
   * now from the shape indexes, so that a change of a fact re-reports every row it affects.
   */
  private columnProblems(add: (p: OffsetProblem, base: number) => void): void {
    COLUMN_SLOTS.forEach(({ rule, field }, k) => {
      const column = this.mapping.columnOf[field];
      const index = this.shapeIndexes[k];
      if (column === undefined || !index) return;
      const userTypeColumn = this.mapping.columnOf['User Type'];
      const ctx: ColumnContext = {
        field,
        column,
        count: (shape) => index.count(shape),
        shapes: () => index.shapes(),
        rows: (shape, ordered) => index.rows(shape, ordered),
        cell: (row, other = field) => {
          const c = this.mapping.columnOf[other];
          return c === undefined ? undefined : row.cell(c);
        },
        userType: (row) => {
          const value = userTypeColumn === undefined ? undefined : row.value(userTypeColumn);
          return value === undefined ? undefined : interpretUserType(value);
        },
        config: this.config,
        today: this.checker.today,
        report: (row, p) => add(p, row.start),
      };
      try {
        rule.check(ctx);
      } catch (error) {
        this.options.onRuleError?.(rule.code, error);
        if (!this.failures.has(rule.code)) {
          this.failures.set(rule.code, { code: rule.code, line: 0, message: error instanceof Error ? error.message : String(error) });
          this.fileProblems = undefined;
        }
      }
    });
  }

  private ruleFailed(code: string, row: Row, error: unknown): void {
    this.options.onRuleError?.(code, error);
    if (!this.failures.has(code)) {
      this.failures.set(code, { code, line: row.line, message: error instanceof Error ? error.message : String(error) });
      this.fileProblems = undefined;
    }
  }

  private getFileProblems(): OffsetProblem[] {
    if (this.fileProblems) return this.fileProblems;
    const problems: OffsetProblem[] = [];
    const headerIndex = this.headerIndex();
    const headerRow = headerIndex >= 0 ? this.rows[headerIndex] : undefined;
    const source = this.source;
    const rows = this.rows;
    const ctx: FileContext = {
      get text() {
        return source.getText();
      },
      rows: this.rows,
      mapping: this.mapping,
      headerRow,
      // Read by few rules, and then seldom: not copied on every edit.
      get dataRows() {
        return headerIndex >= 0 ? rows.slice(headerIndex + 1) : rows;
      },
      config: this.config,
      fileName: this.options.fileName,
      lineEndings: this.options.diskLineEndings ?? this.lineEndings,
      lineEndingsFromDisk: this.options.diskLineEndings !== undefined,
      delimiter: this.sniff.delimiter,
      edges: this.edges.facts(this.trailingBlankRows()),
      cellStart: (row, cell) => row.start + cell.start,
      report: (p) => problems.push(p),
    };
    // While the delimiter is not a comma, its problem stands alone.
    for (const rule of this.sniff.delimiter === ',' ? FILE_RULES : FILE_RULES.filter((r) => r.code === 'file.delimiter')) {
      try {
        rule.check(ctx);
      } catch (error) {
        this.options.onRuleError?.(rule.code, error);
        if (!this.failures.has(rule.code)) {
          this.failures.set(rule.code, { code: rule.code, line: 0, message: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    for (const failure of this.failures.values()) {
      problems.push({
        code: 'internal.rule-failed',
        message: `The check "${failure.code}" failed (${failure.message}) near line ${failure.line + 1}; its results may be missing from this file. The other checks ran. Please report this with the file's shape (not its data).`,
        start: this.rows[0]?.start ?? 0,
        end: this.rows[0]?.start ?? 0,
        field: null,
      });
    }
    this.fileProblems = problems;
    return problems;
  }

  /** The blank rows (empty lines, rows of separators) after the last row with a value; none when no row has one. */
  private trailingBlankRows(): Row[] {
    const rows = this.rows;
    let k = rows.length;
    while (k > 0) {
      const row = rows[k - 1] as Row;
      if (row.broken || !(row.blank || allEmpty(row))) break;
      k--;
    }
    return k === 0 ? [] : rows.slice(k);
  }

  private severityOf(p: OffsetProblem): Severity | undefined {
    const setting = this.severities[p.code];
    if (setting === 'off') return undefined;
    if (setting) return setting;
    return p.severity ?? RULE_BY_CODE.get(p.code)?.defaultSeverity ?? 'error';
  }

  /**
   * A problem a row rule found, as shown: made once and kept while the row stays on the same
   * line (its positions are counted from the row's line, whatever the row's offset: an edit
   * in an earlier row moves it without changing them), so that a keystroke converts only the
   * problems of the rows it changed. Problems with fixes worked out when read are made anew.
   */
  private rowProblem(p: OffsetProblem, row: Row, severity: Severity): Problem {
    const cached = this.shownProblems.get(p);
    if (cached && cached.line === row.line && cached.severity === severity) return cached.problem;
    const problem = this.toProblem(shift(p, row.start), severity);
    const lazy = (p.fix !== undefined && isLazyFix(p.fix)) || (p.suggestions ?? []).some(isLazyFix);
    if (!lazy) this.shownProblems.set(p, { line: row.line, severity, problem });
    return problem;
  }

  private toProblem(p: OffsetProblem, severity: Severity): Problem {
    const range = (start: number, end: number) => ({ start: this.positionAt(start), end: this.positionAt(end) });
    const fix = (f: OffsetFix): Fix => {
      const convert = () => f.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText }));
      if (!isLazyFix(f)) return { title: f.title, edits: convert() };
      // Worked out when read, for this text only (a fix for an older text has nothing to apply).
      const revision = this.revision;
      return lazyFix(f.title, () => (this.revision === revision ? convert() : []));
    };
    return {
      code: p.code,
      severity,
      message: p.message,
      range: range(p.start, p.end),
      field: p.field,
      fix: p.fix ? fix(p.fix) : undefined,
      suggestions: (p.suggestions ?? []).map(fix),
      related: p.related?.map((r) => ({ range: range(r.start, r.end), message: r.message })),
      ...(p.editorCommand ? { editorCommand: p.editorCommand } : {}),
    };
  }
}

/**
 * `rows.splice(start, count, ...fresh)`, in place, for any number of fresh rows (spreading
 * 100,000 or more arguments overflows the stack: a paste or a reload of most of a large file).
 */
function spliceRows(rows: Row[], start: number, count: number, fresh: readonly Row[]): Row[] {
  if (fresh.length <= 10_000) return rows.splice(start, count, ...fresh);
  const removed = rows.slice(start, start + count);
  const tail = rows.slice(start + count);
  rows.length = start;
  for (const row of fresh) rows.push(row);
  for (const row of tail) rows.push(row);
  return removed;
}

/** The first row csv-parse could read that is not blank: the header, when the file has one. */
function firstRecord(rows: readonly Row[]): Row | undefined {
  return rows.find((r) => !r.blank && !r.broken);
}

function shiftEdit(e: OffsetEdit, base: number): OffsetEdit {
  return { start: e.start + base, end: e.end + base, newText: e.newText };
}

function shift(p: OffsetProblem, base: number): OffsetProblem {
  if (base === 0) return p;
  return {
    ...p,
    start: p.start + base,
    end: p.end + base,
    fix: p.fix && { title: p.fix.title, edits: p.fix.edits.map((e) => shiftEdit(e, base)) },
    suggestions: p.suggestions?.map((f) => ({ title: f.title, edits: f.edits.map((e) => shiftEdit(e, base)) })),
    related: p.related?.map((r) => ({ ...r, start: r.start + base, end: r.end + base })),
  };
}

/**
 * A copy of a string that does not keep the document text alive: values are slices of the text,
 * and a slice (or a message built from one) held past an edit would retain the old text.
 */
function detach(value: string): string;
function detach(value: string | undefined): string | undefined;
function detach(value: string | undefined): string | undefined {
  return value !== undefined && value.length >= 13 ? (value + ' ').slice(0, -1) : value;
}

function detachFix(fix: OffsetFix): OffsetFix {
  return { title: detach(fix.title), edits: fix.edits.map((e) => ({ start: e.start, end: e.end, newText: detach(e.newText) })) };
}

/** Problems cached per row outlive edits elsewhere: keep none of their strings tied to the text. */
function detachProblem(p: OffsetProblem): OffsetProblem {
  return {
    ...p,
    message: detach(p.message),
    fix: p.fix && detachFix(p.fix),
    suggestions: p.suggestions?.map(detachFix),
    related: p.related?.map((r) => ({ ...r, message: detach(r.message) })),
  };
}

/** A row of separators only (",,,,"), which a spreadsheet leaves behind. */
function allEmpty(row: Row): boolean {
  if (row.cellCount < 2) return false;
  for (let i = 0; i < row.cellCount; i++) if ((row.value(i) as string).trim() !== '') return false;
  return true;
}
