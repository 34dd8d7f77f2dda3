/**
 * The level format, version 1. A level is one YAML file; these types are what
 * `parseLevel` gives once the file is read and checked. The same fields are
 * described for editors in assets/level.schema.json and for authors in the
 * README's "Level format" section.
 */
import type { ClusterSettings, KubeObject, Outcome } from '../sim/index.js';

export const FORMAT_VERSION = 1;

export type LevelId = string;

/** Where a value came from in the level file, for error messages. */
export type Position = { readonly line: number; readonly col: number };

/** What a probe's result must be. Exactly one of the forms is set. */
export type Expectation =
  /** The trace's outcome, e.g. `delivered`, `dns-failure`. */
  | { readonly kind: 'outcome'; readonly outcome: Outcome }
  /** NetworkPolicy's verdict: `true` means delivered, `false` means denied. */
  | { readonly kind: 'allowed'; readonly allowed: boolean }
  /** Exactly these pods receive it: `ns/name` pod names, or every pod matching labels (in a namespace, if given). */
  | { readonly kind: 'reach-pods'; readonly pods: readonly string[] }
  | { readonly kind: 'reach-selector'; readonly labels: Readonly<Record<string, string>>; readonly namespace?: string }
  /** `requests` connections spread over every receiving pod (`one` when sessionAffinity must keep a client on one). */
  | { readonly kind: 'spread'; readonly requests: number; readonly over: 'all' | 'one' };

export type Probe = {
  readonly from: string;
  readonly to: string;
  readonly expect: Expectation;
  readonly at: Position;
};

/** A rule about what the player submitted, not about traffic. */
export type Constraint = {
  /** The kind of object the rule is about, e.g. `Service`. */
  readonly kind: string;
  /** How many such objects there must be (after the field filter). */
  readonly count?: { readonly min?: number; readonly max?: number };
  /** A dotted field path (`spec.type`) and what it must (not) be. */
  readonly field?: string;
  readonly equals?: string | number | boolean;
  readonly notEquals?: string | number | boolean;
  /** `true`: the field must be set; `false`: it must not be. */
  readonly present?: boolean;
  readonly at: Position;
};

export type Goal = {
  readonly id: string;
  readonly title: string;
  readonly probes: readonly Probe[];
  readonly constraints: readonly Constraint[];
  /** @default 1 */
  readonly points: number;
  /** Graded, but its details are not shown to the player. @default false */
  readonly hidden: boolean;
  readonly at: Position;
};

export type Hint = {
  readonly text: string;
  /** Shown only when this goal fails. */
  readonly goal?: string;
  /** Shown only when a failing probe ended with this outcome or cause (e.g. `dns-failure`, `selector-matches-nothing`). */
  readonly when?: string;
};

/** A question of a `predict` level; its answer is computed by the simulator. */
export type Question = {
  readonly id: string;
  readonly prompt: string;
  readonly from: string;
  readonly to: string;
  /** What the player predicts: the outcome, or which pods receive the request. */
  readonly ask: 'outcome' | 'reach';
  /** The choices offered; for `outcome` questions the default is every outcome the level's world can produce. */
  readonly choices?: readonly string[];
  readonly at: Position;
};

export type ClusterSpec = {
  readonly settings: Partial<ClusterSettings>;
  /** The level's own objects: what the player may not change, unless marked editable. */
  readonly objects: readonly KubeObject[];
  /** `Kind/namespace/name` of given objects the player may replace. */
  readonly editable: readonly string[];
};

export type Level = {
  readonly id: LevelId;
  readonly title: string;
  readonly chapter: string;
  readonly kind: 'manifest' | 'predict';
  readonly concepts: readonly string[];
  /** 1 (first steps) to 5 (hard). */
  readonly difficulty: number;
  readonly briefing: string;
  readonly cluster: ClusterSpec;
  /** Kinds the player may submit. */
  readonly allowedKinds: readonly string[];
  readonly starter: string;
  readonly goals: readonly Goal[];
  readonly questions: readonly Question[];
  readonly hints: readonly Hint[];
  /** The reference solution: YAML for manifest levels, `id: answer` lines for predict levels. */
  readonly solution: string;
  readonly debrief: string;
  /** The file the level was read from, for messages. */
  readonly file: string;
};
