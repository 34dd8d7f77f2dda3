/**
 * The screens reached from the menu, and the game code they need. Loaded
 * through load-after-menu.ts once the menu's first frame is on screen (with
 * the levels), so that frame waits only for Ink, React and the menu itself.
 */
export { allLevels, levelStates, nextLevel } from '../../game/index.js';
export { LevelScreen } from './level-screen.js';
export { MapScreen } from './map-screen.js';
export { SandboxScreen } from './sandbox-screen.js';
export { SettingsScreen } from './settings-screen.js';
