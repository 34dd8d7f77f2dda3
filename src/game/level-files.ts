/**
 * The only module of `game` that reads the disk: a pack folder into a `Pack`.
 * Packs may come from strangers, so they are data only: every file read
 * stays inside the pack's folder (no `..`, no absolute paths, no symlinks
 * leading out), and files are size-limited. `loadPackFrom` reads the same
 * format from any `PackSource`, e.g. an archive already in memory
 * (`archivePackSource`).
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Problem, ProblemCode } from '../manifests/index.js';
import { safeText } from '../sim/index.js';
import { FORMAT_VERSION, type Level } from './level.js';
import type { Chapter, LoadedPack } from './pack.js';
import { parseLevel } from './parse-level.js';

/** Larger level files are refused: a level is a story and a small cluster, not a dump. */
export const MAX_LEVEL_FILE_BYTES = 512 * 1024;
/** A pack listing more levels (or chapters) than this is refused before any level is read: the campaign has about 40. */
export const MAX_PACK_LEVELS = 500;

const INDEX_FILES = ['index.yaml', 'pack.yaml'];
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function problemAt(code: ProblemCode, file: string, message: string, line = 1, col = 1): Problem {
  return { code, severity: 'error', message, file, line, col };
}

/**
 * Where a pack's files come from: a folder on disk, or an archive read into
 * memory. `read` answers undefined for a file that is not there, the text of
 * a file, or why it may not be read.
 */
export type PackSource = {
  /** The pack as people name it: its folder, or the archive it came from. Files are shown under it. */
  readonly dir: string;
  read(name: string): PackFile | undefined;
};

export type PackFile =
  | { readonly text: string }
  | { readonly refused: 'outside'; readonly target: string }
  | { readonly refused: 'not-a-file' }
  | { readonly refused: 'too-large'; readonly size: number };

/** The files of a folder, refusing anything that would leave it or is too big. */
export function folderPackSource(dir: string): PackSource {
  const root = resolve(dir);
  return {
    dir,
    read(name) {
      const full = resolve(root, name);
      if (!existsSync(full)) return undefined;
      const real = realpathSync(full);
      const realRoot = realpathSync(root);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return { refused: 'outside', target: relative(realRoot, real) };
      const stat = lstatSync(real);
      if (!stat.isFile()) return { refused: 'not-a-file' };
      if (stat.size > MAX_LEVEL_FILE_BYTES) return { refused: 'too-large', size: stat.size };
      return { text: readFileSync(real, 'utf8') };
    },
  };
}

/** Read a file of the pack, refusing anything that would leave it or is too big. */
function readInside(source: PackSource, name: string, problems: Problem[], required: boolean, ref?: { file: string; line: number; col: number }): string | undefined {
  const shown = join(source.dir, name);
  if (!name.split('/').every((part) => SAFE_NAME.test(part))) {
    // Blame the file holding the reference: `shown` could name a file outside the pack.
    const at = ref ?? { file: source.dir, line: 1, col: 1 };
    problems.push(problemAt('INVALID_NAME', at.file, `"${safeText(name)}" is not a plain file name inside the pack (no "..", no absolute paths)`, at.line, at.col));
    return undefined;
  }
  const file = source.read(name);
  if (file === undefined) {
    if (required) problems.push(problemAt('MISSING_FILE', shown, `${shown} does not exist`));
    return undefined;
  }
  if ('text' in file) return file.text.replace(/^\uFEFF/, '');
  switch (file.refused) {
    case 'outside':
      problems.push(problemAt('INVALID_NAME', shown, `${shown} leads outside the pack (a symlink to ${file.target}); packs may only use their own files`));
      break;
    case 'not-a-file':
      problems.push(problemAt('INVALID_NAME', shown, `${shown} is not a file`));
      break;
    case 'too-large':
      problems.push(problemAt('TOO_LARGE', shown, `${shown} is ${Math.ceil(file.size / 1024)} KiB; files in a pack may be at most ${MAX_LEVEL_FILE_BYTES / 1024} KiB`));
      break;
  }
  return undefined;
}

/** A scalar as written: `01` stays "01" (a folder or level id), where YAML would read the number 1. */
function scalarText(node: { readonly value: unknown; readonly source?: string }): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

type IndexChapter = { id: string; title: string; folder: string; levels: string[]; line: number; col: number };

