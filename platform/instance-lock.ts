/**
 * One running instance per data folder: a second `npm start` must not open the same SQLite files.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface InstanceLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, or returns the pid of the instance holding it. A lock left by a dead process is taken over. */
export function acquireInstanceLock(file: string): InstanceLock | { heldBy: number } {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { heldBy: pid };
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the instance lock ${file}`);
}

/** The pid of the live process holding the lock, if any (without taking it): the separate processes check npm start's. */
export function liveHolder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
