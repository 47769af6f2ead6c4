import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { ADMIN_TOKEN_FILE, claimDataDir, DATABASE_FILE, OUTBOX_DIR, writeSecretFile } from './db/dataDir';
import { migrate } from './db/migrations';
import { SqliteDb } from './db/sqlite';
import { createApp } from './http/app';
import { ImportService } from './importing/importService';
import { ImportProcessor } from './importing/processor';
import type { Logger } from './log';
import { Mailer } from './mail/mailer';
import type { ServiceOptions } from './options';
import { readSeedFile } from './seed';
import { AccountStore, newToken } from './store/accountStore';
import { DistrictStore } from './store/districtStore';
import { ImportStore } from './store/importStore';
import { MailStore } from './store/mailStore';
import { UserStore } from './store/userStore';

export const SERVICE_VERSION = '1.0.0';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
  /** Resolves when POST /shutdown asked the service to stop (never without --allow-shutdown). */
  shutdownRequested: Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Opens the data directory, brings the database up to date and starts serving. */
export async function startService(options: ServiceOptions, log: Logger): Promise<RunningService> {
  // The seed file is checked before anything is created or written: a bad one stops the start.
  const seed = options.seedFile ? readSeedFile(options.seedFile) : undefined;
  const dataDir = path.resolve(options.dataDir);
  const claim = claimDataDir(dataDir);
  let db: SqliteDb | undefined;
  try {
    db = new SqliteDb(path.join(dataDir, DATABASE_FILE));
    const applied = migrate(db);
    if (applied.length > 0) log.info(`database: applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}`);
  } catch (error) {
    db?.close();
    claim.release();
    throw error;
  }
  const database = db;
  const accounts = new AccountStore(database);
  const district = new DistrictStore(database);
  const users = new UserStore(database);
  const mail = new MailStore(database);

  if (seed) {
    district.seed(seed);
    log.info(`district seeded from ${options.seedFile}`);
  }
  let admin = accounts.ensureAdmin(seed?.admin ?? {});
  const tokenFile = path.join(dataDir, ADMIN_TOKEN_FILE);
  if (options.token) {
    accounts.setBootstrapToken(admin.id, options.token);
    writeSecretFile(tokenFile, `${options.token}\n`);
  } else if (!accounts.hasBootstrapToken(admin.id)) {
    const token = newToken();
    accounts.setBootstrapToken(admin.id, token);
    writeSecretFile(tokenFile, `${token}\n`);
    log.warn(`administrator token (shown this once; also kept in ${tokenFile}, mode 0600): ${token}`);
  }

  const mailer = new Mailer({ store: mail, smtp: options.smtp, outboxDir: path.join(dataDir, OUTBOX_DIR), from: options.mailFrom, log });
  let baseUrl = '';
  // The store asks the processor when a Scheduled import may start (only once serving).
  const imports: ImportStore = new ImportStore(database, () => processor.scheduledFor());
  const processor: ImportProcessor = new ImportProcessor({
    db: database,
    imports,
    users,
    district,
    mail,
    log,
    processNow: options.processNow,
    window: options.window,
    onMailQueued: () => mailer.kick(),
    signInUrl: options.signInUrl,
    detailsUrl: (number) => `${baseUrl}/api/v1/imports/${number}`,
    admin: () => (admin = accounts.ensureAdmin({})),
    testRowDelayMs: options.testRowDelayMs,
  });
  const importService = new ImportService({
    district,
    users,
    imports,
    onSubmitted: () => processor.kick(),
    testPlanRowDelayMs: options.testPlanRowDelayMs,
  });
  let requestShutdown: () => void = () => {};
  const shutdownRequested = new Promise<void>((resolve) => (requestShutdown = resolve));
  const app = createApp({
    accounts,
    district,
    users,
    imports,
    importService,
    log,
    maxBodyBytes: options.maxBodyBytes,
    version: SERVICE_VERSION,
    processing: options.processNow ? { mode: 'immediate', window: null } : { mode: 'off-peak', window: options.window.text },
    shutdown: options.allowShutdown ? () => requestShutdown() : undefined,
  });

  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    await processor.stop();
    await mailer.stop();
    database.close();
    claim.release();
    throw new Error(`Cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
  }
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${urlHost(options.host)}:${port}`;
  log.info(
    `serving district "${district.name()}" from ${dataDir}; imports ${options.processNow ? 'processed at once' : `processed ${options.window.text} local time`}; e-mail via ${mailer.mode}`,
  );
  processor.kick();
  mailer.kick();

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    shutdownRequested,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const force = setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 3000);
        force.unref();
        await processor.stop();
        await mailer.stop();
        await closed;
        clearTimeout(force);
        database.close();
        claim.release();
      })();
      return stopping;
    },
  };
}
