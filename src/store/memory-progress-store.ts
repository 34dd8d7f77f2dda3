/**
 * Progress kept in memory only: for tests and `--no-save`. Same rules as the
 * conf store (both are `progressStoreOver` a backend).
 */
import type { ProgressSnapshot, ProgressStore } from './progress-store.js';
import { progressStoreOver } from './progress-core.js';
import { emptySnapshot, normalizeSnapshot } from './progress-rules.js';

export type MemoryProgressStoreOptions = {
  /** Where the progress starts. @default empty */
  readonly initial?: ProgressSnapshot;
  /** The clock that stamps a first pass. @default () => new Date() */
  readonly now?: () => Date;
};

/** What `path` reads for a store that is never saved. */
export const MEMORY_PATH = '(not saved)';

export function createMemoryProgressStore(options: MemoryProgressStoreOptions = {}): ProgressStore {
  let state = options.initial ? normalizeSnapshot(options.initial) : emptySnapshot();
  return progressStoreOver(
    {
      path: MEMORY_PATH,
      read: () => state,
      update(change) {
        state = change(state);
        return state;
      },
    },
    options.now,
  );
}
