/**
 * What the game remembers about a player, behind a small interface so the
 * game and the CLI share it and tests can use memory instead of disk.
 * Progress holds level ids only (never positions in a list), so reordering
 * or adding levels never loses it.
 */
import type { LevelId } from '../game/index.js';

export type LevelProgress = {
  /** ISO time of the first pass, when the level was ever passed. */
  readonly passedAt?: string;
  readonly attempts: number;
  readonly checks: number;
  /** The most hints revealed in one run of the level. */
  readonly hintsUsed: number;
  readonly solutionViewed: boolean;
  /** Milliseconds spent in the level, summed over visits. */
  readonly timeMs: number;
  /** Best score (points) reached. */
  readonly bestScore: number;
  /** 0-3: one for passing, one for no hints, one for not viewing the solution. */
  readonly stars: number;
  /**
   * Hints revealed in the current run (since the last `opened`): a pass earns
   * the no-hints star only when this is 0.
   * @default 0
   */
  readonly runHints?: number;
};

export type Settings = {
  readonly theme: 'dark' | 'light';
  /** The command `e` opens the draft with; empty means $VISUAL, then $EDITOR. */
  readonly editorCommand: string;
  readonly unlockAll: boolean;
};

export type ProgressSnapshot = {
  readonly version: 1;
  readonly levels: Readonly<Record<LevelId, LevelProgress>>;
  /** The level played last, for Continue. */
  readonly current?: LevelId;
  readonly settings: Settings;
};

export type LevelEvent =
  | { readonly type: 'opened' }
  | { readonly type: 'checked'; readonly passed: boolean; readonly score: number }
  | { readonly type: 'hint'; readonly revealed: number }
  | { readonly type: 'solution-viewed' }
  | { readonly type: 'time'; readonly ms: number };

export interface ProgressStore {
  snapshot(): ProgressSnapshot;
  get(level: LevelId): LevelProgress | undefined;
  /** Record what happened in a level; returns the level's new progress. */
  record(level: LevelId, event: LevelEvent): LevelProgress;
  setCurrent(level: LevelId): void;
  updateSettings(patch: Partial<Settings>): Settings;
  /** Merge another snapshot in, never lowering what is done. */
  merge(other: ProgressSnapshot): void;
  reset(): void;
  /** Where the progress lives, for `progress path` and the settings screen. */
  readonly path: string;
  /**
   * Set when the progress file could not be read (broken JSON, a shape we do
   * not know) and was moved aside so the game could start: tell the player.
   */
  readonly recovered?: RecoveredFile;
}

/** A progress file that was unreadable, kept beside the new one. */
export type RecoveredFile = {
  /** Where the unreadable file now is. */
  readonly backupPath: string;
  /** Why it could not be read, in plain words. */
  readonly reason: string;
};

/** Drafts: the player's YAML per level, as files the player may also open in their own editor. */
export interface DraftStore {
  /** The file a level's draft lives in (created on first write). */
  pathOf(level: LevelId): string;
  read(level: LevelId): string | undefined;
  /** Atomic: a crash mid-write leaves the old draft or the new one, never half. */
  write(level: LevelId, text: string): void;
}
