/**
 * The case table of src/sim/netpol/matchers.ts, row by row in the same order:
 * podSelector {absent, empty, set} x namespaceSelector {absent, empty, set},
 * once for the peer matcher alone and once end to end, with and without ports.
 */
import { describe, expect, test } from 'vitest';
import type { NetworkPolicyPeer } from 'kubernetes-types/networking/v1.js';
import { compilePeer, compilePolicies, compilePort, evaluatePolicies, matchesPeer, matchesPort } from '../../../src/sim/netpol/index.js';
import { makeWorld, podOf, policy } from '../../helpers/world.js';

const world = makeWorld({
  namespaces: { prod: { env: 'prod' }, dev: { env: 'dev' }, qa: { env: 'qa' } },
  pods: [
    { id: 'prod/web', labels: { app: 'web' }, ports: [80, 81] },
    { id: 'prod/db', labels: { app: 'db' }, ports: [80, 81] },
    { id: 'dev/web', labels: { app: 'web' }, ports: [80, 81] },
    { id: 'dev/tool', labels: { app: 'tool' }, ports: [80, 81] },
    { id: 'qa/web', labels: { app: 'web' }, ports: [80, 81] },
  ],
});
const SOURCES = ['prod/web', 'prod/db', 'dev/web', 'dev/tool', 'qa/web'];
const EXTERNAL = '203.0.113.10';

const web = { matchLabels: { app: 'web' } };
const dev = { matchLabels: { env: 'dev' } };

// [row, podSelector, namespaceSelector, the pods the peer selects (policy in namespace prod)]
const CASES: [string, object | undefined, object | undefined, string[]][] = [
  ['1 absent / absent: no pod (a peer needs a selector or ipBlock)', undefined, undefined, []],
  ['2 absent / empty: every pod in every namespace', undefined, {}, SOURCES],
  ['3 absent / set: every pod in the matching namespaces', undefined, dev, ['dev/web', 'dev/tool']],
  ['4 empty / absent: every pod in the policy namespace', {}, undefined, ['prod/web', 'prod/db']],
  ['5 empty / empty: every pod in every namespace', {}, {}, SOURCES],
  ['6 empty / set: every pod in the matching namespaces', {}, dev, ['dev/web', 'dev/tool']],
  ['7 set / absent: matching pods in the policy namespace', web, undefined, ['prod/web']],
  ['8 set / empty: matching pods in every namespace', web, {}, ['prod/web', 'dev/web', 'qa/web']],
  ['9 set / set: matching pods in the matching namespaces (AND)', web, dev, ['dev/web']],
];

function peerOf(podSelector: object | undefined, namespaceSelector: object | undefined): NetworkPolicyPeer {
  return { ...(podSelector ? { podSelector } : {}), ...(namespaceSelector ? { namespaceSelector } : {}) };
}

describe('peer matcher - case table', () => {
  const compiled = compilePolicies(world);
  test.each(CASES)('%s', (_row, podSelector, namespaceSelector, expected) => {
    const matcher = compilePeer(peerOf(podSelector, namespaceSelector), 'prod');
    const matched = SOURCES.filter((id) => {
      const pod = podOf(world, id);
      return matchesPeer(matcher, compiled.candidate(pod.ip, pod));
    });
    expect(matched).toEqual(expected);
    // A selector peer never matches an address outside the pod network.
    expect(matchesPeer(matcher, compiled.candidate(EXTERNAL, undefined))).toBe(false);
  });
});

