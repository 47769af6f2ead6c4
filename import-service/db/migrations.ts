import type { SqliteDb } from './sqlite';

/**
 * The schema, as numbered migrations. The database's `PRAGMA user_version` is the number of
 * the last one applied; each runs in its own transaction. Never edit a released migration:
 * add the next one.
 */
export const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'district, schools, groups, accounts and tokens, users, imports and their rows, mail queue',
    sql: `
      CREATE TABLE district (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL
      );
      INSERT INTO district (id, name) VALUES (1, 'Sandbox District');

      CREATE TABLE schools (
        sis_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE custom_groups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('district-admin', 'school-admin', 'teacher')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        kind TEXT NOT NULL CHECK (kind IN ('bootstrap', 'issued')),
        created_at TEXT NOT NULL
      );

      CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        district_id TEXT NOT NULL UNIQUE,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        email TEXT UNIQUE COLLATE NOCASE,
        fields TEXT NOT NULL,
        school_sis_id TEXT REFERENCES schools (sis_id),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by_import INTEGER,
        updated_by_import INTEGER
      );

      CREATE TABLE group_members (
        group_id INTEGER NOT NULL REFERENCES custom_groups (id),
        user_id INTEGER NOT NULL REFERENCES users (id),
        added_by_import INTEGER,
        added_at TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      );

      CREATE TABLE imports (
        number INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES accounts (id),
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        passwords_digest TEXT NOT NULL,
        type TEXT NOT NULL,
        description TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_text TEXT NOT NULL,
        mapping TEXT NOT NULL,
        school_mapping TEXT NOT NULL,
        options TEXT NOT NULL,
        problems TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        started_at TEXT,
        completed_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        expected_counts TEXT NOT NULL,
        counts TEXT,
        failure_reasons TEXT NOT NULL DEFAULT '[]',
        UNIQUE (account_id, idempotency_key)
      );
      CREATE INDEX imports_by_status ON imports (status, number);

      CREATE TABLE import_rows (
        import_number INTEGER NOT NULL REFERENCES imports (number),
        seq INTEGER NOT NULL,
        line INTEGER NOT NULL,
        district_id TEXT NOT NULL,
        record TEXT NOT NULL,
        school_value TEXT NOT NULL,
        password_hash TEXT,
        password_same_as TEXT,
        warnings TEXT NOT NULL,
        outcome TEXT NOT NULL DEFAULT 'pending',
        result TEXT,
        PRIMARY KEY (import_number, seq)
      );

      CREATE TABLE mail_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        import_number INTEGER REFERENCES imports (number),
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        failed_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT
      );
      CREATE INDEX mail_queue_unsent ON mail_queue (sent_at, failed_at, next_attempt_at);
    `,
  },
];

export function schemaVersion(db: SqliteDb): number {
  return Number(db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0);
}

/** Applies the migrations the database has not seen yet. Returns the versions applied. */
export function migrate(db: SqliteDb): number[] {
  const current = schemaVersion(db);
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The database schema is version ${current}, newer than this service knows (${latest}). Use a newer build of the service.`,
    );
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
    });
    applied.push(m.version);
  }
  return applied;
}
