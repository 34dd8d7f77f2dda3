/**
 * gradeLevel, in process, over the fixture pack (test/fixtures/levels): one
 * level per grading outcome, each graded with the submission of that
 * outcome (submissions/<id>.yaml), plus variations of those levels for the
 * finer points of goals, hints and scores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findLevel, gradeLevel, loadPack, parseLevel, worldWith, type GoalResult, type GradeReport, type Level } from '../../src/game/index.js';
import { traceProbe } from '../../src/sim/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const PACK_DIR = join(repoRoot, 'test/fixtures/levels');
const loaded = loadPack(PACK_DIR);

function level(id: string): Level {
  const found = loaded.pack && findLevel(loaded.pack, id);
  if (!found) throw new Error(`no fixture level ${id}: ${JSON.stringify(loaded.problems)}`);
  return found;
}

/** A fixture level's text, changed by `edit`, parsed again (for variations on a fixture). */
function variant(id: string, edit: (text: string) => string): Level {
  const file = join(PACK_DIR, '01-shop', `${id}.yaml`);
  const text = edit(readFileSync(file, 'utf8'));
  const { level: parsed, problems } = parseLevel(text, file);
  if (!parsed) throw new Error(JSON.stringify(problems));
  return parsed;
}

function submissionText(id: string): string {
  return readFileSync(join(PACK_DIR, 'submissions', `${id}.yaml`), 'utf8');
}

function grade(l: Level, text: string, file = 'draft.yaml'): GradeReport {
  return gradeLevel(l, { text, file });
}

function goal(report: GradeReport, id: string): GoalResult {
  const found = report.goals.find((g) => g.goal.id === id);
  if (!found) throw new Error(`no goal ${id}`);
  return found;
}

/** 1-based line and column of the first occurrence of `needle`. */
function posOf(text: string, needle: string): { line: number; col: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

test('the fixture pack loads without problems', () => {
  expect(loaded.problems).toEqual([]);
});

describe('gradeLevel - one outcome per fixture', () => {
  test('passes - every goal passes, full score, no problems, no hints', () => {
    const report = grade(level('passes'), submissionText('passes'));
    expect(report).toMatchObject({ level: 'passes', passed: true, problems: [], hints: [], score: 3, maxScore: 3 });
    expect(report.goals.map((g) => [g.goal.id, g.passed, g.earned])).toEqual([
      ['web-reachable', true, 2],
      ['cluster-ip', true, 1],
    ]);
  });

  test('fails-probe - expected vs actual, and the first hop where the path broke', () => {
    const report = grade(level('fails-probe'), submissionText('fails-probe'));
    expect(report.passed).toBe(false);
    expect(report.problems).toEqual([]);
    const failing = goal(report, 'orders-answer');
    expect(failing).toMatchObject({ passed: false, earned: 0 });
    const [probe] = failing.probes;
    expect(probe).toMatchObject({ passed: false, trace: { outcome: 'refused', cause: 'not-listening', reach: [] }, brokenHop: { step: 'pod', ok: false } });
    expect(probe!.expected).not.toBe('');
    expect(probe!.actual).not.toBe(probe!.expected);
    // The broken hop is the first hop that failed, and it names the pod that refused.
    expect(probe!.trace!.hops.find((h) => !h.ok)).toBe(probe!.brokenHop);
    expect(probe!.brokenHop!.object).toMatchObject({ kind: 'Pod', namespace: 'shop' });
    expect(goal(report, 'no-typo-port').passed).toBe(true);
    expect(report.score).toBe(1);
  });

  test('fails-constraint - traffic works, the rule on the submission does not hold', () => {
    const report = grade(level('fails-constraint'), submissionText('fails-constraint'));
    expect(goal(report, 'inside')).toMatchObject({ passed: true, earned: 1 });
    const notPublic = goal(report, 'not-public');
    expect(notPublic).toMatchObject({ passed: false, earned: 0, probes: [] });
    expect(notPublic.constraints).toMatchObject([{ passed: false, constraint: { kind: 'Service', field: 'spec.type', equals: 'ClusterIP' } }]);
    expect(notPublic.constraints[0]!.actual).toContain('LoadBalancer');
    expect(report).toMatchObject({ passed: false, score: 1, maxScore: 3 });
  });

  test('bad-yaml - the syntax problem first, with line:col; the valid document is still applied', () => {
    const text = submissionText('bad-yaml');
    const report = grade(level('bad-yaml'), text, 'services.yaml');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'YAML_SYNTAX', severity: 'error', file: 'services.yaml', line: posOf(text, '   protocol: TCP').line });
    expect(goal(report, 'web').passed).toBe(true);
    expect(goal(report, 'api').probes[0]!.trace).toMatchObject({ outcome: 'dns-failure' });
    expect(report.passed).toBe(false);
  });

  test('disallowed-kind - the object of another kind is refused and left out; the rest applies', () => {
    const text = submissionText('disallowed-kind');
    const l = level('disallowed-kind');
    const report = grade(l, text);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'DISALLOWED_KIND', severity: 'error', ...posOf(text, 'kind: Service') })]);
    expect(report.goals.every((g) => g.passed)).toBe(true);
    expect(report.passed).toBe(false);
    // The Service the player wrote is not in the world: its name does not resolve.
    const trace = traceProbe(worldWith(l, []), 'shop/web-1', 'tcp://db.shop:5432');
    expect(trace.ok && trace.value.outcome).toBe('dns-failure');
  });

  test('name-collision - a given object that is not editable cannot be replaced', () => {
    const text = submissionText('name-collision');
    const report = grade(level('name-collision'), text);
    const collision = report.problems.filter((p) => p.code === 'NAME_COLLISION');
    expect(collision).toEqual([expect.objectContaining({ severity: 'error', line: posOf(text, 'name: admin').line })]);
    // The level's own admin Service (port 80) still answers; the player's (port 8080) was left out.
    expect(goal(report, 'admin-untouched').passed).toBe(true);
    expect(goal(report, 'web').passed).toBe(true);
    expect(report.passed).toBe(false);
  });
});

