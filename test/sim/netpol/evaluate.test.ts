import { describe, expect, test } from 'vitest';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { Protocol, World } from '../../../src/sim/model.js';
import { tokensToText } from '../../../src/sim/explain.js';
import { evaluatePolicies, type PolicyEnd } from '../../../src/sim/netpol/index.js';
import { makeWorld, podOf, policy, type PodInput, type WorldInput } from '../../helpers/world.js';

const EXTERNAL = '203.0.113.10';

function end(world: World, id: string): PolicyEnd {
  if (!id.includes('/')) return { ip: id };
  const pod = podOf(world, id);
  return { ip: pod.ip, pod };
}

function verdict(world: World, from: string, to: string, port = 80, protocol: Protocol = 'TCP') {
  return evaluatePolicies(world, end(world, from), end(world, to), port, protocol);
}

function allowed(world: World, from: string, to: string, port = 80, protocol: Protocol = 'TCP'): boolean {
  return verdict(world, from, to, port, protocol).allowed;
}

const PODS: PodInput[] = [
  { id: 'shop/api', labels: { app: 'api' }, ports: [80, 8080] },
  { id: 'shop/web', labels: { app: 'web' }, ports: [80] },
  { id: 'tools/debug', labels: { app: 'debug' }, ports: [80] },
];

function shop(...policies: NetworkPolicy[]): World {
  return makeWorld({ namespaces: { shop: { team: 'shop' }, tools: { team: 'tools' } }, pods: PODS, policies });
}

function shopWith(extra: Partial<WorldInput>, ...policies: NetworkPolicy[]): World {
  return makeWorld({ namespaces: { shop: { team: 'shop' }, tools: { team: 'tools' } }, pods: PODS, policies, ...extra });
}

describe('isolation and policyTypes defaulting', () => {
  test('no policy: everything is allowed, and the reason says no policy selects either pod', () => {
    const w = shop();
    const v = verdict(w, 'tools/debug', 'shop/api');
    expect(v.allowed).toBe(true);
    expect(v.ingress.isolated).toBe(false);
    expect(v.egress.isolated).toBe(false);
    expect(tokensToText(v.reason)).toBe('no NetworkPolicy selects tools/debug for egress or shop/api for ingress');
  });

  test('policyTypes absent, only ingress rules: the policy isolates ingress, not egress', () => {
    const w = shop(policy('metadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n'));
    expect(allowed(w, 'shop/web', 'shop/api')).toBe(false);
    expect(allowed(w, 'shop/api', 'shop/web')).toBe(true);
    expect(verdict(w, 'shop/api', 'shop/web').egress.isolated).toBe(false);
  });

  test('policyTypes absent with egress rules: both directions are isolated', () => {
    const w = shop(
      policy(`
metadata: {name: both, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  egress:
    - to: [{podSelector: {matchLabels: {app: web}}}]
`),
    );
    expect(allowed(w, 'shop/api', 'shop/web')).toBe(true);
    expect(allowed(w, 'shop/api', 'tools/debug')).toBe(false);
    expect(allowed(w, 'shop/web', 'shop/api')).toBe(false);
  });

  test('policyTypes absent with egress: [] is Ingress only (the API server checks len(egress) != 0)', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  egress: []\n'));
    const v = verdict(w, 'shop/api', 'tools/debug');
    expect(v.egress.isolated).toBe(false);
    expect(v.allowed).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(false);
  });

  test('policyTypes: [] defaults as if absent', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: []\n'));
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(false);
    expect(allowed(w, 'shop/api', 'tools/debug')).toBe(true);
  });

  test('policyTypes [Egress] without egress rules denies all egress and leaves ingress open', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n'));
    expect(allowed(w, 'shop/api', 'tools/debug')).toBe(false);
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(true);
  });

  test('policyTypes [Egress] ignores ingress rules written in the same policy', () => {
    const w = shop(
      policy(`
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: nobody}}}]
`),
    );
    expect(verdict(w, 'tools/debug', 'shop/api').ingress.isolated).toBe(false);
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(true);
  });

  test('policyTypes [Ingress] ignores egress rules written in the same policy', () => {
    const w = shop(
      policy(`
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{}]
  egress: [{to: [{podSelector: {matchLabels: {app: nobody}}}]}]
`),
    );
    expect(allowed(w, 'shop/api', 'tools/debug')).toBe(true);
  });

  test('metadata.namespace absent means the default namespace', () => {
    const w = makeWorld({
      pods: [
        { id: 'default/a', labels: { app: 'a' } },
        { id: 'other/a', labels: { app: 'a' } },
        { id: 'other/b', labels: { app: 'b' } },
      ],
      policies: [policy('metadata: {name: deny}\nspec:\n  podSelector: {matchLabels: {app: a}}\n')],
    });
    expect(allowed(w, 'other/b', 'default/a')).toBe(false);
    expect(allowed(w, 'other/b', 'other/a')).toBe(true);
    expect(verdict(w, 'other/b', 'default/a').ingress.selectedBy).toEqual([{ kind: 'NetworkPolicy', namespace: 'default', name: 'deny' }]);
  });

  test('a policy selects pods in its own namespace only', () => {
    const w = shop(policy('metadata: {name: deny, namespace: tools}\nspec:\n  podSelector: {}\n'));
    expect(allowed(w, 'shop/web', 'shop/api')).toBe(true);
    expect(allowed(w, 'shop/web', 'tools/debug')).toBe(false);
  });

  test('policies are additive: one allows what another does not mention', () => {
    const w = shop(
      policy('metadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {}\n'),
      policy(`
metadata: {name: allow-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`),
    );
    const v = verdict(w, 'shop/web', 'shop/api');
    expect(v.allowed).toBe(true);
    expect(v.ingress.selectedBy.map((r) => r.name)).toEqual(['deny', 'allow-web']);
    expect(v.ingress.admittedBy).toEqual({ policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'allow-web' }, direction: 'ingress', rule: 0, peer: 0 });
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(false);
    expect(allowed(w, 'shop/api', 'shop/web')).toBe(false);
  });
});

