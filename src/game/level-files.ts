/**
 * A pack's levels: a pack folder into a `Pack`. `loadPackFrom` reads the same
 * format from any `PackSource` (pack-index.ts), e.g. an archive already in
 * memory (`archivePackSource`).
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Problem } from '../manifests/index.js';
import type { Level } from './level.js';
import type { Chapter, LoadedPack } from './pack.js';
import { folderPackSource, MAX_PACK_LEVELS, problemAt, readInside, readPackIndex, type PackSource } from './pack-index.js';
import { parseLevel } from './parse-level.js';

/** Load a pack folder. Problems name the file and line; a pack with problems may still load partly. */
export function loadPack(dir: string): LoadedPack {
  if (!existsSync(resolve(dir))) return { problems: [problemAt('MISSING_FILE', dir, `no such pack folder: ${dir}`)] };
  return loadPackFrom(folderPackSource(dir));
}

/** Load a pack from wherever its files are (a folder, an archive in memory). */
export function loadPackFrom(source: PackSource): LoadedPack {
  const problems: Problem[] = [];
  const dir = source.dir;
  const read = readPackIndex(source, problems);
  if (!read && problems.length === 0) return { problems: [problemAt('MISSING_FILE', dir, `${dir} has no index.yaml, so it is not a kubequest pack`)] };
  if (!read?.index) return { problems };
  const { file: indexFile, index } = read;
  const indexName = basename(indexFile);
  const levelCount = index.chapters.reduce((n, c) => n + c.levels.length, 0);
  if (levelCount > MAX_PACK_LEVELS || index.chapters.length > MAX_PACK_LEVELS) {
    const [what, count] = levelCount > MAX_PACK_LEVELS ? ['levels', levelCount] : ['chapters', index.chapters.length];
    problems.push(problemAt('TOO_LARGE', indexFile, `${indexName} lists ${count} ${what}; a pack may have at most ${MAX_PACK_LEVELS}, so it was not loaded`));
    return { problems };
  }

  const chapters: Chapter[] = index.chapters.map((c) => {
    const levels: Level[] = [];
    for (const id of c.levels) {
      const file = join(dir, c.folder, `${id}.yaml`);
      const ref = { file: indexFile, line: c.line, col: c.col };
      const text = readInside(source, `${c.folder}/${id}.yaml`, problems, true, ref);
      if (text === undefined) continue;
      const solution = readInside(source, `${c.folder}/${id}.solution.yaml`, problems, false, ref);
      const parsed = parseLevel(text, file, solution);
      problems.push(...parsed.problems);
      if (!parsed.level) continue;
      if (parsed.level.id !== id) {
        problems.push(problemAt('INVALID_VALUE', file, `the level's id is "${parsed.level.id}" but index.yaml lists it as "${id}"; they must be the same`));
      }
      levels.push({ ...parsed.level, chapter: parsed.level.chapter || c.id });
    }
    const lesson = readInside(source, `${c.folder}/README.md`, problems, false, { file: indexFile, line: c.line, col: c.col }) ?? '';
    return { id: c.id, title: c.title, folder: c.folder, lesson, levels };
  });
  return { pack: { dir, title: index.title, welcome: index.welcome, final: index.final, chapters }, problems };
}

/**
 * One level of a pack folder, read without the others (what `check LEVEL`
 * needs, so it does not parse the whole campaign): the level `loadPack` would
 * give, with its chapter filled in the same way. Undefined whenever that is
 * not certain from the index and the level's own file (the index or the level
 * has problems, or the file holds another id); the caller then loads the pack.
 */
export function loadPackLevel(dir: string, id: string): Level | undefined {
  if (!existsSync(resolve(dir))) return undefined;
  const source = folderPackSource(dir);
  const problems: Problem[] = [];
  const index = readPackIndex(source, problems)?.index;
  const chapter = index?.chapters.find((c) => c.levels.includes(id));
  if (!chapter || problems.length > 0) return undefined;
  const text = readInside(source, `${chapter.folder}/${id}.yaml`, problems, true);
  if (text === undefined) return undefined;
  const solution = readInside(source, `${chapter.folder}/${id}.solution.yaml`, problems, false);
  const parsed = parseLevel(text, join(dir, chapter.folder, `${id}.yaml`), solution);
  if (!parsed.level || parsed.level.id !== id || problems.length > 0 || parsed.problems.some((p) => p.severity === 'error')) return undefined;
  return { ...parsed.level, chapter: parsed.level.chapter || chapter.id };
}

