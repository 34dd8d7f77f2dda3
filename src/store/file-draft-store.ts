/**
 * Drafts as plain files, one per level: `<dir>/<level-id>.yaml`, so the player
 * can open them in their own editor and a dead terminal loses nothing.
 *
 * Writes are atomic: the text goes to a temp file in the same folder
 * (`.<level-id>.yaml.<random>.tmp`), is flushed to disk, then renamed over the
 * draft, so the draft is always the last complete write. A temp file left by
 * a crash is never read and never replaces the draft.
 *
 * Level ids are checked as kebab-case before they become file names, so an id
 * can never be a path (`../x`, `/etc/passwd`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LevelId } from '../game/index.js';
import type { DraftStore } from './progress-store.js';
import { assertLevelId } from './progress-rules.js';

export function createFileDraftStore(dir: string): DraftStore {
  return draftStoreAt((level) => {
    assertLevelId(level);
    return join(dir, `${level}.yaml`);
  });
}

/** A draft store over files, wherever `pathOf` puts each level's draft. */
export function draftStoreAt(pathOf: (level: LevelId) => string): DraftStore {
  return {
    pathOf,
    read(level) {
      try {
        return readFileSync(pathOf(level), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write(level, text) {
      writeFileAtomic(pathOf(level), text);
    },
  };
}

/**
 * Write `text` to `target` atomically: into a temp file beside it
 * (`.<name>.<random>.tmp`), flushed, then renamed over the target.
 */
export function writeFileAtomic(target: string, text: string): void {
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, text, null, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
  syncDir(dir);
}

/** Make the rename itself durable; not possible (nor needed) on every platform. */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  }
}

/** Drafts in memory: for tests and `--no-save`. */
export function createMemoryDraftStore(initial: Readonly<Record<LevelId, string>> = {}): DraftStore {
  const drafts = new Map<LevelId, string>(Object.entries(initial));
  const pathOf = (level: LevelId) => {
    assertLevelId(level);
    return `(not saved)/${level}.yaml`;
  };
  return {
    pathOf,
    read: (level) => (pathOf(level), drafts.get(level)),
    write(level, text) {
      pathOf(level);
      drafts.set(level, text);
    },
  };
}