describe('absent and empty rules, peers and ports (policy-assistant pathological cases)', () => {
  test('ingress: [] with the Ingress type allows nothing', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: []\n'));
    expect(allowed(w, 'shop/web', 'shop/api')).toBe(false);
    expect(allowed(w, EXTERNAL, 'shop/api')).toBe(false);
  });

  test('ingress: [{}] allows everything, outside addresses included', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{}]\n'));
    expect(allowed(w, 'tools/debug', 'shop/api', 12345, 'UDP')).toBe(true);
    expect(allowed(w, EXTERNAL, 'shop/api')).toBe(true);
    const v = verdict(w, 'tools/debug', 'shop/api');
    expect(v.ingress.admittedBy).toEqual({ policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'p' }, direction: 'ingress', rule: 0 });
  });

  test('from: [] is every source, like an absent from', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{from: [], ports: [{port: 80}]}]\n'));
    expect(allowed(w, EXTERNAL, 'shop/api', 80)).toBe(true);
    expect(allowed(w, EXTERNAL, 'shop/api', 8080)).toBe(false);
  });

  test('ports: [] is every port', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}], ports: []}]\n'));
    expect(allowed(w, 'tools/debug', 'shop/api', 8080)).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 53, 'UDP')).toBe(true);
  });

  test('namespaceSelector {} is every pod of every namespace, but no outside address', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {}}]}]\n'));
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(true);
    expect(allowed(w, EXTERNAL, 'shop/api')).toBe(false);
  });

  test('egress: [{}] allows all egress; egress with to: [] and ports limits only the ports', () => {
    const all = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]\n'));
    expect(allowed(all, 'shop/api', EXTERNAL, 443)).toBe(true);
    const ports = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  egress: [{to: [], ports: [{port: 443}]}]\n'));
    expect(allowed(ports, 'shop/api', EXTERNAL, 443)).toBe(true);
    expect(allowed(ports, 'shop/api', EXTERNAL, 80)).toBe(false);
  });

  test('matchExpressions select pods (NotIn also takes pods without the key)', () => {
    const w = shop(
      policy(`
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}
  ingress:
    - from:
        - namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [tools]}]}
`),
    );
    expect(allowed(w, 'shop/web', 'shop/api')).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api')).toBe(false);
  });
});

