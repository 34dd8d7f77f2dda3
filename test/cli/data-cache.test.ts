import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCached, useDataCache, writeCached, type CacheConfig } from '../../src/cli/data-cache.js';

let root: string;
let pack: string;
let config: CacheConfig;
const LONG_AGO = new Date('2025-01-01T00:00:00Z');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kubequest-data-cache-'));
  pack = join(root, 'pack');
  mkdirSync(pack);
  for (const file of ['index.yaml', 'level.yaml']) {
    writeFileSync(join(pack, file), `${file}\n`);
    utimesSync(join(pack, file), LONG_AGO, LONG_AGO);
  }
  config = { build: 'build-1', packageRoot: join(root, 'package'), packageDirs: [join(root, 'package-cache'), join(root, 'user-cache')], userDirs: [join(root, 'user-cache')] };
  useDataCache(config);
});
afterEach(() => {
  useDataCache(undefined);
  rmSync(root, { recursive: true, force: true });
});

const FILES = ['index.yaml', 'level.yaml', 'level.solution.yaml'];
const keep = (value: unknown, readAt = Date.now()) => writeCached(pack, 'pack', FILES, value, readAt);

describe('the data cache', () => {
  it('gives back what was kept while the files are as they were, in the user cache folder for a folder outside the package', () => {
    expect(readCached(pack, 'pack')).toBeUndefined();
    keep({ levels: 2 });
    expect(readCached(pack, 'pack')).toEqual({ levels: 2 });
    expect(readdirSync(join(root, 'user-cache'))).toHaveLength(1);
  });

  it('forgets it when a file changes size or time, or a missing file appears', () => {
    keep({ levels: 2 });
    writeFileSync(join(pack, 'level.yaml'), 'level.yaml, longer\n');
    utimesSync(join(pack, 'level.yaml'), LONG_AGO, LONG_AGO);
    expect(readCached(pack, 'pack')).toBeUndefined();

    keep({ levels: 3 });
    utimesSync(join(pack, 'index.yaml'), LONG_AGO, new Date('2025-01-02T00:00:00Z'));
    expect(readCached(pack, 'pack')).toBeUndefined();

    keep({ levels: 4 });
    writeFileSync(join(pack, 'level.solution.yaml'), 'new\n');
    expect(readCached(pack, 'pack')).toBeUndefined();
  });

  it('another build of the program, another folder, another kind: nothing', () => {
    keep({ levels: 2 });
    expect(readCached(pack, 'level-one')).toBeUndefined();
    expect(readCached(join(root, 'elsewhere'), 'pack')).toBeUndefined();
    useDataCache({ ...config, build: 'build-2' });
    expect(readCached(pack, 'pack')).toBeUndefined();
  });

  it('keeps nothing when a file changed just before the read began: it may have changed during it', () => {
    writeFileSync(join(pack, 'level.yaml'), 'just edited\n');
    keep({ levels: 2 });
    expect(readCached(pack, 'pack')).toBeUndefined();
  });

  it('a damaged entry is passed over; without a configured cache nothing is kept', () => {
    keep({ levels: 2 });
    const [entry] = readdirSync(join(root, 'user-cache'));
    for (const damaged of [
      '{',
      'null',
      '{"build":"build-1","dir":"x"}',
      JSON.stringify({ build: 'build-1', dir: pack, files: FILES, stamps: null, value: 1 }),
      JSON.stringify({ build: 'build-1', dir: pack, files: [1, null], stamps: [null, null], value: 1 }),
    ]) {
      writeFileSync(join(root, 'user-cache', entry!), damaged);
      expect(readCached(pack, 'pack')).toBeUndefined();
    }
    useDataCache(undefined);
    keep({ levels: 2 });
    expect(readCached(pack, 'pack')).toBeUndefined();
  });

  it('what was read from a file that cannot be looked at (a folder on its way is a file) is not kept, and nothing fails', () => {
    writeCached(pack, 'pack', ['index.yaml', 'index.yaml/inside'], { levels: 3 }, Date.now() + 60_000);
    expect(readCached(pack, 'pack')).toBeUndefined();
  });

  it('what is read from the package itself is kept beside it', () => {
    const campaign = join(config.packageRoot, 'levels');
    mkdirSync(campaign, { recursive: true });
    writeCached(campaign, 'pack-summary', ['index.yaml'], { title: 'x' }, Date.now());
    expect(readdirSync(join(root, 'package-cache'))).toHaveLength(1);
    expect(readCached(campaign, 'pack-summary')).toEqual({ title: 'x' });
  });
});
