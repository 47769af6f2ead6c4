import {
  type ApiProblem,
  type ColumnMappingInput,
  formatImportNumber,
  IMPORT_TYPE,
  type ImportDetails,
  type ImportList,
  type ImportOptions,
  type ImportRow,
  type ImportRowsPage,
  type ImportStatus,
  type ImportSummary,
  type RowCounts,
  type RowMessage,
  type RowOutcome,
} from '../../core/importApi';
import { nowIso } from '../clock';
import type { SqliteDb } from '../db/sqlite';
import type { UserFields } from './userStore';

/** What a row's outcome carries besides its identity (also kept before processing: the plan). */
export interface RowResult {
  changes: ImportRow['changes'];
  conflicts: ImportRow['conflicts'];
  school: ImportRow['school'];
  addedToGroup: boolean;
  errors: RowMessage[];
  loginEmail: boolean;
}

export interface NewImportRow {
  line: number;
  districtId: string;
  record: UserFields;
  schoolValue: string;
  passwordHash: string | null;
  passwordSameAs: string | null;
  warnings: RowMessage[];
  plan: RowResult;
}

export interface NewImport {
  accountId: number;
  idempotencyKey: string;
  fingerprint: string;
  /** A salted scrypt hash of all the file's passwords together, to recognise a retry. */
  passwordsDigest: string;
  description: string;
  fileName: string;
  fileText: string;
  mapping: ColumnMappingInput;
  schoolMapping: Record<string, string | null>;
  options: ImportOptions;
  problems: ApiProblem[];
  expectedCounts: RowCounts;
  rows: NewImportRow[];
}

/** A stored row as processing reads it. */
export interface StoredRow {
  seq: number;
  line: number;
  districtId: string;
  record: UserFields;
  schoolValue: string;
  passwordHash: string | null;
  passwordSameAs: string | null;
}

interface ImportDbRow {
  number: number;
  account_id: number;
  username: string;
  name: string;
  email: string;
  idempotency_key: string;
  fingerprint: string;
  description: string;
  file_name: string;
  mapping: string;
  school_mapping: string;
  options: string;
  problems: string;
  status: ImportStatus;
  submitted_at: string;
  started_at: string | null;
  completed_at: string | null;
  attempts: number;
  expected_counts: string;
  counts: string | null;
  failure_reasons: string;
}

const SUMMARY_COLUMNS = `i.number, i.account_id, a.username, a.name, a.email, i.idempotency_key, i.fingerprint, i.description, i.file_name,
  i.mapping, i.school_mapping, i.options, i.problems, i.status, i.submitted_at, i.started_at, i.completed_at, i.attempts,
  i.expected_counts, i.counts, i.failure_reasons`;

export class ImportStore {
  constructor(
    private readonly db: SqliteDb,
    /** When a Scheduled import may start (the next off-peak window), or null for "now". */
    private readonly scheduledFor: () => string | null,
  ) {}