describe('gradeLevel - goals', () => {
  test('an editable given object is replaced by the player version', () => {
    const l = level('name-collision');
    const starter = grade(l, l.starter);
    expect(goal(starter, 'web').probes[0]!.trace).toMatchObject({ outcome: 'no-endpoints', cause: 'selector-matches-nothing' });
    const solved = grade(l, l.solution);
    expect(solved.problems).toEqual([]);
    expect(solved.passed).toBe(true);
  });

  test('the given editable object stays when the player does not submit it', () => {
    const report = grade(level('name-collision'), '');
    expect(goal(report, 'web').probes[0]!.trace).toMatchObject({ outcome: 'no-endpoints' });
  });

  test('reach by selector - exactly the ready pods with those labels, no more', () => {
    const l = level('fails-probe');
    // The starter selects tier=backend: the orders pods and the payments pod.
    const probe = goal(grade(l, l.starter.replace('  ports:\n    - port: 80', '  ports:\n    - port: 80\n      targetPort: api')), 'orders-answer').probes[0]!;
    expect(probe.trace!.outcome).toBe('delivered');
    expect(probe.trace!.reach).toContain('shop/payments');
    expect(probe.passed).toBe(false);
    expect(goal(grade(l, l.solution), 'orders-answer').passed).toBe(true);
  });

  test('reach by pod names - exactly the pods listed', () => {
    const l = level('bad-yaml');
    expect(goal(grade(l, l.solution), 'api')).toMatchObject({ passed: true, probes: [{ trace: { reach: ['shop/api'] } }] });
    const wrong = grade(l, l.solution.replace('app: api', 'app: web'));
    expect(goal(wrong, 'api').probes[0]).toMatchObject({ passed: false, trace: { outcome: 'delivered' } });
  });

  test('allowed true and false - NetworkPolicy verdicts, both ways', () => {
    const l = level('disallowed-kind');
    expect(grade(l, l.solution).passed).toBe(true);
    // The starter admits everyone: the web pod gets in, and so does the debug pod.
    const open = grade(l, l.starter);
    expect(goal(open, 'web-to-db').passed).toBe(true);
    expect(goal(open, 'debug-denied').probes[0]).toMatchObject({ passed: false, trace: { outcome: 'delivered' } });
    // A policy with no ingress rules shuts out the web pod too.
    const shut = grade(l, l.starter.replace('  ingress:\n    - {}', '  policyTypes: [Ingress]'));
    expect(goal(shut, 'web-to-db').probes[0]).toMatchObject({ passed: false, trace: { outcome: 'denied', cause: 'policy-denied' }, brokenHop: { step: 'network-policy' } });
    expect(goal(shut, 'debug-denied').passed).toBe(true);
  });

  test('spread one - sessionAffinity ClientIP keeps a client on one pod', () => {
    const l = level('sticky-cart');
    const random = goal(grade(l, l.starter), 'sticky');
    expect(random.passed).toBe(false);
    expect(random.probes[0]!.actual.split(', ').length).toBeGreaterThan(1);
    const sticky = goal(grade(l, submissionText('sticky-cart')), 'sticky');
    expect(sticky.passed).toBe(true);
    expect(sticky.probes[0]!.actual).toMatch(/^shop\/cart-[\w-]+: 20$/);
  });

  test('spread all - without affinity, every ready endpoint takes a share', () => {
    const l = variant('sticky-cart', (t) => t.replace('spread: one', 'spread: all'));
    expect(goal(grade(l, l.starter), 'sticky').passed).toBe(true);
    expect(goal(grade(l, l.solution), 'sticky').passed).toBe(false);
  });

  test('a spread probe whose request is not delivered fails', () => {
    const l = level('sticky-cart');
    expect(goal(grade(l, ''), 'sticky').probes[0]).toMatchObject({ passed: false, trace: { outcome: 'dns-failure' } });
  });

  test('hidden goals are graded like the others', () => {
    const l = variant('fails-constraint', (t) => t.replace('    points: 2\n', '    points: 2\n    hidden: true\n'));
    const failing = grade(l, submissionText('fails-constraint'));
    expect(goal(failing, 'not-public')).toMatchObject({ passed: false, goal: { hidden: true } });
    expect(failing.passed).toBe(false);
    expect(grade(l, l.solution)).toMatchObject({ passed: true, score: 3 });
  });

  test('the score is the sum of the points of the goals passed', () => {
    const l = level('sticky-cart');
    expect(grade(l, l.starter)).toMatchObject({ score: 1, maxScore: 4 });
    expect(grade(l, l.solution)).toMatchObject({ score: 4, maxScore: 4 });
    expect(grade(l, '')).toMatchObject({ score: 0, maxScore: 4 });
  });
});

