/**
 * A pack's files and its index. Files are read through a `PackSource` (a
 * folder, or an archive in memory) that keeps every read inside the pack
 * (no `..`, no absolute paths, no symlinks leading out) and size-limited,
 * since packs may come from strangers. The game's first frame needs only
 * the index (`loadPackSummary`), so this module loads nothing else of the
 * game; the levels are read by level-files.ts.
 */
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { Problem, ProblemCode } from '../manifests/index.js';
import { safeText } from '../sim/safe-text.js';
import { FORMAT_VERSION } from './level.js';

/** Larger level files are refused: a level is a story and a small cluster, not a dump. */
export const MAX_LEVEL_FILE_BYTES = 512 * 1024;
/** A pack listing more levels (or chapters) than this is refused before any level is read: the campaign has about 40. */
export const MAX_PACK_LEVELS = 500;

export const INDEX_FILES = ['index.yaml', 'pack.yaml'];
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function problemAt(code: ProblemCode, file: string, message: string, line = 1, col = 1): Problem {
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
export function readInside(source: PackSource, name: string, problems: Problem[], required: boolean, ref?: { file: string; line: number; col: number }): string | undefined {
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

export type IndexChapter = { id: string; title: string; folder: string; levels: string[]; line: number; col: number };

export function readIndex(text: string, file: string, problems: Problem[]) {
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

/** The index of a pack: which file holds it, and what it says; undefined (with problems) when it cannot be read. */
export function readPackIndex(source: PackSource, problems: Problem[]): { readonly file: string; readonly index: ReturnType<typeof readIndex> } | undefined {
  const name = INDEX_FILES.find((n) => source.read(n) !== undefined);
  if (name === undefined) return undefined;
  const file = join(source.dir, name);
  const text = readInside(source, name, problems, true);
  return text === undefined ? undefined : { file, index: readIndex(text, file, problems) };
}

/** What a menu shows of a pack before its levels are read: its index alone. */
export type PackSummary = { readonly title: string; readonly welcome: string; readonly levelCount: number };

/**
 * The index of a pack folder, without parsing any level (the game's first
 * frame needs only this); undefined when the index cannot be read cleanly.
 */
export function loadPackSummary(dir: string): PackSummary | undefined {
  if (!existsSync(resolve(dir))) return undefined;
  const problems: Problem[] = [];
  const index = readPackIndex(folderPackSource(dir), problems)?.index;
  if (!index || problems.length > 0) return undefined;
  return { title: index.title, welcome: index.welcome, levelCount: index.chapters.reduce((n, c) => n + c.levels.length, 0) };
}
