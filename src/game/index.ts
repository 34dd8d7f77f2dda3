export * from './level.js';
export { parseLevel, type ParsedLevel } from './parse-level.js';
export { gradeLevel, answerOf, worldWith, type GradeReport, type GoalResult, type Submission } from './grade.js';
export { checkProbe, checkConstraint, podsMatching, type ProbeResult, type ConstraintResult } from './checks.js';
export { allLevels, findLevel, type Chapter, type Pack, type LoadedPack } from './pack.js';
export { loadPack, MAX_LEVEL_FILE_BYTES } from './level-files.js';
export { validatePack, validateLevel } from './validate-pack.js';
export { levelStates, nextLevel, type LevelState } from './catalog.js';
export { runConsoleCommand, type ConsoleResult } from './console/index.js';
