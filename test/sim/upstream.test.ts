/**
 * Behaviour checked against upstream Kubernetes: the EndpointSlice controller
 * (podToEndpoint, ShouldPodBeInEndpoints), kube-proxy (CategorizeEndpoints,
 * the iptables "external destination" chains), kubelet's resolv.conf per
 * dnsPolicy, hostPort, externalIPs and the NetworkPolicy node exemption.
 */
import { describe, expect, test } from 'vitest';
import { buildMatrix, tokensToText, traceProbe, type Trace, type World } from '../../src/sim/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

function trace(world: World, from: string, to: string): Trace {
  const result = traceProbe(world, from, to);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const pod = (name: string, opts: { labels?: string; node?: string; ports?: string; extraSpec?: string; meta?: string; status?: string; ns?: string } = {}) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${opts.ns ?? 'default'}${opts.labels ? `, labels: {${opts.labels}}` : ''}${opts.meta ? `, ${opts.meta}` : ''}}
spec: {${opts.node ? `nodeName: ${opts.node}, ` : ''}${opts.extraSpec ? `${opts.extraSpec}, ` : ''}containers: [{name: c, image: agnhost, ports: [${opts.ports ?? ''}]}]}
${opts.status ? `status: ${opts.status}\n` : ''}---`;

const service = (spec: string, name = 'web') => `
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: ${spec}
---`;

describe('endpoints: which pods the controller lists', () => {
  test('a Succeeded or Failed pod is never an endpoint, not even with publishNotReadyAddresses', () => {
    const world = worldFromYaml(`${pod('client')}
${pod('done', { labels: 'app: web', ports: '{containerPort: 80}', status: '{phase: Succeeded}' })}
${pod('failed', { labels: 'app: web', ports: '{containerPort: 80}', status: '{phase: Failed}' })}
${pod('live', { labels: 'app: web', ports: '{containerPort: 80}' })}
${service('{publishNotReadyAddresses: true, selector: {app: web}, ports: [{port: 80}]}')}
${service('{clusterIP: None, publishNotReadyAddresses: true, selector: {app: web}, ports: [{port: 80}]}', 'web-headless')}`);
    const eps = world.endpoints.get('default/web')!.ports[0]!;
    expect(eps.endpoints.map((e) => e.pod)).toEqual(['default/live']);
    expect(eps.skipped).toEqual(expect.arrayContaining([{ pod: 'default/done', reason: 'terminal' }]));
    expect(trace(world, 'default/client', 'http://web/').reach).toEqual(['default/live']);
    expect(trace(world, 'default/client', 'tcp://web-headless:80').reach).toEqual(['default/live']);
  });

  test('a Pending pod with no podIP has no address: not an endpoint, and unreachable', () => {
    const world = worldFromYaml(`${pod('client')}
${pod('starting', { labels: 'app: web', ports: '{containerPort: 80}', status: '{phase: Pending}' })}
${service('{publishNotReadyAddresses: true, selector: {app: web}, ports: [{port: 80}]}')}`);
    expect(world.pods.find((p) => p.name === 'starting')!.ip).toBe('');
    expect(world.endpoints.get('default/web')!.ports[0]!.skipped).toEqual([{ pod: 'default/starting', reason: 'no-ip' }]);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('no-endpoints');
    // The selector did match: the reason says the pod is not running yet, not that no pod has the labels.
    expect(t.cause).toBe('pods-not-running');
    expect(trace(world, 'default/client', 'default/starting:80').outcome).toBe('unreachable');
  });

  test('a terminating pod stays in the slice as serving and terminating, not ready', () => {
    const world = worldFromYaml(`${pod('client')}
${pod('old', { labels: 'app: web', ports: '{containerPort: 80}', meta: 'deletionTimestamp: "2024-01-01T00:00:00Z"' })}
${pod('new', { labels: 'app: web', ports: '{containerPort: 80}' })}
${service('{selector: {app: web}, ports: [{port: 80}]}')}
${service('{clusterIP: None, selector: {app: web}, ports: [{port: 80}]}', 'web-headless')}`);
    const byPod = new Map(world.endpoints.get('default/web')!.ports[0]!.endpoints.map((e) => [e.pod, e]));
    expect(byPod.get('default/old')).toMatchObject({ ready: false, serving: true, terminating: true });
    expect(byPod.get('default/new')).toMatchObject({ ready: true, serving: true, terminating: false });
    expect(trace(world, 'default/client', 'http://web/').reach).toEqual(['default/new']);
    // CoreDNS publishes only ready addresses.
    expect(trace(world, 'default/client', 'tcp://web-headless:80').reach).toEqual(['default/new']);
  });

  test('with no ready endpoint left, kube-proxy falls back to the serving terminating ones', () => {
    const world = worldFromYaml(`${pod('client')}
