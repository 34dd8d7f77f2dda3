/**
 * Where the program keeps its caches (the compile cache and the data cache),
 * and how it writes them. The folder beside the bundle comes first when it
 * is writable (as Python keeps __pycache__ beside a module); then the
 * user's cache folder. Nothing here may stop the program: a folder that
 * cannot be found or written is passed over.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** KUBEQUEST_NO_CACHE=1 turns every cache off. */
export function cachesOff(env: NodeJS.ProcessEnv): boolean {
  return (env['KUBEQUEST_NO_CACHE'] ?? '') !== '';
}

/** The folder beside the bundle, for caches of the package's own files. */
export function bundleCacheDirectory(bundle: string): string {
  return join(dirname(bundle), '.cache');
}

/** $XDG_CACHE_HOME/kubequest, or ~/.cache/kubequest; none when there is no home to find (a user without one). */
export function userCacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'kubequest');
  if (env['HOME']) return join(env['HOME'], '.cache', 'kubequest');
  try {
    return join(homedir(), '.cache', 'kubequest');
  } catch {
    return undefined;
  }
}

/** Whole or not at all: two programs starting at once must not read each other's half-written file. */
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
