/**
 * The progress snapshot as JSON: the shape `progress export` writes and
 * `progress import` reads, and the JSON Schema the conf file is checked with.
 *
 * ```json
 * { "version": 1,
 *   "levels": { "pod-to-pod": { "passedAt": "2025-03-01T10:00:00.000Z", "attempts": 2, "checks": 5,
 *               "hintsUsed": 1, "solutionViewed": false, "timeMs": 183000, "bestScore": 3, "stars": 2 } },
 *   "current": "pod-to-pod",
 *   "settings": { "theme": "dark", "editorCommand": "", "unlockAll": false } }
 * ```
 */
import type { LevelProgress, ProgressSnapshot, Settings } from './progress-store.js';
import { DEFAULT_SETTINGS, emptyLevel, isLevelId, normalizeSnapshot } from './progress-rules.js';

export type ParsedSnapshot =
  | { readonly ok: true; readonly snapshot: ProgressSnapshot }
  | { readonly ok: false; readonly problems: readonly string[] };

const COUNTERS = ['attempts', 'checks', 'hintsUsed', 'timeMs', 'bestScore', 'runHints'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/**
 * Check JSON text read from a file against the snapshot shape. Every problem
 * names where it is (`levels["pod-to-pod"].attempts`) and what was found.
 * Missing counters count as 0; unknown fields are ignored.
 */
export function parseSnapshotJson(text: string): ParsedSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return parseSnapshot(value);
}

export function parseSnapshot(value: unknown): ParsedSnapshot {
  const problems: string[] = [];
  if (!isObject(value)) return { ok: false, problems: [`expected an object with "version" and "levels", got ${show(value)}`] };
  if (value['version'] !== 1) problems.push(`version: must be 1, got ${show(value['version'])}`);
  const levels: Record<string, LevelProgress> = {};
  const rawLevels = value['levels'];
  if (!isObject(rawLevels)) problems.push(`levels: expected an object of level id -> progress, got ${show(rawLevels)}`);
  else {
    for (const [id, raw] of Object.entries(rawLevels)) {
      const where = `levels[${JSON.stringify(id)}]`;
      if (!isLevelId(id)) problems.push(`${where}: ${show(id)} is not a level id (kebab-case: lowercase letters, digits and single dashes)`);
      const level = parseLevel(raw, where, problems);
      if (level) levels[id] = level;
    }
  }
  const current = value['current'];
  if (current !== undefined && current !== null && !isLevelId(current)) problems.push(`current: expected a level id, got ${show(current)}`);
  const settings = parseSettings(value['settings'], problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    snapshot: normalizeSnapshot({ version: 1, levels, ...(typeof current === 'string' ? { current } : {}), settings }),
  };
}

function parseLevel(raw: unknown, where: string, problems: string[]): LevelProgress | undefined {
  if (!isObject(raw)) {
    problems.push(`${where}: expected an object, got ${show(raw)}`);
    return undefined;
  }
  const level: Record<string, unknown> = { ...emptyLevel() };
  const before = problems.length;
  for (const key of COUNTERS) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${where}.${key}: expected a number >= 0, got ${show(v)}`);
    else level[key] = v;
  }
  const stars = raw['stars'];
  if (stars !== undefined) {
    if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < 0 || stars > 3) problems.push(`${where}.stars: expected 0, 1, 2 or 3, got ${show(stars)}`);
    else level['stars'] = stars;
  }
  const viewed = raw['solutionViewed'];
  if (viewed !== undefined) {
    if (typeof viewed !== 'boolean') problems.push(`${where}.solutionViewed: expected true or false, got ${show(viewed)}`);
    else level['solutionViewed'] = viewed;
  }
  const passedAt = raw['passedAt'];
  if (passedAt !== undefined && passedAt !== null) {
    if (typeof passedAt !== 'string' || Number.isNaN(Date.parse(passedAt))) problems.push(`${where}.passedAt: expected an ISO date-time, got ${show(passedAt)}`);
    else level['passedAt'] = new Date(Date.parse(passedAt)).toISOString();
  }
  return problems.length === before ? (level as LevelProgress) : undefined;
}

function parseSettings(raw: unknown, problems: string[]): Settings {
  if (raw === undefined || raw === null) return { ...DEFAULT_SETTINGS };
  if (!isObject(raw)) {
    problems.push(`settings: expected an object, got ${show(raw)}`);
    return { ...DEFAULT_SETTINGS };
  }
  const out = { ...DEFAULT_SETTINGS } as { -readonly [K in keyof Settings]: Settings[K] };
  const { theme, editorCommand, unlockAll } = raw;
  if (theme !== undefined) {
    if (theme !== 'dark' && theme !== 'light') problems.push(`settings.theme: expected "dark" or "light", got ${show(theme)}`);
    else out.theme = theme;
  }
  if (editorCommand !== undefined) {
    if (typeof editorCommand !== 'string') problems.push(`settings.editorCommand: expected a string, got ${show(editorCommand)}`);
    else out.editorCommand = editorCommand;
  }
  if (unlockAll !== undefined) {
    if (typeof unlockAll !== 'boolean') problems.push(`settings.unlockAll: expected true or false, got ${show(unlockAll)}`);
    else out.unlockAll = unlockAll;
  }
  return out;
}

/** The export shape: fields in a fixed order, ids sorted, the per-run counter left out. */
export function snapshotToJson(snapshot: ProgressSnapshot): string {
  const levels: Record<string, unknown> = {};
  for (const id of Object.keys(snapshot.levels).sort()) {
    const { runHints: _runHints, ...level } = snapshot.levels[id]!;
    levels[id] = level;
  }
  const out = {
    version: 1,
    levels,
    ...(snapshot.current === undefined ? {} : { current: snapshot.current }),
    settings: snapshot.settings,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

const count = { type: 'number', minimum: 0, default: 0 } as const;
const levelId = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;

/** JSON Schema of the stored file's properties (conf's `schema` option). Missing fields take their defaults. */
export const PROGRESS_SCHEMA = {
  version: { const: 1 },
  levels: {
    type: 'object',
    propertyNames: levelId,
    additionalProperties: {
      type: 'object',
      properties: {
        passedAt: { type: 'string', format: 'date-time' },
        attempts: count,
        checks: count,
        hintsUsed: count,
        solutionViewed: { type: 'boolean', default: false },
        timeMs: count,
        bestScore: count,
        stars: { type: 'integer', minimum: 0, maximum: 3, default: 0 },
        runHints: count,
      },
    },
    default: {},
  },
  current: levelId,
  settings: {
    type: 'object',
    properties: {
      theme: { enum: ['dark', 'light'], default: DEFAULT_SETTINGS.theme },
      editorCommand: { type: 'string', default: DEFAULT_SETTINGS.editorCommand },
      unlockAll: { type: 'boolean', default: DEFAULT_SETTINGS.unlockAll },
    },
    default: { ...DEFAULT_SETTINGS },
  },
} as const;
