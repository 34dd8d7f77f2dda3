import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { traceProbe, type ClusterSettings, type Trace, type World } from '../../../src/sim/index.js';
import { FIXTURES } from '../../helpers/world.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';

const NGINX = readFileSync(`${FIXTURES}ingress/ingress-nginx.yaml`, 'utf8');
const CLOUD = { cloudLoadBalancer: true };

/** The ingress-nginx fixture plus the given manifests. */
function cluster(yaml: string, settings: Partial<ClusterSettings> = CLOUD): World {
  return worldFromYaml(`${NGINX}\n---\n${yaml}`, settings);
}

function trace(world: World, from: string, to: string): Trace {
  const result = traceProbe(world, from, to);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function podsOf(world: World, namespace: string, app: string): string[] {
  return world.pods.filter((p) => p.namespace === namespace && p.labels['app'] === app).map((p) => `${p.namespace}/${p.name}`).sort();
}

/** A Deployment `name` (label app=name, container port "http") and its Service on port 80. */
const app = (name: string, ns = 'shop', port = 8080, replicas = 1) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: example/${name}, ports: [{name: http, containerPort: ${port}}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: http}]}
---
`;

const backend = (service: string, port: string | number = 80) =>
  `{service: {name: ${service}, port: {${typeof port === 'number' ? `number: ${port}` : `name: ${port}`}}}}`;

const shop = `${app('storefront')}${app('cart')}${app('search')}`;

describe('from outside through ingress-nginx', () => {
  const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: ${backend('storefront')}}
          - {path: /cart, pathType: Prefix, backend: ${backend('cart', 'http')}}
`);

  test('the host resolves to the controller\'s load balancer, and the path picks the Service', () => {
    const t = trace(world, 'external', 'http://shop.example.com/cart/items');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'cart'));
    expect(t.port).toBe(8080);
    const steps = t.hops.map((h) => h.step);
    expect(steps).toEqual(['source', 'dns', 'load-balancer', 'kube-proxy', 'pod', 'ingress', 'ingress', 'ingress', 'ingress-backend', 'pod']);
    const rule = t.hops.filter((h) => h.step === 'ingress')[2]!;
    expect(rule.object).toEqual({ kind: 'Ingress', namespace: 'shop', name: 'shop' });
    expect(rule.field).toBe('spec.rules[0].http.paths[1]');
  });

  test('the longer path wins; / takes the rest', () => {
    expect(trace(world, 'external', 'http://shop.example.com/').reach).toEqual(podsOf(world, 'shop', 'storefront'));
    expect(trace(world, 'external', 'http://shop.example.com/cartoon').reach).toEqual(podsOf(world, 'shop', 'storefront'));
  });

  test('a public name no Ingress names is somebody else\'s: the request goes out to the internet', () => {
    const t = trace(world, 'external', 'http://other.example.com/');
    expect(t.external).toBe('other.example.com');
    expect(t.reach).toEqual([]);
  });

  test('by the load balancer\'s IP, the Host is that IP: no rule names it, so 404', () => {
    const lb = world.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;
    const t = trace(world, 'external', `http://${lb}/cart`);
    expect(t.outcome).toBe('http-404');
    expect(t.cause).toBe('ingress-default-backend');
  });

  test('from a pod, the controller\'s Service name reaches the controller; that name is the Host', () => {
    const t = trace(world, `shop/${podsOf(world, 'shop', 'cart')[0]!.split('/')[1]}`, 'http://ingress-nginx-controller.ingress-nginx/cart');
    expect(t.outcome).toBe('http-404');
    expect(t.hops.some((h) => h.step === 'ingress')).toBe(true);
  });

  test('from a pod, the public name goes upstream and comes back through the load balancer', () => {
    const client = podsOf(world, 'shop', 'search')[0]!;
    const t = trace(world, client, 'http://shop.example.com/cart');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'cart'));
  });
});

