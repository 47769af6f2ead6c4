import * as fs from 'node:fs';
import * as path from 'node:path';
import { processAlive } from '../../core/processAlive';

export const DATABASE_FILE = 'classworks-import.sqlite';
export const PID_FILE = 'service.pid';
export const ADMIN_TOKEN_FILE = 'admin-token';
export const OUTBOX_DIR = 'outbox';


/**
 * Claims the data directory for this process. One service owns a data directory at a time:
 * a second one would corrupt the queue. A pid file left by a process that is gone (killed,
 * crashed) is taken over, and so is the database lock it left behind: node-sqlite3-wasm
 * locks with a `<database>.lock` directory, which a killed process cannot remove. The
 * rollback journal it may also have left is rolled back by SQLite on the next open.
 */
export function claimDataDir(dir: string): { release(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, PID_FILE);
  let previous: number | undefined;
  try {
    previous = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    previous = undefined;
  }
  if (previous && previous !== process.pid && processAlive(previous)) {
    throw new Error(
      `The data directory ${dir} is in use by another import service (process ${previous}). Stop it first, or use another --data directory.`,
    );
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(DATABASE_FILE) && name.endsWith('.lock')) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  return {
    release() {
      try {
        if (fs.readFileSync(pidFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(pidFile);
      } catch {
        // Already gone.
      }
    },
  };
}

/** Writes a secret file readable by its owner only (mode 0600), replacing any earlier one. */
export function writeSecretFile(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600 });
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, file);
}