describe('ingress rule with one peer - case table, with and without ports', () => {
  test.each(CASES.flatMap(([row, pod, ns, expected]) => [
    [`${row}; no ports`, pod, ns, expected, false] as const,
    [`${row}; ports 80/TCP`, pod, ns, expected, true] as const,
  ]))('%s', (_row, podSelector, namespaceSelector, expected, withPorts) => {
    const w = makeWorld({
      namespaces: { prod: { env: 'prod' }, dev: { env: 'dev' }, qa: { env: 'qa' } },
      pods: SOURCES.map((id) => ({ id, labels: { app: id.split('/')[1] as string }, ports: [80, 81] })),
      policies: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'to-db', namespace: 'prod' },
          spec: {
            podSelector: { matchLabels: { app: 'db' } },
            ingress: [{ from: [peerOf(podSelector, namespaceSelector)], ...(withPorts ? { ports: [{ port: 80 }] } : {}) }],
          },
        },
      ],
    });
    const db = podOf(w, 'prod/db');
    const admitted = (port: number) =>
      SOURCES.filter((id) => id !== 'prod/db').filter((id) => {
        const src = podOf(w, id);
        return evaluatePolicies(w, { ip: src.ip, pod: src }, { ip: db.ip, pod: db }, port, 'TCP').allowed;
      });
    const others = expected.filter((id) => id !== 'prod/db');
    expect(admitted(80)).toEqual(others);
    expect(admitted(81)).toEqual(withPorts ? [] : others);
    expect(evaluatePolicies(w, { ip: EXTERNAL }, { ip: db.ip, pod: db }, 80, 'TCP').allowed).toBe(false);
  });
});

describe('port matcher', () => {
  const pod = podOf(
    makeWorld({ pods: [{ id: 'default/p', ports: [{ name: 'http', port: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }] }] }),
    'default/p',
  );
  test.each<[string, object, number, 'TCP' | 'UDP' | 'SCTP', boolean]>([
    ['protocol defaults to TCP', { port: 80 }, 80, 'TCP', true],
    ['protocol defaults to TCP, so UDP does not match', { port: 80 }, 80, 'UDP', false],
    ['port absent: every port of the protocol', { protocol: 'UDP' }, 12345, 'UDP', true],
    ['port absent: other protocols do not match', { protocol: 'UDP' }, 12345, 'TCP', false],
    ['endPort: start of the range', { port: 32000, endPort: 32768 }, 32000, 'TCP', true],
    ['endPort: end of the range, inclusive', { port: 32000, endPort: 32768 }, 32768, 'TCP', true],
    ['endPort: past the end', { port: 32000, endPort: 32768 }, 32769, 'TCP', false],
    ['named port resolves on the destination pod', { port: 'http' }, 8080, 'TCP', true],
    ['named port: another number does not match', { port: 'http' }, 80, 'TCP', false],
    ['named port: protocol must match the container port', { port: 'dns', protocol: 'UDP' }, 53, 'UDP', true],
    ['named port: a TCP rule does not match the UDP port of that name', { port: 'dns' }, 53, 'TCP', false],
    ['SCTP', { port: 9000, protocol: 'SCTP' }, 9000, 'SCTP', true],
  ])('%s', (_name, apiPort, port, protocol, expected) => {
    expect(matchesPort(compilePort(apiPort), port, protocol, pod)).toBe(expected);
  });

  test('a named port never matches a destination that is not a pod', () => {
    expect(matchesPort(compilePort({ port: 'http' }), 8080, 'TCP', undefined)).toBe(false);
  });
});

describe('ipBlock matcher', () => {
  const compiled = compilePolicies(world);
  const matcher = compilePeer({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } }, 'prod');
  test.each<[string, boolean]>([
    ['10.0.0.1', true],
    ['10.255.255.255', true],
    ['10.1.0.1', false],
    ['10.2.3.4', false],
    ['10.2.3.5', true],
    ['11.0.0.1', false],
  ])('10.0.0.0/8 except 10.1.0.0/16, 10.2.3.4/32 - %s: %s', (ip, expected) => {
    expect(matchesPeer(matcher, compiled.candidate(ip, undefined))).toBe(expected);
  });

  test('an IPv6 block matches nothing in an IPv4 cluster', () => {
    expect(matchesPeer(compilePeer({ ipBlock: { cidr: '::/0' } }, 'prod'), compiled.candidate('10.0.0.1', undefined))).toBe(false);
  });

  test('ipBlock together with a selector in one peer is rejected by the API server, so it matches nothing', () => {
    const m = compilePeer({ ipBlock: { cidr: '0.0.0.0/0' }, podSelector: {} }, 'prod');
    expect(m.kind).toBe('invalid');
    const pod = podOf(world, 'prod/web');
    expect(matchesPeer(m, compiled.candidate(pod.ip, pod))).toBe(false);
  });
});

test('policy() helper parses YAML the way a user writes it', () => {
  const p = policy('metadata: {name: x}\nspec:\n  podSelector: {}\n');
  expect(p.kind).toBe('NetworkPolicy');
});
