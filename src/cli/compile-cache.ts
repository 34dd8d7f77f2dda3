/**
 * V8's code cache for the program's bundle, as Node 22's
 * `module.enableCompileCache()` keeps one (Node 20 has no such switch).
 * Compiling the bundle's code again on every start costs more than
 * anything else a start does; with the cache, V8 reads back the compiled
 * code of every function the last run used. V8 turns down a cache made by
 * another version or with other flags, but checks only the length of the
 * source; so each cache also records which build it was made from (a hash
 * of the bundle, made by the build: sizes and times are not enough, as
 * package managers give every release the same times), and one from
 * another build is not used. Either way the program then compiles as usual
 * and writes a fresh cache. Where caches live: cache-files.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { bundleCacheDirectory, cachesOff, userCacheDirectory, writeAtomically } from './cache-files.js';

export type CachedBundle = {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** How the cache fared: used, turned down by V8, absent (or made from another build), or off. */
  readonly cache: 'used' | 'rejected' | 'absent' | 'off';
  /** Writes the cache unless the one used still fits; call once the program has done its typical work. */
  save(): void;
};

/**
 * Runs the CommonJS file `file` (ASCII only), build `build`, as `require`
 * would, with its compiled code read from, and later written to, the first
 * of `cacheFiles` that works. An empty `cacheFiles` runs it without a cache.
 */
export function requireWithCompileCache(file: string, build: string, cacheFiles: readonly string[]): CachedBundle {
  // The build makes the bundle ASCII only, and latin1 reads that into the same string a third faster than utf8.
  const source = readFileSync(file, 'latin1');
  const stamp = `kubequest compile cache of build ${build}\n`;
  const read = cacheFiles.map((path) => readCache(path, stamp)).find((c) => c !== undefined);
  // Node's own CommonJS wrapper, on the source's first line so that line numbers in stack traces stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(read ? { cachedData: read } : {}),
  });
  const cache = cacheFiles.length === 0 ? 'off' : !read ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let saved = cache === 'used' || cache === 'off';
  return {
    exports: module.exports,
    cache,
    save() {
      if (saved) return;
      saved = true;
      const data = Buffer.concat([Buffer.from(stamp), script.createCachedData()]);
      for (const target of cacheFiles) if (writeAtomically(target, data)) return;
    },
  };
}

/** The V8 data of a cache file made from this build of the file; undefined when there is none. */
function readCache(path: string, stamp: string): Buffer | undefined {
  try {
    const data = readFileSync(path);
    return data.subarray(0, stamp.length).toString('latin1') === stamp ? data.subarray(stamp.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the compile cache of `bundle` for one kind of run (`flavour`: the
 * game, or a command) may be kept, best first. Each flavour has its own
 * cache, as each uses other parts of the bundle; the Node version is in the
 * name, so two Node versions do not keep replacing each other's cache.
 */
export function compileCacheFiles(bundle: string, flavour: string, env: NodeJS.ProcessEnv): string[] {
  if (cachesOff(env)) return [];
  const name = `${flavour}-${process.version}-${process.arch}.cache`;
  return [bundleCacheDirectory(bundle), userCacheDirectory(env)].flatMap((dir) => (dir === undefined ? [] : [join(dir, name)]));
}
