/**
 * The WebAssembly SQLite VFS locks a file with a `<file>.lock` folder, held for one statement or
 * transaction only. A process killed while holding it leaves the folder behind and every later
 * access is busy. The file's owner (the only process using it) clears it at start; a process that
 * shares the file (the separate API and worker processes) clears it only when it is far older than
 * any transaction here, so that a live holder's lock is never taken from it.
 */
import { rmSync, statSync } from 'node:fs';

/** No transaction here lasts a minute: a lock folder this old was left by a dead process. */
export const STALE_LOCK_MS = 60_000;

export function clearLeftLock(path: string, owner: boolean, now = Date.now()): void {
  if (path === ':memory:') return;
  const lock = `${path}.lock`;
  if (owner) {
    rmSync(lock, { recursive: true, force: true });
    return;
  }
  try {
    if (now - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