${pod('old', { labels: 'app: web', ports: '{containerPort: 80}', meta: 'deletionTimestamp: "2024-01-01T00:00:00Z"' })}
${pod('gone', { labels: 'app: web', ports: '{containerPort: 80}', meta: 'deletionTimestamp: "2024-01-01T00:00:00Z"', status: '{phase: Running, conditions: [{type: Ready, status: "False"}]}' })}
${service('{selector: {app: web}, ports: [{port: 80}]}')}`);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/old']);
    expect(tokensToText(t.hops.find((h) => h.step === 'kube-proxy')!.explanation)).toContain('still serving while they terminate');
  });

  test('hand-written EndpointSlice conditions: serving+terminating is a fallback, nil ready is ready', () => {
    const slice = (conditions: string) => `${pod('client')}
${service('{ports: [{port: 80, targetPort: 8080}]}')}
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
  - addresses: [10.0.0.200]
    conditions: ${conditions}
ports: [{port: 8080, protocol: TCP}]
`;
    expect(trace(worldFromYaml(slice('{}')), 'default/client', 'tcp://web:80').outcome).toBe('delivered');
    expect(trace(worldFromYaml(slice('{ready: false, serving: true, terminating: true}')), 'default/client', 'tcp://web:80').outcome).toBe('delivered');
    expect(trace(worldFromYaml(slice('{ready: false, serving: false, terminating: true}')), 'default/client', 'tcp://web:80').outcome).toBe('no-endpoints');
    expect(trace(worldFromYaml(slice('{ready: false}')), 'default/client', 'tcp://web:80').outcome).toBe('no-endpoints');
  });
});

describe('dnsPolicy', () => {
  const app = `${pod('web', { labels: 'app: web', ports: '{containerPort: 80}' })}
${service('{selector: {app: web}, ports: [{port: 80}]}')}`;

  test('Default: the node\'s resolver, which knows no cluster names', () => {
    const world = worldFromYaml(`${app}${pod('client', { extraSpec: 'dnsPolicy: Default' })}`);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('dns-failure');
    expect(tokensToText(t.explanation)).toContain('dnsPolicy Default');
    // No query goes to kube-dns.
    expect(trace(world, 'default/client', 'http://web.default.svc.cluster.local/').outcome).toBe('dns-failure');
  });

  test('hostNetwork with ClusterFirst falls back to the node resolver; ClusterFirstWithHostNet uses cluster DNS', () => {
    const world = worldFromYaml(`${app}${pod('host-default', { extraSpec: 'hostNetwork: true' })}
${pod('host-cluster', { extraSpec: 'hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet' })}`);
    expect(trace(world, 'default/host-default', 'http://web/').outcome).toBe('dns-failure');
    expect(trace(world, 'default/host-cluster', 'http://web/').reach).toEqual(['default/web']);
  });

  test('None: only dnsConfig counts (nameservers, searches, ndots)', () => {
    const world = worldFromYaml(`${app}${pod('upstream-only', { extraSpec: 'dnsPolicy: None, dnsConfig: {nameservers: [1.1.1.1], searches: [default.svc.cluster.local]}' })}
${pod('custom', { extraSpec: 'dnsPolicy: None, dnsConfig: {nameservers: [10.96.0.10], searches: [svc.cluster.local]}' })}`);
    expect(trace(world, 'default/upstream-only', 'http://web/').outcome).toBe('dns-failure');
    // search svc.cluster.local only: "web" is not found, "web.default" is.
    expect(trace(world, 'default/custom', 'http://web/').outcome).toBe('dns-failure');
    expect(trace(world, 'default/custom', 'http://web.default/').reach).toEqual(['default/web']);
  });

  test('ClusterFirst merges dnsConfig.searches after the cluster search path', () => {
    const world = worldFromYaml(`${pod('api', { ns: 'backend', labels: 'app: api', ports: '{containerPort: 80}' })}
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backend}
spec: {selector: {app: api}, ports: [{port: 80}]}
---
${pod('client', { extraSpec: 'dnsConfig: {searches: [backend.svc.cluster.local]}' })}`);
    expect(trace(world, 'default/client', 'http://api/').reach).toEqual(['backend/api']);
  });
});

describe('NetworkPolicy: traffic to and from the pod\'s own node is always allowed', () => {
  test('an egress deny-all still lets a pod reach its own node, not another', () => {
    const world = worldFromYaml(`${pod('client', { node: 'node-1', labels: 'app: client' })}
