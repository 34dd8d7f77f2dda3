import { describe, expect, test } from 'vitest';
import { tokensToText, traceProbe, type Trace, type World } from '../../src/sim/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

function trace(world: World, from: string, to: string): Trace {
  const result = traceProbe(world, from, to);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function podsOf(world: World, namespace: string, prefix: string): string[] {
  return world.pods.filter((p) => p.namespace === namespace && p.name.startsWith(prefix)).map((p) => `${p.namespace}/${p.name}`);
}

const deployment = (name: string, ns: string, labels: string, replicas: number, ports: string, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {${labels}}}
  template:
    metadata: {labels: {${labels}}}
    spec:
      containers: [{name: app, image: example/${name}, ports: [${ports}]}]
${extra}---`;

const client = `
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: default}
spec: {containers: [{name: shell, image: busybox}]}
---`;

describe('Services and selectors', () => {
  test('a ClusterIP Service spreads over every ready pod its selector matches', () => {
    const world = worldFromYaml(`${client}
${deployment('web', 'default', 'app: web', 3, '{containerPort: 80}')}
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'default', 'web-').sort());
    expect(t.reach).toHaveLength(3);
    expect(t.port).toBe(80);
  });

  test('every label of the selector must match: a pod with only some of them is not selected', () => {
    const world = worldFromYaml(`${client}
${deployment('web', 'default', 'app: web', 2, '{containerPort: 80}')}
${deployment('web-canary', 'default', 'app: web, track: canary', 1, '{containerPort: 80}')}
apiVersion: v1
kind: Service
metadata: {name: canary}
spec: {selector: {app: web, track: canary}, ports: [{port: 80}]}
`);
    const t = trace(world, 'default/client', 'http://canary/');
    expect(t.reach).toEqual(podsOf(world, 'default', 'web-canary-'));
  });

  test('a selector typo selects nothing: no-endpoints, naming the selector', () => {
    const world = worldFromYaml(`${client}
${deployment('backend', 'default', 'app: backend', 2, '{containerPort: 8080}')}
apiVersion: v1
kind: Service
metadata: {name: backend}
spec: {selector: {app: backnd}, ports: [{port: 80, targetPort: 8080}]}
`);
    const t = trace(world, 'default/client', 'http://backend/');
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('selector-matches-nothing');
    expect(t.reach).toEqual([]);
    const failing = t.hops.find((h) => !h.ok)!;
    expect(failing.object).toEqual({ kind: 'Service', namespace: 'default', name: 'backend' });
    expect(failing.field).toBe('spec.selector');
  });

  test('a Service only selects pods in its own namespace', () => {
    const world = worldFromYaml(`${client}
${deployment('api', 'other', 'app: api', 1, '{containerPort: 80}')}
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{port: 80}]}
`);
    expect(trace(world, 'default/client', 'http://api/').outcome).toBe('no-endpoints');
  });
});

describe('port -> targetPort -> containerPort', () => {
  const world = worldFromYaml(`${client}
${deployment('api', 'default', 'app: api', 2, '{containerPort: 8080}')}
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: api-wrong}
spec: {selector: {app: api}, ports: [{port: 80, targetPort: 9090}]}
---
apiVersion: v1
kind: Service
metadata: {name: api-same}
spec: {selector: {app: api}, ports: [{port: 8080}]}
`);

  test('the Service port is what clients use; the targetPort is where the pod listens', () => {
    const t = trace(world, 'default/client', 'http://api:80/');
    expect(t.outcome).toBe('delivered');
    expect(t.port).toBe(8080);
  });

  test('a port the Service does not expose is unreachable at its ClusterIP', () => {
    const t = trace(world, 'default/client', 'tcp://api:8080');
    expect(t.outcome).toBe('unreachable');
    expect(t.cause).toBe('service-port-missing');
  });

  test('a targetPort no container listens on is refused by every endpoint', () => {
    const t = trace(world, 'default/client', 'http://api-wrong/');
    expect(t.outcome).toBe('refused');
    expect(t.endpoints).toHaveLength(2);
    expect(t.endpoints.every((e) => e.outcome === 'refused' && e.port === 9090)).toBe(true);
  });

  test('targetPort defaults to port', () => {
    expect(trace(world, 'default/client', 'tcp://api-same:8080').port).toBe(8080);
  });

  test('the protocol must match: a TCP listener does not answer UDP', () => {
    expect(trace(world, 'default/client', 'udp://api:80').outcome).toBe('unreachable');
  });
});

