/**
 * A `ProgressStore` over any backend that can read the newest snapshot and
 * update it in one step. The conf store and the memory store are both this,
 * so every rule (events, stars, merge, reset) lives once, in progress-rules.
 */
import type { LevelId } from '../game/index.js';
import type { LevelEvent, LevelProgress, ProgressSnapshot, ProgressStore, RecoveredFile, Settings } from './progress-store.js';
import { applyEvent, assertLevelId, mergeSnapshots, resetSnapshot, withCurrent, withLevel, withSettings } from './progress-rules.js';

export type ProgressBackend = {
  readonly path: string;
  readonly recovered?: RecoveredFile | undefined;
  /** The newest stored snapshot. */
  read(): ProgressSnapshot;
  /** Apply `change` to the newest stored snapshot and store the result, as one step no other writer can split. */
  update(change: (current: ProgressSnapshot) => ProgressSnapshot): ProgressSnapshot;
};

export function progressStoreOver(backend: ProgressBackend, now: () => Date = () => new Date()): ProgressStore {
  return {
    get path() {
      return backend.path;
    },
    get recovered() {
      return backend.recovered;
    },
    snapshot: () => backend.read(),
    get(level: LevelId): LevelProgress | undefined {
      return backend.read().levels[level];
    },
    record(level: LevelId, event: LevelEvent): LevelProgress {
      assertLevelId(level);
      const at = now();
      const next = backend.update((s) => withLevel(s, level, applyEvent(s.levels[level], event, at)));
      return next.levels[level]!;
    },
    setCurrent(level: LevelId): void {
      backend.update((s) => withCurrent(s, level));
    },
    updateSettings(patch: Partial<Settings>): Settings {
      return backend.update((s) => withSettings(s, patch)).settings;
    },
    merge(other: ProgressSnapshot): void {
      backend.update((s) => mergeSnapshots(s, other));
    },
    reset(): void {
      backend.update(resetSnapshot);
    },
  };
}
