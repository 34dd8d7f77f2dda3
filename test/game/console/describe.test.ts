import { describe, expect, test } from 'vitest';
import { runConsoleCommand } from '../../../src/game/index.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';
import { fixedWorld } from './_fixed-world.js';
import { shopWorld } from './_shop-world.js';

const world = fixedWorld();
const run = (line: string) => runConsoleCommand(world, line, { namespace: 'shop' });
const text = (lines: readonly string[]) => lines.join('\n');

describe('kubectl describe', () => {
  test('describe svc: selector, type, IP, ports, endpoints, session affinity', () => {
    expect(run('kubectl describe svc web').output).toBe(
      text([
        'Name:                     web',
        'Namespace:                shop',
        'Labels:                   app=web',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.12.4',
        'IPs:                      10.96.12.4',
        'Port:                     http  80/TCP',
        'TargetPort:               http/TCP',
        'NodePort:                 http  30080/TCP',
        'Endpoints:                192.168.0.5:8080,192.168.0.6:8080,192.168.1.9:8080 + 1 more...',
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
      ]),
    );
  });

  test('describe svc of a ClusterIP Service with no endpoints and an unnamed port', () => {
    expect(run('kubectl describe service headless').output).toBe(
      text([
        'Name:                     headless',
        'Namespace:                shop',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 app=nothing',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       None',
        'IPs:                      None',
        'Port:                     <unset>  5432/TCP',
        'TargetPort:               5432/TCP',
        'Endpoints:                <none>',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
      ]),
    );
  });

  test('describe pod: node, IP, labels, containers with ports', () => {
    const out = run('kubectl describe pod web-1').output;
    expect(out).toContain('Name:             web-1\nNamespace:        shop\n');
    expect(out).toContain('Node:             node-1/10.0.0.11\n');
    expect(out).toContain('Labels:           app=web\n');
    expect(out).toContain('IP:               192.168.0.5\nIPs:\n  IP:  192.168.0.5\nContainers:\n  app:\n    Image:          example/web-1\n    Port:           8080/TCP\n');
    expect(out).toContain('    Ready:          True\n');
  });

  test('describe pod by prefix shows every match, as kubectl does', () => {
    const out = run('kubectl describe po web').output;
    expect(out.match(/^Name: /gm)).toHaveLength(5);
  });

  test('describe endpoints: ready and not-ready addresses, ports', () => {
    expect(run('kubectl describe ep web').output).toBe(
      text([
        'Name:         web',
        'Namespace:    shop',
        'Labels:       app=web',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          192.168.0.5,192.168.0.6,192.168.1.9,192.168.2.7',
        '  NotReadyAddresses:  192.168.1.10',
        '  Ports:',
        '    Name  Port  Protocol',
        '    ----  ----  --------',
        '    http  8080  TCP',
        '',
        'Events:  <none>',
      ]),
    );
  });

  test('describe netpol: in kubectl\'s words', () => {
    const w = worldFromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {matchLabels: {app: api}}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports: [{port: 5432}]
  - {}
  egress: []
`);
    expect(runConsoleCommand(w, 'kubectl describe netpol db -n shop').output).toBe(
      text([
        'Name:         db',
        'Namespace:    shop',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Spec:',
        '  PodSelector:     app=db',
        '  Allowing ingress traffic:',
        '    To Port: 5432/TCP',
        '    From:',
        '      NamespaceSelector: team=a',
        '      PodSelector: app=api',
        '    From:',
        '      IPBlock:',
        '        CIDR: 10.0.0.0/8',
        '        Except: 10.1.0.0/16',
        '    ----------',
        '    To Port: <any> (traffic allowed to all ports)',
        '    From: <any> (traffic not restricted by source)',
        '  Allowing egress traffic:',
        '    <none> (Selected pods are isolated for egress connectivity)',
        '  Policy Types: Ingress, Egress',
      ]),
    );
  });

  test('describe netpol with an empty podSelector', () => {
    const w = worldFromYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: default}
spec: {podSelector: {}}
`);
    const out = runConsoleCommand(w, 'kubectl describe networkpolicy deny').output;
    expect(out).toContain('  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n  Allowing ingress traffic:\n    <none> (Selected pods are isolated for ingress connectivity)\n  Not affecting egress traffic\n  Policy Types: Ingress');
  });

  test('describe node: addresses, pod CIDR, its pods', () => {
    const out = run('kubectl describe node node-2').output;
    expect(out).toContain('Addresses:\n  InternalIP:  10.0.0.12\n  Hostname:    node-2\n');
    expect(out).toMatch(/PodCIDR: +192\.168\.1\.0\/24/);
    expect(out).toMatch(/\n  shop +web-2 /);
  });

  test('describe ingress: rules with backends and their endpoints', () => {
    const out = runConsoleCommand(shopWorld(), 'kubectl describe ing web -n shop').output;
    expect(out).toContain('Ingress Class:    nginx\nDefault backend:  <default>\nRules:\n  Host              Path  Backends\n  ----              ----  --------\n  shop.example.com  \n                    /   web:80 (');
  });

  test.each([
    ['kubectl describe', /You must specify the type of resource to describe/],
    ['kubectl describe svc nope', /^Error from server \(NotFound\): services "nope" not found$/],
    ['kubectl describe ns shop', /describes pods, services/],
    ['kubectl describe foo x', /doesn't have a resource type "foo"/],
  ])('%s fails clearly', (line, message) => {
    const result = run(line);
    expect(result.error).toBe(true);
    expect(result.output).toMatch(message);
  });
});
