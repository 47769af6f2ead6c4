import * as fs from 'node:fs';
import * as path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../log';
import type { MailStore, QueuedMail } from '../store/mailStore';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

export interface MailerOptions {
  store: MailStore;
  /** SMTP when set; otherwise .eml files in `outboxDir`. */
  smtp: SmtpSettings | undefined;
  outboxDir: string;
  from: string;
  log: Logger;
}

/**
 * Sends the queued e-mails: through SMTP when configured, otherwise as .eml files in the
 * outbox folder (named by queue id, so a repeat writes the same file). Failures are retried
 * with back-off; the queue lives in the database, so nothing is lost across restarts.
 */
export class Mailer {
  private readonly transport: Transporter;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: MailerOptions) {
    const { smtp } = options;
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  get mode(): string {
    const { smtp } = this.options;
    return smtp ? `SMTP ${smtp.host}:${smtp.port}` : `outbox ${this.options.outboxDir}`;
  }

  /** Sends what is due now; call after anything is queued. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const next = this.options.store.nextDue();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!next) return;
    const delay = Math.max(0, Math.min(60_000, Date.parse(next) - Date.now()));
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = this.options.store.due();
      if (batch.length === 0) return;
      for (const mail of batch) {
        if (this.stopped) return;
        try {
          await this.send(mail);
          this.options.store.markSent(mail.id);
          this.options.log.info(`mail ${mail.id} (${mail.kind}${mail.importNumber ? `, import ${String(mail.importNumber).padStart(5, '0')}` : ''}) sent via ${this.options.smtp ? 'SMTP' : 'outbox'}`);
        } catch (error) {
          this.options.store.markFailed(mail.id, mail.attempts, (error as Error).message);
          this.options.log.warn(`mail ${mail.id} (${mail.kind}) not sent: ${(error as Error).message}; will retry`);
        }
      }
    }
  }

  private async send(mail: QueuedMail): Promise<void> {
    const message = {
      from: this.options.from,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.body,
      messageId: `<mail-${mail.id}${mail.importNumber ? `.import-${mail.importNumber}` : ''}@classworks-import-service.local>`,
      headers: {
        'X-Classworks-Mail-Kind': mail.kind,
        ...(mail.importNumber ? { 'X-Classworks-Import': String(mail.importNumber).padStart(5, '0') } : {}),
      },
    };
    const info = await this.transport.sendMail(message);
    if (!this.options.smtp) {
      // Login e-mails carry usernames and sign-in details: the folder is its owner's only
      // (0700, also when it was made earlier with another mode) and so is each file (0600).
      const dir = this.options.outboxDir;
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chmodSync(dir, 0o700);
      const name = `${String(mail.id).padStart(6, '0')}-${mail.kind}${mail.importNumber ? `-import-${String(mail.importNumber).padStart(5, '0')}` : ''}.eml`;
      const file = path.join(dir, name);
      const temp = `${file}.tmp`;
      fs.rmSync(temp, { force: true });
      fs.writeFileSync(temp, (info as { message: Buffer }).message, { mode: 0o600 });
      fs.chmodSync(temp, 0o600);
      fs.renameSync(temp, file);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }
}