  /** Inserts an import and its rows in one transaction; returns its number. */
  insert(data: NewImport): number {
    return this.db.transaction(() => {
      const number = this.db.run(
        `INSERT INTO imports (account_id, idempotency_key, fingerprint, passwords_digest, type, description, file_name, file_text,
           mapping, school_mapping, options, problems, status, submitted_at, expected_counts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Scheduled', ?, ?)`,
        [
          data.accountId,
          data.idempotencyKey,
          data.fingerprint,
          data.passwordsDigest,
          IMPORT_TYPE,
          data.description,
          data.fileName,
          data.fileText,
          JSON.stringify(data.mapping),
          JSON.stringify(data.schoolMapping),
          JSON.stringify(data.options),
          JSON.stringify(data.problems),
          nowIso(),
          JSON.stringify(data.expectedCounts),
        ],
      ).lastInsertRowid;
      data.rows.forEach((row, seq) => {
        this.db.run(
          `INSERT INTO import_rows (import_number, seq, line, district_id, record, school_value, password_hash, password_same_as, warnings, result)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            number,
            seq,
            row.line,
            row.districtId,
            JSON.stringify(row.record),
            row.schoolValue,
            row.passwordHash,
            row.passwordSameAs,
            JSON.stringify(row.warnings),
            JSON.stringify(row.plan),
          ],
        );
      });
      return number;
    });
  }

  byIdempotencyKey(accountId: number, key: string): { number: number; fingerprint: string; passwordsDigest: string } | undefined {
    const row = this.db.get<{ number: number; fingerprint: string; passwords_digest: string }>(
      'SELECT number, fingerprint, passwords_digest FROM imports WHERE account_id = ? AND idempotency_key = ?',
      [accountId, key],
    );
    return row && { number: Number(row.number), fingerprint: row.fingerprint, passwordsDigest: row.passwords_digest };
  }

  private dbRow(number: number): ImportDbRow | undefined {
    return this.db.get<ImportDbRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM imports i JOIN accounts a ON a.id = i.account_id WHERE i.number = ?`,
      [number],
    );
  }

  private toSummary(r: ImportDbRow): ImportSummary {
    return {
      number: formatImportNumber(Number(r.number)),
      description: r.description,
      type: IMPORT_TYPE,
      fileName: r.file_name,
      status: r.status,
      submittedAt: r.submitted_at,
      submittedBy: { username: r.username, name: r.name },
      scheduledFor: r.status === 'Scheduled' ? this.scheduledFor() : null,
      startedAt: r.started_at,
      completedAt: r.completed_at,
      expectedCounts: JSON.parse(r.expected_counts) as RowCounts,
      counts: r.counts === null ? null : (JSON.parse(r.counts) as RowCounts),
      failureReasons: JSON.parse(r.failure_reasons) as string[],
      options: JSON.parse(r.options) as ImportOptions,
    };
  }

  summary(number: number): ImportSummary | undefined {
    const r = this.dbRow(number);
    return r && this.toSummary(r);
  }

  /** Who submitted an import, for the completion e-mail. */
  submitter(number: number): { username: string; name: string; email: string } | undefined {
    const r = this.dbRow(number);
    return r && { username: r.username, name: r.name, email: r.email };
  }

  details(number: number, groupName: (id: number) => string | undefined): ImportDetails | undefined {
    const r = this.dbRow(number);
    if (!r) return undefined;
    const options = JSON.parse(r.options) as ImportOptions;
    const groupId = options.customGroupId;
    return {
      ...this.toSummary(r),
      options,
      mapping: JSON.parse(r.mapping) as ColumnMappingInput,
      schoolMapping: JSON.parse(r.school_mapping) as Record<string, string | null>,
      customGroup: groupId === null ? null : { id: groupId, name: groupName(groupId) ?? '(deleted group)' },
      problems: JSON.parse(r.problems) as ApiProblem[],
      attempts: Number(r.attempts),
    };
  }

  list(offset: number, limit: number): ImportList {
    const total = Number(this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM imports')?.n ?? 0);
    const rows = this.db.all<ImportDbRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM imports i JOIN accounts a ON a.id = i.account_id ORDER BY i.number DESC LIMIT ? OFFSET ?`,
      [limit, offset],
    );
    return { total, imports: rows.map((r) => this.toSummary(r)) };
  }

  rows(number: number, query: { outcome?: RowOutcome; offset: number; limit: number }): ImportRowsPage {
    const where = query.outcome ? 'AND outcome = ?' : '';
    const params = query.outcome ? [number, query.outcome] : [number];
    const total = Number(this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM import_rows WHERE import_number = ? ${where}`, params)?.n ?? 0);
    const rows = this.db.all<{ line: number; district_id: string; record: string; warnings: string; outcome: RowOutcome; result: string | null; school_value: string }>(
      `SELECT line, district_id, record, warnings, outcome, result, school_value FROM import_rows
       WHERE import_number = ? ${where} ORDER BY seq LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    return {
      total,
      offset: query.offset,
      rows: rows.map((r) => {
        const record = JSON.parse(r.record) as UserFields;
        const result: RowResult = r.result
          ? (JSON.parse(r.result) as RowResult)
          : { changes: [], conflicts: [], school: { value: r.school_value, sisId: null, name: null }, addedToGroup: false, errors: [], loginEmail: false };
        const userType = record['User Type'];
        return {
          line: Number(r.line),
          districtId: r.district_id,
          username: record.Username ?? '',
          firstName: record['First Name'] ?? '',
          lastName: record['Last Name'] ?? '',
          userType: userType === '0' || userType === '1' ? userType : '',
          outcome: r.outcome,
          ...result,
          warnings: JSON.parse(r.warnings) as RowMessage[],
        };
      }),
    };
  }

  /** Every stored row of an import, in file order, with what processing needs. */
  storedRows(number: number): StoredRow[] {
    return this.db
      .all<{ seq: number; line: number; district_id: string; record: string; school_value: string; password_hash: string | null; password_same_as: string | null }>(
        `SELECT seq, line, district_id, record, school_value, password_hash, password_same_as FROM import_rows
         WHERE import_number = ? ORDER BY seq`,
        [number],
      )
      .map((r) => ({
        seq: Number(r.seq),
        line: Number(r.line),
        districtId: r.district_id,
        record: JSON.parse(r.record) as UserFields,
        schoolValue: r.school_value,
        passwordHash: r.password_hash,
        passwordSameAs: r.password_same_as,
      }));
  }

  file(number: number): { fileName: string; text: string } | undefined {
    const r = this.db.get<{ file_name: string; file_text: string }>('SELECT file_name, file_text FROM imports WHERE number = ?', [number]);
    return r && { fileName: r.file_name, text: r.file_text };
  }

  options(number: number): { options: ImportOptions; schoolMapping: Record<string, string | null> } | undefined {
    const r = this.db.get<{ options: string; school_mapping: string }>('SELECT options, school_mapping FROM imports WHERE number = ?', [number]);
    return r && { options: JSON.parse(r.options) as ImportOptions, schoolMapping: JSON.parse(r.school_mapping) as Record<string, string | null> };
  }

  /** The oldest import waiting for processing (Scheduled, or Processing when a run was interrupted). */
  nextJob(): { number: number; status: ImportStatus; attempts: number } | undefined {
    const r = this.db.get<{ number: number; status: ImportStatus; attempts: number }>(
      "SELECT number, status, attempts FROM imports WHERE status IN ('Scheduled', 'Processing') ORDER BY number LIMIT 1",
    );
    return r && { number: Number(r.number), status: r.status, attempts: Number(r.attempts) };
  }

  /** Marks an import Processing and counts the attempt (committed before the import's transaction). */
  markProcessing(number: number): void {
    this.db.run("UPDATE imports SET status = 'Processing', started_at = ?, attempts = attempts + 1 WHERE number = ?", [nowIso(), number]);
  }

  /** Undoes markProcessing for an import whose transaction never began (the service is stopping). */
  unmarkProcessing(number: number): void {
    this.db.run("UPDATE imports SET status = 'Scheduled', started_at = NULL, attempts = attempts - 1 WHERE number = ? AND status = 'Processing'", [number]);
  }

  setRowResult(number: number, seq: number, outcome: RowOutcome, result: RowResult): void {
    this.db.run('UPDATE import_rows SET outcome = ?, result = ? WHERE import_number = ? AND seq = ?', [
      outcome,
      JSON.stringify(result),
      number,
      seq,
    ]);
  }

  /**
   * Records the end of an import. The rows' password hashes were needed only to apply it:
   * they are dropped with the same write.
   */
  finish(number: number, status: ImportStatus, counts: RowCounts | null, reasons: string[]): void {
    this.db.run('UPDATE import_rows SET password_hash = NULL, password_same_as = NULL WHERE import_number = ?', [number]);
    // A Failed import applied none of its rows: they are "not-applied", never left "pending".
    if (status === 'Failed') this.db.run("UPDATE import_rows SET outcome = 'not-applied' WHERE import_number = ? AND outcome = 'pending'", [number]);
    this.db.run('UPDATE imports SET status = ?, completed_at = ?, counts = ?, failure_reasons = ? WHERE number = ?', [
      status,
      nowIso(),
      counts === null ? null : JSON.stringify(counts),
      JSON.stringify(reasons),
      number,
    ]);
  }
}
