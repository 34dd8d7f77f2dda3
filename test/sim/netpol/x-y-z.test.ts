/**
 * The upstream e2e world (namespaces x, y, z; pods a, b, c; 80 and 81 over
 * TCP, UDP and SCTP) under the pitfall fixtures in test/fixtures/netpol.
 * Grids read as `kubequest matrix` prints them: one row per source, one
 * column per destination, in the order x/a x/b x/c y/a y/b y/c z/a z/b z/c;
 * `.` allowed, `X` denied.
 */
import { describe, expect, test } from 'vitest';
import type { CniName, World } from '../../../src/sim/model.js';
import { buildWorld } from '../../../src/sim/world.js';
import { tokensToText } from '../../../src/sim/explain.js';
import { buildMatrix, type MatrixPort } from '../../../src/sim/matrix.js';
import { evaluatePolicies } from '../../../src/sim/netpol/index.js';
import { loadFixture, podOf } from '../../helpers/world.js';

const PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

function xyz(fixtures: string[], cni?: CniName): World {
  return buildWorld(
    [...loadFixture('clusters/x-y-z.yaml'), ...fixtures.flatMap((f) => loadFixture(`netpol/${f}`))],
    cni ? { cni } : {},
  );
}

/** The grid for one port, one string per source row. */
function grid(world: World, port: MatrixPort = { port: 80, protocol: 'TCP' }): string[] {
  const m = buildMatrix(world, { pods: PODS, ports: [port] });
  return (m.allowed[m.ports[0] as string] as boolean[][]).map((row) => row.map((ok) => (ok ? '.' : 'X')).join(''));
}

const ALL_ALLOWED = Array.from({ length: 9 }, () => '.........');

/** Every row allowed except the column `col` (0-based), where only `sources` get through. */
function onlyInto(col: number, sources: string[]): string[] {
  return PODS.map((src) => {
    const row = '.'.repeat(9).split('');
    if (src !== PODS[col] && !sources.includes(src)) row[col] = 'X';
    return row.join('');
  });
}

test('the fixture is the upstream layout: 9 pods, each listening on 80 and 81 over three protocols', () => {
  const w = xyz([]);
  const pods = w.pods.filter((p) => p.namespace !== 'kube-system');
  expect(pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(PODS);
  for (const pod of pods) {
    expect(pod.labels).toEqual({ pod: pod.name });
    expect(pod.containers.flatMap((c) => c.ports.map((p) => `${p.name}:${p.containerPort}/${p.protocol}`)).sort()).toEqual(
      ['serve-80-sctp:80/SCTP', 'serve-80-tcp:80/TCP', 'serve-80-udp:80/UDP', 'serve-81-sctp:81/SCTP', 'serve-81-tcp:81/TCP', 'serve-81-udp:81/UDP'],
    );
  }
  expect(w.namespaces.get('y')?.labels).toEqual({ ns: 'y', 'kubernetes.io/metadata.name': 'y' });
  expect(grid(w)).toEqual(ALL_ALLOWED);
});

describe('upstream scenarios', () => {
  test('default-deny-ingress - nothing reaches x but x itself, each pod only itself; egress from x is open', () => {
    const w = xyz(['default-deny-ingress.yaml']);
    const expected = [
      '.XX......',
      'X.X......',
      'XX.......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
      'XXX......',
    ];
    for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) expect(grid(w, { port: 81, protocol })).toEqual(expected);
  });

  test('allow-from-namespace-y - only y reaches x/a, on every port and protocol', () => {
    const w = xyz(['allow-from-namespace-y.yaml']);
    const expected = onlyInto(0, ['y/a', 'y/b', 'y/c']);
    expect(grid(w)).toEqual(expected);
    expect(grid(w, { port: 81, protocol: 'SCTP' })).toEqual(expected);
  });

  test('accidental-and - only y/b reaches x/a', () => {
    expect(grid(xyz(['accidental-and.yaml']))).toEqual(onlyInto(0, ['y/b']));
  });

  test('accidental-or - y/a, y/b, y/c and x/b reach x/a; z/b does not', () => {
    expect(grid(xyz(['accidental-or.yaml']))).toEqual(onlyInto(0, ['x/b', 'y/a', 'y/b', 'y/c']));
  });

  test('allow-no-ingress-empty-list - nothing reaches x/a', () => {
    expect(grid(xyz(['allow-no-ingress-empty-list.yaml']))).toEqual(onlyInto(0, []));
  });

  test('allow-all-ingress-empty-rule - everything reaches x/a', () => {
    const w = xyz(['allow-all-ingress-empty-rule.yaml']);
    expect(grid(w)).toEqual(ALL_ALLOWED);
    const a = podOf(w, 'x/a');
    expect(evaluatePolicies(w, { ip: '203.0.113.10' }, { ip: a.ip, pod: a }, 9999, 'UDP').allowed).toBe(true);
  });

  test('egress-empty-list-is-ingress-only - x/a still reaches everyone, and no one reaches x/a', () => {
    const w = xyz(['egress-empty-list-is-ingress-only.yaml']);
    const rows = grid(w);
    expect(rows[0]).toBe('.........');
    expect(rows.slice(1).every((row) => row[0] === 'X')).toBe(true);
  });

  test('allow-named-port-81 - x/a admits 81/TCP from everyone, but not 80/TCP nor 81/UDP', () => {
    const w = xyz(['allow-named-port-81.yaml']);
    expect(grid(w, { port: 81, protocol: 'TCP' })).toEqual(ALL_ALLOWED);
    expect(grid(w, { port: 80, protocol: 'TCP' })).toEqual(onlyInto(0, []));
    expect(grid(w, { port: 81, protocol: 'UDP' })).toEqual(onlyInto(0, []));
  });
});

describe('DNS egress', () => {
  const coredns = (w: World) => w.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');

  test('deny-all-egress-breaks-dns - x cannot reach CoreDNS on 53/UDP; y still can', () => {
    const w = xyz(['deny-all-egress-breaks-dns.yaml']);
    const xa = podOf(w, 'x/a');
    const ya = podOf(w, 'y/a');
    for (const dns of coredns(w)) {
      const v = evaluatePolicies(w, { ip: xa.ip, pod: xa }, { ip: dns.ip, pod: dns }, 53, 'UDP');
      expect(v.allowed).toBe(false);
      expect(tokensToText(v.reason)).toContain('NetworkPolicy x/deny-all-egress selects x/a for egress');
      expect(evaluatePolicies(w, { ip: ya.ip, pod: ya }, { ip: dns.ip, pod: dns }, 53, 'UDP').allowed).toBe(true);
    }
  });

  test('allow-dns-egress - x reaches CoreDNS on 53/UDP and 53/TCP, and still nothing else', () => {
    const w = xyz(['deny-all-egress-breaks-dns.yaml', 'allow-dns-egress.yaml']);
    const xa = podOf(w, 'x/a');
    for (const dns of coredns(w)) {
      expect(evaluatePolicies(w, { ip: xa.ip, pod: xa }, { ip: dns.ip, pod: dns }, 53, 'UDP').allowed).toBe(true);
      expect(evaluatePolicies(w, { ip: xa.ip, pod: xa }, { ip: dns.ip, pod: dns }, 53, 'TCP').allowed).toBe(true);
    }
    expect(grid(w).slice(0, 3)).toEqual(['.XXXXXXXX', 'X.XXXXXXX', 'XX.XXXXXX']);
  });
});

test('flannel - the same default deny has no effect', () => {
  expect(grid(xyz(['default-deny-ingress.yaml'], 'flannel'))).toEqual(ALL_ALLOWED);
});
