import * as fs from 'node:fs';
import { DEFAULT_WINDOW, type OffPeakWindow, parseWindow } from './importing/window';
import type { SmtpSettings } from './mail/mailer';

export interface ServiceOptions {
  dataDir: string;
  port: number;
  host: string;
  processNow: boolean;
  seedFile: string | undefined;
  token: string | undefined;
  window: OffPeakWindow;
  maxBodyBytes: number;
  smtp: SmtpSettings | undefined;
  mailFrom: string;
  signInUrl: string | undefined;
  /** Stop (cleanly) when this process ends: for a parent such as the VS Code extension. */
  parentPid: number | undefined;
  /** POST /api/v1/shutdown stops the service (a district administrator's token): for a sandbox several editor windows share. */
  allowShutdown: boolean;
  /** TEST ONLY: see ProcessorOptions.testRowDelayMs. */
  testRowDelayMs: number | undefined;
  /** TEST ONLY: see PlanControl.testRowDelayMs. */
  testPlanRowDelayMs: number | undefined;
}

export const USAGE = `Usage: node dist/import-service.js --data <dir> [options]

  --data <dir>            data directory (database, admin-token, outbox/); required
  --port <n>              port to listen on (0 = a free port; default 0)
  --host <address>        address to listen on (default 127.0.0.1)
  --process-now           process imports at once instead of in the off-peak window
  --window <HH:MM-HH:MM>  off-peak window, local time (default ${DEFAULT_WINDOW}; env CLASSWORKS_IMPORT_WINDOW)
  --seed <file>           merge a district JSON or a .classworks.json into the district at start
  --token-file <path>     read the administrator's token from this file (first line); keeps it out of ps
  --token <token>         make <token> the administrator's token (written to <data>/admin-token); visible
                          in ps: prefer --token-file or env CLASSWORKS_IMPORT_TOKEN
  --max-body-mb <n>       request body limit in MB (default 50; env CLASSWORKS_MAX_BODY_MB)
  --smtp-host <host>      send e-mail through this SMTP server (env CLASSWORKS_SMTP_HOST);
                          without it e-mails are written to <data>/outbox/*.eml
  --smtp-port <n>         (env CLASSWORKS_SMTP_PORT; default 587, or 465 with --smtp-secure)
  --smtp-secure           TLS from the start (port 465) (env CLASSWORKS_SMTP_SECURE=true)
  --smtp-user <user>      (env CLASSWORKS_SMTP_USER); the password only from env CLASSWORKS_SMTP_PASSWORD
  --mail-from <address>   From address (env CLASSWORKS_MAIL_FROM)
  --sign-in-url <url>     sign-in link for staff login e-mails (env CLASSWORKS_SIGN_IN_URL)
  --parent-pid <pid>      stop cleanly when that process ends (e.g. the editor that started it)
  --allow-shutdown        let a district administrator stop the service with POST /api/v1/shutdown
                          (a local sandbox shared by several editor windows)

When ready it prints one line to stdout: listening on http://<host>:<port>
`;

export class UsageError extends Error {}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ServiceOptions {
  const flags = new Map<string, string | true>();
  const booleans = new Set(['--process-now', '--smtp-secure', '--allow-shutdown', '--help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!name.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    if (booleans.has(name)) {
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value.`);
    flags.set(name, value);
  }
  const known = new Set([
    '--data', '--port', '--host', '--process-now', '--window', '--seed', '--token', '--token-file', '--max-body-mb', '--smtp-host',
    '--smtp-port', '--smtp-secure', '--smtp-user', '--mail-from', '--sign-in-url', '--parent-pid', '--allow-shutdown', '--help',
  ]);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option ${name}.`);
  if (flags.has('--help')) throw new UsageError('');
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const dataDir = str('--data');
  if (!dataDir) throw new UsageError('--data <dir> is required.');
  const int = (text: string | undefined, name: string, fallback: number, min: number, max: number): number => {
    if (text === undefined || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
  let window: OffPeakWindow;
  try {
    window = parseWindow(str('--window') ?? env.CLASSWORKS_IMPORT_WINDOW ?? DEFAULT_WINDOW);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const smtpHost = str('--smtp-host') ?? env.CLASSWORKS_SMTP_HOST;
  const secure = flags.has('--smtp-secure') || env.CLASSWORKS_SMTP_SECURE === 'true';
  // The token: --token, else --token-file, else env CLASSWORKS_IMPORT_TOKEN (the last two keep it out of ps).
  let token = str('--token');
  let tokenFrom = '--token';
  const tokenFile = str('--token-file');
  if (token !== undefined && tokenFile !== undefined) throw new UsageError('Give --token or --token-file, not both.');
  if (token === undefined && tokenFile !== undefined) {
    try {
      token = (fs.readFileSync(tokenFile, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').trim();
    } catch (error) {
      throw new UsageError(`Cannot read --token-file ${tokenFile}: ${(error as Error).message}`);
    }
    tokenFrom = `The token in ${tokenFile}`;
  }
  if (token === undefined && env.CLASSWORKS_IMPORT_TOKEN) {
    token = env.CLASSWORKS_IMPORT_TOKEN.trim();
    tokenFrom = 'CLASSWORKS_IMPORT_TOKEN';
  }
  if (token !== undefined && !/^[\x21-\x7e]{16,512}$/.test(token)) {
    throw new UsageError(`${tokenFrom} must be 16 to 512 printable characters without spaces.`);
  }
  const delay = env.CLASSWORKS_TEST_ROW_DELAY_MS;
  const planDelay = env.CLASSWORKS_TEST_PLAN_ROW_DELAY_MS;
  return {
    dataDir,
    port: int(str('--port'), '--port', 0, 0, 65535),
    host: str('--host') ?? '127.0.0.1',
    processNow: flags.has('--process-now'),
    seedFile: str('--seed'),
    token,
    window,
    maxBodyBytes: int(str('--max-body-mb') ?? env.CLASSWORKS_MAX_BODY_MB, '--max-body-mb', 50, 1, 2048) * 1024 * 1024,
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: int(str('--smtp-port') ?? env.CLASSWORKS_SMTP_PORT, '--smtp-port', secure ? 465 : 587, 1, 65535),
          secure,
          user: str('--smtp-user') ?? env.CLASSWORKS_SMTP_USER,
          password: env.CLASSWORKS_SMTP_PASSWORD,
        }
      : undefined,
    mailFrom: str('--mail-from') ?? env.CLASSWORKS_MAIL_FROM ?? 'Classworks Import Service <no-reply@classworks-sandbox.invalid>',
    signInUrl: str('--sign-in-url') ?? env.CLASSWORKS_SIGN_IN_URL,
    allowShutdown: flags.has('--allow-shutdown'),
    parentPid: str('--parent-pid') === undefined ? undefined : int(str('--parent-pid'), '--parent-pid', 0, 1, 2 ** 31 - 1),
    testRowDelayMs: delay ? int(delay, 'CLASSWORKS_TEST_ROW_DELAY_MS', 0, 0, 60_000) : undefined,
    testPlanRowDelayMs: planDelay ? int(planDelay, 'CLASSWORKS_TEST_PLAN_ROW_DELAY_MS', 0, 0, 60_000) : undefined,
  };
}
