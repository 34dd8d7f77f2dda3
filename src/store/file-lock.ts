/**
 * A small advisory lock beside a file, so two games reading, changing and
 * writing the same progress file never split each other's steps.
 *
 * The lock is `<file>.lock`, created exclusively and holding the owner's pid.
 * A lock whose owner is gone (a game killed with SIGKILL) or that is older
 * than `staleMs` is taken over. If the lock cannot be had within `waitMs`
 * the work runs anyway: a game must never hang on its progress file.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export type LockOptions = {
  /** @default 2000 */
  readonly waitMs?: number;
  /** @default 10000 */
  readonly staleMs?: number;
};

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

export function withFileLock<T>(lockPath: string, work: () => T, options: LockOptions = {}): T {
  const held = acquire(lockPath, options.waitMs ?? 2000, options.staleMs ?? 10_000);
  try {
    return work();
  } finally {
    if (held) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Already taken over as stale: nothing left to release.
      }
    }
  }
}

function acquire(lockPath: string, waitMs: number, staleMs: number): boolean {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    if (isStale(lockPath, staleMs)) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Someone else removed it first; try again.
      }
      continue;
    }
    if (Date.now() >= deadline) return false;
    sleep(delay);
  }
}

function isStale(lockPath: string, staleMs: number): boolean {
  try {
    if (Date.now() - statSync(lockPath).mtimeMs > staleMs) return true;
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    if (pid === process.pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
