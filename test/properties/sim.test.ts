/**
 * Laws of the simulator over random worlds (pods in three namespaces,
 * random labels and ports, random NetworkPolicies and Services):
 *
 * - no policies: every pod pair is allowed;
 * - a deny-all (ingress and egress, podSelector {}) in every namespace:
 *   nothing is allowed but a pod to itself;
 * - adding an allow rule never removes a delivered path (monotonicity);
 * - a Service only ever routes to pods of its own namespace;
 * - every outcome is in the vocabulary, and the same world gives the same
 *   answers.
 *
 * Seeds are fixed; runs are small so the file takes a few seconds.
 */
import fc from 'fast-check';
import type { NetworkPolicy, NetworkPolicyPort } from 'kubernetes-types/networking/v1.js';
import { describe, expect, test } from 'vitest';
import { buildMatrix, OUTCOMES, traceProbe, type KubeObject, type Protocol, type World } from '../../src/sim/index.js';
import { egressRule, ingressRule, NAMESPACES, NS_LABELS, ruleOver, selector } from '../helpers/arbitrary-netpol.js';
import { makeWorld, type PodInput } from '../helpers/world.js';

const SEED = 20260611;
const PORTS: { port: number; protocol: Protocol }[] = [
  { port: 80, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
];

const npPort: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ port: fc.constantFrom(80, 8080, 53), protocol: fc.constantFrom('TCP', 'UDP') }),
  fc.record({ port: fc.constantFrom('http', 'dns') }),
  fc.record({ port: fc.constant(8000), endPort: fc.constant(9000), protocol: fc.constant('TCP') }),
  fc.record({ protocol: fc.constantFrom('UDP', 'TCP') }),
);
const rule = ruleOver(npPort);

/** Policies always list their policyTypes, so adding a rule never changes which pods are isolated. */
const netpol: fc.Arbitrary<NetworkPolicy> = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selector,
    types: fc.constantFrom<('Ingress' | 'Egress')[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    ingress: fc.array(rule, { maxLength: 2 }),
    egress: fc.array(rule, { maxLength: 2 }),
  })
  .map((p) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'named-below', namespace: p.namespace },
    spec: {
      podSelector: p.podSelector,
      policyTypes: p.types,
      ...(p.types.includes('Ingress') ? { ingress: p.ingress.map(ingressRule) } : {}),
      ...(p.types.includes('Egress') ? { egress: p.egress.map(egressRule) } : {}),
    },
  }));
