import { nowIso } from '../clock';
import type { SqliteDb } from '../db/sqlite';

export interface QueuedMail {
  id: number;
  importNumber: number | null;
  kind: 'staff-login' | 'import-completed';
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

const MAX_ATTEMPTS = 8;

/**
 * E-mails waiting to go. Processing queues them in the import's own transaction, so an import
 * rolled back sends nothing and one committed sends each exactly once (a crash between the
 * SMTP server's acceptance and the "sent" mark can repeat one; an outbox file is simply
 * written again under the same name).
 */
export class MailStore {
  constructor(private readonly db: SqliteDb) {}

  enqueue(mail: Omit<QueuedMail, 'id' | 'attempts'>): void {
    const now = nowIso();
    this.db.run(
      `INSERT INTO mail_queue (import_number, kind, recipient, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [mail.importNumber, mail.kind, mail.recipient, mail.subject, mail.body, now, now],
    );
  }

  due(limit = 50): QueuedMail[] {
    return this.db
      .all<{ id: number; import_number: number | null; kind: QueuedMail['kind']; recipient: string; subject: string; body: string; attempts: number }>(
        `SELECT id, import_number, kind, recipient, subject, body, attempts FROM mail_queue
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
        [nowIso(), limit],
      )
      .map((r) => ({
        id: Number(r.id),
        importNumber: r.import_number === null ? null : Number(r.import_number),
        kind: r.kind,
        recipient: r.recipient,
        subject: r.subject,
        body: r.body,
        attempts: Number(r.attempts),
      }));
  }

  /** When the next unsent mail is due, or undefined when none waits. */
  nextDue(): string | undefined {
    return (
      this.db.get<{ t: string | null }>('SELECT MIN(next_attempt_at) AS t FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL')?.t ??
      undefined
    );
  }

  markSent(id: number): void {
    this.db.run('UPDATE mail_queue SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [nowIso(), id]);
  }

  markFailed(id: number, attempts: number, error: string): void {
    const next = attempts + 1;
    const giveUp = next >= MAX_ATTEMPTS;
    const delayMs = Math.min(3600_000, 15_000 * 2 ** attempts);
    this.db.run('UPDATE mail_queue SET attempts = ?, last_error = ?, next_attempt_at = ?, failed_at = ? WHERE id = ?', [
      next,
      error.slice(0, 500),
      new Date(Date.now() + delayMs).toISOString(),
      giveUp ? nowIso() : null,
      id,
    ]);
  }
}