${pod('agent-1', { node: 'node-1', extraSpec: 'hostNetwork: true', ports: '{containerPort: 9100}' })}
${pod('agent-2', { node: 'node-2', extraSpec: 'hostNetwork: true', ports: '{containerPort: 9100}' })}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress}
spec: {podSelector: {}, policyTypes: [Egress]}
`);
    const [n1, n2] = world.nodes;
    expect(trace(world, 'default/client', `tcp://${n1!.internalIP}:9100`).outcome).toBe('delivered');
    expect(trace(world, 'default/client', `tcp://${n2!.internalIP}:9100`).outcome).toBe('denied');
    const m = buildMatrix(world, { pods: ['default/client', 'default/agent-1', 'default/agent-2'], ports: [{ port: 9100, protocol: 'TCP' }] });
    expect(m.allowed['9100/TCP']![0]).toEqual([true, true, false]);
  });
});

describe('kube-proxy: NodePorts and load balancers reached from inside the cluster', () => {
  const world = (svcExtra: string, policy = '') =>
    worldFromYaml(`${pod('client', { node: 'node-1', labels: 'app: client' })}
${pod('web-2', { node: 'node-2', labels: 'app: web', ports: '{containerPort: 80}' })}
${pod('web-3', { node: 'node-3', labels: 'app: web', ports: '{containerPort: 80}' })}
${service(`{type: NodePort, ${svcExtra} selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}`)}
${policy}`);

  test('internalTrafficPolicy does not apply to a NodePort: a pod reaches every endpoint', () => {
    const w = world('internalTrafficPolicy: Local,');
    expect(trace(w, 'default/client', `tcp://${w.nodes[1]!.internalIP}:30080`).reach).toEqual(['default/web-2', 'default/web-3']);
  });

  test('externalTrafficPolicy Local does not narrow traffic from a pod, and keeps the pod IP', () => {
    const allowClient = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-client}
spec: {podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]}`;
    const w = world('externalTrafficPolicy: Local,', allowClient);
    // node-1 has no endpoint, yet a pod going through it reaches both.
    const t = trace(w, 'default/client', `tcp://${w.nodes[0]!.internalIP}:30080`);
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/web-2', 'default/web-3']);
    // An outside client at node-1 still gets nothing there.
    expect(trace(w, 'external', `tcp://${w.nodes[0]!.internalIP}:30080`).outcome).toBe('no-endpoints');
  });

  test('externalTrafficPolicy Cluster masquerades a pod to the node\'s IP, which a pod-selector policy does not admit', () => {
    const allowClient = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-client}
spec: {podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {matchLabels: {app: client}}}]}]}`;
    const w = world('externalTrafficPolicy: Cluster,', allowClient);
    // Through node-2: SNAT to node-2's IP, which is web-2's own node (always allowed) but not web-3's.
    const t = trace(w, 'default/client', `tcp://${w.nodes[1]!.internalIP}:30080`);
    expect(t.reach).toEqual(['default/web-2']);
    expect(t.endpoints.find((e) => e.pod === 'default/web-3')!.outcome).toBe('denied');
  });
});

describe('hostPort', () => {
  const world = () =>
    worldFromYaml(`${pod('web', { node: 'node-2', ports: '{containerPort: 8080, hostPort: 80}' })}
${pod('client', { node: 'node-1' })}`);

  test('the pod\'s node forwards its hostPort to the container port', () => {
    const w = world();
    const n2 = w.nodes.find((n) => n.name === 'node-2')!;
    const t = trace(w, 'external', `tcp://${n2.internalIP}:80`);
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/web']);
    expect(t.port).toBe(8080);
    expect(trace(w, 'default/client', `http://${n2.internalIP}/`).reach).toEqual(['default/web']);
  });

  test('other nodes do not open it', () => {
    const w = world();
    expect(trace(w, 'external', `tcp://${w.nodes.find((n) => n.name === 'node-3')!.internalIP}:80`).outcome).toBe('refused');
  });
});

