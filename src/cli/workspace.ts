/**
 * Workspaces: a student's folder (a class repository) with one file per
 * level of a pack, made by `kubequest workspace init`, played with
 * `kubequest play --workspace DIR`, graded with
 * `kubequest check --pack P --workspace DIR` and submitted as a challenge.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { allLevels, gradeLevel, packDigest, type GradeReport, type Level, type Pack } from '../game/index.js';
import { safeText } from '../sim/index.js';
import { WORKSPACE_FILE, workspaceFileOf } from '../store/index.js';
import { UsageError } from './errors.js';
import { MAX_LEVEL_FILE_BYTES } from '../game/index.js';

/** SHA-256 of text, as hex: the hash of pack and challenge digests. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type WorkspaceInfo = {
  /** The pack as recorded by `workspace init`, relative to the workspace (or absolute). */
  readonly pack?: string;
  readonly title?: string;
  readonly digest?: string;
};

/** A workspace folder: it must exist; its record is read when there is one. */
export function openWorkspace(dir: string, shown: string): WorkspaceInfo {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`the workspace ${safeText(shown)} is not a folder`);
  const file = join(dir, WORKSPACE_FILE);
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    value = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${safeText(join(shown, WORKSPACE_FILE))} cannot be read: ${safeText((error as Error).message.split('\n')[0] ?? '')}`);
  }
  if (value === null || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const text = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] as string } : {});
  return { ...text('pack'), ...text('title'), ...text('digest') };
}

/** The pack a workspace records, as a path from the working directory; undefined when it records none. */
export function recordedPack(dir: string, info: WorkspaceInfo): string | undefined {
  if (info.pack === undefined || info.pack === '') return undefined;
  return isAbsolute(info.pack) ? info.pack : resolve(dir, info.pack);
}

/** How the workspace should name its pack: relative to the workspace, so the two can move together. */
export function packRelativeTo(workspace: string, pack: string): string {
  const rel = relative(workspace, pack);
  return rel === '' ? '.' : rel.split('\\').join('/');
}

/** A note when the pack given is not the one the workspace was made for. */
export function packMismatch(info: WorkspaceInfo, pack: Pack): string | undefined {
  if (info.digest === undefined || info.digest === packDigest(pack, sha256)) return undefined;
  return `note: this workspace was made for ${info.title ? `"${safeText(info.title)}"` : 'another pack'}${info.title === pack.title ? ' (another version of it)' : ''}; grading against "${safeText(pack.title)}" as given`;
}

export type WorkspaceLevel = {
  readonly level: Level;
  /** The level's file, relative to the workspace. */
  readonly name: string;
  /** Its full path. */
  readonly file: string;
  /** The file is not there (graded as empty). */
  readonly missing: boolean;
  readonly text: string;
  readonly report: GradeReport;
};

/** Read one level's file from a workspace; a file that is too big or not a file is a usage error. */
export function readWorkspaceFile(dir: string, pack: Pack, level: Level): { name: string; file: string; text: string | undefined } {
  const name = workspaceFileOf(pack, level.id);
  const file = join(dir, name);
  if (!existsSync(file)) return { name, file, text: undefined };
  const stat = statSync(file);
  if (!stat.isFile()) throw new UsageError(`${safeText(name)} in the workspace is not a file`);
  if (stat.size > MAX_LEVEL_FILE_BYTES) throw new UsageError(`${safeText(name)} in the workspace is ${Math.ceil(stat.size / 1024)} KiB; an answer may be at most ${MAX_LEVEL_FILE_BYTES / 1024} KiB`);
  return { name, file, text: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
}

/** Grade every level of the pack from the workspace's files, in the order of play. */
export function gradeWorkspace(dir: string, pack: Pack): WorkspaceLevel[] {
  return allLevels(pack).map((level) => {
    const { name, file, text } = readWorkspaceFile(dir, pack, level);
    const report = gradeLevel(level, { text: text ?? '', file });
    return { level, name, file, missing: text === undefined, text: text ?? '', report };
  });
}
