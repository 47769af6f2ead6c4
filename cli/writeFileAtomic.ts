import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `data` to `target` so that a crash never leaves a half-written file: the bytes go
 * to a temporary file in the same folder, are flushed to disk, and the temporary file is
 * renamed over the target. A symbolic link is followed (its target is replaced, the link
 * stays), and an existing file keeps its permissions.
 */
export function writeFileAtomic(target: string, data: Uint8Array): void {
  const real = resolveLink(target);
  let mode: number | undefined;
  try {
    mode = fs.statSync(real).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data);
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, real);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function resolveLink(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}