describe('named targetPort', () => {
  test('resolves per pod, so two versions may listen on different numbers', () => {
    const world = worldFromYaml(`${client}
${deployment('web-v1', 'default', 'app: web, version: v1', 1, '{name: http, containerPort: 8080}')}
${deployment('web-v2', 'default', 'app: web, version: v2', 1, '{name: http, containerPort: 9090}')}
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
`);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toHaveLength(2);
    const ports = Object.fromEntries(t.endpoints.map((e) => [e.pod!.split('/')[1]!.split('-').slice(0, 2).join('-'), e.port]));
    expect(ports).toEqual({ 'web-v1': 8080, 'web-v2': 9090 });
  });

  test('a pod without the named port is left out of the endpoints', () => {
    const world = worldFromYaml(`${client}
${deployment('web', 'default', 'app: web', 1, '{name: web, containerPort: 8080}')}
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
`);
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('named-port-missing');
  });
});

describe('readiness', () => {
  const yaml = (publish: boolean) => `${client}
${deployment('db', 'default', 'app: db', 3, '{containerPort: 5432}', 'status: {readyReplicas: 1}\n')}
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, publishNotReadyAddresses: ${publish}, ports: [{port: 5432}]}
`;

  test('not-ready pods stay out of the load balancing', () => {
    const world = worldFromYaml(yaml(false));
    const ready = world.pods.filter((p) => p.name.startsWith('db-') && p.ready).map((p) => `default/${p.name}`);
    expect(ready).toHaveLength(1);
    expect(trace(world, 'default/client', 'tcp://db:5432').reach).toEqual(ready);
  });

  test('publishNotReadyAddresses sends to not-ready pods too', () => {
    const world = worldFromYaml(yaml(true));
    expect(trace(world, 'default/client', 'tcp://db:5432').reach).toHaveLength(3);
  });

  test('a Service whose pods are all not ready has no endpoints to send to', () => {
    const world = worldFromYaml(`${client}
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {app: db}}
spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
status: {phase: Running, conditions: [{type: Ready, status: "False"}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`);
    const t = trace(world, 'default/client', 'tcp://db:5432');
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('none-ready');
  });
});

describe('DNS names', () => {
  const world = worldFromYaml(`
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop}
spec: {containers: [{name: shell, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: outsider, namespace: tools}
spec: {containers: [{name: shell, image: busybox}]}
---
${deployment('cart', 'shop', 'app: cart', 1, '{containerPort: 80}')}
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{port: 80}]}
`);

  test.each(['cart', 'cart.shop', 'cart.shop.svc', 'cart.shop.svc.cluster.local', 'cart.shop.svc.cluster.local.'])(
    'from the same namespace, %s resolves',
    (name) => {
      expect(trace(world, 'shop/client', `http://${name}/`).outcome).toBe('delivered');
    },
  );

  test.each(['cart.shop', 'cart.shop.svc', 'cart.shop.svc.cluster.local'])('from another namespace, %s resolves', (name) => {
    expect(trace(world, 'tools/outsider', `http://${name}/`).outcome).toBe('delivered');
  });

  test('from another namespace, the short name is not found, and the reason says where the Service is', () => {
    const t = trace(world, 'tools/outsider', 'http://cart/');
    expect(t.outcome).toBe('dns-failure');
    expect(t.cause).toBe('nxdomain');
    expect(tokensToText(t.hops.find((h) => h.step === 'dns')!.explanation)).toContain('a Service cart exists in shop');
  });

  test('cluster names do not resolve from outside the cluster or from a node', () => {
    expect(trace(world, 'external', 'http://cart.shop.svc.cluster.local/').outcome).toBe('dns-failure');
    expect(trace(world, 'node/node-1', 'http://cart.shop.svc.cluster.local/').outcome).toBe('dns-failure');
  });

  test('the DNS query goes to CoreDNS behind kube-dns (10.96.0.10)', () => {
    const dns = world.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns')!;
    expect(dns.clusterIP).toBe('10.96.0.10');
    expect(trace(world, 'shop/client', 'udp://kube-dns.kube-system:53').reach.every((p) => p.startsWith('kube-system/coredns-'))).toBe(true);
  });
});

