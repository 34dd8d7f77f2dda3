import { describe, expect, test } from 'vitest';
import { tokensToText, traceProbe, type Trace, type World } from '../../src/sim/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

function trace(world: World, from: string, to: string): Trace {
  const result = traceProbe(world, from, to);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const app = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: frontend, namespace: shop, labels: {app: frontend}}
spec: {nodeName: node-1, containers: [{name: web, image: web, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: tools, labels: {app: debug}}
spec: {nodeName: node-1, containers: [{name: sh, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {nodeName: node-2, containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {type: NodePort, selector: {app: api}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
`;

const onlyFrontend = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: frontend}}}]
    ports: [{port: 8080}]
`;

describe('NetworkPolicy in a trace', () => {
  test('ingress policy at the destination decides, after kube-proxy (the client pod is the source)', () => {
    const world = worldFromYaml(app + onlyFrontend);
    expect(trace(world, 'shop/frontend', 'http://api/').outcome).toBe('delivered');
    const denied = trace(world, 'tools/debug', 'http://api.shop/');
    expect(denied.outcome).toBe('denied');
    expect(denied.cause).toBe('policy-denied');
    expect(tokensToText(denied.explanation)).toContain('shop/api-from-frontend');
    expect(denied.hops.find((h) => !h.ok)?.step).toBe('network-policy');
  });

  test('the policy port is the pod port (targetPort), not the Service port', () => {
    const world = worldFromYaml(app + onlyFrontend.replace('port: 8080', 'port: 80'));
    expect(trace(world, 'shop/frontend', 'http://api/').outcome).toBe('denied');
  });

  test('flannel does not enforce NetworkPolicy', () => {
    const world = worldFromYaml(app + onlyFrontend, { cni: 'flannel' });
    expect(trace(world, 'tools/debug', 'http://api.shop/').outcome).toBe('delivered');
  });

  test('a deny-all egress policy breaks DNS, and the reason names it', () => {
    const world = worldFromYaml(`${app}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`);
    const t = trace(world, 'shop/frontend', 'http://api/');
    expect(t.outcome).toBe('dns-failure');
    expect(t.cause).toBe('dns-unreachable');
    expect(tokensToText(t.explanation)).toContain('shop/deny-egress');
    const byIP = trace(world, 'shop/frontend', `shop/api:8080/TCP`);
    expect(byIP.outcome).toBe('denied');
  });

  test('allowing DNS egress to kube-system fixes the lookup, but not the connection', () => {
    const world = worldFromYaml(`${app}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`);
    const t = trace(world, 'shop/frontend', 'http://api/');
    expect(t.hops.find((h) => h.step === 'dns')?.ok).toBe(true);
    expect(t.outcome).toBe('denied');
  });

  test('NodePort from outside: under Cluster the policy sees the node\'s IP, under Local the client\'s', () => {
    const allowClient = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-office, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{ipBlock: {cidr: 203.0.113.0/24}}]
`;
    const cluster = worldFromYaml(app + allowClient);
    // node-1 SNATs the client to its own IP, which the policy does not admit.
    expect(trace(cluster, 'external', 'tcp://10.0.0.11:30080').outcome).toBe('denied');
    const local = worldFromYaml(app.replace('type: NodePort,', 'type: NodePort, externalTrafficPolicy: Local,') + allowClient);
    expect(trace(local, 'external', 'tcp://10.0.0.12:30080').outcome).toBe('delivered');
    expect(trace(local, 'external:198.51.100.7', 'tcp://10.0.0.12:30080').outcome).toBe('denied');
  });

  test('loopback traffic inside a pod never meets NetworkPolicy', () => {
    const world = worldFromYaml(`${app}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`);
    expect(trace(world, 'shop/api', 'tcp://localhost:8080').outcome).toBe('delivered');
  });
});

describe('LoadBalancer traffic and NetworkPolicy', () => {
  const lb = (policy: string) => `${app.replace('type: NodePort,', `type: LoadBalancer, externalTrafficPolicy: ${policy},`)}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-office, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{ipBlock: {cidr: 203.0.113.0/24}}]
`;

  test('under Cluster the node the load balancer picks replaces the client IP, so an ipBlock for the client denies', () => {
    const world = worldFromYaml(lb('Cluster'), { cloudLoadBalancer: true });
    const ip = world.services.find((s) => s.name === 'api')!.loadBalancerIP!;
    const t = trace(world, 'external', `tcp://${ip}:80`);
    expect(t.outcome).toBe('denied');
    expect(t.hops.some((h) => h.step === 'load-balancer' && tokensToText(h.explanation).includes('SNAT'))).toBe(true);
  });

  test('under Local the client IP is kept, so the same policy admits it', () => {
    const world = worldFromYaml(lb('Local'), { cloudLoadBalancer: true });
    const ip = world.services.find((s) => s.name === 'api')!.loadBalancerIP!;
    expect(trace(world, 'external', `tcp://${ip}:80`).outcome).toBe('delivered');
  });
});
