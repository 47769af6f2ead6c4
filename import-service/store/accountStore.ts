import { createHash, randomBytes } from 'node:crypto';
import type { Account, NewAccount, Role } from '../../core/importApi';
import { nowIso } from '../clock';
import type { SqliteDb } from '../db/sqlite';
import { ApiError } from '../errors';

export interface AccountRecord extends Account {
  id: number;
}

/** Tokens are kept as SHA-256 hashes (they are long random strings, so a fast hash is enough). */
function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `cwk_${randomBytes(32).toString('base64url')}`;
}

const ADMIN_USERNAME = 'admin';

export class AccountStore {
  constructor(private readonly db: SqliteDb) {}

  private record(row: Record<string, unknown> | undefined): AccountRecord | undefined {
    if (!row) return undefined;
    return {
      id: Number(row.id),
      username: String(row.username),
      name: String(row.name),
      email: String(row.email),
      role: row.role as Role,
    };
  }

  byToken(token: string): AccountRecord | undefined {
    return this.record(
      this.db.get(
        `SELECT a.id, a.username, a.name, a.email, a.role FROM tokens t JOIN accounts a ON a.id = t.account_id
         WHERE t.token_hash = ?`,
        [tokenHash(token)],
      ),
    );
  }

  /** The sandbox administrator (username "admin"), made on first start. */
  ensureAdmin(details: { name?: string; email?: string }): AccountRecord {
    const existing = this.record(this.db.get('SELECT * FROM accounts WHERE username = ?', [ADMIN_USERNAME]));
    if (existing) {
      if (details.name || details.email) {
        this.db.run('UPDATE accounts SET name = ?, email = ? WHERE id = ?', [
          details.name ?? existing.name,
          details.email ?? existing.email,
          existing.id,
        ]);
      }
      return this.record(this.db.get('SELECT * FROM accounts WHERE id = ?', [existing.id])) as AccountRecord;
    }
    const { lastInsertRowid } = this.db.run(
      'INSERT INTO accounts (username, name, email, role, created_at) VALUES (?, ?, ?, ?, ?)',
      [ADMIN_USERNAME, details.name ?? 'District Administrator', details.email ?? 'district-admin@sandbox.invalid', 'district-admin', nowIso()],
    );
    return this.record(this.db.get('SELECT * FROM accounts WHERE id = ?', [lastInsertRowid])) as AccountRecord;
  }

  hasBootstrapToken(accountId: number): boolean {
    return this.db.get("SELECT 1 FROM tokens WHERE account_id = ? AND kind = 'bootstrap'", [accountId]) !== undefined;
  }

  /** Makes `token` the account's bootstrap token (the admin token of --token or of first start). */
  setBootstrapToken(accountId: number, token: string): void {
    this.db.transaction(() => {
      this.db.run("DELETE FROM tokens WHERE account_id = ? AND kind = 'bootstrap'", [accountId]);
      this.db.run('DELETE FROM tokens WHERE token_hash = ?', [tokenHash(token)]);
      this.db.run("INSERT INTO tokens (token_hash, account_id, kind, created_at) VALUES (?, ?, 'bootstrap', ?)", [
        tokenHash(token),
        accountId,
        nowIso(),
      ]);
    });
  }

  /** A new account with a new token; the token is returned this once. */
  create(account: NewAccount): { account: Account; token: string } {
    if (this.db.get('SELECT 1 FROM accounts WHERE username = ? COLLATE NOCASE', [account.username])) {
      throw new ApiError(409, 'account.exists', `An account named "${account.username}" exists already.`);
    }
    const token = newToken();
    this.db.transaction(() => {
      const { lastInsertRowid } = this.db.run(
        'INSERT INTO accounts (username, name, email, role, created_at) VALUES (?, ?, ?, ?, ?)',
        [account.username, account.name, account.email, account.role, nowIso()],
      );
      this.db.run("INSERT INTO tokens (token_hash, account_id, kind, created_at) VALUES (?, ?, 'issued', ?)", [
        tokenHash(token),
        lastInsertRowid,
        nowIso(),
      ]);
    });
    return { account: { username: account.username, name: account.name, email: account.email, role: account.role }, token };
  }
}
