import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyEvent, emptySnapshot, mergeLevels, mergeSnapshots, starsFor } from '../../src/store/index.js';
import type { LevelEvent, LevelProgress, ProgressSnapshot } from '../../src/store/index.js';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const T1 = new Date('2025-03-02T10:00:00.000Z');

function play(events: readonly LevelEvent[], now = T0): LevelProgress {
  let level: LevelProgress | undefined;
  for (const e of events) level = applyEvent(level, e, now);
  return level!;
}

const pass: LevelEvent = { type: 'checked', passed: true, score: 3 };
const fail: LevelEvent = { type: 'checked', passed: false, score: 1 };

describe('stars', () => {
  test.each([
    { name: 'no hints, no solution', events: [{ type: 'opened' }, pass], stars: 3 },
    { name: 'a hint in the passing run', events: [{ type: 'opened' }, { type: 'hint', revealed: 1 }, pass], stars: 2 },
    { name: 'the solution viewed', events: [{ type: 'opened' }, { type: 'solution-viewed' }, pass], stars: 2 },
    { name: 'hints and the solution', events: [{ type: 'opened' }, { type: 'hint', revealed: 2 }, { type: 'solution-viewed' }, pass], stars: 1 },
    { name: 'a hint in an earlier run only', events: [{ type: 'opened' }, { type: 'hint', revealed: 1 }, fail, { type: 'opened' }, pass], stars: 3 },
    { name: 'the solution viewed in an earlier run', events: [{ type: 'opened' }, { type: 'solution-viewed' }, { type: 'opened' }, pass], stars: 2 },
    { name: 'never passed', events: [{ type: 'opened' }, fail], stars: 0 },
  ] as { name: string; events: LevelEvent[]; stars: number }[])('stars - $name: $stars', ({ events, stars }) => {
    expect(play(events).stars).toBe(stars);
  });

  test('stars - the best pass is kept', () => {
    const level = play([{ type: 'opened' }, pass, { type: 'opened' }, { type: 'hint', revealed: 3 }, pass]);
    expect(level.stars).toBe(3);
    expect(level.hintsUsed).toBe(3);
  });

  test('starsFor - one for passing, one for no hints, one for no solution', () => {
    expect([starsFor(0, false), starsFor(1, false), starsFor(0, true), starsFor(5, true)]).toEqual([3, 2, 2, 1]);
  });
});

describe('applyEvent', () => {
  test('applyEvent - counters, time, best score and the first pass', () => {
    const first = play([{ type: 'opened' }, fail, { type: 'time', ms: 1500 }, pass], T0);
    const again = [{ type: 'opened' } as const, { type: 'checked', passed: true, score: 2 } as const].reduce<LevelProgress>((l, e) => applyEvent(l, e, T1), first);
    expect(again).toMatchObject({ attempts: 2, checks: 3, timeMs: 1500, bestScore: 3, passedAt: T0.toISOString(), stars: 3 });
  });

  test('applyEvent - refuses negative or non-finite numbers', () => {
    expect(() => applyEvent(undefined, { type: 'time', ms: -1 }, T0)).toThrow(RangeError);
    expect(() => applyEvent(undefined, { type: 'checked', passed: false, score: Number.NaN }, T0)).toThrow(RangeError);
  });
});

const level = fc.record({
  passedAt: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined }),
  attempts: fc.nat(100),
  checks: fc.nat(100),
  hintsUsed: fc.nat(5),
  solutionViewed: fc.boolean(),
  timeMs: fc.nat(10_000_000),
  bestScore: fc.nat(10),
  stars: fc.nat(3),
  runHints: fc.nat(5),
});
const snapshot: fc.Arbitrary<ProgressSnapshot> = fc.record({
  version: fc.constant(1 as const),
  levels: fc.dictionary(fc.constantFrom('a', 'b', 'c-d', 'e'), level),
  settings: fc.record({ theme: fc.constantFrom('dark' as const, 'light' as const), editorCommand: fc.constantFrom('', 'vim'), unlockAll: fc.boolean() }),
});

function neverLower(before: LevelProgress, after: LevelProgress): void {
  for (const key of ['attempts', 'checks', 'hintsUsed', 'timeMs', 'bestScore', 'stars'] as const) expect(after[key]).toBeGreaterThanOrEqual(before[key]);
  if (before.passedAt !== undefined) expect(Date.parse(after.passedAt!)).toBeLessThanOrEqual(Date.parse(before.passedAt));
  if (before.solutionViewed) expect(after.solutionViewed).toBe(true);
}

describe('merge', () => {
  test('mergeSnapshots - never lowers what either side has done', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const merged = mergeSnapshots(a, b);
        for (const side of [a, b]) for (const [id, l] of Object.entries(side.levels)) neverLower(l, merged.levels[id]!);
      }),
    );
  });

  test('mergeSnapshots - is idempotent, so importing a file twice changes nothing', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const once = mergeSnapshots(a, b);
        expect(mergeSnapshots(once, b)).toEqual(once);
      }),
    );
  });

  test('mergeLevels - keeps the earliest pass and the most stars', () => {
    const a = { ...play([{ type: 'opened' }, pass], T1), stars: 1 };
    const b = play([{ type: 'opened' }, { type: 'opened' }, { type: 'hint', revealed: 1 }, pass], T0);
    expect(mergeLevels(a, b)).toMatchObject({ passedAt: T0.toISOString(), stars: 2, attempts: 2, hintsUsed: 1 });
  });

  test('mergeSnapshots - keeps our current level and changed settings, fills in the rest', () => {
    const ours: ProgressSnapshot = { ...emptySnapshot(), settings: { theme: 'light', editorCommand: '', unlockAll: false } };
    const theirs: ProgressSnapshot = { ...emptySnapshot(), current: 'x', settings: { theme: 'dark', editorCommand: 'nano', unlockAll: true } };
    expect(mergeSnapshots(ours, theirs)).toEqual({ version: 1, levels: {}, current: 'x', settings: { theme: 'light', editorCommand: 'nano', unlockAll: true } });
  });
});
