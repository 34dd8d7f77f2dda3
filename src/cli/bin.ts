#!/usr/bin/env node
/**
 * The `kubequest` command: runs the program (kubequest.js beside this file,
 * one CommonJS bundle made by scripts/build.mjs) through V8's code cache.
 * This file is kept small and loads nothing else, as it runs before the cache helps.
 */
import { join } from 'node:path';
import { buildStamp, cacheDirectories, compileCacheFiles, requireWithCompileCache, userCacheDirectory } from './compile-cache.js';
import type { Program } from './program.js';

const argv = process.argv.slice(2);
const first = argv[0];
const game = first === undefined || first.startsWith('-') || first === 'play' || first === 'challenge';
const bundle = join(__dirname, 'kubequest.js');
const loaded = requireWithCompileCache(bundle, compileCacheFiles(bundle, game ? 'game' : first, process.env));
const { main } = loaded.exports as Program;

void main(argv, {
  cache: {
    build: buildStamp(bundle),
    packageRoot: join(__dirname, '..', '..'),
    packageDirs: cacheDirectories(bundle, process.env),
    userDirs: cacheDirectories(bundle, process.env).filter((dir) => dir === userCacheDirectory(process.env)),
  },
  // The game saves the cache once its first frame is on screen: a game runs until the player quits, or is killed.
  started: () => loaded.save(),
}).then((code) => {
  process.exitCode = code;
  if (!game && code !== 2) loaded.save();
});
