/**
 * Whatever a learner pastes, the pipeline answers with data, never a throw:
 * YAML text -> parseManifests -> validateObjects -> buildWorld -> traceProbe,
 * and gradeLevel over the fixture pack. Every outcome is in the vocabulary,
 * and the same input always gives the same output.
 *
 * Seeds are fixed so a failure is reproducible; runs are kept small so the
 * file takes a few seconds.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { gradeLevel, loadPack, allLevels, type Level } from '../../src/game/index.js';
import { parseManifests, validateObjects, type SourcedObject } from '../../src/manifests/index.js';
import { buildMatrix, buildWorld, OUTCOMES, traceProbe, type KubeObject, type World } from '../../src/sim/index.js';

const SEED = 20260610;
const PACK_DIR = new URL('../fixtures/levels', import.meta.url).pathname;
const FIXTURE_LEVELS: readonly Level[] = (() => {
  const loaded = loadPack(PACK_DIR);
  if (!loaded.pack) throw new Error('the fixture pack does not load');
  return allLevels(loaded.pack);
})();
const REAL_MANIFEST = readFileSync(new URL('../fixtures/manifests/kubectl-get-output.yaml', import.meta.url), 'utf8');

/** Pieces of YAML (and of things that break YAML), glued at random. */
const yamlToken = fc.constantFrom(
  'apiVersion: v1\n',
  'apiVersion: networking.k8s.io/v1\n',
  'apiVersion: apps/v1\n',
  'kind: Service\n',
  'kind: Pod\n',
  'kind: NetworkPolicy\n',
  'kind: Ingress\n',
  'kind: Deployment\n',
  'kind: List\n',
  'kind: Sеrvice\n',
  'metadata:\n',
  '  name: web\n',
  '  namespace: shop\n',
  '  labels: {app: web}\n',
  'spec:\n',
  '  selector: {app: web}\n',
  '  podSelector: {}\n',
  '  ports:\n',
  '  - port: 80\n',
  '    targetPort: http\n',
  '    nodePort: 30080\n',
  '  type: NodePort\n',
  '  clusterIP: None\n',
  '  policyTypes: [Ingress, Egress]\n',
  '  ingress:\n',
  '  - from: [{podSelector: {}}]\n',
  'items:\n',
  '- ',
  '---\n',
  '...\n',
  '&a ',
  '*a',
  '<<: *a\n',
  '!!js/function ',
  '!<tag:yaml.org,2002:js/undefined> ',
  '!!binary ',
  '!!timestamp ',
  '"\\x1b[2J"',
  '\u001b[31m',
  '\t',
  '\r\n',
  '\uFEFF',
  '：',
  '[',
  ']',
  '{',
  '}',
  ': ',
  '? ',
  '|\n',
  '>-\n',
  '# comment\n',
  '%YAML 1.2\n',
  '__proto__: {polluted: true}\n',
  'constructor: {prototype: {x: 1}}\n',
  '  ',
  '\n',
  'null',
  '~',
  '0x1F',
  '1e400',
  '-.inf',
  '.nan',
  'yes',
  '12345678901234567890',
);
const yamlText = fc.array(fc.oneof({ weight: 4, arbitrary: yamlToken }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), { maxLength: 40 }).map((parts) => parts.join(''));

/** A real manifest with a few bytes changed. */
const mutatedManifest = fc
  .array(fc.tuple(fc.integer({ min: 0, max: REAL_MANIFEST.length - 1 }), fc.integer({ min: 0, max: 6 }), fc.oneof(yamlToken, fc.string({ unit: 'binary', maxLength: 4 }))), {
    minLength: 1,
    maxLength: 4,
  })
  .map((edits) => edits.reduce((text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut), REAL_MANIFEST));

// ---- Kubernetes-shaped objects: the right skeleton, values from the edge of what is allowed ----

