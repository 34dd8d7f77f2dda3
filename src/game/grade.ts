/**
 * `gradeLevel(level, submission)`: pure. The submission's problems come
 * first (with line:col); then every goal, pass or fail, with what was
 * expected, what happened and where the path broke; then the hints that fit
 * what went wrong. Like `kubectl apply`, objects with errors are left out and
 * the rest are applied, so a learner sees the effect of what is right.
 */
import { parseManifests, validateObjects, type Problem } from '../manifests/index.js';
import { buildWorld, traceProbe, type KubeObject, type World } from '../sim/index.js';
import { checkConstraint, checkProbe, type ConstraintResult, type ProbeResult } from './checks.js';
import type { Goal, Hint, Level, Question } from './level.js';

export type Submission = {
  /** YAML for a manifest level; `questionId: answer` lines for a predict level. */
  readonly text: string;
  /** The name problems are reported under (the draft's path). */
  readonly file: string;
};

export type GoalResult = {
  readonly goal: Pick<Goal, 'id' | 'title' | 'points' | 'hidden'>;
  readonly passed: boolean;
  readonly earned: number;
  readonly probes: readonly ProbeResult[];
  readonly constraints: readonly ConstraintResult[];
  /** For predict levels: the player's answer and the simulator's. */
  readonly answer?: { readonly given: string; readonly correct: string };
};

export type GradeReport = {
  readonly level: string;
  readonly problems: readonly Problem[];
  readonly goals: readonly GoalResult[];
  /** Every goal passed and the submission has no errors. */
  readonly passed: boolean;
  readonly score: number;
  readonly maxScore: number;
  /** Hints tied to what failed (a goal, or an outcome or cause seen in a failing probe), in the level's order. */
  readonly hints: readonly Hint[];
};

const objectKey = (o: KubeObject) => `${o.kind}/${o.metadata?.namespace ?? 'default'}/${o.metadata?.name ?? ''}`;

/** Given objects may be referred to as Kind/name (namespace default) or Kind/namespace/name. */
function normalizeEditable(ref: string): string {
  const parts = ref.split('/');
  return parts.length === 2 ? `${parts[0]}/default/${parts[1]}` : ref;
}

/** The level's world with the player's objects added (and editable ones replaced). */
export function worldWith(level: Level, submitted: readonly KubeObject[]): World {
  const replaced = new Set(submitted.map(objectKey));
  const editable = new Set(level.cluster.editable.map(normalizeEditable));
  const given = level.cluster.objects.filter((o) => !(editable.has(objectKey(o)) && replaced.has(objectKey(o))));
  return buildWorld([...given, ...submitted], level.cluster.settings);
}

function readSubmission(level: Level, submission: Submission): { objects: KubeObject[]; problems: Problem[] } {
  const parsed = parseManifests(submission.text, submission.file);
  const problems: Problem[] = [...parsed.problems];
  const givenKeys = new Set(level.cluster.objects.map(objectKey));
  const editable = new Set(level.cluster.editable.map(normalizeEditable));
  const objects: KubeObject[] = [];
  for (const sourced of parsed.objects) {
    const obj = sourced.object;
    const at = sourced.keyPositionOf(['kind']);
    if (!level.allowedKinds.includes(obj.kind ?? '')) {
      problems.push({
        code: 'DISALLOWED_KIND',
        severity: 'error',
        message: `this level is about ${level.allowedKinds.join(', ')}; a ${obj.kind} is not yours to write here`,
        file: submission.file,
        ...at,
      });
      continue;
    }
    if (givenKeys.has(objectKey(obj)) && !editable.has(objectKey(obj))) {
      const at2 = sourced.positionOf(['metadata', 'name']);
      problems.push({
        code: 'NAME_COLLISION',
        severity: 'error',
        message: `the cluster already has ${obj.kind} ${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name}, and this level does not let you change it; give yours another name`,
        file: submission.file,
        ...at2,
      });
      continue;
    }
    if (sourced.valid) objects.push(obj);
  }
  const cross = validateObjects(
    parsed.objects.filter((o) => objects.includes(o.object)),
    level.cluster.settings,
  );
  return { objects, problems: [...problems, ...cross] };
}

