import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { allLevels, loadPack, validateLevel } from '../src/game/index.js';
import { formatProblem } from '../src/manifests/index.js';

/**
 * The campaign's dev check (after rustlings): every shipped level parses,
 * its reference solution passes, its starter fails, trivial answers fail.
 */
const LEVELS = fileURLToPath(new URL('../levels', import.meta.url));
const loaded = loadPack(LEVELS);

describe('the campaign', () => {
  test('levels/ loads without problems', () => {
    expect(loaded.problems.map((p) => formatProblem(p))).toEqual([]);
    expect(loaded.pack).toBeDefined();
  });

  test('ids are unique', () => {
    const ids = allLevels(loaded.pack!).map((l) => l.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('every chapter has a lesson', () => {
    expect(loaded.pack!.chapters.filter((c) => c.lesson.trim() === '').map((c) => c.folder)).toEqual([]);
  });

  describe.each(loaded.pack ? allLevels(loaded.pack).map((l) => [l.id, l] as const) : [])('%s', (_id, level) => {
    test('is fair: solution passes, starter and trivial answers fail, probes name what exists', () => {
      expect(validateLevel(level).map((p) => formatProblem(p))).toEqual([]);
    });
  });
});
