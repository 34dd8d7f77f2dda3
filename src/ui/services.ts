/**
 * What the game needs from the outside world, passed in by the CLI so the UI
 * never touches files or processes itself (and tests pass fakes).
 */
import type { LazyPack } from '../game/index.js';
import type { DraftStore, ProgressStore } from '../store/index.js';

export type AppServices = {
  /**
   * The pack to play: its index at once (for the first frame), its levels
   * when `load` is called, which the game does right after drawing the menu.
   */
  readonly pack: LazyPack;
  readonly store: ProgressStore;
  readonly drafts: DraftStore;
  /** Open a file in the player's editor, with the terminal handed over until it exits. */
  readonly openInEditor: (path: string) => { readonly ok: boolean; readonly error?: string };
  /** Call back when a file changes on disk; returns a function that stops watching. */
  readonly watchFile: (path: string, onChange: () => void) => () => void;
  /** Wall-clock milliseconds, for time spent in a level. */
  readonly now: () => number;
  readonly env: NodeJS.ProcessEnv;
  /** The title art (assets/banner.txt). */
  readonly banner: string;
  /** A message to show once at start (e.g. progress was recovered from a corrupt file). */
  readonly notice?: string;
  /**
   * A timed challenge's end, in epoch milliseconds (compare with `now()`):
   * show the time left; when it has passed, the CLI grades the workspace as
   * it was at the deadline, whatever is typed afterwards.
   */
  readonly deadline?: number;
};

