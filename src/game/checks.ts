/**
 * The checks a goal is made of: probes (a request and what must become of
 * it) and constraints (rules about the submitted objects). Each check gives
 * what was expected and what happened, in words a learner can act on.
 */
import {
  fnv1a,
  matchesLabels,
  spreadRequests,
  tokensToText,
  traceProbe,
  type Hop,
  type KubeObject,
  type Trace,
  type World,
} from '../sim/index.js';
import type { Constraint, Expectation, Probe } from './level.js';

export type ProbeResult = {
  readonly probe: Probe;
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
  readonly trace?: Trace;
  /** The first hop that did not pass, where the path broke. */
  readonly brokenHop?: Hop;
};

export type ConstraintResult = {
  readonly constraint: Constraint;
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
};

/** The pods a label expectation means: ready pods carrying every label (in one namespace, if given). */
export function podsMatching(world: World, labels: Readonly<Record<string, string>>, namespace?: string): string[] {
  return world.pods
    .filter((p) => p.ready && (namespace === undefined || p.namespace === namespace) && matchesLabels(labels, p.labels))
    .map((p) => `${p.namespace}/${p.name}`)
    .sort();
}

function describeExpectation(world: World, expect: Expectation): string {
  switch (expect.kind) {
    case 'outcome':
      return expect.outcome;
    case 'allowed':
      return expect.allowed ? 'delivered (allowed)' : 'denied by NetworkPolicy';
    case 'reach-pods':
      return expect.pods.length === 0 ? 'reaches no pod' : `delivered to exactly ${expect.pods.join(', ')}`;
    case 'reach-selector': {
      const pods = podsMatching(world, expect.labels, expect.namespace);
      const selector = Object.entries(expect.labels).map(([k, v]) => `${k}=${v}`).join(',');
      return `delivered to exactly the ready pods with ${selector}${expect.namespace ? ` in ${expect.namespace}` : ''} (${pods.length === 0 ? 'none' : pods.join(', ')})`;
    }
    case 'spread':
      return expect.over === 'all' ? `${expect.requests} requests spread over every receiving pod` : `${expect.requests} requests all on one pod`;
  }
}

function allDeliver(trace: Trace): boolean {
  return trace.endpoints.every((e) => e.outcome === 'delivered');
}