describe('gradeLevel - hints', () => {
  test('hints tied to the failing goal and to the outcome and cause seen, in the level order', () => {
    const l = level('fails-probe');
    const report = grade(l, submissionText('fails-probe'));
    expect(report.hints).toEqual([l.hints[1], l.hints[2], l.hints[3]]);
    expect(report.hints.map((h) => h.goal ?? h.when)).toEqual(['orders-answer', 'not-listening', 'refused']);
  });

  test('a hint tied to an outcome is not offered when that outcome is not seen', () => {
    const l = level('fails-probe');
    // Right port, too broad a selector: delivered, but to the payments pod as well.
    const report = grade(l, l.starter.replace('  ports:\n    - port: 80', '  ports:\n    - port: 80\n      targetPort: api'));
    expect(report.hints.map((h) => h.goal ?? h.when)).toEqual(['orders-answer']);
  });

  test('a hint tied to a DNS failure is offered when the name does not resolve', () => {
    const l = level('bad-yaml');
    expect(grade(l, l.starter).hints.map((h) => h.when)).toEqual(['dns-failure']);
  });

  test('untied hints are never offered by the grader; they are shown on request', () => {
    const l = level('passes');
    expect(grade(l, l.starter).hints).toEqual([l.hints[1]]);
  });
});

describe('gradeLevel - predict levels', () => {
  test('answers are compared with what the simulator computes', () => {
    const l = level('who-answers');
    const report = grade(l, submissionText('who-answers'));
    expect(report.goals.map((g) => [g.goal.id, g.passed, g.answer])).toEqual([
      ['web-pods', true, { given: 'shop/web-2, shop/web-1', correct: 'shop/web-1, shop/web-2' }],
      ['search', false, { given: 'dns-failure', correct: 'no-endpoints' }],
    ]);
    expect(report).toMatchObject({ passed: false, score: 1, maxScore: 2 });
    const trace = traceProbe(worldWith(l, []), 'shop/client', 'http://search.shop/');
    expect(trace.ok && trace.value.outcome).toBe('no-endpoints');
  });

  test('the right answer follows the cluster, not anything written in the level', () => {
    const l = variant('who-answers', (t) => t.replace('      name: web-2\n      namespace: shop\n      labels: {app: web}', '      name: web-2\n      namespace: shop\n      labels: {app: web-old}'));
    const report = grade(l, 'web-pods: shop/web-1, shop/web-2\nsearch: no-endpoints\n');
    expect(goal(report, 'web-pods')).toMatchObject({ passed: false, answer: { correct: 'shop/web-1' } });
  });

  test('the reference answers pass; no answer fails', () => {
    const l = level('who-answers');
    expect(grade(l, l.solution).passed).toBe(true);
    expect(grade(l, '').goals.every((g) => !g.passed)).toBe(true);
  });
});
