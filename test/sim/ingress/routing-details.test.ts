/**
 * Details of ingress-nginx routing that upstream tests pin down:
 * - Ingresses created in the same second are ordered by `namespace/name`
 *   descending, compared byte by byte (store.sortIngressSlice), so on a
 *   conflicting path the greater name wins;
 * - `force-ssl-redirect: "true"` redirects plain HTTP with 308 even without TLS;
 * - a backend port number may equal the Service port's targetPort
 *   (controller.serviceEndpoints);
 * - Prefix `/foo/` matches `/foo` (the API's path table: trailing slash ignored);
 * - the Host header is matched case-insensitively, without its port.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { traceProbe, type Trace, type World } from '../../../src/sim/index.js';
import { FIXTURES } from '../../helpers/world.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';

const NGINX = readFileSync(`${FIXTURES}ingress/ingress-nginx.yaml`, 'utf8');

const app = (name: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: example/${name}, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {selector: {app: ${name}}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
`;

const world = (yaml: string): World => worldFromYaml(`${NGINX}\n---\n${app('blue')}${app('green')}${yaml}`, { cloudLoadBalancer: true });

function trace(w: World, to: string): Trace {
  const t = traceProbe(w, 'external', to);
  if (!t.ok) throw new Error(t.error);
  return t.value;
}

const ingress = (name: string, path: string, service: string, extra = '', port = 'number: 80', pathType = 'Prefix') => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop, creationTimestamp: "2024-05-01T00:00:00Z"${extra}}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: ${path}, pathType: ${pathType}, backend: {service: {name: ${service}, port: {${port}}}}}]}}]
---
`;

const app1 = (t: Trace) => t.reach.map((p) => p.split('/')[1]!.replace(/-.*/u, ''));

describe('ingress-nginx routing details', () => {
  test('same creationTimestamp: the greater namespace/name keeps a conflicting path', () => {
    const w = world(`${ingress('shop-a', '/', 'blue')}${ingress('shop-b', '/', 'green')}`);
    expect(app1(trace(w, 'http://shop.example.com/'))).toEqual(['green']);
    const w2 = world(`${ingress('shop-b', '/', 'green')}${ingress('shop-a', '/', 'blue')}`);
    expect(app1(trace(w2, 'http://shop.example.com/'))).toEqual(['green']);
  });

  test('force-ssl-redirect redirects plain HTTP without any TLS section', () => {
    const w = world(ingress('shop', '/', 'blue', ', annotations: {nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}'));
    const t = trace(w, 'http://shop.example.com/a/');
    expect(t.outcome).toBe('http-redirect');
    expect(t.location).toBe('https://shop.example.com/a');
    expect(trace(w, 'https://shop.example.com/a/').outcome).toBe('delivered');
  });

  test('a backend port number may name the Service port\'s targetPort', () => {
    const w = world(ingress('shop', '/', 'blue', '', 'number: 8080'));
    expect(app1(trace(w, 'http://shop.example.com/'))).toEqual(['blue']);
    expect(trace(world(ingress('shop', '/', 'blue', '', 'number: 81')), 'http://shop.example.com/').outcome).toBe('http-503');
  });

  test('Prefix /foo/ matches /foo, /foo/ and /foo/bar, not /foobar', () => {
    const w = world(ingress('shop', '/foo/', 'blue'));
    for (const p of ['/foo', '/foo/', '/foo/bar']) expect(trace(w, `http://shop.example.com${p}`).outcome).toBe('delivered');
    expect(trace(w, 'http://shop.example.com/foobar').outcome).toBe('http-404');
  });

  test('ImplementationSpecific is a prefix for ingress-nginx, element-wise', () => {
    const w = world(ingress('shop', '/foo', 'blue', '', 'number: 80', 'ImplementationSpecific'));
    expect(trace(w, 'http://shop.example.com/foo/bar').outcome).toBe('delivered');
    expect(trace(w, 'http://shop.example.com/foobar').outcome).toBe('http-404');
  });

  test('the Host is matched case-insensitively and without its port', () => {
    const w = world(ingress('shop', '/', 'blue'));
    expect(trace(w, 'http://SHOP.example.com/').outcome).toBe('delivered');
  });
});