/** Hints that fit what failed; hidden goals never reveal themselves through a hint. */
function relevantHints(level: Level, goals: readonly GoalResult[]): Hint[] {
  const failing = goals.filter((g) => !g.passed && !g.goal.hidden);
  const failedIds = new Set(failing.map((g) => g.goal.id));
  const seen = new Set<string>(
    failing.flatMap((g) => g.probes.filter((p) => !p.passed && p.trace).flatMap((p) => [p.trace!.outcome, p.trace!.cause])),
  );
  return level.hints.filter((h) => (h.goal !== undefined || h.when !== undefined) && (h.goal === undefined || failedIds.has(h.goal)) && (h.when === undefined || seen.has(h.when)));
}

function summarize(level: Level, problems: readonly Problem[], goals: readonly GoalResult[]): GradeReport {
  const errors = problems.filter((p) => p.severity === 'error');
  return {
    level: level.id,
    problems,
    goals,
    passed: errors.length === 0 && goals.every((g) => g.passed),
    score: goals.reduce((sum, g) => sum + g.earned, 0),
    maxScore: goals.reduce((sum, g) => sum + g.goal.points, 0),
    hints: relevantHints(level, goals),
  };
}

/** The objects of a submission that would be applied (valid, allowed, not colliding). */
export function submittedObjects(level: Level, submission: Submission): KubeObject[] {
  return readSubmission(level, submission).objects;
}

function gradeManifestLevel(level: Level, submission: Submission): GradeReport {
  const { objects, problems } = readSubmission(level, submission);
  const world = worldWith(level, objects);
  const goals = level.goals.map((goal): GoalResult => {
    const probes = goal.probes.map((p) => checkProbe(world, p));
    const constraints = goal.constraints.map((c) => checkConstraint(objects, c));
    const passed = [...probes, ...constraints].every((r) => r.passed);
    return { goal, passed, earned: passed ? goal.points : 0, probes, constraints };
  });
  return summarize(level, problems, goals);
}

/** The simulator's answer to a predict question. */
export function answerOf(world: World, q: Question): string {
  const result = traceProbe(world, q.from, q.to);
  if (!result.ok) return `error: ${result.error}`;
  return q.ask === 'outcome' ? result.value.outcome : result.value.reach.join(', ') || 'none';
}

/** Predict answers are `id: answer` lines; a reach answer lists pods separated by commas. */
function readAnswers(text: string): Map<string, string> {
  const answers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([\w-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (m) answers.set(m[1]!, m[2]!.replace(/^\[(.*)\]$/, '$1').replace(/^["']|["']$/g, ''));
  }
  return answers;
}

function normalizeAnswer(answer: string): string {
  return answer
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort()
    .join(', ');
}

function gradePredictLevel(level: Level, submission: Submission): GradeReport {
  const world = worldWith(level, []);
  const answers = readAnswers(submission.text);
  const goals = level.questions.map((q): GoalResult => {
    const correct = answerOf(world, q);
    const given = answers.get(q.id) ?? '';
    const passed = given !== '' && normalizeAnswer(given) === normalizeAnswer(correct);
    // The trace is kept so that, once answered, the player can see why.
    const trace = traceProbe(world, q.from, q.to);
    const probe = { from: q.from, to: q.to, expect: { kind: 'outcome' as const, outcome: trace.ok ? trace.value.outcome : 'unreachable' }, at: q.at };
    const probes = trace.ok ? [{ probe, passed, expected: correct, actual: given || '(no answer)', trace: trace.value }] : [];
    return { goal: { id: q.id, title: q.prompt, points: 1, hidden: false }, passed, earned: passed ? 1 : 0, probes, constraints: [], answer: { given, correct } };
  });
  return summarize(level, [], goals);
}

export function gradeLevel(level: Level, submission: Submission): GradeReport {
  return level.kind === 'predict' ? gradePredictLevel(level, submission) : gradeManifestLevel(level, submission);
}
