/**
 * Where a pack is: `--pack DIR` (or FILE.tgz) against the working directory,
 * or the campaign shipped with kubequest. Kept apart from packs.ts, which
 * reads packs, so that the game's first frame finds its pack without
 * loading the code that reads levels.
 */
import { isAbsolute, resolve, sep } from 'node:path';
import type { Io } from './io.js';
import { packagePath } from './package-root.js';

/** The campaign in the installed package: `levels/` beside `build/` (and beside `src/` when tests run the sources). */
export function defaultPackDir(): string {
  return `${packagePath('levels')}${sep}`;
}

export const PACK_OPTION_HELP = `  --pack DIR          a pack folder (its index.yaml lists the chapters and levels),
                      or a .tgz of one; default: the campaign that comes with kubequest`;

/** `--pack DIR` (or FILE.tgz) against the working directory, or the shipped campaign. */
export function packDirFrom(flag: string | undefined, io: Pick<Io, 'cwd'>): string {
  if (flag === undefined) return defaultPackDir();
  return isAbsolute(flag) ? flag : resolve(io.cwd, flag);
}
