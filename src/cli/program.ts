/**
 * The program as src/cli/bin.ts runs it: the bundle's one export.
 */
import { useDataCache, type CacheConfig } from './data-cache.js';
import { runCli } from './main.js';

export type Program = {
  main(argv: readonly string[], hooks: { readonly started: () => void; readonly cache?: CacheConfig }): Promise<number>;
};

export const main: Program['main'] = (argv, hooks) => {
  useDataCache(hooks.cache);
  return runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY && process.stdin.isTTY),
    started: hooks.started,
  });
};
