/**
 * Inputs that are valid YAML, even valid Kubernetes, but would make the
 * simulator work without bound: refused with a clear message, and the
 * simulator stops at its own limit whatever it is given.
 */
import { describe, expect, test } from 'vitest';
import { MAX_REPLICAS, parseManifests, validateObjects } from '../../src/manifests/index.js';
import { buildWorld, MAX_PODS, traceProbe, type KubeObject } from '../../src/sim/index.js';
import { runCli } from '../helpers/run-cli.js';
import { withFiles } from './helpers.js';

const deployment = (name: string, replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          ports: [{containerPort: 80}]
`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';

describe('pods without bound', () => {
  test(`replicas above ${MAX_REPLICAS} is refused at the field, quickly`, () => {
    const started = Date.now();
    const { objects, problems } = parseManifests(deployment('web', 2_000_000_000), 'big.yaml');
    expect(problems.map((p) => `${p.code} ${p.line}:${p.col} ${p.message}`)).toEqual([
      `TOO_LARGE 6:13 replicas is 2000000000; kubequest simulates at most ${MAX_REPLICAS} pods per Deployment`,
    ]);
    expect(objects[0]?.valid).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test(`more than ${MAX_PODS} pods in all is refused at the object that goes over`, () => {
    const text = Array.from({ length: 6 }, (_, i) => deployment(`web${i}`, 1000)).join('---\n');
    const { objects, problems } = parseManifests(text, 'many.yaml');
    expect(problems).toEqual([]);
    const cross = validateObjects(objects);
    const sixthReplicas = text.split('\n').reduce<number[]>((at, line, i) => (line.startsWith('  replicas:') ? [...at, i + 1] : at), [])[5];
    expect(cross.map((p) => `${p.code} ${p.line}:${p.col}`)).toEqual([`TOO_LARGE ${sixthReplicas}:13`]);
    expect(cross[0]?.message).toContain(`more than ${MAX_PODS} pods (Deployment default/web5 goes over)`);
  });

  test('the simulator stops at MAX_PODS whatever it is given, and keeps the cluster DNS', () => {
    const objects: KubeObject[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2e9, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } } },
      ...Array.from({ length: 2000 }, (_, i): KubeObject => ({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: `db${i}` },
        spec: { replicas: 1e9, template: { spec: { containers: [] } } },
      })),
      ...Array.from({ length: 300 }, (_, i): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n${i}` } })),
      ...Array.from({ length: 300 }, (_, i): KubeObject => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: `ds${i}` }, spec: { template: { spec: { containers: [] } } } })),
    ];
    const started = Date.now();
    const world = buildWorld(objects);
    expect(world.pods.filter((p) => p.namespace !== 'kube-system')).toHaveLength(MAX_PODS);
    expect(world.pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')).toBe(true);
    const client = world.pods.find((p) => p.namespace === 'default')!;
    const trace = traceProbe(world, `default/${client.name}`, 'udp://kube-dns.kube-system:53');
    expect(trace.ok && trace.value.outcome).toBe('delivered');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('trace and check refuse replicas: 2000000000 in well under a second, exit 2 / 1', async () => {
    await withFiles({ 'big.yaml': `${deployment('web', 2_000_000_000)}---\n${service}` }, async (dir) => {
      const started = Date.now();
      const trace = await runCli(['trace', '-f', 'big.yaml', '--from', 'external', '--to', 'http://web/'], { cwd: dir });
      expect(trace.code).toBe(2);
      expect(trace.stderr).toContain(`big.yaml:6:13: replicas is 2000000000; kubequest simulates at most ${MAX_REPLICAS} pods per Deployment`);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });

  test('thousands of problems in one file are sorted in linear time', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 30080}]\n`).join('---\n');
    const { objects } = parseManifests(text, 'ports.yaml');
    const started = Date.now();
    const problems = validateObjects(objects);
    expect(problems).toHaveLength(19999);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
