export type {
  DraftStore,
  LevelEvent,
  LevelProgress,
  ProgressSnapshot,
  ProgressStore,
  RecoveredFile,
  Settings,
} from './progress-store.js';
export {
  DEFAULT_SETTINGS,
  LEVEL_RENAMES,
  applyEvent,
  assertLevelId,
  emptySnapshot,
  isLevelId,
  isProfileName,
  mergeLevels,
  mergeSnapshots,
  starsFor,
} from './progress-rules.js';
export { parseSnapshot, parseSnapshotJson, snapshotToJson, PROGRESS_SCHEMA, type ParsedSnapshot } from './progress-json.js';
export { createConfProgressStore, PROGRESS_VERSION, type ConfProgressStoreOptions } from './conf-progress-store.js';
export { createMemoryProgressStore, MEMORY_PATH, type MemoryProgressStoreOptions } from './memory-progress-store.js';
export { createFileDraftStore, createMemoryDraftStore, writeFileAtomic } from './file-draft-store.js';
export { configDir, dataDir, progressFilePath, type PathOptions, type ProgressFileOptions } from './paths.js';
export { deferProgressStore, readProgressQuickly, type DeferredProgressStore } from './quick-snapshot.js';
export { createWorkspaceDraftStore, workspaceFileOf, WORKSPACE_FILE } from './workspace-draft-store.js';
