/**
 * The DefaultIngressClass admission plugin with more than one class marked
 * default: it picks the newest (creationTimestamp), and at equal timestamps
 * the lowest name; it does not refuse the Ingress (upstream e2e, network/
 * ingressclass.go: "should choose the one with the later CreationTimestamp,
 * if equal the one with the lower name when two ingressClasses are marked as
 * default").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { traceProbe, type World } from '../../../src/sim/index.js';
import { FIXTURES } from '../../helpers/world.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';

const NGINX = readFileSync(`${FIXTURES}ingress/ingress-nginx.yaml`, 'utf8');

const otherDefault = (name: string, created?: string) => `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: ${name}
  ${created ? `creationTimestamp: "${created}"` : ''}
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec: {controller: example.com/other}
---
`;

const shop = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: example/web, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
`;

function outcome(world: World): string {
  const t = traceProbe(world, 'external', 'http://shop.example.com/');
  if (!t.ok) throw new Error(t.error);
  return t.value.outcome;
}

const world = (extra: string, nginxCreated?: string) =>
  worldFromYaml(
    `${nginxCreated ? NGINX.replace('  name: nginx\n', `  name: nginx\n  creationTimestamp: "${nginxCreated}"\n`) : NGINX}\n---\n${extra}${shop}`,
    { cloudLoadBalancer: true },
  );

describe('several IngressClasses marked default', () => {
  test('the newest one is the Ingress\'s class', () => {
    expect(outcome(world(otherDefault('other', '2024-06-01T00:00:00Z'), '2024-01-01T00:00:00Z'))).not.toBe('delivered');
    expect(outcome(world(otherDefault('other', '2024-01-01T00:00:00Z'), '2024-06-01T00:00:00Z'))).toBe('delivered');
  });

  test('at equal timestamps, the lowest name', () => {
    expect(outcome(world(otherDefault('aaa', '2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z'))).not.toBe('delivered');
    expect(outcome(world(otherDefault('zzz', '2024-01-01T00:00:00Z'), '2024-01-01T00:00:00Z'))).toBe('delivered');
  });
});
