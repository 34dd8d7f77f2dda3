#!/usr/bin/env node
/**
 * The `kubequest` command: runs the program (kubequest.js beside this file,
 * one CommonJS bundle made by scripts/build.mjs) through V8's code cache.
 * This file is kept small and loads nothing else, as it runs before the cache helps.
 */
import { join } from 'node:path';
import { bundleCacheDirectory, cachesOff, userCacheDirectory } from './cache-files.js';
import { compileCacheFiles, requireWithCompileCache } from './compile-cache.js';
import type { Program } from './program.js';

/** A hash of kubequest.js, set by the build. */
declare const KUBEQUEST_BUILD: string;

const argv = process.argv.slice(2);
const first = argv[0];
// One compile cache per kind of run: the game's menu, a level opened directly, each command.
const flavour =
  first === undefined || first.startsWith('-') || first === 'challenge' || (first === 'play' && (argv[1] === undefined || argv[1].startsWith('-')))
    ? 'game'
    : first === 'play'
      ? 'level'
      : /^[a-z]{1,20}$/.test(first)
        ? first
        : 'other';
const game = flavour === 'game' || flavour === 'level';
const bundle = join(__dirname, 'kubequest.js');
const loaded = requireWithCompileCache(bundle, KUBEQUEST_BUILD, compileCacheFiles(bundle, flavour, process.env));
const { main } = loaded.exports as Program;
const userCache = cachesOff(process.env) ? undefined : userCacheDirectory(process.env);
const userDirs = userCache === undefined ? [] : [userCache];

void main(argv, {
  cache: {
    build: KUBEQUEST_BUILD,
    // build/cli/ is two folders below the package.
    packageRoot: join(__dirname, '..', '..'),
    packageDirs: cachesOff(process.env) ? [] : [bundleCacheDirectory(bundle), ...userDirs],
    userDirs,
  },
  // The game saves the cache once its first frame is on screen: a game runs until the player quits, or is killed.
  started: () => loaded.save(),
}).then((code) => {
  process.exitCode = code;
  if (!game && code !== 2) loaded.save();
});
