import type { DistrictUser, DistrictUsersPage } from '../../core/importApi';
import { formatImportNumber } from '../../core/importApi';
import type { RecordField } from '../../core/importFile';
import { nowIso } from '../clock';
import type { SqliteDb } from '../db/sqlite';

export type UserFields = Partial<Record<RecordField, string>>;

/** A district user as stored. `passwordHash` stays inside the service. */
export interface UserRecord {
  id: number;
  districtId: string;
  username: string;
  email: string | null;
  fields: UserFields;
  schoolSisId: string | null;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
  createdByImport: number | null;
  updatedByImport: number | null;
}

export interface UserRow {
  id: number;
  district_id: string;
  username: string;
  email: string | null;
  fields: string;
  school_sis_id: string | null;
  password_hash: string;
  created_at: string;
  updated_at: string;
  created_by_import: number | null;
  updated_by_import: number | null;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    districtId: row.district_id,
    username: row.username,
    email: row.email,
    fields: JSON.parse(row.fields) as UserFields,
    schoolSisId: row.school_sis_id,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdByImport: row.created_by_import === null ? null : Number(row.created_by_import),
    updatedByImport: row.updated_by_import === null ? null : Number(row.updated_by_import),
  };
}

/** Only the fields that hold a value are stored. */
function compact(fields: UserFields): UserFields {
  const out: UserFields = {};
  for (const [k, v] of Object.entries(fields) as [RecordField, string | undefined][]) if (v) out[k] = v;
  return out;
}

