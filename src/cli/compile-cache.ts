/**
 * V8's code cache for the program's bundle, as Node 22's
 * `module.enableCompileCache()` keeps one (Node 20 has no such switch).
 * Compiling the bundle's code again on every start costs more than
 * anything else a start does; with the cache, V8 reads back the compiled
 * code of every function the last run used. V8 turns down a cache made by
 * another version or with other flags, but checks only the length of the
 * source; so each cache also records the size and time of the file it was
 * made from, as Python's .pyc files do, and one for another build is not
 * used. Either way the program then compiles as usual and writes a fresh cache.
 *
 * The cache lives beside the bundle when that folder is writable (as
 * Python keeps __pycache__ beside a module), else in the user's cache
 * folder, else nowhere. Nothing here may stop the program from running.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export type CachedBundle = {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** How the cache fared: used, turned down by V8, absent (or made from another build), or off. */
  readonly cache: 'used' | 'rejected' | 'absent' | 'off';
  /** Writes the cache unless the one used still fits; call once the program has done its typical work. */
  save(): void;
};

/**
 * Runs the CommonJS file `file` (ASCII only) as `require` would, with its compiled code
 * read from, and later written to, the first of `cacheFiles` that works.
 * An empty `cacheFiles` runs it without a cache.
 */
export function requireWithCompileCache(file: string, cacheFiles: readonly string[]): CachedBundle {
  // The build makes the bundle ASCII only, and latin1 reads that into the same string a third faster than utf8.
  const source = readFileSync(file, 'latin1');
  const stamp = stampOf(file);
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

/** The first line of a cache file: which build of the file it was made from. */
function stampOf(file: string): string {
  return `kubequest compile cache of ${buildStamp(file)}\n`;
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

/** Whole or not at all: two programs starting at once must not read each other's half-written cache. */
export function writeAtomically(path: string, data: Buffer): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder is not one (a file by that name): nothing was written.
    }
    return false;
  }
}

/**
 * Folders the program's caches may be kept in, best first: beside the
 * bundle, then the user's cache folder. KUBEQUEST_NO_CACHE=1 turns
 * caching off (none).
 */
export function cacheDirectories(bundle: string, env: NodeJS.ProcessEnv): string[] {
  if ((env['KUBEQUEST_NO_CACHE'] ?? '') !== '') return [];
  return [join(dirname(bundle), '.cache'), userCacheDirectory(env)];
}

/** The user's own cache folder for kubequest ($XDG_CACHE_HOME/kubequest, or ~/.cache/kubequest). */
export function userCacheDirectory(env: NodeJS.ProcessEnv): string {
  const userCache = env['XDG_CACHE_HOME'] || (env['HOME'] ? join(env['HOME'], '.cache') : join(homedir(), '.cache'));
  return join(userCache, 'kubequest');
}

/**
 * Where the compile cache of `bundle` for one kind of run (`flavour`: the
 * game, or a command) may be kept, best first. Each flavour has its own
 * cache, as each uses other parts of the bundle; the Node version is in the
 * name, so two Node versions do not keep replacing each other's cache.
 */
export function compileCacheFiles(bundle: string, flavour: string, env: NodeJS.ProcessEnv): string[] {
  const name = `${flavour}-${process.version}-${process.arch}.cache`;
  return cacheDirectories(bundle, env).map((dir) => join(dir, name));
}

/** Which build `file` is: its size and time. */
export function buildStamp(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return `${size}:${mtimeMs}`;
}