describe('Service types', () => {
  const world = worldFromYaml(`${client}
${deployment('web', 'default', 'app: web', 2, '{containerPort: 8080}')}
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-cip}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`);

  test('a NodePort answers on every node', () => {
    for (const node of world.nodes) {
      const t = trace(world, 'external', `tcp://${node.internalIP}:30080`);
      expect(t.outcome, node.name).toBe('delivered');
      expect(t.reach).toHaveLength(2);
    }
  });

  test('a NodePort Service keeps its ClusterIP', () => {
    expect(trace(world, 'default/client', 'http://web-np/').outcome).toBe('delivered');
  });

  test('a node port no Service uses is refused', () => {
    expect(trace(world, 'external', `tcp://${world.nodes[0]!.internalIP}:30999`).outcome).toBe('refused');
  });

  test('a ClusterIP is unreachable from outside the cluster', () => {
    const ip = world.services.find((s) => s.name === 'web-cip')!.clusterIP!;
    const t = trace(world, 'external', `tcp://${ip}:80`);
    expect(t.outcome).toBe('unreachable');
    expect(t.cause).toBe('cluster-ip-from-outside');
  });

  test('nodePorts are allocated from 30000-32767', () => {
    const lb = world.services.find((s) => s.name === 'web-lb')!;
    const nodePort = lb.ports[0]!.nodePort!;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
  });

  test('a LoadBalancer without a cloud stays pending, and its NodePort still works', () => {
    const lb = world.services.find((s) => s.name === 'web-lb')!;
    expect(lb.loadBalancerIP).toBeUndefined();
    expect(trace(world, 'external', `tcp://${world.nodes[1]!.internalIP}:${lb.ports[0]!.nodePort}`).outcome).toBe('delivered');
  });

  test('a LoadBalancer with a cloud gets an external IP that forwards the Service port', () => {
    const cloud = worldFromYaml(`${deployment('web', 'default', 'app: web', 2, '{containerPort: 8080}')}
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`, { cloudLoadBalancer: true });
    const ip = cloud.services.find((s) => s.name === 'web-lb')!.loadBalancerIP!;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const t = trace(cloud, 'external', `http://${ip}/`);
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toHaveLength(2);
    expect(trace(cloud, 'external', `tcp://${ip}:8080`).outcome).toBe('unreachable');
  });

  test('an ExternalName Service is a CNAME: the request leaves the cluster', () => {
    const ext = worldFromYaml(`${client}
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {type: ExternalName, externalName: db.example.com}
`);
    const t = trace(ext, 'default/client', 'tcp://db:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual([]);
    expect(t.external).toBe('db.example.com');
  });

  test('an ExternalName pointing at another Service in the cluster is followed', () => {
    const ext = worldFromYaml(`${client}
${deployment('db', 'data', 'app: db', 1, '{containerPort: 5432}')}
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: database}
spec: {type: ExternalName, externalName: db.data.svc.cluster.local}
`);
    const t = trace(ext, 'default/client', 'tcp://database:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(ext, 'data', 'db-'));
  });
});

describe('headless Services', () => {
  const world = worldFromYaml(`${client}
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
`);

  test('the name resolves to the pods themselves', () => {
    const t = trace(world, 'default/client', 'tcp://db:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/db-0', 'default/db-1', 'default/db-2']);
    expect(t.hops.some((h) => h.step === 'kube-proxy')).toBe(false);
  });

  test('each StatefulSet pod has its own name under the Service', () => {
    expect(trace(world, 'default/client', 'tcp://db-1.db:5432').reach).toEqual(['default/db-1']);
  });

  test('without a ClusterIP there is no port mapping: the client connects to the port it asked for', () => {
    expect(trace(world, 'default/client', 'tcp://db:80').outcome).toBe('refused');
  });
});

describe('Services without a selector', () => {
  test('send to the addresses of a hand-written EndpointSlice', () => {
    const world = worldFromYaml(`${client}
apiVersion: v1
kind: Service
metadata: {name: legacy-db}
spec: {ports: [{name: pg, port: 5432}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: legacy-db-1, labels: {kubernetes.io/service-name: legacy-db}}
addressType: IPv4
ports: [{name: pg, port: 5432, protocol: TCP}]
endpoints: [{addresses: [172.16.5.20]}]
`);
    const t = trace(world, 'default/client', 'tcp://legacy-db:5432');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual([]);
    expect(t.endpoints.map((e) => e.ip)).toEqual(['172.16.5.20']);
  });

  test('send to the addresses of a v1 Endpoints object with the same name', () => {
    const world = worldFromYaml(`${client}
apiVersion: v1
kind: Service
metadata: {name: legacy-db}
spec: {ports: [{port: 5432}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: legacy-db}
subsets: [{addresses: [{ip: 172.16.5.20}, {ip: 172.16.5.21}], ports: [{port: 5432}]}]
`);
    expect(trace(world, 'default/client', 'tcp://legacy-db:5432').endpoints.map((e) => e.ip)).toEqual(['172.16.5.20', '172.16.5.21']);
  });

  test('have no endpoints until someone writes them', () => {
    const world = worldFromYaml(`${client}
apiVersion: v1
kind: Service
metadata: {name: legacy-db}
spec: {ports: [{port: 5432}]}
`);
    const t = trace(world, 'default/client', 'tcp://legacy-db:5432');
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('no-manual-endpoints');
  });
});

describe('traffic policies', () => {
  const yaml = (policy: string) => `
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: node-1, containers: [{name: shell, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-a, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-b, labels: {app: web}}
spec: {nodeName: node-3, containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, ${policy}, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
`;

  test('externalTrafficPolicy Local: only nodes with a local endpoint answer, and only with it', () => {
    const world = worldFromYaml(yaml('externalTrafficPolicy: Local'));
    const [n1, n2, n3] = world.nodes;
    expect(trace(world, 'external', `tcp://${n1!.internalIP}:30080`).outcome).toBe('no-endpoints');
    expect(trace(world, 'external', `tcp://${n2!.internalIP}:30080`).reach).toEqual(['default/web-a']);
    expect(trace(world, 'external', `tcp://${n3!.internalIP}:30080`).reach).toEqual(['default/web-b']);
  });

  test('externalTrafficPolicy Cluster: any node reaches every endpoint', () => {
    const world = worldFromYaml(yaml('externalTrafficPolicy: Cluster'));
    expect(trace(world, 'external', `tcp://${world.nodes[0]!.internalIP}:30080`).reach).toEqual(['default/web-a', 'default/web-b']);
  });

  test('internalTrafficPolicy Local: pods only reach endpoints on their own node', () => {
    const world = worldFromYaml(yaml('internalTrafficPolicy: Local'));
    const t = trace(world, 'default/client', 'http://web/');
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('no-local-endpoint');
  });
});

describe('the pod network', () => {
  const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: node-1, containers: [{name: app, image: app, ports: [{containerPort: 8080}]}, {name: sidecar, image: proxy, ports: [{containerPort: 15000}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {nodeName: node-2, containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}
`);

  test('every pod has its own IP from its node\'s slice of the pod network', () => {
    const a = world.pods.find((p) => p.name === 'a')!;
    const b = world.pods.find((p) => p.name === 'b')!;
    expect(a.ip).not.toBe(b.ip);
    expect(a.ip.startsWith('192.168.0.')).toBe(true);
    expect(b.ip.startsWith('192.168.1.')).toBe(true);
  });

  test('pods on different nodes talk directly, pod IP to pod IP', () => {
    const t = trace(world, 'default/a', 'default/b:8080/TCP');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(['default/b']);
    const b = world.pods.find((p) => p.name === 'b')!;
    expect(trace(world, 'default/a', `tcp://${b.ip}:8080`).reach).toEqual(['default/b']);
  });

  test('containers of one pod reach each other over localhost', () => {
    expect(trace(world, 'default/a', 'tcp://localhost:15000').outcome).toBe('delivered');
    expect(trace(world, 'default/a', 'tcp://127.0.0.1:8080').reach).toEqual(['default/a']);
  });

  test('localhost is the pod itself, not its neighbours', () => {
    expect(trace(world, 'default/b', 'tcp://localhost:15000').outcome).toBe('refused');
  });

  test('a port no container declares is refused', () => {
    expect(trace(world, 'default/a', 'default/b:9090/TCP').outcome).toBe('refused');
  });

  test('pod IPs are not routed from outside the cluster', () => {
    const b = world.pods.find((p) => p.name === 'b')!;
    expect(trace(world, 'external', `tcp://${b.ip}:8080`).outcome).toBe('unreachable');
  });

  test('an address in the pod network that no pod has is unreachable', () => {
    expect(trace(world, 'default/a', 'tcp://192.168.0.250:80').outcome).toBe('unreachable');
  });

  test('an address outside the cluster leaves it', () => {
    const t = trace(world, 'default/a', 'tcp://93.184.215.14:443');
    expect(t.outcome).toBe('delivered');
    expect(t.external).toBe('93.184.215.14');
  });
});

describe('probe syntax', () => {
  const world = worldFromYaml(client);

  test.each([
    ['default/nope', 'http://x/', /no pod default\/nope/],
    ['nowhere/client', 'http://x/', /no namespace "nowhere"/],
    ['node/node-9', 'http://x/', /no node "node-9"/],
    ['default/client', 'ftp://x/', /not a target scheme/],
    ['default/client', 'tcp://x', /needs a port/],
    ['default/client', 'tcp://x:70000', /not a port/],
    ['client', 'http://x/', /not a source/],
  ])('%s -> %s is rejected with a clear message', (from, to, message) => {
    const result = traceProbe(world, from, to);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('naming pods by their workload', () => {
  const world = worldFromYaml(`${deployment('frontend', 'shop', 'app: frontend', 2, '{containerPort: 80}')}
${deployment('api', 'shop', 'app: api', 2, '{containerPort: 8080}')}
`);

  test('ns/<deployment> as a source or target means the first pod of that Deployment', () => {
    const first = podsOf(world, 'shop', 'api-').sort()[0]!;
    const t = trace(world, 'shop/frontend', 'shop/api:8080/TCP');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual([first]);
  });

  test('a pod name wins over a workload name', () => {
    const named = worldFromYaml(`${deployment('web', 'default', 'app: web', 1, '{containerPort: 80}')}
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: other}}
spec: {containers: [{name: c, image: c, ports: [{containerPort: 80}]}]}
`);
    expect(trace(named, 'default/web', 'default/web:80/TCP').reach).toEqual(['default/web']);
  });
});

describe('DNS corner cases', () => {
  test('an ExternalName target is looked up as written: a short in-cluster name does not resolve', () => {
    const world = worldFromYaml(`${client}
${deployment('api', 'backend', 'app: api', 1, '{containerPort: 80}')}
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backend}
spec: {selector: {app: api}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec: {type: ExternalName, externalName: api.backend}
`);
    expect(trace(world, 'default/client', 'http://api/').outcome).toBe('dns-failure');
  });

  test('a headless Service without ports still publishes its pods', () => {
    const world = worldFromYaml(`${client}
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}}
`);
    expect(trace(world, 'default/client', 'tcp://db-1.db:5432').reach).toEqual(['default/db-1']);
    expect(trace(world, 'default/client', 'tcp://db:5432').reach).toEqual(['default/db-0', 'default/db-1']);
  });

  test('pods under a Service with a ClusterIP have no names of their own', () => {
    const world = worldFromYaml(`${client}
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`);
    const t = trace(world, 'default/client', 'tcp://db-0.db:5432');
    expect(t.outcome).toBe('dns-failure');
    expect(tokensToText(t.hops.find((h) => !h.ok)!.explanation)).toContain('headless Service');
  });
});