describe('ipBlock', () => {
  const ipWorld = (extra: string) =>
    makeWorld({
      namespaces: { shop: {}, tools: {} },
      pods: [
        { id: 'shop/api', labels: { app: 'api' }, ip: '192.168.10.10', ports: [80] },
        { id: 'tools/in-block', ip: '192.168.20.5' },
        { id: 'tools/excepted', ip: '192.168.30.5' },
      ],
      policies: [policy(`metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n${extra}`)],
    });

  test('ingress from a block with except: pod IPs and outside addresses alike', () => {
    const w = ipWorld('  ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/16, except: [192.168.30.0/24]}}]}]\n');
    expect(allowed(w, 'tools/in-block', 'shop/api')).toBe(true);
    expect(allowed(w, 'tools/excepted', 'shop/api')).toBe(false);
    expect(allowed(w, '192.168.99.1', 'shop/api')).toBe(true);
    expect(allowed(w, '192.168.30.200', 'shop/api')).toBe(false);
    expect(allowed(w, EXTERNAL, 'shop/api')).toBe(false);
  });

  test('egress to 0.0.0.0/0 except the pod network reaches the internet but not pods', () => {
    const w = ipWorld('  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [192.168.0.0/16]}}]}]\n');
    expect(allowed(w, 'shop/api', EXTERNAL, 443)).toBe(true);
    expect(allowed(w, 'shop/api', 'tools/in-block')).toBe(false);
    const v = verdict(w, 'shop/api', EXTERNAL, 443);
    expect(v.egress.admittedBy).toEqual({ policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'p' }, direction: 'egress', rule: 0, peer: 0 });
  });
});

describe('ports', () => {
  const named = makeWorld({
    namespaces: { shop: {}, tools: {} },
    pods: [
      { id: 'shop/old', labels: { app: 'api' }, ports: [{ name: 'http', port: 8080 }] },
      { id: 'shop/new', labels: { app: 'api' }, ports: [{ name: 'http', port: 9090 }] },
      { id: 'tools/debug', labels: { app: 'debug' } },
    ],
    policies: [
      policy(`
metadata: {name: api-http, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{ports: [{port: http}]}]
`),
    ],
  });

  test('a named port resolves on each pod: 8080 on one, 9090 on the other', () => {
    expect(allowed(named, 'tools/debug', 'shop/old', 8080)).toBe(true);
    expect(allowed(named, 'tools/debug', 'shop/old', 9090)).toBe(false);
    expect(allowed(named, 'tools/debug', 'shop/new', 9090)).toBe(true);
    expect(allowed(named, 'tools/debug', 'shop/new', 8080)).toBe(false);
  });

  test('a named egress port resolves on the destination pod, and never matches an outside address', () => {
    const w = makeWorld({
      namespaces: { shop: {}, tools: {} },
      pods: [
        { id: 'tools/client', labels: { app: 'client' } },
        { id: 'shop/old', ports: [{ name: 'http', port: 8080 }] },
        { id: 'shop/new', ports: [{ name: 'http', port: 9090 }] },
      ],
      policies: [
        policy(`
metadata: {name: out, namespace: tools}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress: [{ports: [{port: http}]}]
`),
      ],
    });
    expect(allowed(w, 'tools/client', 'shop/old', 8080)).toBe(true);
    expect(allowed(w, 'tools/client', 'shop/new', 8080)).toBe(false);
    expect(allowed(w, 'tools/client', 'shop/new', 9090)).toBe(true);
    expect(allowed(w, 'tools/client', EXTERNAL, 8080)).toBe(false);
  });

  test('endPort admits the whole range, both ends included', () => {
    const w = shop(policy('metadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 32000, endPort: 32768}]}]\n'));
    expect(allowed(w, 'tools/debug', 'shop/api', 31999)).toBe(false);
    expect(allowed(w, 'tools/debug', 'shop/api', 32000)).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 32400)).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 32768)).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 32769)).toBe(false);
  });

  test('UDP and SCTP are matched by protocol; a port without protocol is TCP', () => {
    const w = shop(
      policy(`
metadata: {name: p, namespace: shop}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 53, protocol: UDP}, {port: 9000, protocol: SCTP}, {port: 80}]}]
`),
    );
    expect(allowed(w, 'tools/debug', 'shop/api', 53, 'UDP')).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 53, 'TCP')).toBe(false);
    expect(allowed(w, 'tools/debug', 'shop/api', 9000, 'SCTP')).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 9000, 'TCP')).toBe(false);
    expect(allowed(w, 'tools/debug', 'shop/api', 80, 'TCP')).toBe(true);
    expect(allowed(w, 'tools/debug', 'shop/api', 80, 'UDP')).toBe(false);
  });
});