/** The key SQLite's NOCASE collation compares by: only the ASCII letters A–Z are folded. */
export function nocaseKey(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/**
 * The district's users in memory, read with one statement, and looked up as UserStore's
 * queries would (District ID exactly; username and e-mail under NOCASE, both UNIQUE): a plan
 * of N rows costs no SQLite call per row (each call outside a transaction takes and releases
 * the file lock, which dominated a preview's time). Stays true while the holder applies rows
 * only through `inserted`, `updated` and `addedToGroup`.
 */
export class UserIndex {
  private readonly rows = new Map<string, UserRow>();
  private readonly records = new Map<string, UserRecord>();
  private readonly usernames = new Map<string, string>();
  private readonly emails = new Map<string, string>();
  private readonly members = new Set<string>();

  constructor(users: readonly UserRow[], members: readonly { group_id: number; user_id: number }[]) {
    for (const row of users) this.add(row);
    for (const m of members) this.members.add(`${Number(m.group_id)}:${Number(m.user_id)}`);
  }

  private add(row: UserRow): void {
    this.rows.set(row.district_id, row);
    this.records.delete(row.district_id);
    this.usernames.set(nocaseKey(row.username), row.district_id);
    if (row.email !== null) this.emails.set(nocaseKey(row.email), row.district_id);
  }

  get size(): number {
    return this.rows.size;
  }

  byDistrictId(districtId: string): UserRecord | undefined {
    let record = this.records.get(districtId);
    if (record) return record;
    const row = this.rows.get(districtId);
    if (!row) return undefined;
    record = toRecord(row);
    this.records.set(districtId, record);
    return record;
  }

  usernameOwner(username: string): string | undefined {
    return this.usernames.get(nocaseKey(username));
  }

  emailOwner(email: string): string | undefined {
    if (!email) return undefined;
    return this.emails.get(nocaseKey(email));
  }

  isMember(groupId: number, userId: number): boolean {
    return this.members.has(`${groupId}:${userId}`);
  }

  /** After UserStore.insert or update: the user as now stored. */
  stored(row: UserRow): void {
    const before = this.rows.get(row.district_id);
    if (before) {
      if (this.usernames.get(nocaseKey(before.username)) === before.district_id) this.usernames.delete(nocaseKey(before.username));
      if (before.email !== null && this.emails.get(nocaseKey(before.email)) === before.district_id) this.emails.delete(nocaseKey(before.email));
    }
    this.add(row);
  }

  addedToGroup(groupId: number, userId: number): void {
    this.members.add(`${groupId}:${userId}`);
  }
}

/** How many keys one lookup statement takes. */
const KEY_CHUNK = 200;

export class UserStore {
  constructor(private readonly db: SqliteDb) {}

  /**
   * The users a plan of these rows can look up, read at once: those with one of the rows'
   * District IDs, usernames or e-mail addresses (under the columns' NOCASE collation), and for
   * `groupId` its members. That is every user planRow asks about: a row's own user (by District
   * ID), and the owners of the username and e-mail the row would give it (the file's, or the
   * user's own). Read in one read transaction (or inside the caller's), a chunk of keys per
   * statement, so a small file costs little in a large district and no row costs a query; a file
   * about as large as the district reads all its users in one statement (`how` forces either).
   */
  index(
    groupId: number | null,
    keys: { districtIds: readonly string[]; usernames: readonly string[]; emails: readonly string[] },
    how: 'auto' | 'keys' | 'all' = 'auto',
  ): UserIndex {
    const read = () => {
      const found = new Map<number, UserRow>();
      // A key costs about as much as reading a few users whole: a file that is not much smaller
      // than the district reads the district in one statement instead.
      const all = how === 'all' || (how === 'auto' && keys.districtIds.length * 5 >= this.count());
      if (all) {
        const members = groupId === null ? [] : this.db.all<{ group_id: number; user_id: number }>('SELECT group_id, user_id FROM group_members WHERE group_id = ?', [groupId]);
        return new UserIndex(this.db.all<UserRow>('SELECT * FROM users'), members);
      }
      const byColumn = (column: 'district_id' | 'username' | 'email', values: readonly string[]) => {
        const distinct = [...new Set([...values].filter((v) => v !== ''))];
        for (let i = 0; i < distinct.length; i += KEY_CHUNK) {
          const chunk = distinct.slice(i, i + KEY_CHUNK);
          // Padded to the chunk size with a repeated key: one prepared statement per column.
          while (chunk.length < KEY_CHUNK) chunk.push(chunk[0] as string);
          const placeholders = `?${',?'.repeat(KEY_CHUNK - 1)}`;
          for (const row of this.db.all<UserRow>(`SELECT * FROM users WHERE ${column} IN (${placeholders})`, chunk)) found.set(Number(row.id), row);
        }
      };
      byColumn('district_id', keys.districtIds);
      byColumn('username', keys.usernames);
      byColumn('email', keys.emails);
      const members = groupId === null ? [] : this.db.all<{ group_id: number; user_id: number }>('SELECT group_id, user_id FROM group_members WHERE group_id = ?', [groupId]);
      return new UserIndex([...found.values()], members);
    };
    return this.db.inTransaction ? read() : this.db.readTransaction(read);
  }

  byDistrictId(districtId: string): UserRecord | undefined {
    const row = this.db.get<UserRow>('SELECT * FROM users WHERE district_id = ?', [districtId]);
    return row && toRecord(row);
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.db.get<UserRow>('SELECT * FROM users WHERE username = ? COLLATE NOCASE', [username]);
    return row && toRecord(row);
  }

  /** The District ID of the user who has this username, if any. */
  usernameOwner(username: string): string | undefined {
    return this.db.get<{ district_id: string }>('SELECT district_id FROM users WHERE username = ? COLLATE NOCASE', [username])
      ?.district_id;
  }

  emailOwner(email: string): string | undefined {
    if (!email) return undefined;
    return this.db.get<{ district_id: string }>('SELECT district_id FROM users WHERE email = ? COLLATE NOCASE', [email])?.district_id;
  }

  isMember(groupId: number, userId: number): boolean {
    return this.db.get('SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?', [groupId, userId]) !== undefined;
  }

  /** Adds a user; returns the row as stored (for a UserIndex). */
  insert(user: { districtId: string; fields: UserFields; schoolSisId: string | null; passwordHash: string }, importNumber: number): UserRow {
    const now = nowIso();
    const row: Omit<UserRow, 'id'> = {
      district_id: user.districtId,
      ...storedColumns(user),
      created_at: now,
      updated_at: now,
      created_by_import: importNumber,
      updated_by_import: null,
    };
    const id = this.db.run(
      `INSERT INTO users (district_id, username, email, fields, school_sis_id, password_hash, created_at, updated_at, created_by_import, updated_by_import)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [row.district_id, row.username, row.email, row.fields, row.school_sis_id, row.password_hash, now, now, importNumber],
    ).lastInsertRowid;
    return { id, ...row };
  }

  /** Rewrites an existing user; returns the row as stored (for a UserIndex). */
  update(existing: UserRecord, user: { fields: UserFields; schoolSisId: string | null; passwordHash: string }, importNumber: number): UserRow {
    const row: UserRow = {
      id: existing.id,
      district_id: existing.districtId,
      ...storedColumns(user),
      created_at: existing.createdAt,
      updated_at: nowIso(),
      created_by_import: existing.createdByImport,
      updated_by_import: importNumber,
    };
    this.db.run(
      `UPDATE users SET username = ?, email = ?, fields = ?, school_sis_id = ?, password_hash = ?, updated_at = ?, updated_by_import = ?
       WHERE id = ?`,
      [row.username, row.email, row.fields, row.school_sis_id, row.password_hash, row.updated_at, importNumber, row.id],
    );
    return row;
  }

  addToGroup(groupId: number, userId: number, importNumber: number): void {
    this.db.run('INSERT OR IGNORE INTO group_members (group_id, user_id, added_by_import, added_at) VALUES (?, ?, ?, ?)', [
      groupId,
      userId,
      importNumber,
      nowIso(),
    ]);
  }

  count(): number {
    return Number(this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users')?.n ?? 0);
  }

  list(query: { districtId?: string; offset: number; limit: number }): DistrictUsersPage {
    const where = query.districtId === undefined ? '' : 'WHERE district_id = ?';
    const params = query.districtId === undefined ? [] : [query.districtId];
    const total = Number(this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users ${where}`, params)?.n ?? 0);
    const rows = this.db.all<UserRow>(`SELECT * FROM users ${where} ORDER BY district_id LIMIT ? OFFSET ?`, [
      ...params,
      query.limit,
      query.offset,
    ]);
    const users: DistrictUser[] = rows.map((row) => {
      const r = toRecord(row);
      const groups = this.db
        .all<{ group_id: number }>('SELECT group_id FROM group_members WHERE user_id = ? ORDER BY group_id', [r.id])
        .map((g) => Number(g.group_id));
      return {
        districtId: r.districtId,
        fields: r.fields as Record<string, string>,
        schoolSisId: r.schoolSisId,
        groups,
        createdByImport: r.createdByImport === null ? null : formatImportNumber(r.createdByImport),
        updatedByImport: r.updatedByImport === null ? null : formatImportNumber(r.updatedByImport),
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      };
    });
    return { total, offset: query.offset, users };
  }
}

/** The columns an import writes for a user (its fields, the username and e-mail kept apart for lookups, its school and password hash). */
function storedColumns(user: { fields: UserFields; schoolSisId: string | null; passwordHash: string }): Pick<UserRow, 'username' | 'email' | 'fields' | 'school_sis_id' | 'password_hash'> {
  const fields = compact(user.fields);
  return {
    username: fields.Username ?? '',
    email: fields['Email Address'] || null,
    fields: JSON.stringify(fields),
    school_sis_id: user.schoolSisId,
    password_hash: user.passwordHash,
  };
}
