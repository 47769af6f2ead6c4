import { Database, type Statement } from 'node-sqlite3-wasm';

export type SqlValue = string | number | bigint | null | boolean;
export type Params = SqlValue[] | Record<string, SqlValue>;
export type DbRow = Record<string, string | number | bigint | null | Uint8Array>;

/**
 * One connection to the service's SQLite file (node-sqlite3-wasm: SQLite compiled to
 * WebAssembly, so it runs under any Node, VS Code's included, without native addons).
 * Statements are prepared once and reused. The service is single-threaded and owns the
 * file (see dataDir.ts), so one connection serves everything; a transaction is a
 * synchronous function, so nothing else can run inside it.
 */
export class SqliteDb {
  private readonly db: Database;
  private readonly statements = new Map<string, Statement>();

  constructor(readonly file: string) {
    this.db = new Database(file);
    // Rollback journal (the WASM VFS has no shared memory for WAL) with full fsync: a
    // transaction is on disk when COMMIT returns, and a process killed mid-transaction
    // leaves a hot journal that the next open rolls back.
    this.db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  }

  private statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  run(sql: string, params: Params = []): { changes: number; lastInsertRowid: number } {
    const result = this.statement(sql).run(params as never);
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  /**
   * The first row. The statement is run to completion (callers ask for one row): a statement
   * left mid-way would keep the database's read lock held after the call.
   */
  get<T = DbRow>(sql: string, params: Params = []): T | undefined {
    return this.statement(sql).all(params as never)[0] as T | undefined;
  }

  all<T = DbRow>(sql: string, params: Params = []): T[] {
    return this.statement(sql).all(params as never) as T[];
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Runs synchronous reads in one deferred transaction: one snapshot, the file lock taken once. */
  readTransaction<T>(work: () => T): T {
    this.db.exec('BEGIN');
    try {
      return work();
    } finally {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    }
  }

  close(): void {
    for (const s of this.statements.values()) if (!s.isFinalized) s.finalize();
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }
}
