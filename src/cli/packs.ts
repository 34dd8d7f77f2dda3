/**
 * Which pack a command reads (`--pack DIR` or `--pack FILE.tgz`, or the
 * campaign shipped with kubequest) and how its problems are shown. Every
 * command that takes `--pack` reads it through `readPack`, so a folder and
 * an archive of one work alike everywhere.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { archivePackSource, loadPack, loadPackFrom, loadPackLevel, type Level, type LoadedPack, type Pack } from '../game/index.js';
import { formatProblem, suggest, type Problem } from '../manifests/index.js';
import { safeText } from '../sim/index.js';
import { UsageError } from './errors.js';
import { readCached, writeCached } from './data-cache.js';
import { ArchiveError, packFilesIn, readTgz } from './tar.js';

/** A packed pack is small text; a bigger file is not one. */
export const MAX_ARCHIVE_BYTES = 16 * 1024 * 1024;

/**
 * Read a pack: a folder, or a gzip'd tar of one (the pack at the archive's
 * root or in its one top folder). An archive is read into memory, never
 * unpacked on disk; its problems name files as ARCHIVE/PATH.
 */
export function readPack(path: string): LoadedPack {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // Missing: loadPack says so.
  }
  if (!isFile) return loadPackFolder(path);
  const problem = (message: string): LoadedPack => ({
    problems: [{ code: 'INVALID_VALUE', severity: 'error', message: `${path}: ${message}`, file: path, line: 1, col: 1 }],
  });
  if (/\.ya?ml$/i.test(path)) return problem('--pack takes the pack folder (the one holding index.yaml) or a .tgz of it, not a YAML file');
  if (statSync(path).size > MAX_ARCHIVE_BYTES) return problem(`the archive is larger than ${MAX_ARCHIVE_BYTES / (1024 * 1024)} MiB; a pack is text and should be far smaller`);
  let files: Map<string, Uint8Array>;
  try {
    files = readTgz(readFileSync(path));
  } catch (error) {
    if (error instanceof ArchiveError) return problem(error.message);
    throw error;
  }
  const inPack = packFilesIn(files);
  if (!inPack) return problem('the archive has no index.yaml at its root or in its one top folder, so it is not a kubequest pack');
  return loadPackFrom(archivePackSource(path, inPack));
}

/** Load a pack (a folder or a .tgz); one that is no pack at all is a usage error (exit 2). */
export function loadPackOrFail(dir: string): LoadedPack & { readonly pack: Pack } {
  const loaded = readPack(dir);
  if (!loaded.pack) {
    const first = loaded.problems[0];
    throw new UsageError(first ? `cannot read the pack: ${safeText(first.message)}` : `cannot read the pack in ${safeText(dir)}`);
  }
  return { pack: loaded.pack, problems: loaded.problems };
}

/** A path as people want to read it: relative to the working directory when it is inside it. */
export function shownPath(file: string, cwd: string): string {
  if (file.startsWith('<')) return file;
  const rel = relative(cwd, resolve(cwd, file));
  if (rel === '') return '.';
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(cwd, file);
}

/** The same problems, with their files shown relative to the working directory. */
export function shownProblems(problems: readonly Problem[], cwd: string): Problem[] {
  return problems.map((p) => ({ ...p, file: shownPath(p.file, cwd) }));
}

/**
 * `file:line:col: message`, the source line with a caret, and a hint, for
 * each problem, grouped by file; `sources` gives a file's text when it is
 * not on disk (stdin), otherwise it is read from `cwd`.
 */
export function formatProblems(problems: readonly Problem[], cwd: string, sources: ReadonlyMap<string, string> = new Map()): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const texts = new Map(files.map((f) => [f, sources.get(f) ?? readQuietly(resolve(cwd, f))]));
  return files
    .flatMap((file) =>
      problems
        .filter((p) => p.file === file)
        .sort((a, b) => a.line - b.line || a.col - b.col)
        .map((p) => `${formatProblem(p, texts.get(file))}\n`),
    )
    .join('\n');
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** "did you mean a or b?" for a level id that is not in the pack. */
export function closeIds(id: string, ids: readonly string[]): string[] {
  const best = suggest(id, ids);
  const containing = ids.filter((c) => c !== best && (c.includes(id) || id.includes(c)));
  return [...(best ? [best] : []), ...containing].slice(0, 3);
}

/** Problems as JSON, the same shape `validate --json` prints. */
export function problemToJson(p: Problem): object {
  return { file: p.file, line: p.line, col: p.col, code: p.code, severity: p.severity, message: p.message, hint: p.hint ?? null };
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls; C1 controls and
 * bidi/zero-width marks from a pack's text are escaped too, so none reaches
 * a terminal raw.
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)}\n`;
}

/**
 * What a pack folder's levels are read from: the folder and its index
 * (either name), and each chapter's folder, lesson, levels and solutions.
 * The folders are there so that one turned into a link leading out of the
 * pack is seen, as loading the pack would see it.
 */
function packFiles(pack: Pack): string[] {
  return [
    '.',
    'index.yaml',
    'pack.yaml',
    ...pack.chapters.flatMap((c) => [c.folder, `${c.folder}/README.md`, ...c.levels.flatMap((l) => [`${c.folder}/${l.id}.yaml`, `${c.folder}/${l.id}.solution.yaml`])]),
  ];
}

/** A pack folder, from the data cache while none of its files changed (data-cache.ts); only a pack without problems is kept. */
function loadPackFolder(folder: string): LoadedPack {
  const dir = resolve(folder);
  const cached = readCached<Pack>(dir, 'pack');
  if (cached) return { pack: cached, problems: [] };
  const readAt = Date.now();
  const loaded = loadPack(folder);
  if (loaded.pack && loaded.problems.length === 0) writeCached(dir, 'pack', packFiles(loaded.pack), loaded.pack, readAt);
  return loaded;
}

/**
 * One level of a pack folder read without the others (`loadPackLevel`),
 * from the data cache while its files are unchanged; undefined when the
 * whole pack must be read to be sure.
 */
export function loadPackLevelCached(folder: string, id: string): Level | undefined {
  const dir = resolve(folder);
  const kind = `level-${id}` as const;
  const cached = readCached<Level>(dir, kind);
  if (cached) return cached;
  const readAt = Date.now();
  const level = loadPackLevel(folder, id);
  if (level) writeCached(dir, kind, levelFiles(dir, id, level), level, readAt);
  return level;
}

/** What `loadPackLevel` read: as `packFiles`, for one level. */
function levelFiles(dir: string, id: string, level: Level): string[] {
  const file = relative(dir, level.file);
  const folder = dirname(file);
  return ['.', 'index.yaml', 'pack.yaml', folder, file, join(folder, `${id}.solution.yaml`)];
}