describe('egress and ingress together', () => {
  const w = shop(
    policy(`
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
`),
    policy(`
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 80}]}]
`),
  );

  test('both must allow: egress allows 8080 but ingress only 80', () => {
    const v = verdict(w, 'shop/web', 'shop/api', 8080);
    expect(v.egress.allowed).toBe(true);
    expect(v.ingress.allowed).toBe(false);
    expect(v.allowed).toBe(false);
    expect(tokensToText(v.reason)).toBe(
      'NetworkPolicy shop/api-in selects shop/api for ingress; no ingress rule admits shop/web on 8080/TCP (spec.ingress[0] of shop/api-in admits that source only on 80/TCP)',
    );
  });

  test('both must allow: ingress allows 80 but egress only 8080', () => {
    const v = verdict(w, 'shop/web', 'shop/api', 80);
    expect(v.ingress.allowed).toBe(true);
    expect(v.egress.allowed).toBe(false);
    expect(v.allowed).toBe(false);
    expect(tokensToText(v.egress.reason)).toBe(
      'NetworkPolicy shop/web-out selects shop/web for egress; no egress rule admits traffic to shop/api on 80/TCP (spec.egress[0] of shop/web-out admits that destination only on 8080/TCP)',
    );
  });

  test('replies are implicit: an allowed flow needs no rule for the way back', () => {
    const ok = shop(
      policy('metadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'),
      policy(`
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: tools}}}]}]
`),
    );
    expect(allowed(ok, 'tools/debug', 'shop/api')).toBe(true);
    expect(allowed(ok, 'shop/api', 'tools/debug')).toBe(false);
  });
});

describe('DNS egress', () => {
  const denyEgress = policy('metadata: {name: deny-egress, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n');
  const allowDns = policy(`
metadata: {name: allow-dns, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      ports:
        - {port: 53, protocol: UDP}
        - {port: 53, protocol: TCP}
`);
  const corednsOf = (w: World) => {
    const pods = w.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
    expect(pods.length).toBeGreaterThan(0);
    return pods.map((p) => `${p.namespace}/${p.name}`);
  };

  test('a deny-all egress policy blocks DNS to CoreDNS', () => {
    const w = shop(denyEgress);
    for (const dns of corednsOf(w)) {
      const v = verdict(w, 'shop/api', dns, 53, 'UDP');
      expect(v.allowed).toBe(false);
      expect(tokensToText(v.reason)).toBe(`NetworkPolicy shop/deny-egress selects shop/api for egress; no egress rule admits traffic to ${dns} on 53/UDP`);
    }
  });

  test('an allow-DNS rule by namespace name admits 53/UDP and 53/TCP to kube-system, nothing else', () => {
    const w = shop(denyEgress, allowDns);
    for (const dns of corednsOf(w)) {
      expect(allowed(w, 'shop/api', dns, 53, 'UDP')).toBe(true);
      expect(allowed(w, 'shop/api', dns, 53, 'TCP')).toBe(true);
      expect(allowed(w, 'shop/api', dns, 9153, 'TCP')).toBe(false);
      expect(verdict(w, 'shop/api', dns, 53, 'UDP').egress.admittedBy).toEqual({
        policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'allow-dns' },
        direction: 'egress',
        rule: 0,
        peer: 0,
        port: 0,
      });
    }
    expect(allowed(w, 'shop/api', 'tools/debug', 53, 'UDP')).toBe(false);
  });
});

