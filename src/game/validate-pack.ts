/**
 * The pack validator proves every level fair (after rustlings' `dev check`):
 *
 * - ids are unique and kebab-case (parse-level checks the form);
 * - every pod, node and namespace a probe or question names exists;
 * - there are hints, staged from a nudge to near-solution;
 * - the reference solution passes every goal, and the starter fails one;
 * - trivial answers fail: an empty submission; an allow-all NetworkPolicy
 *   where the level is about NetworkPolicy; Services that select every pod
 *   of their namespace where the level is about Services;
 * - a predict level's answers can be computed.
 */
import type { Problem, ProblemCode } from '../manifests/index.js';
import { parseSource, parseTarget, resolveSource, traceProbe, type KubeObject, type World } from '../sim/index.js';
import { parseAllDocuments } from 'yaml';
import { answerOf, gradeLevel, worldWith } from './grade.js';
import type { Level, Position } from './level.js';
import { allLevels, type Pack } from './pack.js';

function problem(code: ProblemCode, level: Level, at: Position, message: string): Problem {
  return { code, severity: 'error', message, file: level.file, line: at.line, col: at.col };
}

const TOP: Position = { line: 1, col: 1 };

/** Probes name things in the world the reference solution builds. */
function checkReferences(level: Level, world: World): Problem[] {
  const probes = [...level.goals.flatMap((g) => g.probes), ...level.questions];
  return probes.flatMap((p) => {
    const out: Problem[] = [];
    const src = parseSource(p.from);
    if (src.ok) {
      const placed = resolveSource(world, src.value);
      if (!placed.ok) out.push(problem('UNKNOWN_REFERENCE', level, p.at, `probe from ${p.from}: ${placed.error}`));
    }
    const target = parseTarget(p.to);
    if (target.ok && target.value.kind === 'pod') {
      const { namespace, name } = target.value;
      if (!world.pods.some((pod) => pod.namespace === namespace && pod.name === name)) {
        out.push(problem('UNKNOWN_REFERENCE', level, p.at, `probe to ${p.to}: there is no pod ${namespace}/${name} in this level's cluster`));
      }
    }
    return out;
  });
}

function objectsOf(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS({ maxAliasCount: 100 }) as KubeObject | null)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object');
}

function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n---\n');
}

/** Answers a careless player might try, each of which must fail the level. */
function trivialAnswers(level: Level): { name: string; text: string }[] {
  const answers = [{ name: 'an empty submission', text: '' }];
  const namespaces = new Set(
    [...level.goals.flatMap((g) => g.probes), ...level.questions].flatMap((p) => {
      const src = parseSource(p.from);
      return src.ok && src.value.kind === 'pod' ? [src.value.namespace] : [];
    }),
  );
  if (level.allowedKinds.includes('NetworkPolicy')) {
    const allowAll = [...namespaces, ...objectsOf(level.solution).map((o) => o.metadata?.namespace ?? 'default')];
    answers.push({
      name: 'an allow-all NetworkPolicy',
      text: toYaml(
        [...new Set(allowAll)].map((ns) => ({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'allow-everything', namespace: ns },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] },
        })),
      ),
    });
  }
  if (level.allowedKinds.includes('Service')) {
    const world = worldWith(level, []);
    const broadened = objectsOf(level.solution).map((o) => {
      if (o.kind !== 'Service') return o;
      const ns = o.metadata?.namespace ?? 'default';
      const pods = world.pods.filter((p) => p.namespace === ns);
      const common = Object.fromEntries(
        Object.entries(pods[0]?.labels ?? {}).filter(([k, v]) => pods.every((p) => p.labels[k] === v)),
      );
      const spec = (o['spec'] ?? {}) as Record<string, unknown>;
      return Object.keys(common).length > 0 && spec['selector'] ? { ...o, spec: { ...spec, selector: common } } : o;
    });
    if (toYaml(broadened) !== toYaml(objectsOf(level.solution))) answers.push({ name: 'Services that select every pod of their namespace', text: toYaml(broadened) });
  }
  return answers;
}