describe('precedence and merging', () => {
  test('Exact beats Prefix at the same path; Prefix takes the subpaths', () => {
    const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /cart, pathType: Prefix, backend: ${backend('storefront')}}
          - {path: /cart, pathType: Exact, backend: ${backend('cart')}}
`);
    expect(trace(world, 'external', 'http://shop.example.com/cart').reach).toEqual(podsOf(world, 'shop', 'cart'));
    expect(trace(world, 'external', 'http://shop.example.com/cart/1').reach).toEqual(podsOf(world, 'shop', 'storefront'));
  });

  test('two Ingresses for one host are merged into one set of paths', () => {
    const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: cart, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /cart, pathType: Prefix, backend: ${backend('cart')}}]}}]
`);
    expect(trace(world, 'external', 'http://shop.example.com/cart').reach).toEqual(podsOf(world, 'shop', 'cart'));
    expect(trace(world, 'external', 'http://shop.example.com/about').reach).toEqual(podsOf(world, 'shop', 'storefront'));
  });

  test('the same path twice: the oldest Ingress keeps it', () => {
    const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: newer, namespace: shop, creationTimestamp: "2024-05-02T00:00:00Z"}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('search')}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: older, namespace: shop, creationTimestamp: "2024-05-01T00:00:00Z"}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
`);
    const t = trace(world, 'external', 'http://shop.example.com/');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'storefront'));
  });
});

describe('hosts', () => {
  const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: hosts, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}
    - host: "*.shop.example.com"
      http: {paths: [{path: /, pathType: Prefix, backend: ${backend('search')}}]}
    - http: {paths: [{path: /cart, pathType: Prefix, backend: ${backend('cart')}}]}
`);
  const lb = () => world.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;

  test('a wildcard host matches one label', () => {
    expect(trace(world, 'external', 'http://eu.shop.example.com/').reach).toEqual(podsOf(world, 'shop', 'search'));
  });

  test('a wildcard does not match two labels: those requests go to the rules without a host', () => {
    const t = trace(world, `shop/${podsOf(world, 'shop', 'cart')[0]!.split('/')[1]}`, `http://${lb()}/`);
    expect(t.outcome).toBe('http-404');
  });

  test('the wildcard DNS record answers deeper names; the controller then finds no host rule and uses the host-less rules', () => {
    const t = trace(world, 'external', 'http://a.eu.shop.example.com/cart');
    expect(t.hops.find((h) => h.step === 'dns')?.ok).toBe(true);
    expect(t.reach).toEqual(podsOf(world, 'shop', 'cart'));
    expect(trace(world, 'external', 'http://a.eu.shop.example.com/').outcome).toBe('http-404');
  });

  test('rules without a host answer any other Host, such as the bare IP', () => {
    expect(trace(world, 'external', `http://${lb()}/cart`).reach).toEqual(podsOf(world, 'shop', 'cart'));
  });

  test('once the Host matches a named rule there is no fall-through to the host-less rules', () => {
    const t = trace(world, 'external', 'http://shop.example.com/cart');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'storefront'));
    const w2 = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: hosts, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http: {paths: [{path: /about, pathType: Exact, backend: ${backend('storefront')}}]}
    - http: {paths: [{path: /cart, pathType: Prefix, backend: ${backend('cart')}}]}
`);
    expect(trace(w2, 'external', 'http://shop.example.com/cart').outcome).toBe('http-404');
  });
});

describe('default backends', () => {
  const world = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  defaultBackend: ${backend('search')}
  rules:
    - host: shop.example.com
      http: {paths: [{path: /cart, pathType: Prefix, backend: ${backend('cart')}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: blog, namespace: shop}
spec:
  rules:
    - host: blog.example.com
      http: {paths: [{path: /posts, pathType: Prefix, backend: ${backend('storefront')}}]}
`);

  test('an Ingress\'s defaultBackend serves the unmatched paths of its own hosts', () => {
    const t = trace(world, 'external', 'http://shop.example.com/help');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'search'));
  });

  test('but not the unmatched paths of another Ingress\'s host: the controller answers 404', () => {
    const t = trace(world, 'external', 'http://blog.example.com/about');
    expect(t.outcome).toBe('http-404');
    expect(t.cause).toBe('ingress-default-backend');
  });

  test('an Ingress with only a defaultBackend catches every Host no rule names', () => {
    const w = cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all, namespace: shop}
spec:
  defaultBackend: ${backend('storefront')}
`);
    const lb = w.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;
    expect(trace(w, 'external', `http://${lb}/anything`).reach).toEqual(podsOf(w, 'shop', 'storefront'));
  });

  test('with no Ingress at all the controller answers 404 for everything', () => {
    const w = cluster(shop);
    const lb = w.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;
    expect(trace(w, 'external', `http://${lb}/`).outcome).toBe('http-404');
  });
});