function readIndex(text: string, file: string, problems: Problem[]) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    problems.push(problemAt('YAML_SYNTAX', file, e.message.split('\n')[0] ?? 'YAML syntax error', line, col));
  }
  const root = doc.contents;
  if (doc.errors.length > 0 || !isMap(root)) {
    if (doc.errors.length === 0) problems.push(problemAt('NOT_AN_OBJECT', file, 'index.yaml must be a mapping with format_version, title and chapters'));
    return undefined;
  }
  const pos = (node: YamlNode | null | undefined) => lines.linePos(node?.range?.[0] ?? 0);
  const unknownKeys = (map: YAMLMap, allowed: readonly string[], where: string) => {
    for (const pair of map.items as Pair<YamlNode, YamlNode>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (allowed.includes(key)) continue;
      const at = pos(pair.key);
      problems.push(problemAt('UNKNOWN_FIELD', file, `unknown field "${key}" in ${where} (known: ${allowed.join(', ')})`, at.line, at.col));
    }
  };
  unknownKeys(root, ['format_version', 'title', 'welcome', 'final', 'chapters'], 'index.yaml');
  const get = (key: string) => (root.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && p.key.value === key);
  const text_ = (key: string) => {
    const v = get(key)?.value;
    return isScalar(v) ? String(v.value ?? '') : '';
  };
  const version = get('format_version')?.value;
  if (!isScalar(version) || version.value !== FORMAT_VERSION) {
    const at = pos(version ?? root);
    problems.push(problemAt('INVALID_VALUE', file, `format_version must be ${FORMAT_VERSION}`, at.line, at.col));
  }
  const chaptersNode = get('chapters')?.value;
  const chapters: IndexChapter[] = [];
  if (!isSeq(chaptersNode)) {
    const at = pos(chaptersNode ?? root);
    problems.push(problemAt('MISSING_FIELD', file, 'chapters is required: a list of {id, title, folder, levels}', at.line, at.col));
  } else {
    for (const item of chaptersNode.items) {
      const at = pos(item as YamlNode);
      if (!isMap(item)) {
        problems.push(problemAt('WRONG_TYPE', file, 'each chapter must be a mapping with id, title, folder and levels', at.line, at.col));
        continue;
      }
      unknownKeys(item, ['id', 'title', 'folder', 'levels'], 'a chapter');
      const field = (k: string) => (item.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && p.key.value === k)?.value;
      const str = (k: string) => {
        const v = field(k);
        return isScalar(v) && v.value !== null ? scalarText(v) : '';
      };
      const levelsNode = field('levels');
      // As written: `folder: 01` is the folder 01, not the number 1.
      const levels = isSeq(levelsNode) ? levelsNode.items.flatMap((l) => (isScalar(l) ? [scalarText(l)] : [])) : [];
      if (!str('folder')) problems.push(problemAt('MISSING_FIELD', file, 'a chapter needs folder: the folder holding its levels', at.line, at.col));
      if (levels.length === 0) problems.push(problemAt('MISSING_FIELD', file, `chapter ${str('id') || str('folder')} lists no levels`, at.line, at.col));
      chapters.push({ id: str('id') || str('folder'), title: str('title') || str('id'), folder: str('folder'), levels, ...at });
    }
  }
  return { title: text_('title'), welcome: text_('welcome'), final: text_('final'), chapters };
}

/** Load a pack folder. Problems name the file and line; a pack with problems may still load partly. */
export function loadPack(dir: string): LoadedPack {
  if (!existsSync(resolve(dir))) return { problems: [problemAt('MISSING_FILE', dir, `no such pack folder: ${dir}`)] };
  return loadPackFrom(folderPackSource(dir));
}

/** Load a pack from wherever its files are (a folder, an archive in memory). */
export function loadPackFrom(source: PackSource): LoadedPack {
  const problems: Problem[] = [];
  const dir = source.dir;
  const indexName = INDEX_FILES.find((name) => source.read(name) !== undefined);
  if (!indexName) return { problems: [problemAt('MISSING_FILE', dir, `${dir} has no index.yaml, so it is not a kubequest pack`)] };
  const indexFile = join(dir, indexName);
  const indexText = readInside(source, indexName, problems, true);
  const index = indexText === undefined ? undefined : readIndex(indexText, indexFile, problems);
  if (!index) return { problems };
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
  const indexName = INDEX_FILES.find((name) => source.read(name) !== undefined);
  if (!indexName) return undefined;
  const indexText = readInside(source, indexName, problems, true);
  const index = indexText === undefined ? undefined : readIndex(indexText, join(dir, indexName), problems);
  const chapter = index?.chapters.find((c) => c.levels.includes(id));
  if (!chapter || problems.length > 0) return undefined;
  const text = readInside(source, `${chapter.folder}/${id}.yaml`, problems, true);
  if (text === undefined) return undefined;
  const solution = readInside(source, `${chapter.folder}/${id}.solution.yaml`, problems, false);
  const parsed = parseLevel(text, join(dir, chapter.folder, `${id}.yaml`), solution);
  if (!parsed.level || parsed.level.id !== id || problems.length > 0 || parsed.problems.some((p) => p.severity === 'error')) return undefined;
  return { ...parsed.level, chapter: parsed.level.chapter || chapter.id };
}

/** What a menu shows of a pack before its levels are read: its index alone. */
export type PackSummary = { readonly title: string; readonly welcome: string; readonly levelCount: number };

/**
 * The index of a pack folder, without parsing any level (the game's first
 * frame needs only this); undefined when the index cannot be read cleanly.
 */
export function loadPackSummary(dir: string): PackSummary | undefined {
  if (!existsSync(resolve(dir))) return undefined;
  const source = folderPackSource(dir);
  const problems: Problem[] = [];
  const indexName = INDEX_FILES.find((name) => source.read(name) !== undefined);
  const indexText = indexName === undefined ? undefined : readInside(source, indexName, problems, true);
  const index = indexText === undefined ? undefined : readIndex(indexText, join(dir, indexName!), problems);
  if (!index || problems.length > 0) return undefined;
  return { title: index.title, welcome: index.welcome, levelCount: index.chapters.reduce((n, c) => n + c.levels.length, 0) };
}
