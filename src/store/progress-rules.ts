/**
 * The rules of progress, pure: what each event does to a level, how stars are
 * earned, and how two snapshots merge. Both stores (conf and memory) apply
 * exactly these functions, so they cannot drift apart.
 *
 * Merging never lowers what is done, so it is safe for `progress import` and
 * for two games writing the same file:
 *
 * | field          | merged as                                   |
 * | -------------- | ------------------------------------------- |
 * | passedAt       | the earliest of the two (a pass is kept)    |
 * | attempts, checks, hintsUsed, timeMs, bestScore, stars, runHints | the larger |
 * | solutionViewed | either (a viewed solution stays viewed)     |
 * | current        | ours, else theirs                           |
 * | settings       | ours, but a setting we never changed takes theirs |
 *
 * Counters merge by max, not sum, so importing the same file twice changes nothing.
 */
import type { LevelId } from '../game/index.js';
import type { LevelEvent, LevelProgress, ProgressSnapshot, Settings } from './progress-store.js';

/** Level ids as the level format fixes them: lowercase letters, digits and single dashes. */
export const LEVEL_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Profile names: lowercase letters, digits, `-` and `_`, at most 64, so they make safe file names. */
export const PROFILE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const DEFAULT_SETTINGS: Settings = { theme: 'dark', editorCommand: '', unlockAll: false };

/**
 * Levels renamed since they shipped: old id -> new id. Progress under an old
 * id is merged into the new one whenever it is read, so a rename never loses it.
 */
export const LEVEL_RENAMES: Readonly<Record<LevelId, LevelId>> = {};

export function isLevelId(value: unknown): value is LevelId {
  return typeof value === 'string' && value.length <= 128 && LEVEL_ID_PATTERN.test(value);
}

export function isProfileName(value: unknown): value is string {
  return typeof value === 'string' && PROFILE_PATTERN.test(value);
}

/** Throws for an id that is not kebab-case: ids become file names, never paths. */
export function assertLevelId(value: unknown): asserts value is LevelId {
  if (!isLevelId(value)) {
    throw new TypeError(`${JSON.stringify(value)} is not a level id (kebab-case: lowercase letters, digits and single dashes)`);
  }
}

export function emptyLevel(): LevelProgress {
  return { attempts: 0, checks: 0, hintsUsed: 0, solutionViewed: false, timeMs: 0, bestScore: 0, stars: 0, runHints: 0 };
}

export function emptySnapshot(settings: Settings = DEFAULT_SETTINGS): ProgressSnapshot {
  return { version: 1, levels: {}, settings: { ...settings } };
}

/**
 * Stars earned by a pass: one for passing, one when no hint was revealed in
 * the passing run, one when the solution was never viewed.
 */
export function starsFor(runHints: number, solutionViewed: boolean): number {
  return 1 + (runHints === 0 ? 1 : 0) + (solutionViewed ? 0 : 1);
}

