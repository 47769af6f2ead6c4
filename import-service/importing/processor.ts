import {
  emptyRowCounts,
  formatImportNumber,
  type ImportOptions,
  type ImportStatus,
  type RowCounts,
  type RowMessage,
} from '../../core/importApi';
import { resolveSchoolValue } from '../../core/importFile';
import type { SqliteDb } from '../db/sqlite';
import type { Logger } from '../log';
import { completionMail, staffLoginMail } from '../mail/messages';
import type { AccountRecord } from '../store/accountStore';
import type { DistrictStore } from '../store/districtStore';
import type { ImportStore, RowResult } from '../store/importStore';
import type { MailStore } from '../store/mailStore';
import type { UserStore } from '../store/userStore';
import { planRow } from './planRow';
import { inWindow, nextWindowStart, type OffPeakWindow } from './window';

/** Processing that started this many times without finishing is given up (Failed). */
export const MAX_ATTEMPTS = 3;

class ImportFailure extends Error {}

export interface ProcessorOptions {
  db: SqliteDb;
  imports: ImportStore;
  users: UserStore;
  district: DistrictStore;
  mail: MailStore;
  log: Logger;
  /** Process at once instead of waiting for the off-peak window. */
  processNow: boolean;
  window: OffPeakWindow;
  /** Told after each commit that queued e-mail. */
  onMailQueued: () => void;
  signInUrl: string | undefined;
  detailsUrl: (number: string) => string;
  admin: () => AccountRecord;
  /**
   * TEST ONLY (CLASSWORKS_TEST_ROW_DELAY_MS): block this long after applying each row, inside
   * the import's transaction, and say so on stderr, so a test can kill the process mid-import.
   */
  testRowDelayMs?: number;
}

/**
 * The job queue: imports waiting in the database (Scheduled, or Processing when a run was
 * cut short) are processed one at a time, oldest first, in the off-peak window or at once
 * with --process-now. Each import is applied in one SQLite transaction, together with its
 * status, its rows' outcomes and its e-mails: killed mid-way, the district is as it was,
 * and the import is taken up again on the next start and applied exactly once.
 */
