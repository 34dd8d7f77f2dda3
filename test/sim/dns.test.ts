import { describe, expect, test } from 'vitest';
import { candidateNames, lookupFqdn, lookupSrv, resolveFromPod } from '../../src/sim/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

describe('candidateNames - the resolv.conf of a ClusterFirst pod', () => {
  test('a short name tries the search path first, then itself', () => {
    expect(candidateNames('web', 'shop', 'cluster.local')).toEqual([
      'web.shop.svc.cluster.local',
      'web.svc.cluster.local',
      'web.cluster.local',
      'web',
    ]);
  });

  test('a name with five dots (ndots:5) is tried as given first', () => {
    expect(candidateNames('a.b.c.d.e.f', 'shop', 'cluster.local')[0]).toBe('a.b.c.d.e.f');
  });

  test('a name ending in a dot is absolute: no search path', () => {
    expect(candidateNames('web.shop.svc.cluster.local.', 'shop', 'cluster.local')).toEqual(['web.shop.svc.cluster.local']);
  });
});

describe('records', () => {
  const world = worldFromYaml(`
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {selector: {app: api}, ports: [{name: http, port: 80, targetPort: 8080}, {name: grpc, port: 9000}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}, {containerPort: 9000}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres, ports: [{containerPort: 5432}]}]}
`);

  test('a Service name answers with its ClusterIP', () => {
    const api = world.services.find((s) => s.name === 'api')!;
    const answer = lookupFqdn(world, 'api.shop.svc.cluster.local');
    expect(answer).toMatchObject({ kind: 'address', ips: [api.clusterIP], headless: false });
  });

  test('a headless Service name answers with the ready pods\' IPs', () => {
    const ips = world.pods.filter((p) => p.name.startsWith('db-')).map((p) => p.ip).sort();
    expect(lookupFqdn(world, 'db.shop.svc.cluster.local')).toMatchObject({ kind: 'address', ips, headless: true });
  });

  test('a pod A record is its IP with dashes', () => {
    expect(lookupFqdn(world, '10-1-2-3.shop.pod.cluster.local')).toMatchObject({ kind: 'address', ips: ['10.1.2.3'] });
  });

  test('names are case-insensitive', () => {
    expect(resolveFromPod(world, 'API.Shop', 'default').answer.kind).toBe('address');
  });

  test('an unknown Service is NXDOMAIN, and says which Service is missing', () => {
    expect(lookupFqdn(world, 'cart.shop.svc.cluster.local')).toMatchObject({ kind: 'nxdomain', why: { code: 'no-such-service', service: 'cart' } });
  });

  test('SRV records exist for named ports, pointing at the Service name and port', () => {
    expect(lookupSrv(world, '_grpc._tcp.api.shop.svc.cluster.local')).toEqual([{ target: 'api.shop.svc.cluster.local', port: 9000 }]);
    expect(lookupSrv(world, '_grpc._udp.api.shop.svc.cluster.local')).toEqual([]);
  });

  test('SRV records of a headless Service name each pod', () => {
    expect(lookupSrv(world, '_pg._tcp.db.shop.svc.cluster.local').map((r) => r.target).sort()).toEqual([
      'db-0.db.shop.svc.cluster.local',
      'db-1.db.shop.svc.cluster.local',
    ]);
  });

  test('the cluster domain is a setting', () => {
    const other = worldFromYaml('apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n', { clusterDomain: 'corp.internal' });
    expect(resolveFromPod(other, 'web', 'default').answer).toMatchObject({ kind: 'address', fqdn: 'web.default.svc.corp.internal' });
  });
});

describe('resolveFromPod - the NXDOMAIN that explains', () => {
  const world = worldFromYaml(`
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`);

  test('svc.ns from inside ns names the missing Service, not a made-up one', () => {
    const { answer } = resolveFromPod(world, 'inventory.shop', 'shop');
    expect(answer).toMatchObject({ kind: 'nxdomain', why: { code: 'no-such-service', namespace: 'shop', service: 'inventory' } });
  });

  test('a short name names the Service missing in the pod\'s own namespace', () => {
    expect(resolveFromPod(world, 'cart', 'shop').answer).toMatchObject({ why: { code: 'no-such-service', namespace: 'shop', service: 'cart' } });
  });
});