function count(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number >= 0, got ${value}`);
  return value;
}

/** What one event does to a level's progress. `now` stamps a first pass. */
export function applyEvent(previous: LevelProgress | undefined, event: LevelEvent, now: Date): LevelProgress {
  const level = previous ?? emptyLevel();
  switch (event.type) {
    case 'opened':
      return { ...level, attempts: level.attempts + 1, runHints: 0 };
    case 'checked': {
      const next = { ...level, checks: level.checks + 1, bestScore: Math.max(level.bestScore, count(event.score, 'score')) };
      if (!event.passed) return next;
      const stars = starsFor(level.runHints ?? 0, level.solutionViewed);
      return { ...next, passedAt: level.passedAt ?? now.toISOString(), stars: Math.max(level.stars, stars) };
    }
    case 'hint': {
      const revealed = Math.floor(count(event.revealed, 'revealed'));
      return { ...level, hintsUsed: Math.max(level.hintsUsed, revealed), runHints: Math.max(level.runHints ?? 0, revealed) };
    }
    case 'solution-viewed':
      return { ...level, solutionViewed: true };
    case 'time':
      return { ...level, timeMs: level.timeMs + Math.round(count(event.ms, 'ms')) };
  }
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/** The union of two records of one level: never lower than either. */
export function mergeLevels(a: LevelProgress, b: LevelProgress): LevelProgress {
  const passedAt = earliest(a.passedAt, b.passedAt);
  return {
    ...(passedAt === undefined ? {} : { passedAt }),
    attempts: Math.max(a.attempts, b.attempts),
    checks: Math.max(a.checks, b.checks),
    hintsUsed: Math.max(a.hintsUsed, b.hintsUsed),
    solutionViewed: a.solutionViewed || b.solutionViewed,
    timeMs: Math.max(a.timeMs, b.timeMs),
    bestScore: Math.max(a.bestScore, b.bestScore),
    stars: Math.max(a.stars, b.stars),
    runHints: Math.max(a.runHints ?? 0, b.runHints ?? 0),
  };
}

function mergeLevelMaps(
  a: Readonly<Record<LevelId, LevelProgress>>,
  b: Readonly<Record<LevelId, LevelProgress>>,
): Record<LevelId, LevelProgress> {
  const out: Record<LevelId, LevelProgress> = { ...a };
  for (const [id, level] of Object.entries(b)) {
    const mine = out[id];
    out[id] = mine === undefined ? level : mergeLevels(mine, level);
  }
  return out;
}

/** `base` with `other` merged in; nothing done in either is lost. */
export function mergeSnapshots(base: ProgressSnapshot, other: ProgressSnapshot): ProgressSnapshot {
  const settings = { ...base.settings } as Record<keyof Settings, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (base.settings[key] === DEFAULT_SETTINGS[key]) settings[key] = other.settings[key];
  }
  const current = base.current ?? other.current;
  return {
    version: 1,
    levels: mergeLevelMaps(base.levels, other.levels),
    ...(current === undefined ? {} : { current }),
    settings: settings as Settings,
  };
}

export function withLevel(snapshot: ProgressSnapshot, id: LevelId, level: LevelProgress): ProgressSnapshot {
  return { ...snapshot, levels: { ...snapshot.levels, [id]: level } };
}

export function withCurrent(snapshot: ProgressSnapshot, id: LevelId): ProgressSnapshot {
  assertLevelId(id);
  return { ...snapshot, current: id };
}

/** Progress cleared; settings are the player's choices, not progress, and stay. */
export function resetSnapshot(snapshot: ProgressSnapshot): ProgressSnapshot {
  return emptySnapshot(snapshot.settings);
}

export function withSettings(snapshot: ProgressSnapshot, patch: Partial<Settings>): ProgressSnapshot {
  const settings = { ...snapshot.settings };
  if (patch.theme !== undefined) {
    if (patch.theme !== 'dark' && patch.theme !== 'light') throw new TypeError(`theme must be "dark" or "light", got ${JSON.stringify(patch.theme)}`);
    settings.theme = patch.theme;
  }
  if (patch.editorCommand !== undefined) {
    if (typeof patch.editorCommand !== 'string') throw new TypeError('editorCommand must be a string');
    settings.editorCommand = patch.editorCommand;
  }
  if (patch.unlockAll !== undefined) {
    if (typeof patch.unlockAll !== 'boolean') throw new TypeError('unlockAll must be true or false');
    settings.unlockAll = patch.unlockAll;
  }
  return { ...snapshot, settings };
}

/**
 * Tidy a snapshot that already has the right types (read from a validated
 * file): drop unknown fields, fold renamed levels into their new ids, and
 * keep stars consistent with passing (a passed level has at least one).
 */
export function normalizeSnapshot(snapshot: ProgressSnapshot): ProgressSnapshot {
  let levels: Record<LevelId, LevelProgress> = {};
  for (const [id, raw] of Object.entries(snapshot.levels)) {
    const level = normalizeLevel(raw);
    const target = LEVEL_RENAMES[id] ?? id;
    const mine = levels[target];
    levels = { ...levels, [target]: mine === undefined ? level : mergeLevels(mine, level) };
  }
  const current = snapshot.current === undefined ? undefined : (LEVEL_RENAMES[snapshot.current] ?? snapshot.current);
  return {
    version: 1,
    levels,
    ...(current === undefined ? {} : { current }),
    settings: { ...DEFAULT_SETTINGS, ...pickSettings(snapshot.settings) },
  };
}

function normalizeLevel(level: LevelProgress): LevelProgress {
  const stars = level.passedAt === undefined ? 0 : Math.min(3, Math.max(1, level.stars));
  return {
    ...(level.passedAt === undefined ? {} : { passedAt: level.passedAt }),
    attempts: level.attempts,
    checks: level.checks,
    hintsUsed: level.hintsUsed,
    solutionViewed: level.solutionViewed,
    timeMs: level.timeMs,
    bestScore: level.bestScore,
    stars,
    runHints: level.runHints ?? 0,
  };
}

function pickSettings(settings: Partial<Settings> | undefined): Partial<Settings> {
  if (!settings) return {};
  const out: { -readonly [K in keyof Settings]?: Settings[K] } = {};
  if (settings.theme !== undefined) out.theme = settings.theme;
  if (settings.editorCommand !== undefined) out.editorCommand = settings.editorCommand;
  if (settings.unlockAll !== undefined) out.unlockAll = settings.unlockAll;
  return out;
}