const NAMESPACES = ['default', 'shop', 'blog'];
const weirdString = fc.oneof(
  fc.constantFrom('web', 'api', 'db', '', 'WEB', '-x', 'a'.repeat(80), 'we\u001b[2Jb', 'сервис', '../etc', '*', 'http', 'dns', 'None', '0'),
  fc.string({ maxLength: 8 }),
);
const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('web', 'api', 'db', 'client', 'admin') }, { weight: 1, arbitrary: weirdString });
const namespace = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NAMESPACES) }, { weight: 1, arbitrary: weirdString }, { weight: 1, arbitrary: fc.constant(undefined) });
const anyScalar = fc.oneof(weirdString, fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.constant(null), fc.double({ noNaN: false }));
const labels = fc.oneof(
  fc.dictionary(fc.constantFrom('app', 'tier', 'team', 'kubernetes.io/metadata.name'), fc.constantFrom('web', 'api', 'db', 'shop', 'a'), { maxKeys: 3 }),
  fc.dictionary(weirdString, anyScalar, { maxKeys: 2 }),
  anyScalar,
);
const portValue = fc.oneof(fc.constantFrom(80, 8080, 53, 443, 0, -1, 65536, 99999), fc.constantFrom('http', 'dns', 'web', '80', 'HTTP'), anyScalar);
const protocol = fc.oneof(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp', 'ICMP'), anyScalar);
const selector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: labels }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({ key: fc.constantFrom('app', 'tier', ''), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt'), values: fc.oneof(fc.array(weirdString, { maxLength: 2 }), anyScalar) }),
      { maxLength: 2 },
    ),
  }),
  anyScalar,
);
const meta = fc.record({ name, namespace, labels }, { requiredKeys: ['name'] });
const containerPort = fc.record({ name: weirdString, containerPort: portValue, protocol }, { requiredKeys: ['containerPort'] });
const podSpec = fc.record(
  {
    nodeName: fc.constantFrom('node-1', 'node-2', 'nowhere'),
    hostNetwork: fc.boolean(),
    containers: fc.array(fc.record({ name: weirdString, image: fc.constant('nginx'), ports: fc.array(containerPort, { maxLength: 3 }) }), { maxLength: 2 }),
  },
  { requiredKeys: ['containers'] },
);
const servicePort = fc.record({ name: weirdString, port: portValue, targetPort: portValue, nodePort: portValue, protocol }, { requiredKeys: ['port'] });
const peer = fc.record({ podSelector: selector, namespaceSelector: selector, ipBlock: fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '192.168.1.1/33', 'x'), except: fc.array(fc.constantFrom('10.1.0.0/16', 'bad'), { maxLength: 2 }) }) }, { requiredKeys: [] });
const npPort = fc.record({ port: portValue, endPort: portValue, protocol }, { requiredKeys: [] });
const rule = (dir: 'from' | 'to') => fc.record({ [dir]: fc.array(peer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) }, { requiredKeys: [] });