describe('what NetworkPolicy never blocks', () => {
  const denyAll = policy('metadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');

  test('a pod may always reach itself', () => {
    const v = verdict(shop(denyAll), 'shop/api', 'shop/api');
    expect(v.allowed).toBe(true);
    expect(tokensToText(v.reason)).toBe('shop/api may always reach itself; NetworkPolicy does not apply');
  });

  test("the pod's own node may reach it (kubelet probes); another node may not", () => {
    const w = shopWith({ pods: [{ ...PODS[0]!, node: 'node-1' }, PODS[1]!, PODS[2]!] }, denyAll);
    const node1 = w.nodes.find((n) => n.name === 'node-1')!;
    const node2 = w.nodes.find((n) => n.name === 'node-2')!;
    const own = verdict(w, node1.internalIP, 'shop/api');
    expect(own.allowed).toBe(true);
    expect(own.ingress.isolated).toBe(true);
    expect(tokensToText(own.reason)).toContain('traffic from its own node node-1');
    expect(allowed(w, node2.internalIP, 'shop/api')).toBe(false);
  });

  test('a hostNetwork pod is never selected, and counts as its node when it is a peer', () => {
    const w = makeWorld({
      namespaces: { shop: {}, infra: {} },
      pods: [
        { id: 'shop/api', labels: { app: 'api' }, node: 'node-1' },
        { id: 'shop/agent', labels: { app: 'agent' }, node: 'node-1', hostNetwork: true },
        { id: 'infra/agent', labels: { app: 'agent' }, node: 'node-2', hostNetwork: true },
      ],
      policies: [
        denyAll,
        policy(`
metadata: {name: from-agent, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: agent}}}]}]
`),
      ],
    });
    const v = verdict(w, 'shop/agent', EXTERNAL);
    expect(v.egress.isolated).toBe(false);
    expect(v.allowed).toBe(true);
    // On the same node: allowed as the node; on another node: the podSelector does not see it.
    expect(allowed(w, 'shop/agent', 'shop/api')).toBe(true);
    expect(allowed(w, 'infra/agent', 'shop/api')).toBe(false);
  });

  test('egress from a hostNetwork pod: the reason says NetworkPolicy never selects it', () => {
    const w = makeWorld({ namespaces: { infra: {} }, pods: [{ id: 'infra/agent', hostNetwork: true }, { id: 'infra/web' }] });
    expect(tokensToText(verdict(w, 'infra/agent', 'infra/web').egress.reason)).toBe(
      `NetworkPolicy egress does not apply: the source infra/agent uses the host network (${podOf(w, 'infra/agent').ip}), and NetworkPolicy never selects hostNetwork pods`,
    );
  });

  test('traffic from outside with no policy on the destination is allowed, and says egress does not apply', () => {
    const v = verdict(shop(), EXTERNAL, 'shop/api');
    expect(v.allowed).toBe(true);
    expect(tokensToText(v.egress.reason)).toBe('NetworkPolicy egress does not apply: the source 203.0.113.10 is not a pod');
  });
});

describe('CNI plugins', () => {
  const denyAll = policy('metadata: {name: default-deny, namespace: shop}\nspec:\n  podSelector: {}\n');

  test.each(['calico', 'cilium', 'weave'] as const)('%s enforces NetworkPolicy', (cni) => {
    const v = verdict(shopWith({ cni }, denyAll), 'tools/debug', 'shop/api');
    expect(v.enforced).toBe(true);
    expect(v.allowed).toBe(false);
  });

  test('flannel does not enforce: allowed, and the reason names the policy that has no effect', () => {
    const v = verdict(shopWith({ cni: 'flannel' }, denyAll), 'tools/debug', 'shop/api');
    expect(v.enforced).toBe(false);
    expect(v.allowed).toBe(true);
    expect(v.ingress.allowed).toBe(false);
    expect(tokensToText(v.reason)).toBe('flannel does not enforce NetworkPolicy; shop/default-deny has no effect');
  });
});

test('flannel with no policy at all says so', () => {
  const v = verdict(shopWith({ cni: 'flannel' }), 'tools/debug', 'shop/api');
  expect(tokensToText(v.reason)).toBe('flannel does not enforce NetworkPolicy, and no NetworkPolicy selects these pods anyway');
});

describe('reasons', () => {
  test('a denial names the policy, the direction, the peer and the port', () => {
    const w = shop(policy('metadata: {name: default-deny, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: api}}\n'));
    const v = verdict(w, 'tools/debug', 'shop/api', 8080);
    expect(tokensToText(v.reason)).toBe('NetworkPolicy shop/default-deny selects shop/api for ingress; no ingress rule admits tools/debug on 8080/TCP');
    expect(v.reason).toContainEqual({ kind: 'policy', text: 'shop/default-deny' });
    expect(v.reason).toContainEqual({ kind: 'port', text: '8080/TCP' });
  });

  test('an admission names the rule, peer and port fields that matched', () => {
    const w = shop(
      policy(`
metadata: {name: allow, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: nobody}}}]
    - from: [{podSelector: {matchLabels: {app: nobody}}}, {namespaceSelector: {matchLabels: {team: tools}}}]
      ports: [{port: 81}, {port: 8080}]
`),
    );
    const v = verdict(w, 'tools/debug', 'shop/api', 8080);
    expect(v.ingress.admittedBy).toEqual({ policy: { kind: 'NetworkPolicy', namespace: 'shop', name: 'allow' }, direction: 'ingress', rule: 1, peer: 1, port: 1 });
    expect(tokensToText(v.ingress.reason)).toBe(
      'NetworkPolicy shop/allow admits ingress to shop/api from tools/debug on 8080/TCP by spec.ingress[1].from[1] and spec.ingress[1].ports[1]',
    );
  });
});
