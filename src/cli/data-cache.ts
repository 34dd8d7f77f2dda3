/**
 * What was read from a folder's files, kept as JSON for the next run. Reading
 * a pack means parsing every level's YAML and checking its manifests: some
 * 400 ms for the campaign in a fresh process, which the game would spend
 * right after its menu appears and `check` on every run. An entry records
 * what every file and folder it was read from is (`stateOf`; and which were
 * not there); it is used again only while all of those are unchanged, by
 * the same build of the program. Entries about the campaign shipped with
 * kubequest live beside the compile cache; others in the user's cache folder.
 *
 * The binary says where caches may go (`useDataCache`); without that (the
 * tests of other modules, the sources run directly) nothing is kept.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { writeAtomically } from './cache-files.js';

export type CacheConfig = {
  /** Which build of the program this is: what another build kept is not used. */
  readonly build: string;
  /** The installed package: what is read from its own files (the campaign) is kept in `packageDirs`, the rest in `userDirs`. */
  readonly packageRoot: string;
  /** Folders, best first. */
  readonly packageDirs: readonly string[];
  readonly userDirs: readonly string[];
};

let config: CacheConfig | undefined;

/** Files changed this close to a read are not trusted to have been read whole. */
const RACY_MS = 2000;

export function useDataCache(cache: CacheConfig | undefined): void {
  config = cache;
}

/** Where entries about `dir` may be kept, best first. */
function foldersFor(dir: string, cache: CacheConfig): readonly string[] {
  return dir === cache.packageRoot || dir.startsWith(cache.packageRoot + sep) ? cache.packageDirs : cache.userDirs;
}

/**
 * What each file is now: `null` when it is not there. Size and modification
 * time as a .pyc file records them, and the change time and inode, which
 * no archive or `touch` can set back (a release unpacked with the old
 * times, an edit of the same size). A symbolic link is its own and its
 * target's, with where it leads: the pack may only use files inside it.
 * `changedAt` is the modification time, for the rule on recent files below.
 */
function stateOf(path: string): { readonly stamp: string; readonly changedAt: number } | null {
  const stamp = (info: Stats) => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
  let link: Stats | undefined;
  try {
    link = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    // Not readable (a folder on the way that is a file, no permission): never the same as before, never kept.
    return { stamp: 'unreadable', changedAt: Infinity };
  }
  if (!link) return null;
  if (!link.isSymbolicLink()) return { stamp: stamp(link), changedAt: link.mtimeMs };
  try {
    const target = statSync(path);
    return { stamp: `${stamp(link)}>${realpathSync(path)}:${stamp(target)}`, changedAt: Math.max(link.mtimeMs, target.mtimeMs) };
  } catch {
    return { stamp: `${stamp(link)}>broken`, changedAt: link.mtimeMs };
  }
}

function stampsOf(dir: string, files: readonly string[]): (string | null)[] {
  return files.map((file) => stateOf(join(dir, file))?.stamp ?? null);
}

/** What is kept: a whole pack, its summary, or one of its levels (`level-ID`). */
export type CacheKind = 'pack' | 'pack-summary' | `level-${string}`;

type Entry<T> = { readonly build: string; readonly dir: string; readonly files: readonly string[]; readonly stamps: readonly (string | null)[]; readonly value: T };

function cacheName(dir: string, kind: CacheKind): string {
  return `${kind}-${createHash('sha1').update(dir).digest('hex').slice(0, 16)}.json`;
}

/** What was kept of `dir` (an absolute path) as `kind`, while its files are unchanged. */
export function readCached<T>(dir: string, kind: CacheKind): T | undefined {
  if (!config) return undefined;
  for (const folder of foldersFor(dir, config)) {
    let entry: Entry<T>;
    try {
      entry = JSON.parse(readFileSync(join(folder, cacheName(dir, kind)), 'utf8')) as Entry<T>;
    } catch {
      continue;
    }
    if (typeof entry !== 'object' || entry === null || entry.build !== config.build || entry.dir !== dir) continue;
    if (!Array.isArray(entry.files) || !entry.files.every((f) => typeof f === 'string')) continue;
    if (!Array.isArray(entry.stamps) || entry.stamps.length !== entry.files.length) continue;
    const now = stampsOf(dir, entry.files);
    if (now.every((stamp, i) => stamp === entry.stamps[i])) return entry.value;
  }
  return undefined;
}

/**
 * Keep `value`, read from `files` of `dir` (an absolute path; the files
 * relative to it) by a read that began at `readAt` (epoch ms). A file
 * changed since shortly before then may have changed during the read, so
 * nothing is kept (as git treats a file changed in the second it was read).
 */
export function writeCached<T>(dir: string, kind: CacheKind, files: readonly string[], value: T, readAt: number): void {
  if (!config) return;
  const states = files.map((file) => stateOf(join(dir, file)));
  if (states.some((state) => state !== null && state.changedAt >= readAt - RACY_MS)) return;
  const entry: Entry<T> = { build: config.build, dir, files, stamps: states.map((state) => state?.stamp ?? null), value };
  const data = Buffer.from(JSON.stringify(entry));
  for (const folder of foldersFor(dir, config)) if (writeAtomically(join(folder, cacheName(dir, kind)), data)) return;
}