describe('backends that cannot answer: 503', () => {
  const ingress = (b: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${b}}]}}]
`;

  test('a backend Service that does not exist', () => {
    const t = trace(cluster(`${shop}${ingress(backend('checkout'))}`), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('http-503');
    expect(t.cause).toBe('backend-service-missing');
  });

  test('a backend Service in another namespace is missing: backends are same-namespace only', () => {
    const t = trace(cluster(`${shop}${app('payments', 'pay')}${ingress(backend('payments'))}`), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('http-503');
    expect(t.cause).toBe('backend-service-missing');
  });

  test('a Service port that does not exist', () => {
    const t = trace(cluster(`${shop}${ingress(backend('cart', 9999))}`), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('http-503');
    expect(t.cause).toBe('backend-port-missing');
  });

  test('a port name that does not exist; the right name works', () => {
    expect(trace(cluster(`${shop}${ingress(backend('cart', 'web'))}`), 'external', 'http://shop.example.com/').cause).toBe('backend-port-missing');
    expect(trace(cluster(`${shop}${ingress(backend('cart', 'http'))}`), 'external', 'http://shop.example.com/').outcome).toBe('delivered');
  });

  test('a Service with no ready endpoints', () => {
    const t = trace(
      cluster(`${shop}
apiVersion: v1
kind: Service
metadata: {name: broken, namespace: shop}
spec: {selector: {app: crat}, ports: [{port: 80}]}
---
${ingress(backend('broken'))}`),
      'external',
      'http://shop.example.com/',
    );
    expect(t.outcome).toBe('http-503');
    expect(t.cause).toBe('backend-no-endpoints');
  });

  test('a resource backend is accepted but routes nowhere: ingress-nginx skips the path', () => {
    const t = trace(
      cluster(`${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /static, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static-assets}}}
`),
      'external',
      'http://shop.example.com/static/logo.png',
    );
    expect(t.outcome).toBe('http-404');
    expect(t.explanation.some((x) => typeof x !== 'string' && x.text === 'Prefix /static')).toBe(true);
  });
});

describe('TLS', () => {
  const tls = (annotations = '', secret = true) => `${shop}
${secret ? 'apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: shop}\ntype: kubernetes.io/tls\n---' : ''}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop${annotations ? `, annotations: {${annotations}}` : ''}}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
`;

  test('plain HTTP to a TLS host is redirected with 308 to https, trailing slash dropped', () => {
    const t = trace(cluster(tls()), 'external', 'http://shop.example.com/cart/');
    expect(t.outcome).toBe('http-redirect');
    expect(t.location).toBe('https://shop.example.com/cart');
    expect(trace(cluster(tls()), 'external', 'http://shop.example.com/').location).toBe('https://shop.example.com');
  });

  test('ssl-redirect "false" keeps plain HTTP', () => {
    const t = trace(cluster(tls('nginx.ingress.kubernetes.io/ssl-redirect: "false"')), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('delivered');
  });

  test('HTTPS to a TLS host reaches the backend', () => {
    const world = cluster(tls());
    const t = trace(world, 'external', 'https://shop.example.com/');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'storefront'));
    expect(t.hops.some((h) => h.field === 'spec.tls')).toBe(true);
  });

  test('a missing Secret still redirects, and HTTPS gets the fake certificate', () => {
    const world = cluster(tls('', false));
    expect(trace(world, 'external', 'http://shop.example.com/').outcome).toBe('http-redirect');
    const t = trace(world, 'external', 'https://shop.example.com/');
    expect(t.outcome).toBe('delivered');
    const tlsHop = t.hops.find((h) => h.field === 'spec.tls')!;
    expect(tlsHop.explanation.some((x) => typeof x === 'string' && x.includes('fake certificate'))).toBe(true);
  });
});

describe('IngressClass: which controller serves an Ingress', () => {
  const ingress = (spec: string, annotations = '') => `${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop${annotations ? `, annotations: {${annotations}}` : ''}}
