/**
 * Packs and levels from the data cache (src/cli/packs.ts over
 * src/cli/data-cache.ts): whatever changes in a pack's files, what comes
 * back is what reading the files would give now.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allLevels, loadPack, loadPackLevel } from '../../src/game/index.js';
import { useDataCache } from '../../src/cli/data-cache.js';
import { loadPackLevelCached, loadPackOrFail } from '../../src/cli/packs.js';
import { repoRoot } from '../helpers/run-cli.js';

const LONG_AGO = new Date('2025-01-01T00:00:00Z');
let root: string;
let pack: string;
let cacheDir: string;

/** Files changed just before a read are never cached: these were all written long ago. */
function ageAll(dir: string): void {
  utimesSync(dir, LONG_AGO, LONG_AGO);
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, file), LONG_AGO, LONG_AGO);
}

/** Change a file of the pack as an editor would, keeping it old. */
function edit(file: string, change: (text: string) => string, time = LONG_AGO): void {
  const path = join(pack, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  utimesSync(path, time, time);
  utimesSync(join(path, '..'), LONG_AGO, LONG_AGO);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kubequest-pack-cache-'));
  pack = join(root, 'pack');
  cacheDir = join(root, 'cache');
  cpSync(join(repoRoot, 'test/fixtures/levels'), pack, { recursive: true });
  ageAll(pack);
  useDataCache({ build: 'build-1', packageRoot: join(root, 'elsewhere'), packageDirs: [], userDirs: [cacheDir] });
});
afterEach(() => {
  useDataCache(undefined);
  rmSync(root, { recursive: true, force: true });
});

const cachedEntries = () => readdirSync(cacheDir);
const title = (id: string) => allLevels(loadPackOrFail(pack).pack).find((l) => l.id === id)?.title;

describe('packs from the data cache', () => {
  it('the second read comes from the cache and equals reading the files', () => {
    const first = loadPackOrFail(pack).pack;
    expect(cachedEntries()).toHaveLength(1);
    expect(loadPackOrFail(pack).pack).toEqual(first);
    expect(loadPackOrFail(pack).pack).toEqual(loadPack(pack).pack);
  });

  it('an edit of a level, even of the same size and time, is seen', () => {
    expect(title('passes')).toBe('Open the shop');
    edit('01-shop/passes.yaml', (t) => t.replace('title: Open the shop', 'title: Shut the shop'));
    expect(title('passes')).toBe('Shut the shop');
  });

  it("an edit of a chapter's lesson, of the index, or a solution added, is seen", () => {
    loadPackOrFail(pack);
    edit('01-shop/README.md', (t) => `${t}\nOne more line.\n`);
    expect(loadPackOrFail(pack).pack.chapters[0]!.lesson).toContain('One more line.');
    edit('index.yaml', (t) => t.replace('title: The shop', 'title: The corner shop'));
    expect(loadPackOrFail(pack).pack.chapters[0]!.title).toBe('The corner shop');
    const passes = () => allLevels(loadPackOrFail(pack).pack).find((l) => l.id === 'passes')!;
    const before = passes().solution;
    writeFileSync(join(pack, '01-shop/passes.solution.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: from-the-file\n');
    utimesSync(join(pack, '01-shop/passes.solution.yaml'), LONG_AGO, LONG_AGO);
    utimesSync(join(pack, '01-shop'), LONG_AGO, LONG_AGO);
    expect(passes().solution).not.toBe(before);
    expect(passes().solution).toContain('from-the-file');
  });

  it('a chapter folder turned into a link leading out of the pack: its levels are refused, as reading the files refuses them', () => {
    loadPackOrFail(pack);
    const outside = join(root, 'outside');
    renameSync(join(pack, '01-shop'), outside);
    symlinkSync(outside, join(pack, '01-shop'));
    const now = loadPackOrFail(pack);
    expect(now.problems.map((p) => p.message).join('\n')).toMatch(/leads outside the pack/);
    expect(allLevels(now.pack)).toEqual([]);
    expect(now).toEqual(loadPack(pack));
  });
});

describe('single levels from the data cache', () => {
  it('the second read comes from the cache and equals reading the files; edits are seen', () => {
    const first = loadPackLevelCached(pack, 'sticky-cart');
    expect(first).toEqual(loadPackLevel(pack, 'sticky-cart'));
    expect(cachedEntries().some((f) => f.startsWith('level-sticky-cart-'))).toBe(true);
    expect(loadPackLevelCached(pack, 'sticky-cart')).toEqual(first);
    edit('01-shop/sticky-cart.yaml', (t) => t.replace(/^title: .*$/m, 'title: Renamed'));
    expect(loadPackLevelCached(pack, 'sticky-cart')?.title).toBe('Renamed');
  });

  it('a level moved to another chapter by the index is read from its new place', () => {
    loadPackLevelCached(pack, 'passes');
    mkdirSync(join(pack, '02-more'));
    renameSync(join(pack, '01-shop/passes.yaml'), join(pack, '02-more/passes.yaml'));
    writeFileSync(join(pack, '02-more/README.md'), 'More.\n');
    edit('index.yaml', (t) => t.replace('      - passes\n', '') + '  - id: more\n    title: More\n    folder: 02-more\n    levels:\n      - passes\n');
    ageAll(pack);
    expect(loadPackLevelCached(pack, 'passes')).toMatchObject({ chapter: 'more', file: join(pack, '02-more/passes.yaml') });
  });
});
