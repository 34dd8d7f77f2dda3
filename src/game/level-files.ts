/**
 * The only module of `game` that reads the disk: a pack folder into a `Pack`.
 * Packs may come from strangers, so they are data only: every file read
 * stays inside the pack's folder (no `..`, no absolute paths, no symlinks
 * leading out), and files are size-limited.
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Problem, ProblemCode } from '../manifests/index.js';
import { FORMAT_VERSION, type Level } from './level.js';
import type { Chapter, LoadedPack } from './pack.js';
import { parseLevel } from './parse-level.js';

/** Larger level files are refused: a level is a story and a small cluster, not a dump. */
export const MAX_LEVEL_FILE_BYTES = 512 * 1024;

const INDEX_FILES = ['index.yaml', 'pack.yaml'];
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function problemAt(code: ProblemCode, file: string, message: string, line = 1, col = 1): Problem {
  return { code, severity: 'error', message, file, line, col };
}

/** Read a file of the pack, refusing anything that would leave it or is too big. */
function readInside(root: string, name: string, problems: Problem[], required: boolean): string | undefined {
  const shown = join(root, name);
  if (!name.split('/').every((part) => SAFE_NAME.test(part))) {
    problems.push(problemAt('INVALID_NAME', shown, `"${name}" is not a plain file name inside the pack (no "..", no absolute paths)`));
    return undefined;
  }
  const full = resolve(root, name);
  if (!existsSync(full)) {
    if (required) problems.push(problemAt('MISSING_FILE', shown, `${shown} does not exist`));
    return undefined;
  }
  const real = realpathSync(full);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    problems.push(problemAt('INVALID_NAME', shown, `${shown} leads outside the pack (a symlink to ${relative(realRoot, real)}); packs may only use their own files`));
    return undefined;
  }
  const stat = lstatSync(real);
  if (!stat.isFile()) {
    problems.push(problemAt('INVALID_NAME', shown, `${shown} is not a file`));
    return undefined;
  }
  if (stat.size > MAX_LEVEL_FILE_BYTES) {
    problems.push(problemAt('TOO_LARGE', shown, `${shown} is ${Math.ceil(stat.size / 1024)} KiB; files in a pack may be at most ${MAX_LEVEL_FILE_BYTES / 1024} KiB`));
    return undefined;
  }
  return readFileSync(real, 'utf8').replace(/^\uFEFF/, '');
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
        return isScalar(v) && v.value !== null ? String(v.value) : '';
      };
      const levelsNode = field('levels');
      const levels = isSeq(levelsNode) ? levelsNode.items.flatMap((l) => (isScalar(l) ? [String(l.value)] : [])) : [];
      if (!str('folder')) problems.push(problemAt('MISSING_FIELD', file, 'a chapter needs folder: the folder holding its levels', at.line, at.col));
      if (levels.length === 0) problems.push(problemAt('MISSING_FIELD', file, `chapter ${str('id') || str('folder')} lists no levels`, at.line, at.col));
      chapters.push({ id: str('id') || str('folder'), title: str('title') || str('id'), folder: str('folder'), levels, ...at });
    }
  }
  return { title: text_('title'), welcome: text_('welcome'), final: text_('final'), chapters };
}

/** Load a pack folder. Problems name the file and line; a pack with problems may still load partly. */
export function loadPack(dir: string): LoadedPack {
  const problems: Problem[] = [];
  const root = resolve(dir);
  if (!existsSync(root)) return { problems: [problemAt('MISSING_FILE', dir, `no such pack folder: ${dir}`)] };
  const indexName = INDEX_FILES.find((name) => existsSync(join(root, name)));
  if (!indexName) return { problems: [problemAt('MISSING_FILE', dir, `${dir} has no index.yaml, so it is not a kubequest pack`)] };
  const indexFile = join(dir, indexName);
  const indexText = readInside(root, indexName, problems, true);
  const index = indexText === undefined ? undefined : readIndex(indexText, indexFile, problems);
  if (!index) return { problems };

  const chapters: Chapter[] = index.chapters.map((c) => {
    const levels: Level[] = [];
    for (const id of c.levels) {
      const file = join(dir, c.folder, `${id}.yaml`);
      const text = readInside(root, `${c.folder}/${id}.yaml`, problems, true);
      if (text === undefined) continue;
      const solution = readInside(root, `${c.folder}/${id}.solution.yaml`, problems, false);
      const parsed = parseLevel(text, file, solution);
      problems.push(...parsed.problems);
      if (!parsed.level) continue;
      if (parsed.level.id !== id) {
        problems.push(problemAt('INVALID_VALUE', file, `the level's id is "${parsed.level.id}" but index.yaml lists it as "${id}"; they must be the same`));
      }
      levels.push({ ...parsed.level, chapter: parsed.level.chapter || c.id });
    }
    const lesson = readInside(root, `${c.folder}/README.md`, problems, false) ?? '';
    return { id: c.id, title: c.title, folder: c.folder, lesson, levels };
  });
  return { pack: { dir, title: index.title, welcome: index.welcome, final: index.final, chapters }, problems };
}