spec:
  ${spec}
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
`;

  test('without a class, the default IngressClass applies', () => {
    expect(trace(cluster(ingress('')), 'external', 'http://shop.example.com/').outcome).toBe('delivered');
  });

  test('without a class and without a default IngressClass, no controller serves it', () => {
    const world = worldFromYaml(`${NGINX.replace('ingressclass.kubernetes.io/is-default-class: "true"', 'example.com/note: "not default"')}\n---\n${ingress('')}`, CLOUD);
    const t = trace(world, 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('dns-failure');
    expect(t.cause).toBe('not-published');
  });

  test('an ingressClassName with no such IngressClass has no effect, and the trace says why', () => {
    const t = trace(cluster(ingress('ingressClassName: nginx-internal')), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('dns-failure');
    expect(t.explanation.some((x) => typeof x !== 'string' && x.text === 'nginx-internal')).toBe(true);
  });

  test('the legacy annotation: "nginx" is ingress-nginx\'s, another value is not', () => {
    expect(trace(cluster(ingress('', 'kubernetes.io/ingress.class: nginx')), 'external', 'http://shop.example.com/').outcome).toBe('delivered');
    expect(trace(cluster(ingress('', 'kubernetes.io/ingress.class: traefik')), 'external', 'http://shop.example.com/').outcome).toBe('dns-failure');
  });

  test('an unserved Ingress is named when its host reaches the controller anyway', () => {
    const world = cluster(ingress('ingressClassName: nginx-internal'));
    const lb = world.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;
    // The client sends Host shop.example.com to the load balancer's IP (e.g. curl --resolve): modelled by a hostname entry.
    const t = trace(world, 'external', `http://${lb}/`);
    expect(t.outcome).toBe('http-404');
    const direct = trace(world, podsOf(world, 'shop', 'cart')[0]!, 'http://shop.example.com/');
    expect(direct.outcome).toBe('dns-failure');
    expect(direct.hops.find((h) => !h.ok)!.object).toEqual({ kind: 'Ingress', namespace: 'shop', name: 'shop' });
  });

  test('two controllers with different classes each serve their own Ingresses', () => {
    const traefik = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: traefik}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: traefik}}
  template:
    metadata: {labels: {app.kubernetes.io/name: traefik}}
    spec:
      containers:
        - name: traefik
          image: docker.io/traefik:v3.1
          args: [--entryPoints.web.address=:8000, --providers.kubernetesingress]
          ports: [{name: web, containerPort: 8000}]
---
apiVersion: v1
kind: Service
metadata: {name: traefik, namespace: traefik}
spec:
  type: LoadBalancer
  selector: {app.kubernetes.io/name: traefik}
  ports: [{name: web, port: 80, targetPort: web}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: blog, namespace: shop}
spec:
  ingressClassName: traefik
  rules: [{host: blog.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('search')}}]}}]
---
`;
    const world = cluster(`${traefik}${ingress('ingressClassName: nginx')}`);
    const nginxIP = world.services.find((s) => s.name === 'ingress-nginx-controller')!.loadBalancerIP!;
    const traefikIP = world.services.find((s) => s.name === 'traefik')!.loadBalancerIP!;
    const blog = trace(world, 'external', 'http://blog.example.com/');
    expect(blog.outcome).toBe('delivered');
    expect(blog.reach).toEqual(podsOf(world, 'shop', 'search'));
    expect(blog.hops.find((h) => h.step === 'dns')!.explanation.some((x) => typeof x !== 'string' && x.text === traefikIP)).toBe(true);
    const shopT = trace(world, 'external', 'http://shop.example.com/');
    expect(shopT.hops.find((h) => h.step === 'dns')!.explanation.some((x) => typeof x !== 'string' && x.text === nginxIP)).toBe(true);
    // ingress-nginx does not serve the Traefik Ingress: asking it for that host gets its 404.
    expect(trace(world, podsOf(world, 'shop', 'cart')[0]!, 'http://ingress-nginx-controller.ingress-nginx/').outcome).toBe('http-404');
  });
});

describe('NetworkPolicy between the controller and the backend', () => {
  const base = `${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: storefront-from-shop-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: storefront}}
  ingress: [{from: [{podSelector: {}}]}]
---
`;

  test('a policy that only admits the shop namespace blocks the controller: denied', () => {
    const t = trace(cluster(base), 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('denied');
    expect(t.reach).toEqual([]);
    expect(t.endpoints.every((e) => e.outcome === 'denied')).toBe(true);
  });

  test('admitting the controller\'s namespace lets it through', () => {
    const t = trace(
      cluster(`${base}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: storefront-from-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: storefront}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]