function validateManifestLevel(level: Level): Problem[] {
  const out: Problem[] = [];
  const solution = gradeLevel(level, { text: level.solution, file: level.file });
  if (level.solution.trim() === '') out.push(problem('UNFAIR_LEVEL', level, TOP, 'the level has no reference solution (solution: or a <id>.solution.yaml file)'));
  else if (!solution.passed) {
    for (const p of solution.problems.filter((p) => p.severity === 'error')) {
      out.push(problem('UNFAIR_LEVEL', level, { line: p.line, col: p.col }, `the reference solution has a problem: ${p.message}`));
    }
    for (const g of solution.goals.filter((g) => !g.passed)) {
      const at = level.goals.find((goal) => goal.id === g.goal.id)?.at ?? TOP;
      const why = [...g.probes.filter((p) => !p.passed).map((p) => `${p.probe.from} -> ${p.probe.to}: expected ${p.expected}, got ${p.actual}`), ...g.constraints.filter((c) => !c.passed).map((c) => `expected ${c.expected}, got ${c.actual}`)];
      out.push(problem('UNFAIR_LEVEL', level, at, `the reference solution fails goal "${g.goal.title}": ${why.join('; ')}`));
    }
  }
  const starter = gradeLevel(level, { text: level.starter, file: level.file });
  if (starter.passed) out.push(problem('UNFAIR_LEVEL', level, TOP, 'the starter already passes every goal: there is nothing to do'));
  for (const trivial of trivialAnswers(level)) {
    if (gradeLevel(level, { text: trivial.text, file: level.file }).passed) {
      out.push(problem('UNFAIR_LEVEL', level, TOP, `${trivial.name} passes every goal; add a goal that checks what must be denied or must not be reached`));
    }
  }
  const world = worldWith(
    level,
    objectsOf(level.solution).filter((o) => level.allowedKinds.includes(o.kind ?? '')),
  );
  out.push(...checkReferences(level, world));
  return out;
}

function validatePredictLevel(level: Level): Problem[] {
  const world = worldWith(level, []);
  const out = checkReferences(level, world);
  if (level.solution.trim() !== '') {
    for (const g of gradeLevel(level, { text: level.solution, file: level.file }).goals.filter((g) => !g.passed)) {
      const at = level.questions.find((q) => q.id === g.goal.id)?.at ?? TOP;
      out.push(problem('UNFAIR_LEVEL', level, at, `the solution answers ${g.goal.id} with "${g.answer?.given ?? ''}", but the simulator says "${g.answer?.correct ?? ''}"`));
    }
  }
  for (const q of level.questions) {
    const result = traceProbe(world, q.from, q.to);
    if (!result.ok) out.push(problem('UNKNOWN_REFERENCE', level, q.at, `question ${q.id} cannot be answered: ${result.error}`));
    else if (q.choices && !q.choices.includes(answerOf(world, q))) {
      out.push(problem('UNFAIR_LEVEL', level, q.at, `question ${q.id}: the right answer (${answerOf(world, q)}) is not among the choices`));
    }
  }
  return out;
}

export function validateLevel(level: Level): Problem[] {
  const out = level.kind === 'predict' ? validatePredictLevel(level) : validateManifestLevel(level);
  if (level.hints.length === 0) out.push(problem('UNFAIR_LEVEL', level, TOP, 'the level has no hints; give at least one, from a nudge to near-solution'));
  return out;
}

export function validatePack(pack: Pack): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, Level>();
  for (const level of allLevels(pack)) {
    const first = seen.get(level.id);
    if (first) out.push(problem('DUPLICATE_LEVEL_ID', level, TOP, `id "${level.id}" is already used by ${first.file.replace(`${pack.dir}/`, '')}`));
    else seen.set(level.id, level);
    out.push(...validateLevel(level));
  }
  return out;
}
