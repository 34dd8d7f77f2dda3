import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_TEXT_LENGTH, parseManifests, validateObjects, type Problem } from '../../src/manifests/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/manifests/${name}`, import.meta.url), 'utf8');
const codes = (problems: readonly Problem[]): string[] => problems.map((p) => `${p.code} ${p.line}:${p.col}`);

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;

describe('parseManifests - what a real cluster accepts passes', () => {
  test.each(['kubectl-get-output.yaml', 'kubectl-get-pod.yaml'])('%s (kubectl get -o yaml, status and managedFields included) has no problems', (name) => {
    const { objects, problems } = parseManifests(fixture(name), name);
    expect(problems).toEqual([]);
    expect(validateObjects(objects)).toEqual([]);
    expect(objects.every((o) => o.valid)).toBe(true);
  });

  test('kind: List is expanded into its items, each with its own positions', () => {
    const { objects } = parseManifests(fixture('kubectl-get-output.yaml'), 'list.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['Deployment', 'Service', 'Ingress', 'NetworkPolicy']);
    const svc = objects[1];
    expect(svc?.positionOf(['spec', 'ports', 0, 'targetPort'])).toEqual({ line: 141, col: 19 });
    expect(svc?.file).toBe('list.yaml');
  });

  test('JSON is read as YAML, with positions', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } }, null, 2);
    const { objects, problems } = parseManifests(json, 'ns.json');
    expect(problems).toEqual([]);
    expect(objects[0]?.object.metadata?.name).toBe('shop');
    expect(objects[0]?.positionOf(['metadata', 'labels', 'team'])).toEqual({ line: 7, col: 15 });
  });

  test('CRLF line endings and a BOM change nothing, positions included', () => {
    const crlf = `\uFEFF${service.replace(/\n/gu, '\r\n')}`;
    const plain = parseManifests(service, 'a.yaml');
    const windows = parseManifests(crlf, 'a.yaml');
    expect(windows.problems).toEqual([]);
    expect(windows.objects[0]?.object).toEqual(plain.objects[0]?.object);
    expect(windows.objects[0]?.positionOf(['spec', 'ports', 0, 'port'])).toEqual({ line: 11, col: 11 });
    const bad = parseManifests(crlf.replace('targetPort', 'targetport'), 'a.yaml');
    expect(codes(bad.problems)).toEqual(['UNKNOWN_FIELD 12:5']);
  });

  test('empty documents and comment-only documents are skipped', () => {
    const { objects, problems } = parseManifests(`---\n# nothing here\n---\n${service}---\n\n`, 'a.yaml');
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0]?.line).toBe(4);
  });

  test('objects with problems are returned, marked not valid; other documents still read', () => {
    const text = `${service.replace('port: 80', 'port: 70000')}---\n${service.replace('name: web', 'name: api')}`;
    const { objects, problems } = parseManifests(text, 'a.yaml');
    expect(codes(problems)).toEqual(['INVALID_VALUE 11:11']);
    expect(objects.map((o) => o.valid)).toEqual([false, true]);
  });

  test('null is "unset" anywhere, as kubectl writes it', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  creationTimestamp: null
  labels: null
spec:
  selector: null
  ports:
  - port: 80
    targetPort: null
status:
  loadBalancer: {}
`;
    expect(parseManifests(text, 'a.yaml').problems).toEqual([]);
  });

  test('YAML 1.1 booleans (yes/no/on/off) are booleans, as kubectl reads them', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: yes\n  containers:\n  - name: c\n    image: busybox\n    stdin: on\n`;
    const { objects, problems } = parseManifests(text, 'a.yaml');
    expect(problems).toEqual([]);
    expect((objects[0]?.object['spec'] as { hostNetwork: unknown }).hostNetwork).toBe(true);
  });

  test('resource quantities may be numbers', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    resources:\n      limits:\n        cpu: 1\n        memory: 128Mi\n`;
    expect(parseManifests(text, 'a.yaml').problems).toEqual([]);
  });

  test('anchors, aliases and merge keys (<<) work as kubectl reads them', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: base
  labels: &labels
    app: web
  annotations:
    <<: *labels
    tier: front
data:
  <<: {a: "1", b: "2"}
  b: "3"
`;
    const { objects, problems } = parseManifests(text, 'a.yaml');
    expect(problems).toEqual([]);
    expect(objects[0]?.object['data']).toEqual({ a: '1', b: '3' });
    expect(objects[0]?.object.metadata?.annotations).toEqual({ app: 'web', tier: 'front' });
  });

  test('an alias to an anchor in another document is YAML_SYNTAX', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels: &l {x: z}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels: *l\n`;
    expect(codes(parseManifests(text, 'a.yaml').problems)).toEqual(['YAML_SYNTAX 11:11']);
  });

  test('a __proto__ key is only a key', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  __proto__: "polluted"\n`;
    const { objects } = parseManifests(text, 'a.yaml');
    expect(Object.getPrototypeOf(objects[0]?.object['data'])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseManifests - positions', () => {
  const { objects } = parseManifests(service, 'a.yaml');
  const svc = objects[0];

  test('positionOf - a scalar field gives its value', () => {
    expect(svc?.positionOf(['spec', 'ports', 0, 'targetPort'])).toEqual({ line: 12, col: 17 });
  });
  test('positionOf - a block field gives its key', () => {
    expect(svc?.positionOf(['spec', 'selector'])).toEqual({ line: 7, col: 3 });
  });
  test('positionOf - a list item gives its start', () => {
    expect(svc?.positionOf(['spec', 'ports', 0])).toEqual({ line: 10, col: 5 });
  });
  test('positionOf - a missing field falls back to its nearest existing parent', () => {
    expect(svc?.positionOf(['spec', 'ports', 0, 'nodePort'])).toEqual({ line: 10, col: 5 });
    expect(svc?.positionOf(['spec', 'clusterIP'])).toEqual({ line: 6, col: 1 });
  });
  test('keyPositionOf - the key of a field', () => {
    expect(svc?.keyPositionOf(['spec', 'ports', 0, 'targetPort'])).toEqual({ line: 12, col: 5 });
  });
});