`),
      'external',
      'http://shop.example.com/',
    );
    expect(t.outcome).toBe('delivered');
  });

  test('under flannel the policy is not enforced', () => {
    expect(trace(cluster(base, { ...CLOUD, cni: 'flannel' }), 'external', 'http://shop.example.com/').outcome).toBe('delivered');
  });
});

describe('without a cloud load balancer', () => {
  const yaml = `${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}
    - http: {paths: [{path: /cart, pathType: Prefix, backend: ${backend('cart')}}]}
`;
  const world = cluster(yaml, {});
  const svc = world.services.find((s) => s.name === 'ingress-nginx-controller')!;
  const nodePort = svc.ports.find((p) => p.name === 'http')!.nodePort!;
  const controllerNode = world.pods.find((p) => p.namespace === 'ingress-nginx')!.nodeName;
  const nodeIP = (name: string) => world.nodes.find((n) => n.name === name)!.internalIP;
  const otherNode = world.nodes.find((n) => n.name !== controllerNode)!.name;

  test('the load balancer stays pending, so the host has no public address', () => {
    expect(svc.loadBalancerIP).toBeUndefined();
    const t = trace(world, 'external', 'http://shop.example.com/');
    expect(t.outcome).toBe('dns-failure');
    expect(t.cause).toBe('not-published');
  });

  test('the nodePort on the controller\'s node reaches it; the Host is the node IP', () => {
    const t = trace(world, 'external', `http://${nodeIP(controllerNode)}:${nodePort}/cart`);
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'cart'));
    expect(trace(world, 'external', `http://${nodeIP(controllerNode)}:${nodePort}/`).outcome).toBe('http-404');
  });

  test('externalTrafficPolicy Local: a node without a controller pod drops it', () => {
    const t = trace(world, 'external', `http://${nodeIP(otherNode)}:${nodePort}/cart`);
    expect(t.outcome).toBe('no-endpoints');
    expect(t.cause).toBe('no-local-endpoint');
  });
});

describe('externalTrafficPolicy and the client IP', () => {
  const policy = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: controller-from-office, namespace: ingress-nginx}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
  ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24}}]}]
---
${shop}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
`;

  test('Local keeps the client IP, so an ipBlock for the client admits it', () => {
    expect(trace(cluster(policy), 'external', 'http://shop.example.com/').outcome).toBe('delivered');
  });

  test('Cluster replaces it with the IP of the node it came in on, which the ipBlock does not admit', () => {
    const world = worldFromYaml(`${NGINX.replace('externalTrafficPolicy: Local', 'externalTrafficPolicy: Cluster')}\n---\n${policy}`, {});
    const controllerNode = world.pods.find((p) => p.namespace === 'ingress-nginx')!.nodeName;
    const other = world.nodes.find((n) => n.name !== controllerNode)!;
    const nodePort = world.services.find((s) => s.name === 'ingress-nginx-controller')!.ports.find((p) => p.name === 'http')!.nodePort!;
    const t = trace(world, 'external', `http://${other.internalIP}:${nodePort}/`);
    expect(t.outcome).toBe('denied');
    expect(t.hops.some((h) => h.step === 'ingress')).toBe(false);
  });
});

describe('recognising controllers', () => {
  test('by its labels and a NodePort Service selecting it, without the publish-service flag', () => {
    const world = worldFromYaml(
      `${shop}
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge, namespace: edge}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
    spec: {containers: [{name: c, image: mirror.example.com/edge:1, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: edge, namespace: edge}
spec: {type: NodePort, selector: {app.kubernetes.io/name: ingress-nginx}, ports: [{port: 80, nodePort: 30080}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop, annotations: {kubernetes.io/ingress.class: nginx}}
spec:
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: ${backend('storefront')}}]}}]
`,
      {},
    );
    const t = trace(world, 'external', `http://${world.nodes[0]!.internalIP}:30080/`);
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'shop', 'storefront'));
  });

  test('external-dns: a LoadBalancer Service\'s hostname annotation resolves from outside', () => {
    const world = worldFromYaml(
      `${app('api', 'default')}
apiVersion: v1
kind: Service
metadata: {name: api-public, namespace: default, annotations: {external-dns.alpha.kubernetes.io/hostname: api.example.com}}
spec: {type: LoadBalancer, selector: {app: api}, ports: [{port: 80, targetPort: http}]}
`,
      CLOUD,
    );
    const t = trace(world, 'external', 'http://api.example.com/');
    expect(t.outcome).toBe('delivered');
    expect(t.reach).toEqual(podsOf(world, 'default', 'api'));
  });
});
