/**
 * A pack: the campaign, or a teacher's set of levels. On disk it is a folder
 * with an `index.yaml` ordering its chapters; each chapter is a folder of
 * level files (`<id>.yaml`, with an optional `<id>.solution.yaml` beside it)
 * and a README with the chapter's lesson.
 *
 * ```yaml
 * format_version: 1
 * title: Kubernetes networking
 * welcome: Welcome, new operator. ...
 * final: You made it. ...
 * chapters:
 *   - id: services
 *     title: Services and selectors
 *     folder: 02-services
 *     levels: [first-service, selector-typo]
 * ```
 */
import type { Problem } from '../manifests/index.js';
import type { PackSummary } from './pack-index.js';
import type { Level } from './level.js';

export type Chapter = {
  readonly id: string;
  readonly title: string;
  readonly folder: string;
  /** The chapter's short lesson (its README.md), or '' when there is none. */
  readonly lesson: string;
  readonly levels: readonly Level[];
};

export type Pack = {
  readonly dir: string;
  readonly title: string;
  readonly welcome: string;
  readonly final: string;
  readonly chapters: readonly Chapter[];
};

export type LoadedPack = { readonly pack?: Pack; readonly problems: readonly Problem[] };

export function allLevels(pack: Pack): Level[] {
  return pack.chapters.flatMap((c) => c.levels);
}

export function findLevel(pack: Pack, id: string): Level | undefined {
  return allLevels(pack).find((l) => l.id === id);
}

/**
 * A pack whose index is known now and whose levels are read on `load()`
 * (the game's first frame needs only the index); `ready` when they already are.
 */
export type LazyPack = { readonly summary: PackSummary; readonly ready?: Pack; load(): Promise<Pack> };

/** A pack already loaded, as a LazyPack. */
export function lazyPack(pack: Pack): LazyPack {
  return { summary: { title: pack.title, welcome: pack.welcome, levelCount: allLevels(pack).length }, ready: pack, load: async () => pack };
}