describe('parseManifests - hostile input is refused quickly, never thrown', () => {
  test('an alias bomb is refused in well under a second with ALIAS_LIMIT', () => {
    const start = performance.now();
    const { problems, objects } = parseManifests(fixture('alias-bomb.yaml'), 'bomb.yaml');
    expect(performance.now() - start).toBeLessThan(200);
    expect(problems.map((p) => p.code)).toEqual(['ALIAS_LIMIT']);
    expect(objects).toEqual([]);
  });

  test('deeply nested flow collections are refused quickly with TOO_DEEP', () => {
    const text = `a: ${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`;
    const start = performance.now();
    const { problems } = parseManifests(text, 'deep.yaml');
    expect(performance.now() - start).toBeLessThan(500);
    expect(codes(problems)).toEqual(['TOO_DEEP 1:104']);
  });

  test('deep block nesting past the limit is TOO_DEEP', () => {
    let text = '';
    for (let i = 0; i < 150; i++) text += `${' '.repeat(i)}a:\n`;
    expect(parseManifests(text, 'deep.yaml').problems.map((p) => p.code)).toEqual(['TOO_DEEP']);
  });

  test('text over the limit is refused before parsing with TOO_LARGE', () => {
    const text = 'a: b\n'.repeat(Math.ceil((MAX_TEXT_LENGTH + 1) / 5));
    const start = performance.now();
    expect(parseManifests(text, 'big.yaml').problems.map((p) => p.code)).toEqual(['TOO_LARGE']);
    expect(performance.now() - start).toBeLessThan(200);
  });

  test('a document that is not a mapping is NOT_AN_OBJECT', () => {
    expect(codes(parseManifests('just a string\n', 'a.yaml').problems)).toEqual(['NOT_AN_OBJECT 1:1']);
  });

  test('any text at all gives problems, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseManifests(text, 'fuzz.yaml');
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('mutations of a real manifest never throw', () => {
    const base = fixture('kubectl-get-output.yaml');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.string({ maxLength: 5 }), (at, insert) => {
        const result = parseManifests(base.slice(0, at) + insert + base.slice(at + 1), 'fuzz.yaml');
        expect(Array.isArray(result.problems)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('validateObjects - settings', () => {
  const nodePort = (port: number): string =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: ${port}\n`;

  test('the NodePort range comes from the cluster settings', () => {
    const { objects } = parseManifests(nodePort(31000), 'a.yaml');
    expect(validateObjects(objects)).toEqual([]);
    expect(codes(validateObjects(objects, { nodePortRange: { min: 30000, max: 30999 } }))).toEqual(['INVALID_VALUE 9:15']);
  });

  test('the service CIDR comes from the cluster settings', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: 10.0.0.20\n  ports:\n  - port: 80\n`;
    const { objects } = parseManifests(text, 'a.yaml');
    expect(codes(validateObjects(objects))).toEqual(['INVALID_VALUE 6:14']);
    expect(validateObjects(objects, { serviceCidr: '10.0.0.0/16' })).toEqual([]);
  });

  test('the same name in two namespaces is not a duplicate', () => {
    const text = `${service}---\n${service.replace('namespace: shop', 'namespace: blog')}`;
    const { objects } = parseManifests(text, 'a.yaml');
    expect(validateObjects(objects)).toEqual([]);
  });

  test('a duplicate across two files names the first file', () => {
    const a = parseManifests(service, 'a.yaml').objects;
    const b = parseManifests(service, 'b.yaml').objects;
    const problems = validateObjects([...a, ...b]);
    expect(problems.map((p) => `${p.code} ${p.file}:${p.line}:${p.col}`)).toEqual(['DUPLICATE_OBJECT b.yaml:4:9']);
    expect(problems[0]?.message).toContain('a.yaml:4:9');
  });

  test('kube-system/kube-dns may have 10.96.0.10', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: kube-dns\n  namespace: kube-system\nspec:\n  clusterIP: 10.96.0.10\n  ports:\n  - name: dns\n    port: 53\n    protocol: UDP\n`;
    expect(validateObjects(parseManifests(text, 'a.yaml').objects)).toEqual([]);
  });
});
