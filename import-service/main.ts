/**
 * The Classworks import service.
 * Contract: node dist/import-service.js --data <dir> --port <n> [--host 127.0.0.1] [--process-now]
 *   [--seed <district.json>] [--token <t> | --token-file <path>] (or env CLASSWORKS_IMPORT_TOKEN) prints "listening on http://<host>:<port>" when ready;
 *   SIGTERM stops it cleanly; so does POST /api/v1/shutdown with --allow-shutdown.
 */
// scrypt runs in libuv's thread pool: size it before anything uses the pool.
import * as os from 'node:os';
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, Math.min(16, os.cpus().length)));

import { stderrLogger } from './log';
import { parseOptions, UsageError, USAGE } from './options';
import { startService } from './service';

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`${error.message}\n\n`);
      process.stderr.write(USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  const log = stderrLogger();
  const service = await startService(options, log);
  process.stdout.write(`listening on ${service.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  void service.shutdownRequested.then(() => stop('POST /api/v1/shutdown'));
  process.on('SIGINT', () => stop('SIGINT'));
  const parent = options.parentPid;
  if (parent !== undefined) {
    // A sandbox started by an editor must not outlive it (it would hold the data directory).
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPERM') stop(`parent process ${parent} ended`);
      }
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`import service: ${(error as Error).message}\n`);
  process.exit(1);
});