describe('Service fields', () => {
  test('spec.externalIPs: kube-proxy answers the external IP on the Service ports', () => {
    const w = worldFromYaml(`${pod('client')}
${pod('web', { labels: 'app: web', ports: '{containerPort: 8080}' })}
${service('{selector: {app: web}, externalIPs: [203.0.113.50], ports: [{port: 80, targetPort: 8080}]}')}`);
    const t = trace(w, 'default/client', 'tcp://203.0.113.50:80');
    expect(t.reach).toEqual(['default/web']);
    expect(t.port).toBe(8080);
    expect(trace(w, 'external', 'tcp://203.0.113.50:80').reach).toEqual(['default/web']);
  });

  test('a ClusterIP Service opens no node port, even if one is written', () => {
    const w = worldFromYaml(`${pod('web', { labels: 'app: web', ports: '{containerPort: 80}' })}
${service('{selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}')}`);
    expect(w.services.find((s) => s.name === 'web')!.ports[0]!.nodePort).toBeUndefined();
    expect(trace(w, 'external', `tcp://${w.nodes[0]!.internalIP}:30080`).outcome).toBe('refused');
  });

  test('a sidecar (initContainer with restartPolicy Always) listens, and its named port resolves', () => {
    const w = worldFromYaml(`${pod('client')}
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  initContainers: [{name: proxy, image: envoy, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]
  containers: [{name: app, image: nginx, ports: [{containerPort: 80}]}]
---
${service('{selector: {app: web}, ports: [{port: 80, targetPort: proxy}]}')}`);
    const t = trace(w, 'default/client', 'http://web/');
    expect(t.reach).toEqual(['default/web']);
    expect(t.port).toBe(15001);
  });
});

describe('headless Services', () => {
  test('a headless Service over hostNetwork pods answers with node IPs, and those pods receive', () => {
    const w = worldFromYaml(`${pod('client', { node: 'node-1' })}
${pod('agent', { node: 'node-2', labels: 'app: agent', extraSpec: 'hostNetwork: true', ports: '{containerPort: 9100}' })}
${service('{clusterIP: None, selector: {app: agent}, ports: [{port: 9100}]}', 'agent')}`);
    const t = trace(w, 'default/client', 'tcp://agent:9100');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/agent']);
  });
});

describe('kube-proxy ignores Services labelled for another proxy or as headless', () => {
  test.each(['service.kubernetes.io/service-proxy-name: foo-bar', 'service.kubernetes.io/headless: ""'])('%s: its ClusterIP answers nothing', (label) => {
    const w = worldFromYaml(`${pod('client')}
${pod('web', { labels: 'app: web', ports: '{containerPort: 80}' })}
apiVersion: v1
kind: Service
metadata: {name: web, labels: {${label}}}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
---
${service('{selector: {app: web}, ports: [{port: 80}]}', 'plain')}`);
    expect(trace(w, 'default/client', 'http://web/').outcome).toBe('unreachable');
    expect(trace(w, 'external', `tcp://${w.nodes[0]!.internalIP}:30080`).outcome).toBe('refused');
    expect(trace(w, 'default/client', 'http://plain/').reach).toEqual(['default/web']);
  });
});

describe('/etc/hosts', () => {
  test('hostAliases and the pod\'s own hostname resolve before DNS', () => {
    const w = worldFromYaml(`${pod('web', { labels: 'app: web', ports: '{containerPort: 80}' })}
${pod('client', { extraSpec: 'hostAliases: [{ip: 203.0.113.7, hostnames: [foo.local, bar.local]}], hostname: me, subdomain: grp', ports: '{containerPort: 8080}' })}`);
    const t = trace(w, 'default/client', 'tcp://bar.local:443');
    expect(t.outcome).toBe('delivered');
    expect(t.external).toBe('203.0.113.7');
    expect(trace(w, 'default/client', 'tcp://me:8080').reach).toEqual(['default/client']);
    expect(trace(w, 'default/client', 'tcp://me.grp.default.svc.cluster.local:8080').reach).toEqual(['default/client']);
  });
});
