/**
 * The order of play: chapters in the pack's order, levels in each chapter's
 * order. Levels unlock in order within a chapter; a chapter opens when half of
 * the one before it is done (or when the player unlocks everything).
 */
import type { Level } from './level.js';
import { allLevels, type Pack } from './pack.js';

export type LevelState = 'done' | 'open' | 'locked';

export function levelStates(pack: Pack, done: ReadonlySet<string>, unlockAll = false): Map<string, LevelState> {
  const states = new Map<string, LevelState>();
  let chapterOpen = true;
  for (const chapter of pack.chapters) {
    let previousDone = true;
    for (const level of chapter.levels) {
      const state: LevelState = done.has(level.id) ? 'done' : unlockAll || (chapterOpen && previousDone) ? 'open' : 'locked';
      states.set(level.id, state);
      previousDone = done.has(level.id);
    }
    const finished = chapter.levels.filter((l) => done.has(l.id)).length;
    chapterOpen = unlockAll || (chapterOpen && finished * 2 >= chapter.levels.length);
  }
  return states;
}

/** The first level not yet done that the player may play, if any. */
export function nextLevel(pack: Pack, done: ReadonlySet<string>): Level | undefined {
  const states = levelStates(pack, done);
  return allLevels(pack).find((l) => states.get(l.id) === 'open');
}
