/**
 * Progress on disk, through conf: one JSON file per profile, written
 * atomically (conf writes a temp file and renames it), checked against a
 * JSON Schema, with a version and migrations.
 *
 * - Two games at once: every change re-reads the file and applies itself to
 *   what is there, under a lock beside the file (file-lock.ts), so neither
 *   game's progress is lost.
 * - A broken file (bad JSON, a hand edit of the wrong type, a newer version)
 *   never stops the game: it is moved aside as
 *   `<file>.corrupt-<timestamp>.json`, the store starts empty, and
 *   `recovered` says where the old file went.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Conf, { type Schema } from 'conf';
import type { LevelProgress, ProgressSnapshot, ProgressStore, RecoveredFile, Settings } from './progress-store.js';
import { progressStoreOver } from './progress-core.js';
import { PROGRESS_SCHEMA } from './progress-json.js';
import { DEFAULT_SETTINGS, emptySnapshot, normalizeSnapshot } from './progress-rules.js';
import { withFileLock } from './file-lock.js';
import { progressFilePath } from './paths.js';

export type ConfProgressStoreOptions = {
  /** The folder holding the progress file. @default configDir({env}) (XDG_CONFIG_HOME, KUBEQUEST_HOME) */
  readonly cwd?: string;
  /** A player on a shared machine: progress goes to `progress-NAME.json`. @default none: `progress.json` */
  readonly profile?: string;
  /** conf's project name and the folder name under the config directory. @default 'kubequest' */
  readonly projectName?: string;
  /** The environment the default folder is found from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The clock that stamps first passes and backups. @default () => new Date() */
  readonly now?: () => Date;
};

/** The stored file's version (the snapshot's `version`); conf's migrations track it as semver. */
export const PROGRESS_VERSION = 1;
const PROJECT_VERSION = `${PROGRESS_VERSION}.0.0`;

type Stored = {
  version: number;
  levels: Record<string, LevelProgress>;
  current?: string;
  settings: Settings;
};

/**
 * Migrations, keyed by the version they bring a file to. 1.0.0: files written
 * before versions existed held `{levels: {id: {passedAt, attempts}}, current}`;
 * fill in what they lack (a pass then counts one star). Wrong types are left
 * for the schema to catch, so a hand-broken file is kept as a backup, not guessed at.
 */
const MIGRATIONS = {
  '1.0.0': (conf: Conf<Stored>) => {
    const store = conf.store as Record<string, unknown>;
    if (store['version'] === undefined) store['version'] = PROGRESS_VERSION;
    const levels = store['levels'];
    if (typeof levels === 'object' && levels !== null && !Array.isArray(levels)) {
      for (const level of Object.values(levels as Record<string, unknown>)) {
        if (typeof level !== 'object' || level === null || Array.isArray(level)) continue;
        const l = level as Record<string, unknown>;
        for (const key of ['attempts', 'checks', 'hintsUsed', 'timeMs', 'bestScore', 'runHints']) l[key] ??= 0;
        l['solutionViewed'] ??= false;
        l['stars'] ??= l['passedAt'] === undefined ? 0 : 1;
      }
    }
    conf.store = store as Stored;
  },
};

function isUnreadable(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'SyntaxError' ||
    error.message.startsWith('Config schema violation') ||
    error.message.startsWith('Something went wrong during the migration')
  );
}

function reasonOf(error: Error): string {
  if (error.name === 'SyntaxError') return `it is not valid JSON (${error.message})`;
  return `it does not have the shape kubequest writes (${error.message.replace(/^Config schema violation: /, '')})`;
}

function notAnObject(bytes: Buffer): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined; // conf reports bad JSON itself
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;
  return `it holds ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}, not the object kubequest writes`;
}

function toStored(snapshot: ProgressSnapshot): Stored {
  return {
    version: PROGRESS_VERSION,
    levels: { ...snapshot.levels },
    ...(snapshot.current === undefined ? {} : { current: snapshot.current }),
    settings: { ...snapshot.settings },
  };
}

export function createConfProgressStore(options: ConfProgressStoreOptions = {}): ProgressStore {
  const now = options.now ?? (() => new Date());
  const projectName = options.projectName ?? 'kubequest';
  const file = progressFilePath(options);
  const cwd = dirname(file);
  const confOptions = {
    projectName,
    projectSuffix: '',
    cwd,
    configName: options.profile === undefined ? 'progress' : `progress-${options.profile}`,
    schema: PROGRESS_SCHEMA as unknown as Schema<Stored>,
    defaults: { version: PROGRESS_VERSION, levels: {}, settings: { ...DEFAULT_SETTINGS } },
    projectVersion: PROJECT_VERSION,
    migrations: MIGRATIONS,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  };
  const lockPath = `${file}.lock`;
  let recovered: RecoveredFile | undefined;
  /** What this store last read or wrote: merged back in if the file breaks while we run. */
  let last: ProgressSnapshot | undefined;

  /** Keep the unreadable file's bytes beside it and remove it. Call only under the lock. */
  const moveAside = (reason: string, bytes?: Buffer) => {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    let backupPath = `${file}.corrupt-${stamp}.json`;
    for (let n = 2; existsSync(backupPath); n++) backupPath = `${file}.corrupt-${stamp}-${n}.json`;
    if (bytes === undefined) renameSync(file, backupPath);
    else {
      writeFileSync(backupPath, bytes, { flag: 'wx' });
      if (existsSync(file)) unlinkSync(file);
    }
    recovered = { backupPath, reason };
  };

  const open = (): Conf<Stored> => {
    mkdirSync(cwd, { recursive: true });
    return withFileLock(lockPath, () => {
      // The original bytes, since a failed migration may already have rewritten the file.
      const bytes = existsSync(file) ? readFileSync(file) : undefined;
      // conf would quietly turn JSON that is not an object (`[]`, `"x"`) into one.
      const notObject = bytes === undefined ? undefined : notAnObject(bytes);
      if (notObject !== undefined) moveAside(notObject, bytes);
      try {
        return new Conf<Stored>(confOptions);
      } catch (error) {
        if (!isUnreadable(error)) throw error;
        moveAside(reasonOf(error), bytes);
        return new Conf<Stored>(confOptions);
      }
    });
  };
  const conf = open();

  /** The newest snapshot on disk; a file broken since we opened it is moved aside (under the lock) and replaced by what we knew. */
  const readUnlocked = (): { snapshot: ProgressSnapshot } | { error: Error } => {
    try {
      // A missing file (never written, or deleted) reads as {}.
      const stored = conf.store as Partial<Stored>;
      return { snapshot: normalizeSnapshot({ ...emptySnapshot(), ...stored, version: 1 } as ProgressSnapshot) };
    } catch (error) {
      if (!isUnreadable(error)) throw error;
      return { error };
    }
  };
  const readLocked = (): ProgressSnapshot => {
    const result = readUnlocked();
    if ('snapshot' in result) return result.snapshot;
    moveAside(reasonOf(result.error));
    const restored = last ?? emptySnapshot();
    conf.store = toStored(restored);
    return restored;
  };

  return progressStoreOver(
    {
      path: file,
      get recovered() {
        return recovered;
      },
      read() {
        const result = readUnlocked();
        last = 'snapshot' in result ? result.snapshot : withFileLock(lockPath, readLocked);
        return last;
      },
      update(change) {
        return withFileLock(lockPath, () => {
          const next = change(readLocked());
          conf.store = toStored(next);
          last = next;
          return next;
        });
      },
    },
    now,
  );
}