function describeActual(trace: Trace): string {
  const reason = tokensToText(trace.explanation);
  if (trace.outcome !== 'delivered' || trace.reach.length === 0) return `${trace.outcome}: ${reason}`;
  const turnedAway = trace.endpoints.filter((e) => e.outcome !== 'delivered');
  return `delivered to ${trace.reach.join(', ')}${turnedAway.length > 0 ? `, but ${turnedAway.map((e) => `${e.pod ?? e.ip}, which is an endpoint too, ${e.outcome === 'denied' ? 'denies' : 'refuses'} it (${tokensToText(e.explanation)})`).join('; ')}` : ''}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/** Where the requests of a spread probe land, as kube-proxy would pick with a fixed seed. */
export function spreadOf(world: World, probe: Probe, trace: Trace, requests: number): Map<string, number> {
  const serviceHop = trace.hops.find((h) => h.step === 'kube-proxy' && h.object?.kind === 'Service');
  const service = world.services.find((s) => s.namespace === serviceHop?.object?.namespace && s.name === serviceHop?.object?.name);
  const delivered = trace.endpoints.filter((e) => e.outcome === 'delivered');
  return spreadRequests(
    delivered.map((e) => ({ ip: e.ip, port: e.port, ready: true, ...(e.pod ? { pod: e.pod } : {}) })),
    requests,
    fnv1a(`${probe.from}->${probe.to}`),
    service?.sessionAffinity ?? 'None',
  );
}

export function checkProbe(world: World, probe: Probe): ProbeResult {
  const result = traceProbe(world, probe.from, probe.to);
  const expected = describeExpectation(world, probe.expect);
  if (!result.ok) return { probe, passed: false, expected, actual: `the probe cannot run: ${result.error}` };
  const trace = result.value;
  const brokenHop = trace.hops.find((h) => !h.ok);
  const base = { probe, expected, trace, ...(brokenHop ? { brokenHop } : {}) };
  const e = probe.expect;
  switch (e.kind) {
    case 'outcome':
      return { ...base, passed: trace.outcome === e.outcome, actual: describeActual(trace) };
    case 'allowed':
      return { ...base, passed: trace.outcome === (e.allowed ? 'delivered' : 'denied'), actual: describeActual(trace) };
    // "Exactly these pods receive it" also means no other candidate turns it away:
    // kube-proxy would send some connections there, and they would fail.
    case 'reach-pods':
      return { ...base, passed: sameSet(trace.reach, e.pods) && allDeliver(trace), actual: describeActual(trace) };
    case 'reach-selector': {
      const want = podsMatching(world, e.labels, e.namespace);
      return { ...base, passed: want.length > 0 && sameSet(trace.reach, want) && allDeliver(trace), actual: describeActual(trace) };
    }
    case 'spread': {
      if (trace.outcome !== 'delivered') return { ...base, passed: false, actual: describeActual(trace) };
      const counts = spreadOf(world, probe, trace, e.requests);
      const hit = [...counts.entries()].filter(([, n]) => n > 0);
      const passed = e.over === 'all' ? hit.length === counts.size && counts.size > 1 : hit.length === 1;
      return { ...base, passed, actual: hit.map(([pod, n]) => `${pod}: ${n}`).join(', ') };
    }
  }
}

/** API defaults a constraint compares against when the player left a field out. */
const FIELD_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Service: {
    'spec.type': 'ClusterIP',
    'spec.sessionAffinity': 'None',
    'spec.internalTrafficPolicy': 'Cluster',
    'metadata.namespace': 'default',
  },
};

export function fieldOf(obj: KubeObject, path: string): unknown {
  let value: unknown = obj;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined && typeof obj.kind === 'string') return FIELD_DEFAULTS[obj.kind]?.[path];
  return value;
}

function fieldHolds(obj: KubeObject, c: Constraint): boolean {
  if (c.field === undefined) return true;
  const value = fieldOf(obj, c.field);
  if (c.present !== undefined && (value !== undefined) !== c.present) return false;
  if (c.equals !== undefined && value !== c.equals) return false;
  if (c.notEquals !== undefined && value === c.notEquals) return false;
  return true;
}

function describeConstraint(c: Constraint): string {
  const cond = [
    c.equals !== undefined ? `${c.field} = ${String(c.equals)}` : '',
    c.notEquals !== undefined ? `${c.field} ≠ ${String(c.notEquals)}` : '',
    c.present === true ? `${c.field} set` : c.present === false ? `${c.field} not set` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (!c.count) return `every ${c.kind} has ${cond}`;
  const { min, max } = c.count;
  const n = min !== undefined && max !== undefined ? (min === max ? `exactly ${min}` : `${min} to ${max}`) : min !== undefined ? `at least ${min}` : `at most ${max}`;
  return `${n} ${c.kind}${cond ? ` with ${cond}` : ''}`;
}

export function checkConstraint(submitted: readonly KubeObject[], c: Constraint): ConstraintResult {
  const ofKind = submitted.filter((o) => o.kind === c.kind);
  const expected = describeConstraint(c);
  if (!c.count) {
    const breaking = ofKind.filter((o) => !fieldHolds(o, c));
    return {
      constraint: c,
      passed: breaking.length === 0,
      expected,
      actual:
        breaking.length === 0
          ? `${ofKind.length} ${c.kind} checked`
          : breaking.map((o) => `${c.kind} ${o.metadata?.name ?? '?'} has ${c.field} = ${String(fieldOf(o, c.field ?? '') ?? 'unset')}`).join('; '),
    };
  }
  const n = ofKind.filter((o) => fieldHolds(o, c)).length;
  const passed = (c.count.min === undefined || n >= c.count.min) && (c.count.max === undefined || n <= c.count.max);
  return { constraint: c, passed, expected, actual: `${n} ${c.kind}${c.field ? ' matching' : ''}` };
}
