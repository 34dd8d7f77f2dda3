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
export { createConfProgressStore, progressFilePath, PROGRESS_VERSION, type ConfProgressStoreOptions } from './conf-progress-store.js';
export { createMemoryProgressStore, MEMORY_PATH, type MemoryProgressStoreOptions } from './memory-progress-store.js';
export { createFileDraftStore, createMemoryDraftStore, writeFileAtomic } from './file-draft-store.js';
export { configDir, dataDir, type PathOptions } from './paths.js';
export { createWorkspaceDraftStore, workspaceFileOf, WORKSPACE_FILE } from './workspace-draft-store.js';
