/**
 * Drafts that live in a student's workspace (a class repository made by
 * `kubequest workspace init`): one file per level, in the pack's chapter
 * folders, so the game edits the very files the student commits.
 *
 * ```
 * workspace/
 *   .kubequest-workspace.yaml      which pack the files answer
 *   README.md
 *   01-first-steps/
 *     open-the-shop.yaml           a manifest level: YAML
 *     who-answers.answers.yaml     a predict level: "question: answer" lines
 * ```
 *
 * Writes are atomic, as for the default drafts. Level ids are kebab-case
 * and chapter folders are checked as plain relative names, so no file of a
 * workspace lies outside it.
 */
import { join } from 'node:path';
import type { LevelId, Pack } from '../game/index.js';
import { draftStoreAt } from './file-draft-store.js';
import type { DraftStore } from './progress-store.js';
import { assertLevelId } from './progress-rules.js';

/** The file in a workspace that records its pack. */
export const WORKSPACE_FILE = '.kubequest-workspace.yaml';

const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A level's file in a workspace, relative to it: `<chapter-folder>/<id>.yaml`,
 * or `<chapter-folder>/<id>.answers.yaml` for a predict level. Throws for a
 * level that is not in the pack.
 */
export function workspaceFileOf(pack: Pack, level: LevelId): string {
  assertLevelId(level);
  for (const chapter of pack.chapters) {
    const found = chapter.levels.find((l) => l.id === level);
    if (!found) continue;
    const parts = chapter.folder.split('/');
    if (!parts.every((p) => SAFE_PART.test(p))) throw new TypeError(`chapter folder ${JSON.stringify(chapter.folder)} is not a plain relative folder name`);
    return `${parts.join('/')}/${level}${found.kind === 'predict' ? '.answers' : ''}.yaml`;
  }
  throw new TypeError(`level ${JSON.stringify(level)} is not in the pack`);
}

export function createWorkspaceDraftStore(dir: string, pack: Pack): DraftStore {
  return draftStoreAt((level) => join(dir, workspaceFileOf(pack, level)));
}
