/**
 * Worlds for NetworkPolicy tests, built the way the CLI builds them: objects
 * through the lead's `buildWorld`, so defaults (kubernetes.io/metadata.name,
 * CoreDNS in kube-system, three nodes) are the real ones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { CniName, KubeObject, Pod, Protocol, World } from '../../src/sim/model.js';
import { buildWorld } from '../../src/sim/world.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Every document of a YAML text, as plain objects. */
export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((obj): obj is KubeObject => obj !== null && typeof obj === 'object');
}

/** The objects of a fixture file under test/fixtures/ (e.g. `clusters/x-y-z.yaml`). */
export function loadFixture(relative: string): KubeObject[] {
  return parseObjects(readFileSync(`${FIXTURES}${relative}`, 'utf8'));
}

/** One NetworkPolicy from YAML, as a user writes it. */
export function policy(text: string): NetworkPolicy {
  const [obj] = parseObjects(text);
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...(obj as object) } as NetworkPolicy;
}

export type PortInput = number | `${number}/${Protocol}` | { readonly name?: string; readonly port: number; readonly protocol?: Protocol };

export type PodInput = {
  /** `ns/name`. */
  readonly id: string;
  readonly labels?: Record<string, string>;
  readonly ip?: string;
  readonly node?: string;
  readonly hostNetwork?: boolean;
  readonly ports?: readonly PortInput[];
};

export type WorldInput = {
  /** Namespace labels (kubernetes.io/metadata.name is added by buildWorld). */
  readonly namespaces?: Record<string, Record<string, string>>;
  readonly pods?: readonly PodInput[];
  readonly policies?: readonly NetworkPolicy[];
  readonly cni?: CniName;
  readonly objects?: readonly KubeObject[];
};

function containerPort(input: PortInput) {
  if (typeof input === 'number') return { containerPort: input, protocol: 'TCP' };
  if (typeof input === 'string') {
    const [port, protocol] = input.split('/');
    return { containerPort: Number(port), protocol };
  }
  return { ...(input.name ? { name: input.name } : {}), containerPort: input.port, protocol: input.protocol ?? 'TCP' };
}

export function podObject(input: PodInput): KubeObject {
  const [namespace, name] = input.id.split('/') as [string, string];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: input.labels ?? {} },
    spec: {
      ...(input.node ? { nodeName: input.node } : {}),
      ...(input.hostNetwork ? { hostNetwork: true } : {}),
      containers: [{ name: 'main', image: 'registry.k8s.io/e2e-test-images/agnhost:2.47', ports: (input.ports ?? []).map(containerPort) }],
    },
    ...(input.ip ? { status: { podIP: input.ip } } : {}),
  };
}

export function makeWorld(input: WorldInput): World {
  const objects: KubeObject[] = [
    ...Object.entries(input.namespaces ?? {}).map(([name, labels]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })),
    ...(input.pods ?? []).map(podObject),
    ...((input.policies ?? []) as KubeObject[]),
    ...(input.objects ?? []),
  ];
  return buildWorld(objects, input.cni ? { cni: input.cni } : {});
}

/** The pod `ns/name` of a world; fails the test when it is missing. */
export function podOf(world: World, id: string): Pod {
  const pod = world.pods.find((p) => `${p.namespace}/${p.name}` === id);
  if (!pod) throw new Error(`test world has no pod ${id}`);
  return pod;
}