const k8sObject: fc.Arbitrary<KubeObject> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: fc.record({ name, labels }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: meta, spec: podSpec, status: fc.record({ podIP: fc.constantFrom('192.168.1.5', '10.96.0.10', 'x', '') }, { requiredKeys: [] }) }, { requiredKeys: ['apiVersion', 'kind', 'metadata', 'spec'] }),
  fc.record({
    apiVersion: fc.constant('apps/v1'),
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
    metadata: meta,
    spec: fc.record({ replicas: fc.oneof(fc.integer({ min: -1, max: 5 }), anyScalar), selector, template: fc.record({ metadata: fc.record({ labels }), spec: podSpec }) }, { requiredKeys: ['template'] }),
  }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: meta,
    spec: fc.record(
      {
        type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Weird'),
        clusterIP: fc.constantFrom('None', '10.96.0.20', '10.96.0.10', '1.2.3.4', 'x'),
        externalName: fc.constantFrom('example.com', 'web.shop.svc.cluster.local', ''),
        selector: labels,
        ports: fc.oneof(fc.array(servicePort, { maxLength: 3 }), anyScalar),
        sessionAffinity: fc.constantFrom('ClientIP', 'None', 'x'),
        externalTrafficPolicy: fc.constantFrom('Local', 'Cluster'),
        publishNotReadyAddresses: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    apiVersion: fc.constant('networking.k8s.io/v1'),
    kind: fc.constant('NetworkPolicy'),
    metadata: meta,
    spec: fc.record(
      { podSelector: selector, policyTypes: fc.array(fc.constantFrom('Ingress', 'Egress', 'Both'), { maxLength: 2 }), ingress: fc.array(rule('from'), { maxLength: 2 }), egress: fc.array(rule('to'), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    apiVersion: fc.constant('networking.k8s.io/v1'),
    kind: fc.constant('Ingress'),
    metadata: meta,
    spec: fc.record(
      {
        ingressClassName: fc.constantFrom('nginx', 'traefik', ''),
        defaultBackend: fc.record({ service: fc.record({ name, port: fc.record({ number: portValue, name: weirdString }, { requiredKeys: [] }) }) }),
        rules: fc.array(
          fc.record(
            {
              host: fc.constantFrom('shop.example.com', '*.example.com', '*', ''),
              http: fc.record({ paths: fc.array(fc.record({ path: fc.constantFrom('/', '/api', 'x', ''), pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific', 'Bad'), backend: fc.record({ service: fc.record({ name, port: fc.record({ number: portValue }) }) }) }), { maxLength: 2 }) }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    apiVersion: fc.constant('discovery.k8s.io/v1'),
    kind: fc.constant('EndpointSlice'),
    metadata: fc.record({ name, namespace, labels: fc.record({ 'kubernetes.io/service-name': name }) }),
    addressType: fc.constantFrom('IPv4', 'IPv6', 'FQDN'),
    endpoints: fc.array(fc.record({ addresses: fc.array(fc.constantFrom('192.168.1.5', '10.0.0.1', 'x'), { maxLength: 2 }), conditions: fc.record({ ready: fc.boolean() }) }), { maxLength: 2 }),
    ports: fc.array(fc.record({ name: weirdString, port: portValue, protocol }), { maxLength: 2 }),
  }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Node'), metadata: fc.record({ name, labels }), spec: fc.record({ podCIDR: fc.constantFrom('192.168.5.0/24', '10.244.0.0/16', 'x') }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('List'), items: fc.array(fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: fc.record({ name }) }), { maxLength: 2 }) }),
) as fc.Arbitrary<KubeObject>;

const SOURCES = ['shop/client', 'shop/web', 'default/web', 'blog/api', 'external', 'node/node-1', 'kube-system/nope', 'nonsense'];
const TARGETS = [
  'http://web.shop/',
  'http://web/',
  'tcp://web.shop:80',
  'udp://kube-dns.kube-system:53',
  'shop/web:8080',
  'http://shop.example.com/api',
  'tcp://10.96.0.20:80',
  'http://10.0.0.11:30080/',
  'https://example.com/',
  'tcp://localhost:8080',
  'gopher://x',
];

/** Everything the pipeline gives for a text, as plain data. */
function runPipeline(text: string): unknown {
  const parsed = parseManifests(text, 'fuzz.yaml');
  const cross = validateObjects(parsed.objects);
  const world = buildWorld(parsed.objects.filter((o) => o.valid).map((o) => o.object));
  const traces = traceAll(world);
  return { problems: [...parsed.problems, ...cross], objects: parsed.objects.map(plainObject), traces };
}

function plainObject(o: SourcedObject): unknown {
  return { object: o.object, file: o.file, line: o.line, col: o.col, valid: o.valid };
}

function traceAll(world: World): unknown[] {
  const out: unknown[] = [];
  for (const from of SOURCES) {
    for (const to of TARGETS) {
      const result = traceProbe(world, from, to);
      if (result.ok) expect(OUTCOMES).toContain(result.value.outcome);
      else expect(typeof result.error).toBe('string');
      out.push(result);
    }
  }
  return out;
}

function gradeAll(text: string): unknown[] {
  return FIXTURE_LEVELS.map((level) => {
    const report = gradeLevel(level, { text, file: 'submission.yaml' });
    for (const goal of report.goals) {
      for (const p of goal.probes) if (p.trace) expect(OUTCOMES).toContain(p.trace.outcome);
    }
    expect(report.score).toBeLessThanOrEqual(report.maxScore);
    return report;
  });
}

describe('arbitrary YAML text', () => {
  test('never throws from parse, validate, buildWorld or trace; the same text gives the same answer', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const first = runPipeline(text);
        expect(runPipeline(text)).toEqual(first);
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  test('a real manifest with a few bytes changed never throws anywhere', () => {
    fc.assert(
      fc.property(mutatedManifest, (text) => {
        const first = runPipeline(text);
        expect(runPipeline(text)).toEqual(first);
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  test('as a submission to every fixture level: graded, never thrown, outcomes in the vocabulary, deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(yamlText, mutatedManifest), (text) => {
        const first = gradeAll(text);
        expect(gradeAll(text)).toEqual(first);
      }),
      { numRuns: 25, seed: SEED },
    );
  });

  test('a YAML tag is read as data, never run', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: !!js/function "function () { globalThis.pwned = 1 }"\n  b: !<tag:yaml.org,2002:js/undefined> ""\n';
    const parsed = parseManifests(text, 'tags.yaml');
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    for (const o of parsed.objects) {
      const data = (o.object as { data?: Record<string, unknown> }).data ?? {};
      for (const v of Object.values(data)) expect(typeof v === 'function').toBe(false);
    }
  });

  test('__proto__ and constructor keys pollute nothing', () => {
    const text = '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    __proto__: {polluted: "yes"}\n';
    const first = runPipeline(text);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(runPipeline(text)).toEqual(first);
  });
});

describe('arbitrary Kubernetes-shaped objects', () => {
  const objects = fc.array(k8sObject, { maxLength: 8 });

  test('written as YAML: never throw, problems are data with positions, deterministic', () => {
    fc.assert(
      fc.property(objects, (objs) => {
        const text = objs.map((o) => stringify(o)).join('---\n');
        const first = runPipeline(text) as { problems: { line: number; col: number; message: string }[] };
        for (const p of first.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(typeof p.message).toBe('string');
        }
        expect(runPipeline(text)).toEqual(first);
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  test('straight into buildWorld, unvalidated: the simulator reads them leniently and never throws', () => {
    fc.assert(
      fc.property(objects, (objs) => {
        const world = buildWorld(objs);
        const first = traceAll(world);
        expect(traceAll(buildWorld(objs))).toEqual(first);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  test('found that way: matchExpressions values that are not a list match nothing instead of throwing', () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'shop' },
      spec: { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: 'web' }] }, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: 7 }] } }] }] },
    } as unknown as KubeObject;
    const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', labels: { app: name } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } });
    const world = buildWorld([pod('web'), pod('client'), policy]);
    expect(() => buildMatrix(world)).not.toThrow();
    const trace = traceProbe(world, 'shop/client', 'shop/web:80');
    expect(trace.ok && trace.value.outcome).toBe('delivered');
  });

  test('the valid ones, as a submission to every fixture level: graded, never thrown', () => {
    fc.assert(
      fc.property(objects, (objs) => {
        const text = objs.map((o) => stringify(o)).join('---\n');
        const first = gradeAll(text);
        expect(gradeAll(text)).toEqual(first);
      }),
      { numRuns: 25, seed: SEED },
    );
  });
});
