/**
 * A grade report for people, for programs and for CI, built from the same
 * `GradeReport` the game shows.
 *
 * Text (problems first, then the checklist, then one line per failing check
 * with where the request broke and the hint that fits):
 *
 * ```
 * fails-probe: The orders API
 *
 * ✗ tcp://orders.shop:80 reaches exactly the orders pods   0/1
 * ✓ nothing answers on port 9090 of the Service            1/1
 *
 * ✗ shop/client → tcp://orders.shop:80: expected delivered to exactly ..., got refused: ...
 *     broke at pod: no container in shop/orders-895bc5568-9zwmn listens on 80/TCP (it declares 9090/TCP)
 *     hint: The connection is refused because nothing listens where the Service sends it. ...
 *
 * Not yet: 1 of 2 goals pass, score 1/2.
 * ```
 *
 * Hidden goals show only whether they passed and their points: no title,
 * probes or hints tied to them.
 */
import type { GoalResult, GradeReport, Hint, Level, ProbeResult } from '../game/index.js';
import type { Problem } from '../manifests/index.js';
import { safeText, tokensToText, type Trace } from '../sim/index.js';
import { problemToJson } from './packs.js';

const isHidden = (g: GoalResult) => g.goal.hidden;

/** The hints the player may see: none tied to a hidden goal, or to an outcome seen only in a hidden goal. */
export function visibleHints(report: GradeReport): Hint[] {
  const shownFailing = report.goals.filter((g) => !g.passed && !isHidden(g));
  const hiddenIds = new Set(report.goals.filter(isHidden).map((g) => g.goal.id));
  const seen = new Set(shownFailing.flatMap((g) => g.probes.filter((p) => !p.passed && p.trace).flatMap((p) => [p.trace!.outcome, p.trace!.cause as string])));
  return report.hints.filter((h) => (h.goal === undefined || !hiddenIds.has(h.goal)) && (h.when === undefined || seen.has(h.when)));
}

function fits(hint: Hint, goalId: string, trace: Trace | undefined): number {
  if (hint.goal !== undefined && hint.goal !== goalId) return 0;
  if (hint.when !== undefined) return trace && (hint.when === trace.outcome || hint.when === trace.cause) ? 2 : 0;
  return hint.goal !== undefined ? 1 : 0;
}

/** The most specific hint for a failing probe: one tied to what happened, else one tied to its goal. */
function hintFor(hints: readonly Hint[], goalId: string, trace: Trace | undefined): Hint | undefined {
  let best: Hint | undefined;
  let score = 0;
  for (const h of hints) {
    const s = fits(h, goalId, trace);
    if (s > score) [best, score] = [h, s];
  }
  return best;
}

