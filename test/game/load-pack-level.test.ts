import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { allLevels, findLevel, loadPack, loadPackLevel } from '../../src/game/index.js';

/** `check LEVEL` reads one level alone; it must be exactly the level the whole pack gives. */
const PACKS = ['../../levels', '../fixtures/levels'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

describe('loadPackLevel', () => {
  test.each(PACKS)('every level of %s, read alone, equals the one loadPack reads', (dir) => {
    const { pack } = loadPack(dir);
    expect(pack).toBeDefined();
    for (const level of allLevels(pack!)) expect(loadPackLevel(dir, level.id)).toEqual(findLevel(pack!, level.id));
  });

  test('an id the index does not list, or a folder that is no pack: undefined, so the caller loads the pack', () => {
    expect(loadPackLevel(PACKS[1]!, 'no-such-level')).toBeUndefined();
    expect(loadPackLevel(fileURLToPath(new URL('.', import.meta.url)), 'anything')).toBeUndefined();
    expect(loadPackLevel('/nonexistent/pack', 'anything')).toBeUndefined();
  });
});