const pod: fc.Arbitrary<Omit<PodInput, 'id'>> = fc.record({
  labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b'), { maxKeys: 2 }),
  hostNetwork: fc.constantFrom(false, false, false, false, true),
  node: fc.constantFrom('node-1', 'node-2'),
  ports: fc.constantFrom(
    [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' as const }],
    [{ name: 'http', port: 8080 }],
    [],
  ),
});
const podsOf = (minLength: number, maxLength: number) => fc.array(pod, { minLength, maxLength }).map((ps) => ps.map((p, i) => ({ ...p, id: `${NAMESPACES[i % 3]}/p${i}` })));
const pods = podsOf(2, 7);
const named = (policies: readonly NetworkPolicy[]) => policies.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i}` } }));

function allowedPairs(world: World): Set<string> {
  const m = buildMatrix(world, { ports: PORTS });
  const out = new Set<string>();
  for (const port of m.ports) {
    m.allowed[port]!.forEach((row, i) => row.forEach((ok, j) => ok && out.add(`${m.pods[i]} -> ${m.pods[j]} ${port}`)));
  }
  return out;
}

const denyAll = (ns: string): NetworkPolicy => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all', namespace: ns },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});

describe('NetworkPolicy laws', () => {
  test('no policies: every pod pair is allowed, on every port', () => {
    fc.assert(
      fc.property(pods, (ps) => {
        const m = buildMatrix(makeWorld({ namespaces: NS_LABELS, pods: ps }), { ports: PORTS });
        for (const port of m.ports) for (const row of m.allowed[port]!) expect(row.every(Boolean)).toBe(true);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  test('a deny-all in every namespace: nothing is allowed but a pod to itself (hostNetwork pods are not isolated)', () => {
    fc.assert(
      fc.property(pods, (ps) => {
        const world = makeWorld({ namespaces: NS_LABELS, pods: ps.map((p) => ({ ...p, hostNetwork: false })), policies: NAMESPACES.map(denyAll) });
        const m = buildMatrix(world, { ports: PORTS });
        for (const port of m.ports) {
          m.allowed[port]!.forEach((row, i) => row.forEach((ok, j) => expect(ok, `${m.pods[i]} -> ${m.pods[j]} ${port}`).toBe(i === j)));
        }
        // The same through traces: pod to pod on a port it listens on is denied.
        for (const src of world.pods.filter((p) => p.namespace !== 'kube-system')) {
          for (const dst of world.pods.filter((p) => p.namespace !== 'kube-system' && p !== src)) {
            for (const c of dst.containers.flatMap((c) => c.ports)) {
              const t = traceProbe(world, `${src.namespace}/${src.name}`, `${dst.namespace}/${dst.name}:${c.containerPort}/${c.protocol}`);
              expect(t.ok && t.value.outcome).toBe('denied');
            }
          }
        }
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  test('adding an allow rule to any policy never removes an allowed pair', () => {
    const addition = fc.record({ policy: fc.nat(), direction: fc.constantFrom('ingress', 'egress'), rule });
    fc.assert(
      fc.property(pods, fc.array(netpol, { minLength: 1, maxLength: 5 }), addition, (ps, policies, add) => {
        const before = named(policies);
        const target = before[add.policy % before.length]!;
        const types = target.spec!.policyTypes!;
        const dir = types.includes(add.direction === 'ingress' ? 'Ingress' : 'Egress') ? add.direction : types[0] === 'Ingress' ? 'ingress' : 'egress';
        const spec = target.spec!;
        const widened: NetworkPolicy = {
          ...target,
          spec: dir === 'ingress' ? { ...spec, ingress: [...(spec.ingress ?? []), ingressRule(add.rule)] } : { ...spec, egress: [...(spec.egress ?? []), egressRule(add.rule)] },
        };
        const after = before.map((p) => (p === target ? widened : p));
        const was = allowedPairs(makeWorld({ namespaces: NS_LABELS, pods: ps, policies: before }));
        const now = allowedPairs(makeWorld({ namespaces: NS_LABELS, pods: ps, policies: after }));
        for (const pair of was) expect(now.has(pair), `${pair} was allowed before the rule was added`).toBe(true);
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  test('adding an allow rule never turns a delivered trace into anything else', () => {
    fc.assert(
      fc.property(pods, fc.array(netpol, { minLength: 1, maxLength: 4 }), rule, fc.nat(), (ps, policies, extra, which) => {
        const before = named(policies);
        const target = before[which % before.length]!;
        const spec = target.spec!;
        const widened: NetworkPolicy = spec.policyTypes!.includes('Ingress')
          ? { ...target, spec: { ...spec, ingress: [...(spec.ingress ?? []), ingressRule(extra)] } }
          : { ...target, spec: { ...spec, egress: [...(spec.egress ?? []), egressRule(extra)] } };
        const w1 = makeWorld({ namespaces: NS_LABELS, pods: ps, policies: before });
        const w2 = makeWorld({ namespaces: NS_LABELS, pods: ps, policies: before.map((p) => (p === target ? widened : p)) });
        for (const src of w1.pods.filter((p) => p.namespace !== 'kube-system')) {
          for (const dst of w1.pods.filter((p) => p.namespace !== 'kube-system')) {
            for (const c of dst.containers.flatMap((c) => c.ports)) {
              const to = `${dst.namespace}/${dst.name}:${c.containerPort}/${c.protocol}`;
              const a = traceProbe(w1, `${src.namespace}/${src.name}`, to);
              const b = traceProbe(w2, `${src.namespace}/${src.name}`, to);
              if (a.ok && a.value.outcome === 'delivered') expect(b.ok && b.value.outcome, `${src.name} -> ${to}`).toBe('delivered');
            }
          }
        }
      }),
      { numRuns: 40, seed: SEED },
    );
  });
});

// ---- Services ----

const service = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  selector: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b'), { minKeys: 1, maxKeys: 1 }),
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  headless: fc.boolean(),
  port: fc.constantFrom(80, 8080, 53),
  targetPort: fc.constantFrom<number | string>(80, 8080, 'http', 'http', 'dns'),
  protocol: fc.constantFrom('TCP', 'TCP', 'UDP'),
  local: fc.boolean(),
});
type ServiceInput = typeof service extends fc.Arbitrary<infer T> ? T : never;

function serviceObject(s: ServiceInput, i: number): KubeObject {
  const headless = s.headless && s.type === 'ClusterIP';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `s${i}`, namespace: s.namespace },
    spec: {
      type: s.type,
      selector: s.selector,
      ...(headless ? { clusterIP: 'None' } : {}),
      ...(s.local && s.type !== 'ClusterIP' ? { externalTrafficPolicy: 'Local' } : {}),
      ports: [{ port: s.port, targetPort: s.targetPort, protocol: s.protocol }],
    },
  };
}

describe('Service laws', () => {
  test('a Service only routes to pods of its own namespace, by name, by ClusterIP and by NodePort; outcomes are in the vocabulary and stable', () => {
    fc.assert(
      fc.property(podsOf(4, 9), fc.array(service, { minLength: 1, maxLength: 4 }), fc.array(netpol, { maxLength: 2 }), (ps, services, policies) => {
        const objects = services.map(serviceObject);
        const world = makeWorld({ namespaces: NS_LABELS, pods: ps, policies: named(policies), objects });
        const again = makeWorld({ namespaces: NS_LABELS, pods: ps, policies: named(policies), objects });
        const sources = [...world.pods.filter((p) => p.namespace !== 'kube-system').map((p) => `${p.namespace}/${p.name}`), 'node/node-1', 'external'];
        services.forEach((s, i) => {
          const svc = world.services.find((x) => x.namespace === s.namespace && x.name === `s${i}`);
          expect(svc).toBeDefined();
          const scheme = s.protocol === 'UDP' ? 'udp' : 'tcp';
          const targets = [`${scheme}://s${i}.${s.namespace}:${s.port}`, `${scheme}://s${i}.${s.namespace}.svc.cluster.local:${s.port}`];
          if (svc!.clusterIP && svc!.clusterIP !== 'None') targets.push(`${scheme}://${svc!.clusterIP}:${s.port}`);
          const nodePort = svc!.ports[0]?.nodePort;
          if (nodePort !== undefined) targets.push(`${scheme}://${world.nodes[0]!.internalIP}:${nodePort}`);
          for (const from of sources) {
            for (const to of targets) {
              const t = traceProbe(world, from, to);
              expect(t.ok, `${from} -> ${to}: ${t.ok ? '' : t.error}`).toBe(true);
              if (!t.ok) continue;
              expect(OUTCOMES).toContain(t.value.outcome);
              for (const reached of t.value.reach) expect(reached.split('/')[0], `${from} -> ${to} reached ${reached}`).toBe(s.namespace);
              for (const e of t.value.endpoints) if (e.pod) expect(e.pod.split('/')[0]).toBe(s.namespace);
              expect(traceProbe(again, from, to)).toEqual(t);
            }
          }
        });
      }),
      { numRuns: 50, seed: SEED },
    );
  });
});