function points(g: GoalResult): string {
  return `${g.earned}/${g.goal.points}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function probeLine(p: ProbeResult): string {
  return `✗ ${safeText(p.probe.from)} → ${safeText(p.probe.to)}: expected ${safeText(p.expected)}, got ${safeText(p.actual)}`;
}

/** The checklist and the failing checks; `problemsText` (already formatted) goes first. */
export function reportToText(report: GradeReport, level: Level, problemsText: string, options: { readonly debrief?: boolean } = {}): string {
  const out: string[] = [`${level.id}: ${safeText(level.title)}`, ''];
  if (problemsText !== '') out.push(problemsText.trimEnd(), '');
  const titleOf = (g: GoalResult) => (isHidden(g) ? '(hidden goal)' : safeText(g.goal.title));
  const width = Math.max(...report.goals.map((g) => titleOf(g).length), 0);
  for (const g of report.goals) out.push(`${g.passed ? '✓' : '✗'} ${titleOf(g).padEnd(width)}  ${points(g)}`);

  const hints = visibleHints(report);
  const shown = new Set<Hint>();
  const details: string[] = [];
  for (const g of report.goals.filter((goal) => !goal.passed && !isHidden(goal))) {
    if (g.answer) details.push(`✗ ${safeText(g.goal.title)} you answered ${safeText(g.answer.given || '(nothing)')}; the cluster says ${safeText(g.answer.correct)}`);
    for (const p of g.probes.filter((probe) => !probe.passed)) {
      details.push(probeLine(p));
      if (p.brokenHop) details.push(`    broke at ${p.brokenHop.step}: ${safeText(tokensToText(p.brokenHop.explanation))}`);
      const hint = hintFor(hints, g.goal.id, p.trace);
      if (hint && !shown.has(hint)) {
        shown.add(hint);
        details.push(`    hint: ${safeText(hint.text)}`);
      }
    }
    for (const c of g.constraints.filter((constraint) => !constraint.passed)) {
      details.push(`✗ ${safeText(c.constraint.kind)}: expected ${safeText(c.expected)}, got ${safeText(c.actual)}`);
    }
  }
  const rest = hints.filter((h) => !shown.has(h));
  if (details.length > 0) out.push('', ...details);
  if (rest.length > 0) out.push('', ...rest.map((h) => `hint: ${safeText(h.text)}`));

  const passedGoals = report.goals.filter((g) => g.passed).length;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  out.push('');
  if (report.passed) {
    out.push(`✓ Passed: ${passedGoals === 1 ? 'the goal passes' : `all ${passedGoals} goals pass`}, score ${report.score}/${report.maxScore}.`);
    if (options.debrief !== false && level.debrief.trim() !== '') out.push('', safeText(level.debrief.trim()));
  } else {
    const problemNote = errors > 0 ? `; fix ${errors === 1 ? 'the error' : `the ${errors} errors`} in the submission first` : '';
    out.push(`Not yet: ${passedGoals} of ${plural(report.goals.length, 'goal')} pass, score ${report.score}/${report.maxScore}${problemNote}.`);
  }
  return `${out.join('\n')}\n`;
}

function probeToJson(p: ProbeResult): object {
  return {
    from: p.probe.from,
    to: p.probe.to,
    passed: p.passed,
    expected: p.expected,
    actual: p.actual,
    outcome: p.trace?.outcome ?? null,
    cause: p.trace?.cause ?? null,
    reach: p.trace?.reach ?? [],
    brokenHop: p.brokenHop ? { step: p.brokenHop.step, detail: tokensToText(p.brokenHop.explanation) } : null,
  };
}

function goalToJson(g: GoalResult): object {
  const base = { id: g.goal.id, passed: g.passed, points: g.goal.points, earned: g.earned, hidden: g.goal.hidden };
  if (g.goal.hidden) return base;
  return {
    ...base,
    title: g.goal.title,
    probes: g.probes.map(probeToJson),
    constraints: g.constraints.map((c) => ({
      kind: c.constraint.kind,
      field: c.constraint.field ?? null,
      passed: c.passed,
      expected: c.expected,
      actual: c.actual,
    })),
    ...(g.answer ? { answer: g.answer } : {}),
  };
}

/** `check --json`: the report with hidden goals' details left out. */
export function reportToJson(report: GradeReport, problems: readonly Problem[]): object {
  return {
    level: report.level,
    passed: report.passed,
    score: report.score,
    maxScore: report.maxScore,
    problems: problems.map(problemToJson),
    goals: report.goals.map(goalToJson),
    hints: visibleHints(report).map((h) => ({ text: h.text, goal: h.goal ?? null, when: h.when ?? null })),
  };
}

/** XML 1.0 text: escaped, and without the control characters XML cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function failureOf(g: GoalResult): { message: string; details: string } | undefined {
  if (g.passed) return undefined;
  if (g.goal.hidden) return { message: 'a hidden goal fails', details: '' };
  const failing = [
    ...(g.answer ? [{ where: 'answer', expected: g.answer.correct, actual: g.answer.given || '(no answer)', extra: [] as string[] }] : []),
    ...g.probes
      .filter((p) => !p.passed)
      .map((p) => ({
        where: `${p.probe.from} → ${p.probe.to}`,
        expected: p.expected,
        actual: p.actual,
        extra: p.brokenHop ? [`  broke at ${p.brokenHop.step}: ${tokensToText(p.brokenHop.explanation)}`] : [],
      })),
    ...g.constraints.filter((c) => !c.passed).map((c) => ({ where: c.constraint.kind, expected: c.expected, actual: c.actual, extra: [] as string[] })),
  ];
  const first = failing[0];
  return {
    message: first ? `expected ${first.expected}, got ${first.actual}` : 'the goal fails',
    details: failing.flatMap((f) => [`${f.where}: expected ${f.expected}, got ${f.actual}`, ...f.extra]).join('\n'),
  };
}

/** One level as a JUnit `<testsuite>`, with its counts. */
export type JunitSuite = { readonly xml: string; readonly tests: number; readonly failures: number };

/**
 * A level's `<testsuite>`: one testcase per goal (hidden goals by id only);
 * the failure message is "expected ..., got ...". When the submission has
 * errors, one more testcase, "the submission is valid", fails with them.
 */
export function junitSuite(report: GradeReport, level: Level, problems: readonly Problem[]): JunitSuite {
  const errors = problems.filter((p) => p.severity === 'error');
  const cases = report.goals.map((g) => {
    const name = g.goal.hidden ? `hidden goal ${g.goal.id}` : g.goal.title;
    const failure = failureOf(g);
    const open = `    <testcase classname="kubequest.${xml(level.id)}" name="${xml(name)}"`;
    return failure
      ? `${open}>\n      <failure message="${xml(failure.message)}" type="goal">${xml(failure.details)}</failure>\n    </testcase>`
      : `${open}/>`;
  });
  if (errors.length > 0) {
    const details = errors.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n');
    cases.unshift(
      `    <testcase classname="kubequest.${xml(level.id)}" name="the submission is valid">\n      <failure message="${xml(`${plural(errors.length, 'error')} in the submission`)}" type="problems">${xml(details)}</failure>\n    </testcase>`,
    );
  }
  const failures = report.goals.filter((g) => !g.passed).length + (errors.length > 0 ? 1 : 0);
  const tests = cases.length;
  return {
    xml: [`  <testsuite name="${xml(`${level.id}: ${level.title}`)}" tests="${tests}" failures="${failures}" errors="0">`, ...cases, '  </testsuite>'].join('\n'),
    tests,
    failures,
  };
}

/** A JUnit document holding the suites, with their counts summed. */
export function junitDocument(suites: readonly JunitSuite[], name = 'kubequest check'): string {
  const tests = suites.reduce((sum, s) => sum + s.tests, 0);
  const failures = suites.reduce((sum, s) => sum + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

/** JUnit XML for one level: one testsuite, one testcase per goal (see `junitSuite`). */
export function reportToJunit(report: GradeReport, level: Level, problems: readonly Problem[]): string {
  return junitDocument([junitSuite(report, level, problems)]);
}
