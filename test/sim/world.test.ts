import { describe, expect, test } from 'vitest';
import { buildWorld, cidrContains, spreadRequests } from '../../src/sim/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

const web = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
`;

describe('buildWorld', () => {
  test('the same manifests always give the same pods, names and IPs', () => {
    expect(worldFromYaml(web)).toEqual(worldFromYaml(web));
  });

  test('Deployment pods are named <deployment>-<pod-template-hash>-<suffix> and carry the hash label', () => {
    const pods = worldFromYaml(web).pods.filter((p) => p.namespace === 'shop');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.name.split('-')[1]).toBe(pod.labels['pod-template-hash']);
    }
  });

  test('pods and Services are listed as kubectl get -A lists them: by namespace, then name, in code-unit order whatever the locale', () => {
    const yaml = ['shop-prod', 'shop', 'Shop2'].flatMap((ns) => [
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns.toLowerCase()}`,
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: ${ns.toLowerCase()}\nspec:\n  containers:\n  - name: c\n    image: nginx`,
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a-2\n  namespace: ${ns.toLowerCase()}\nspec:\n  containers:\n  - name: c\n    image: nginx`,
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a.1\n  namespace: ${ns.toLowerCase()}\nspec:\n  containers:\n  - name: c\n    image: nginx`,
    ]).join('\n---\n');
    const pods = worldFromYaml(yaml).pods.filter((p) => p.namespace.startsWith('shop')).map((p) => `${p.namespace}/${p.name}`);
    expect(pods).toEqual(['shop/a-2', 'shop/a.1', 'shop/b', 'shop-prod/a-2', 'shop-prod/a.1', 'shop-prod/b', 'shop2/a-2', 'shop2/a.1', 'shop2/b']);
  });

  test('replicas spread over the nodes', () => {
    const nodes = new Set(worldFromYaml(web).pods.filter((p) => p.namespace === 'shop').map((p) => p.nodeName));
    expect(nodes.size).toBe(3);
  });

  test('each pod IP comes from its node\'s slice of the pod CIDR', () => {
    const world = worldFromYaml(web, { cni: 'flannel' });
    for (const pod of world.pods) {
      const node = world.nodes.find((n) => n.name === pod.nodeName)!;
      expect(cidrContains(node.podCidr, pod.ip)).toBe(true);
      expect(cidrContains('10.244.0.0/16', pod.ip)).toBe(true);
    }
  });

  test('IPs are unique across the cluster', () => {
    const world = worldFromYaml(web.replace('replicas: 3', 'replicas: 200'));
    const ips = world.pods.map((p) => p.ip);
    expect(new Set(ips).size).toBe(ips.length);
  });

  test('what a manifest fixes is kept: status.podIP, spec.nodeName, spec.clusterIP, nodePort', () => {
    const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: fixed}
spec: {nodeName: node-2, containers: [{name: c, image: c}]}
status: {podIP: 192.168.1.77}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
spec: {type: NodePort, clusterIP: 10.96.100.100, ports: [{port: 80, nodePort: 31234}]}
`);
    expect(world.pods.find((p) => p.name === 'fixed')).toMatchObject({ nodeName: 'node-2', ip: '192.168.1.77' });
    expect(world.services.find((s) => s.name === 'svc')).toMatchObject({ clusterIP: '10.96.100.100', ports: [{ nodePort: 31234 }] });
  });

  test('ClusterIPs come from the service CIDR, never the pod CIDR', () => {
    const world = worldFromYaml(`
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {ports: [{port: 80}]}
`, { serviceCidr: '10.100.0.0/16' });
    const a = world.services.find((s) => s.name === 'a')!;
    expect(cidrContains('10.100.0.0/16', a.clusterIP!)).toBe(true);
  });

  test('default and kube-system always exist, with the kubernetes.io/metadata.name label', () => {
    const world = buildWorld([]);
    expect(world.namespaces.get('default')?.labels['kubernetes.io/metadata.name']).toBe('default');
    expect(world.namespaces.get('kube-system')?.labels['kubernetes.io/metadata.name']).toBe('kube-system');
  });

  test('CoreDNS runs in kube-system behind kube-dns, and the kubernetes Service fronts the API server', () => {
    const world = buildWorld([]);
    expect(world.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')).toHaveLength(2);
    expect(world.services.find((s) => s.name === 'kubernetes')?.clusterIP).toBe('10.96.0.1');
  });

  test('a DaemonSet runs one pod on every node; a StatefulSet numbers its pods', () => {
    const world = worldFromYaml(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: a}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db}]}
`);
    const agents = world.pods.filter((p) => p.name.startsWith('agent-'));
    expect(agents.map((p) => p.nodeName).sort()).toEqual(world.nodes.map((n) => n.name).sort());
    expect(world.pods.filter((p) => p.name.startsWith('db-')).map((p) => p.name)).toEqual(['db-0', 'db-1']);
  });

  test('a hostNetwork pod has its node\'s IP', () => {
    const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: h}
spec: {hostNetwork: true, nodeName: node-3, containers: [{name: c, image: c}]}
`);
    expect(world.pods.find((p) => p.name === 'h')!.ip).toBe(world.nodes.find((n) => n.name === 'node-3')!.internalIP);
  });

  test('kind: List contributes its items', () => {
    const world = worldFromYaml(`
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: listed}}
`);
    expect(world.namespaces.has('listed')).toBe(true);
  });

  test('Nodes from manifests keep their InternalIP and podCIDR', () => {
    const world = worldFromYaml(`
apiVersion: v1
kind: Node
metadata: {name: worker-a}
spec: {podCIDR: 10.244.7.0/24}
status: {addresses: [{type: InternalIP, address: 172.18.0.5}]}
`);
    expect(world.nodes).toEqual([expect.objectContaining({ name: 'worker-a', internalIP: '172.18.0.5', podCidr: '10.244.7.0/24' })]);
  });
});

describe('spreadRequests - kube-proxy load balancing from a seed', () => {
  const eps = ['a', 'b', 'c'].map((p) => ({ ip: p, port: 80, ready: true, pod: `x/${p}` }));

  test('many requests land on every endpoint', () => {
    const counts = spreadRequests(eps, 300, 42, 'None');
    expect([...counts.values()].every((n) => n > 50)).toBe(true);
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(300);
  });

  test('ClientIP affinity keeps one client on one endpoint', () => {
    const counts = spreadRequests(eps, 50, 7, 'ClientIP');
    expect([...counts.values()].filter((n) => n > 0)).toEqual([50]);
  });

  test('the same seed gives the same spread', () => {
    expect(spreadRequests(eps, 20, 9, 'None')).toEqual(spreadRequests(eps, 20, 9, 'None'));
  });
});

describe('buildWorld - cilium', () => {
  test('pods never get a node\'s address, even though 10.0.0.0/8 holds the node network', () => {
    const world = worldFromYaml(web, { cni: 'cilium' });
    const nodeIPs = new Set(world.nodes.map((n) => n.internalIP));
    expect(world.pods.filter((p) => !p.hostNetwork && nodeIPs.has(p.ip))).toEqual([]);
    expect(world.nodes.every((n) => !cidrContains(n.podCidr, n.internalIP))).toBe(true);
  });
});
