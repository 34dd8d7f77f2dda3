import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheFiles } from '../../src/cli/compile-cache.js';

let dir: string;
let loader: string;
beforeAll(() => {
  // V8 keeps code it compiled for the life of a process and then never looks at a cache, so each start is a process of its own.
  loader = join(mkdtempSync(join(tmpdir(), 'kubequest-compile-cache-loader-')), 'compile-cache.cjs');
  buildSync({ entryPoints: [fileURLToPath(new URL('../../src/cli/compile-cache.ts', import.meta.url))], bundle: true, platform: 'node', format: 'cjs', outfile: loader, logLevel: 'error' });
});
afterAll(() => rmSync(dirname(loader), { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-compile-cache-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** A CommonJS file like the bundle: exports a function, uses require, __filename and __dirname. */
function writeBundle(body = 'return n * 2;'): string {
  const file = join(dir, 'bundle.js');
  writeFileSync(file, `"use strict";\nconst { basename } = require('node:path');\nexports.twice = function (n) { ${body} };\nexports.where = basename(__filename) + ' in ' + basename(__dirname);\n`);
  return file;
}

type Start = { cache: string; twice: number; where: string };

/** Starts a process that runs `file` (build `build`) through the cache, calls its `twice(n)`, and saves the cache. */
function start(file: string, cacheFiles: readonly string[], n = 21, build = 'build-1'): Start {
  const script = `const { requireWithCompileCache } = require(${JSON.stringify(loader)});
const loaded = requireWithCompileCache(${JSON.stringify(file)}, ${JSON.stringify(build)}, ${JSON.stringify(cacheFiles)});
console.log(JSON.stringify({ cache: loaded.cache, twice: loaded.exports.twice(${n}), where: loaded.exports.where }));
loaded.save();`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Start;
}

describe('requireWithCompileCache', () => {
  it('runs the file as require would; the first start writes the cache and the next uses it', () => {
    const file = writeBundle();
    const cache = join(dir, '.compile-cache', 'test.cache');
    expect(start(file, [cache])).toEqual({ cache: 'absent', twice: 42, where: `bundle.js in ${basename(dir)}` });
    expect(existsSync(cache)).toBe(true);
    expect(start(file, [cache], 4)).toEqual({ cache: 'used', twice: 8, where: `bundle.js in ${basename(dir)}` });
  });

  it('a cache made from another build is not used, even for a bundle of the same length and time: the new code runs, and a fresh cache replaces the old', () => {
    const cache = join(dir, 'test.cache');
    const time = new Date('1985-10-26T08:15:00Z');
    utimesSync(writeBundle(), time, time);
    start(join(dir, 'bundle.js'), [cache], 21, 'build-1');
    const before = readFileSync(cache);
    // A release unpacked with the same times (as npm packs them), one character changed.
    const rebuilt = writeBundle('return n * 3;');
    utimesSync(rebuilt, time, time);
    expect(start(rebuilt, [cache], 2, 'build-2')).toMatchObject({ cache: 'absent', twice: 6 });
    expect(readFileSync(cache).equals(before)).toBe(false);
    expect(start(rebuilt, [cache], 2, 'build-2')).toMatchObject({ cache: 'used', twice: 6 });
  });

  it('a damaged cache file does not stop the program, and is replaced', () => {
    const file = writeBundle();
    const cache = join(dir, 'test.cache');
    start(file, [cache]);
    const stamp = readFileSync(cache, 'latin1').split('\n')[0]!;
    for (const damaged of ['not a V8 code cache at all', `${stamp}\nnot a V8 code cache at all`]) {
      writeFileSync(cache, damaged);
      expect(start(file, [cache], 5)).toMatchObject({ cache: damaged.startsWith(stamp) ? 'rejected' : 'absent', twice: 10 });
      expect(start(file, [cache], 5)).toMatchObject({ cache: 'used', twice: 10 });
    }
  });

  it('a place it cannot write to is passed over for the next one; with none, it still runs', () => {
    const file = writeBundle();
    // A file where the first cache folder should be: no one can write in it, root included.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const blocked = join(dir, 'not-a-folder', 'test.cache');
    const fallback = join(dir, 'user-cache', 'test.cache');
    expect(start(file, [blocked, fallback])).toMatchObject({ cache: 'absent', twice: 42 });
    expect(existsSync(fallback)).toBe(true);
    expect(start(file, [blocked, fallback])).toMatchObject({ cache: 'used', twice: 42 });
    expect(start(file, [blocked])).toMatchObject({ cache: 'absent', twice: 42 });
    expect(start(file, [])).toMatchObject({ cache: 'off', twice: 42 });
  });
});

describe('compileCacheFiles', () => {
  it('beside the bundle first, then the user cache folder, one file per kind of run and Node version', () => {
    const files = compileCacheFiles('/opt/kubequest/build/cli/kubequest.js', 'check', { HOME: '/home/ada' });
    expect(files).toEqual([
      `/opt/kubequest/build/cli/.cache/check-${process.version}-${process.arch}.cache`,
      `/home/ada/.cache/kubequest/check-${process.version}-${process.arch}.cache`,
    ]);
    expect(compileCacheFiles('/x/kubequest.js', 'game', { XDG_CACHE_HOME: '/xdg' })[1]).toBe(`/xdg/kubequest/game-${process.version}-${process.arch}.cache`);
  });

  it('KUBEQUEST_NO_CACHE turns every cache off', () => {
    expect(compileCacheFiles('/x/kubequest.js', 'game', { KUBEQUEST_NO_CACHE: '1' })).toEqual([]);
  });
});
