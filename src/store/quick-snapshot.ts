/**
 * The progress file read without conf, for the game's first frame.
 *
 * Opening the conf store loads conf and compiles its JSON Schema validator
 * (ajv): some 50 ms, most of the time from start to the menu. The menu
 * needs only a snapshot, so the game reads the file directly
 * (`readProgressQuickly`), draws the menu from that, and opens the real
 * store right after (`deferProgressStore`).
 *
 * The quick read accepts only a file conf would read as it is: the shape
 * kubequest writes, at the current migration, every field present and
 * valid, nothing else. Anything else (no JSON, an unknown field, an old
 * file to migrate, a date conf's validator might question) gives
 * `undefined`, and the caller opens the conf store before the first frame,
 * so a broken file is still moved aside and the menu still says so.
 */
import { readFileSync } from 'node:fs';
import type { LevelProgress, ProgressSnapshot, ProgressStore } from './progress-store.js';
import { createMemoryProgressStore } from './memory-progress-store.js';
import { emptySnapshot, isLevelId, normalizeSnapshot } from './progress-rules.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOnly = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));

/** What conf records in the file: the migrations done (conf-progress-store.ts's PROJECT_VERSION). */
const MIGRATED_TO = '1.0.0';
const TOP_KEYS = ['version', 'levels', 'current', 'settings', '__internal__'];
const COUNTERS = ['attempts', 'checks', 'hintsUsed', 'timeMs', 'bestScore'] as const;
const LEVEL_KEYS = [...COUNTERS, 'passedAt', 'solutionViewed', 'stars', 'runHints'];
const SETTINGS_KEYS = ['theme', 'editorCommand', 'unlockAll'];
/** `Date#toISOString` with a four-digit year: what kubequest writes, and a date-time for any validator. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const time = Date.parse(v);
  return !Number.isNaN(time) && new Date(time).toISOString() === v;
}

function isPlainLevel(raw: unknown): raw is LevelProgress {
  if (!isObject(raw) || !hasOnly(raw, LEVEL_KEYS)) return false;
  if (!COUNTERS.every((key) => isCount(raw[key]))) return false;
  if (raw['runHints'] !== undefined && !isCount(raw['runHints'])) return false;
  if (raw['passedAt'] !== undefined && !isIsoDate(raw['passedAt'])) return false;
  const stars = raw['stars'];
  return typeof raw['solutionViewed'] === 'boolean' && typeof stars === 'number' && Number.isInteger(stars) && stars >= 0 && stars <= 3;
}

/**
 * The snapshot the conf store would give for `file`, read without conf; a
 * missing file is a fresh start. `undefined` when only conf can tell (see
 * above): open the conf store instead.
 */
export function readProgressQuickly(file: string): ProgressSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? emptySnapshot() : undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !hasOnly(value, TOP_KEYS) || value['version'] !== 1) return undefined;
  const internal = value['__internal__'];
  const migrations = isObject(internal) && hasOnly(internal, ['migrations']) ? internal['migrations'] : undefined;
  if (!isObject(migrations) || !hasOnly(migrations, ['version']) || migrations['version'] !== MIGRATED_TO) return undefined;
  const { levels, current, settings } = value;
  if (!isObject(levels) || !Object.entries(levels).every(([id, level]) => isLevelId(id) && isPlainLevel(level))) return undefined;
  if (current !== undefined && !isLevelId(current)) return undefined;
  if (!isObject(settings) || !hasOnly(settings, SETTINGS_KEYS)) return undefined;
  const { theme, editorCommand, unlockAll } = settings;
  if ((theme !== 'dark' && theme !== 'light') || typeof editorCommand !== 'string' || typeof unlockAll !== 'boolean') return undefined;
  return normalizeSnapshot({
    version: 1,
    levels: levels as Record<string, LevelProgress>,
    ...(current === undefined ? {} : { current }),
    settings: { theme, editorCommand, unlockAll },
  });
}

/** A progress store that is opened later: see `deferProgressStore`. */
export type DeferredProgressStore = ProgressStore & {
  /** Open the real store, if not yet open, and hand it what was recorded so far; rejects when it cannot be opened. */
  open(): Promise<void>;
  /** Resolves once what was recorded before the real store opened is saved in it; opens nothing when nothing was. */
  settle(): Promise<void>;
};

/**
 * A store that answers from `quick` until the real one is open, so the game
 * can draw its menu before conf has even loaded. `open` opens the real store
 * (the first change starts opening it too). Changes made before it is open
 * are kept in memory over `quick`, with the same rules, and made again on
 * the real store once it is; `settle()` resolves when that is done, so
 * await it before the program ends. `recovered` is the real store's, once open;
 * `now` is the clock of the store in memory (the real store has its own).
 */
export function deferProgressStore(path: string, quick: ProgressSnapshot, open: () => Promise<ProgressStore>, now?: () => Date): DeferredProgressStore {
  let store: ProgressStore | undefined;
  let opening: Promise<ProgressStore> | undefined;
  const early = createMemoryProgressStore({ initial: quick, ...(now ? { now } : {}) });
  let pending: ((real: ProgressStore) => unknown)[] = [];
  const openStore = () =>
    (opening ??= open().then((real) => {
      for (const change of pending) change(real);
      pending = [];
      store = real;
      return real;
    }));
  const change = <T>(apply: (target: ProgressStore) => T): T => {
    if (store) return apply(store);
    // A store that cannot be opened is reported by open(), which the game awaits.
    openStore().catch(() => undefined);
    pending.push(apply);
    return apply(early);
  };
  return {
    path,
    get recovered() {
      return store?.recovered;
    },
    async open() {
      await openStore();
    },
    async settle() {
      if (opening || pending.length > 0) await openStore();
    },
    snapshot: () => (store ?? early).snapshot(),
    get: (level) => (store ?? early).get(level),
    record: (level, event) => change((target) => target.record(level, event)),
    setCurrent: (level) => change((target) => target.setCurrent(level)),
    updateSettings: (patch) => change((target) => target.updateSettings(patch)),
    merge: (other) => change((target) => target.merge(other)),
    reset: () => change((target) => target.reset()),
  };
}
