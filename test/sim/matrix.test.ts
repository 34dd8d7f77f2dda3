import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { NetworkPolicy, NetworkPolicyPort } from 'kubernetes-types/networking/v1.js';
import type { KubeObject, Protocol } from '../../src/sim/model.js';
import { buildMatrix, defaultMatrixPorts, matrixToText } from '../../src/sim/matrix.js';
import { evaluatePolicies } from '../../src/sim/netpol/index.js';
import { egressRule, ingressRule, NAMESPACES, NS_LABELS, ruleOver, selector } from '../helpers/arbitrary-netpol.js';
import { loadFixture, makeWorld, policy, type PodInput } from '../helpers/world.js';
import { buildWorld } from '../../src/sim/world.js';

const denyB = policy('metadata: {name: deny-b, namespace: x}\nspec:\n  podSelector: {matchLabels: {pod: b}}\n');

describe('buildMatrix', () => {
  test("DESIGN.md's JSON shape: rows are sources, columns destinations, both in pods order", () => {
    const w = makeWorld({ pods: [{ id: 'x/a', labels: { pod: 'a' } }, { id: 'x/b', labels: { pod: 'b' } }], policies: [denyB] });
    expect(buildMatrix(w, { ports: [{ port: 80, protocol: 'TCP' }] })).toEqual({
      pods: ['x/a', 'x/b'],
      ports: ['80/TCP'],
      allowed: { '80/TCP': [[true, false], [true, true]] },
    });
    expect(buildMatrix(w, { pods: ['x/b', 'x/a'], ports: [{ port: 80, protocol: 'TCP' }] }).allowed['80/TCP']).toEqual([
      [true, true],
      [false, true],
    ]);
  });

  test('a pod to itself is always allowed, even under deny-all both ways', () => {
    const w = buildWorld([
      ...loadFixture('clusters/x-y-z.yaml'),
      policy('metadata: {name: deny, namespace: x}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n') as unknown as KubeObject,
    ]);
    const m = buildMatrix(w);
    for (const port of m.ports) m.pods.forEach((_, i) => expect(m.allowed[port]![i]![i]).toBe(true));
  });

  test('by default: every pod outside kube-system, sorted, and every port they declare (by number, then TCP, UDP, SCTP)', () => {
    const w = buildWorld(loadFixture('clusters/x-y-z.yaml'));
    const m = buildMatrix(w);
    expect(m.pods).toEqual(['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c']);
    expect(m.ports).toEqual(['80/TCP', '80/UDP', '80/SCTP', '81/TCP', '81/UDP', '81/SCTP']);
  });

  test('pods that declare no port: 80/TCP', () => {
    expect(defaultMatrixPorts(makeWorld({ pods: [{ id: 'x/a' }] }).pods.filter((p) => p.namespace === 'x'))).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  test('kube-system pods are included when asked for by name', () => {
    const w = makeWorld({ pods: [{ id: 'x/a' }] });
    const dns = w.pods.find((p) => p.namespace === 'kube-system')!;
    expect(buildMatrix(w, { pods: ['x/a', `kube-system/${dns.name}`] }).pods).toHaveLength(2);
  });

  test('a pod named twice is shown once', () => {
    const w = makeWorld({ pods: [{ id: 'x/a' }, { id: 'x/b' }] });
    expect(buildMatrix(w, { pods: ['x/a', 'x/b', 'x/a'] }).pods).toEqual(['x/a', 'x/b']);
  });

  test('an unknown pod is a caller error', () => {
    expect(() => buildMatrix(makeWorld({ pods: [{ id: 'x/a' }] }), { pods: ['x/nope'] })).toThrow(/x\/nope/);
  });

  test('under flannel every pair is allowed', () => {
    const w = makeWorld({ pods: [{ id: 'x/a', labels: { pod: 'a' } }, { id: 'x/b', labels: { pod: 'b' } }], policies: [denyB], cni: 'flannel' });
    expect(buildMatrix(w).allowed['80/TCP']).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});

test('matrixToText - one grid per port, rows from, columns to', () => {
  const text = matrixToText({
    pods: ['x/a', 'x/b', 'y/long-name'],
    ports: ['80/TCP', '53/UDP'],
    allowed: {
      '80/TCP': [
        [true, false, true],
        [true, true, true],
        [false, false, true],
      ],
      '53/UDP': [
        [true, true, true],
        [true, true, true],
        [true, true, true],
      ],
    },
  });
  expect(text).toBe(
    [
      '80/TCP (rows: from, columns: to; . allowed, X denied)',
      '                 1 2 3',
      '  1 x/a          . X .',
      '  2 x/b          . . .',
      '  3 y/long-name  X X .',
      '',
      '53/UDP (rows: from, columns: to; . allowed, X denied)',
      '                 1 2 3',
      '  1 x/a          . . .',
      '  2 x/b          . . .',
      '  3 y/long-name  . . .',
      '',
    ].join('\n'),
  );
});

describe('buildMatrix agrees with evaluatePolicies', () => {
  const PORTS: { port: number; protocol: Protocol }[] = [
    { port: 80, protocol: 'TCP' },
    { port: 8080, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
    { port: 9000, protocol: 'SCTP' },
  ];

  const port: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
    fc.record({ port: fc.constantFrom(80, 8080, 53), protocol: fc.constantFrom('TCP', 'UDP') }),
    fc.record({ port: fc.constantFrom('http', 'dns', 'sctp') }),
    fc.record({ port: fc.constantFrom('dns'), protocol: fc.constant('UDP') }),
    fc.record({ port: fc.constant(8000), endPort: fc.constant(9000), protocol: fc.constantFrom('TCP', 'SCTP') }),
    fc.record({ protocol: fc.constantFrom('UDP', 'SCTP') }),
  );
  const rule = ruleOver(port);
  const netpol: fc.Arbitrary<NetworkPolicy> = fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      podSelector: selector,
      types: fc.constantFrom<string[] | undefined>(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
      ingress: fc.option(fc.array(rule, { maxLength: 2 })),
      egress: fc.option(fc.array(rule, { maxLength: 2 })),
    })
    .map((p) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'named-below', namespace: p.namespace },
      spec: {
        podSelector: p.podSelector,
        ...(p.types ? { policyTypes: p.types } : {}),
        ...(p.ingress ? { ingress: p.ingress.map(ingressRule) } : {}),
        ...(p.egress ? { egress: p.egress.map(egressRule) } : {}),
      },
    }) as unknown as NetworkPolicy);
  const pod: fc.Arbitrary<Omit<PodInput, 'id'>> = fc.record({
    labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b'), { maxKeys: 2 }),
    hostNetwork: fc.constantFrom(false, false, false, true),
    node: fc.constantFrom('node-1', 'node-2'),
    ports: fc.constantFrom(
      [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' as const }],
      [{ name: 'http', port: 8080 }, { name: 'sctp', port: 9000, protocol: 'SCTP' as const }],
      [],
    ),
  });

  test('on random worlds, pair by pair and port by port', () => {
    fc.assert(
      fc.property(fc.array(pod, { minLength: 2, maxLength: 7 }), fc.array(netpol, { maxLength: 5 }), (pods, policies) => {
        const inputs = pods.map((p, i) => ({ ...p, id: `${NAMESPACES[i % 3]}/p${i}` }));
        const w = makeWorld({ namespaces: NS_LABELS, pods: inputs, policies: policies.map((p, i) => ({ ...p, metadata: { ...p.metadata, name: `p${i}` } })) });
        const m = buildMatrix(w, { ports: PORTS });
        const byKey = new Map(w.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
        for (const [k, { port: n, protocol }] of PORTS.entries()) {
          const grid = m.allowed[m.ports[k] as string] as boolean[][];
          m.pods.forEach((s, i) =>
            m.pods.forEach((d, j) => {
              const src = byKey.get(s)!;
              const dst = byKey.get(d)!;
              const expected = evaluatePolicies(w, { ip: src.ip, pod: src }, { ip: dst.ip, pod: dst }, n, protocol).allowed;
              if (grid[i]![j] !== expected) throw new Error(`${s} -> ${d} on ${n}/${protocol}: matrix ${grid[i]![j]}, evaluate ${expected}`);
            }),
          );
        }
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