export class ImportProcessor {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ProcessorOptions) {}

  /** When a Scheduled import may start: null with --process-now (as soon as the queue reaches it). */
  scheduledFor(): string | null {
    if (this.o.processNow) return null;
    return nextWindowStart(this.o.window, new Date()).toISOString();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Deferred: the caller (e.g. a submission answering "Scheduled") finishes first.
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.loop())
      .catch((error) => this.o.log.error(`import queue: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private open(): boolean {
    return this.o.processNow || inWindow(this.o.window, new Date());
  }

  /** Wakes up when the window opens (re-checked at least every minute, in case the clock moves). */
  private scheduleWake(): void {
    if (this.stopped || this.o.processNow) return;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(250, Math.min(60_000, nextWindowStart(this.o.window, new Date()).getTime() - Date.now()));
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const job = this.o.imports.nextJob();
      if (!job) return;
      if (!this.open()) {
        this.scheduleWake();
        return;
      }
      await this.processOne(job.number, job.attempts);
    }
  }

  private async processOne(number: number, attempts: number): Promise<void> {
    const label = formatImportNumber(number);
    if (attempts >= MAX_ATTEMPTS) {
      this.o.log.warn(`import ${label}: processing was interrupted ${attempts} times; giving up`);
      this.fail(number, [
        `Processing was interrupted ${attempts} times (the service stopped while it ran) and has been given up. Nothing of this import was applied. Submit the file again with a NEW Idempotency-Key (the same key answers this Failed import again).`,
      ]);
      return;
    }
    this.o.imports.markProcessing(number);
    this.o.log.info(`import ${label}: processing (attempt ${attempts + 1})`);
    // Let the API show "Processing" and let a stop request land before the transaction.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.stopped) {
      // Stopped before the transaction began: this was no attempt; it waits for the next start.
      this.o.imports.unmarkProcessing(number);
      return;
    }
    try {
      const { status, counts } = this.o.db.transaction(() => this.apply(number));
      this.o.log.info(
        `import ${label}: ${status} (${counts.create} created, ${counts.update} updated, ${counts.unchanged} unchanged, ${counts.error} with errors)`,
      );
    } catch (error) {
      const reason =
        error instanceof ImportFailure
          ? error.message
          : `The import could not be applied (${(error as Error).message}); nothing of it was applied. Submit the file again with a NEW Idempotency-Key (the same key answers this Failed import again).`;
      this.o.log.error(`import ${label}: failed: ${reason}`);
      this.fail(number, [reason]);
    }
    this.o.onMailQueued();
  }

  /** Marks an import Failed (in its own transaction) and tells the submitter. */
  private fail(number: number, reasons: string[]): void {
    this.o.db.transaction(() => {
      this.o.imports.finish(number, 'Failed', null, reasons);
      this.queueCompletionMail(number);
    });
    this.o.onMailQueued();
  }

  private queueCompletionMail(number: number): void {
    const summary = this.o.imports.summary(number);
    const submitter = this.o.imports.submitter(number);
    if (!summary || !submitter?.email) return;
    const mail = completionMail(summary, { detailsUrl: this.o.detailsUrl(summary.number) });
    this.o.mail.enqueue({ importNumber: number, kind: 'import-completed', recipient: submitter.email, ...mail });
  }

  /** Applies one import. Runs inside the transaction: throwing rolls all of it back. */
  private apply(number: number): { status: ImportStatus; counts: RowCounts } {
    const { imports, users, district } = this.o;
    const stored = imports.options(number);
    if (!stored) throw new ImportFailure('The import has disappeared from the queue.');
    const options: ImportOptions = stored.options;
    const schools = district.schools();
    const groupId = options.customGroupId;
    if (groupId !== null && !district.group(groupId)) {
      throw new ImportFailure(
        `The custom group (id ${groupId}) chosen for the students no longer exists; nothing was applied. Choose another group and submit the file again with a NEW Idempotency-Key (the same key answers this Failed import again).`,
      );
    }
    const schoolName = (sisId: string) => schools.find((s) => s.sisId === sisId)?.name ?? null;
    const districtName = district.name();
    const admin = this.o.admin();
    const counts = emptyRowCounts();
    const rows = imports.storedRows(number);
    const label = formatImportNumber(number);

    // The district's users in memory (read inside this transaction), kept true as rows are applied:
    // no lookup query per row.
    const index = users.index(groupId, {
      districtIds: rows.map((r) => r.districtId),
      usernames: rows.map((r) => r.record.Username ?? ''),
      emails: rows.map((r) => r.record['Email Address'] ?? ''),
    });

    rows.forEach((row, rowIndex) => {
      const existing = index.byDistrictId(row.districtId);
      const passwordState =
        existing && options.existingPasswords === 'overwrite'
          ? row.passwordSameAs !== null && row.passwordSameAs === existing.passwordHash
            ? 'same'
            : 'different'
          : undefined;
      const plan = planRow({ line: row.line, values: row.record, schoolValue: row.schoolValue }, existing, {
        options,
        school: resolveSchoolValue(row.schoolValue, stored.schoolMapping, schools),
        schoolName,
        groupId,
        usernameOwner: (u) => index.usernameOwner(u),
        emailOwner: (e) => index.emailOwner(e),
        isMember: (g, u) => index.isMember(g, u),
      }, passwordState);
      const errors: RowMessage[] = [...plan.errors];
      if (plan.setPassword && !row.passwordHash) {
        errors.push({ code: 'password.missing', message: 'The row has no password, so the user cannot be given one.' });
      }
      let loginEmail = false;
      counts.rows++;
      if (errors.length > 0) {
        counts.error++;
        imports.setRowResult(number, row.seq, 'error', {
          changes: [],
          conflicts: plan.conflicts,
          school: plan.school,
          addedToGroup: false,
          errors,
          loginEmail: false,
        });
      } else {
        let userId: number;
        if (!existing) {
          const stored = users.insert({ districtId: row.districtId, fields: plan.fields, schoolSisId: plan.school.sisId, passwordHash: row.passwordHash as string }, number);
          index.stored(stored);
          userId = stored.id;
        } else {
          userId = existing.id;
          if (plan.changes.length > 0) {
            index.stored(users.update(existing, {
              fields: plan.fields,
              schoolSisId: plan.school.sisId,
              passwordHash: plan.setPassword ? (row.passwordHash as string) : existing.passwordHash,
            }, number));
          }
        }
        if (plan.addToGroup && groupId !== null) {
          users.addToGroup(groupId, userId, number);
          index.addedToGroup(groupId, userId);
          counts.addedToGroup++;
        }
        const email = plan.fields['Email Address'];
        if (options.emailStaff && plan.userType === '1' && email) {
          const mail = staffLoginMail(
            { firstName: plan.fields['First Name'] ?? '', lastName: plan.fields['Last Name'] ?? '', username: plan.fields.Username ?? '', email },
            { districtName, signInUrl: this.o.signInUrl, adminEmail: admin.email },
          );
          this.o.mail.enqueue({ importNumber: number, kind: 'staff-login', recipient: email, ...mail });
          loginEmail = true;
        }
        const outcome = !existing ? 'created' : plan.changes.length > 0 ? 'updated' : 'unchanged';
        counts[outcome === 'created' ? 'create' : outcome === 'updated' ? 'update' : 'unchanged']++;
        if (plan.conflicts.length > 0) counts.conflict++;
        if (plan.withoutSchool) counts.withoutSchool++;
        const result: RowResult = {
          changes: plan.changes,
          conflicts: plan.conflicts,
          school: plan.school,
          addedToGroup: plan.addToGroup,
          errors: [],
          loginEmail,
        };
        imports.setRowResult(number, row.seq, outcome, result);
      }
      if (this.o.testRowDelayMs) {
        process.stderr.write(`[test] import ${label}: row ${rowIndex + 1} of ${rows.length} applied, not committed\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, this.o.testRowDelayMs);
      }
    });

    const status: ImportStatus = counts.error > 0 ? 'Completed with errors' : 'Completed';
    const reasons = counts.error > 0 ? [`${counts.error} row${counts.error === 1 ? '' : 's'} could not be imported; see the import's rows for each reason.`] : [];
    imports.finish(number, status, counts, reasons);
    this.queueCompletionMail(number);
    return { status, counts };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
