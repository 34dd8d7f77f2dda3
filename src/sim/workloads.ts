/**
 * Workload controllers, reduced to what networking sees: which pods exist,
 * with which names, labels, containers and readiness. Deployments make a
 * ReplicaSet `<name>-<pod-template-hash>` whose pods are `<rs>-<suffix>`;
 * StatefulSets make `<name>-0`, `<name>-1`, ... with a stable hostname under
 * their governing Service; DaemonSets make one pod per (matching) node.
 */
import type { Container, ContainerPort, DnsPolicy, KubeObject, Labels, ObjectRef, Pod, PodDnsConfig, PodPhase, Protocol } from './model.js';
import { podSuffix, podTemplateHash } from './names.js';

/** A pod before scheduling and addressing: what its owner asked for. */
export type PodRequest = {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly containers: readonly Container[];
  readonly hostNetwork: boolean;
  readonly ready: boolean;
  readonly phase: PodPhase;
  readonly terminating: boolean;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig?: PodDnsConfig;
  readonly hostAliases?: Pod['hostAliases'];
  /** A Pending pod whose status gives no IP: its sandbox is not up, so it has none. */
  readonly noIP?: boolean;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly nodeName?: string;
  readonly nodeSelector: Labels;
  readonly fixedIP?: string;
  /** One pod per node (DaemonSet), placed by the caller. */
  readonly perNode?: boolean;
  readonly owner: ObjectRef;
  /** Where the scheduler starts for this owner, so replicas spread across nodes. */
  readonly spreadIndex: number;
};

/**
 * The most pods a world holds. Manifests asking for more (`replicas:
 * 2000000000`, thousands of workloads) are refused by validation; the
 * simulator also stops here, so no input can make it allocate without bound.
 */
export const MAX_PODS = 5000;

type Obj = Record<string, unknown>;

function asObj(value: unknown): Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function stringMap(value: unknown): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(value))) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

export function toProtocol(value: unknown): Protocol {
  return value === 'UDP' || value === 'SCTP' ? value : 'TCP';
}

function readContainer(raw: unknown, index: number): Container {
  const c = asObj(raw);
  const ports: ContainerPort[] = asArray(c['ports']).flatMap((rawPort) => {
    const p = asObj(rawPort);
    const containerPort = p['containerPort'];
    if (typeof containerPort !== 'number') return [];
    const name = asString(p['name']);
    const hostPort = p['hostPort'];
    return [
      {
        containerPort,
        protocol: toProtocol(p['protocol']),
        ...(name ? { name } : {}),
        ...(typeof hostPort === 'number' && hostPort > 0 ? { hostPort } : {}),
      },
    ];
  });
  const image = asString(c['image']);
  return {
    name: asString(c['name']) ?? `container-${index}`,
    ...(image ? { image } : {}),
    args: [...asArray(c['command']), ...asArray(c['args'])].filter((a): a is string => typeof a === 'string'),
    ports,
  };
}

/**
 * The containers that run alongside the app: `containers`, plus sidecars
 * (`initContainers` with `restartPolicy: Always`), which keep running, listen
 * on their ports and whose named ports a Service's targetPort may use.
 */
function readContainers(podSpec: Obj): Container[] {
  const main = asArray(podSpec['containers']).map(readContainer);
  const sidecars = asArray(podSpec['initContainers'])
    .filter((raw) => asObj(raw)['restartPolicy'] === 'Always')
    .map((raw, i) => readContainer(raw, main.length + i));
  return [...main, ...sidecars];
}

const DNS_POLICIES: readonly DnsPolicy[] = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

function readDnsPolicy(podSpec: Obj): DnsPolicy {
  const policy = podSpec['dnsPolicy'];
  return (DNS_POLICIES as readonly unknown[]).includes(policy) ? (policy as DnsPolicy) : 'ClusterFirst';
}

function readDnsConfig(podSpec: Obj): PodDnsConfig | undefined {
  if (podSpec['dnsConfig'] === undefined || podSpec['dnsConfig'] === null) return undefined;
  const config = asObj(podSpec['dnsConfig']);
  const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');
  const ndotsOption = asArray(config['options']).map(asObj).filter((o) => o['name'] === 'ndots').at(-1);
  const ndotsValue = ndotsOption?.['value'];
  const ndots = typeof ndotsValue === 'string' && /^\d+$/.test(ndotsValue) ? Math.min(15, Number(ndotsValue)) : undefined;
  return {
    nameservers: strings(config['nameservers']),
    searches: strings(config['searches']),
    ...(ndots !== undefined ? { ndots } : {}),
  };
}

function readPhase(status: Obj): PodPhase {
  const phase = status['phase'];
  return phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed' ? phase : 'Running';
}

/** A Pod's readiness as its status says; a pod with no status is taken as running and ready. */
function isPodReady(status: Obj): boolean {
  const phase = asString(status['phase']);
  if (phase !== undefined && phase !== 'Running') return false;
  const ready = asArray(status['conditions']).map(asObj).find((c) => c['type'] === 'Ready');
  return ready === undefined || ready['status'] === 'True';
}

type TemplateFacts = Pick<PodRequest, 'labels' | 'containers' | 'hostNetwork' | 'nodeName' | 'nodeSelector' | 'dnsPolicy' | 'dnsConfig' | 'hostAliases'> & {
  readonly podSpec: Obj;
};

function readTemplate(template: Obj): TemplateFacts {
  const podSpec = asObj(template['spec']);
  const nodeName = asString(podSpec['nodeName']);
  const dnsConfig = readDnsConfig(podSpec);
  const hostAliases = asArray(podSpec['hostAliases']).flatMap((raw) => {
    const a = asObj(raw);
    const ip = asString(a['ip']);
    const hostnames = asArray(a['hostnames']).filter((h): h is string => typeof h === 'string');
    return ip && hostnames.length > 0 ? [{ ip, hostnames }] : [];
  });
  return {
    ...(hostAliases.length > 0 ? { hostAliases } : {}),
    labels: stringMap(asObj(template['metadata'])['labels']),
    containers: readContainers(podSpec),
    hostNetwork: podSpec['hostNetwork'] === true,
    nodeSelector: stringMap(podSpec['nodeSelector']),
    dnsPolicy: readDnsPolicy(podSpec),
    ...(dnsConfig ? { dnsConfig } : {}),
    podSpec,
    ...(nodeName ? { nodeName } : {}),
  };
}

/**
 * How many replicas are ready: `status.readyReplicas` when the manifest gives
 * it (the first ones by ordinal are ready), otherwise all of them.
 */
function readyCount(obj: KubeObject, replicas: number): number {
  const ready = asObj(obj['status'])['readyReplicas'];
  return typeof ready === 'number' ? Math.max(0, Math.min(replicas, ready)) : replicas;
}

function replicaCount(spec: Obj): number {
  const replicas = spec['replicas'];
  return typeof replicas === 'number' && replicas >= 0 ? Math.min(Math.floor(replicas), MAX_PODS) : 1;
}

function templateSeed(namespace: string, name: string, template: Obj): string {
  return `${namespace}/${name}/${JSON.stringify(template)}`;
}

/** The pods one object stands for; kinds that make no pods give none. */
export function podRequestsOf(obj: KubeObject, namespace: string, spreadIndex: number): PodRequest[] {
  const name = obj.metadata?.name ?? '';
  const owner: ObjectRef = { kind: obj.kind ?? '', namespace, name };
  const spec = asObj(obj['spec']);
  switch (obj.kind) {
    case 'Pod': {
      const t = readTemplate({ metadata: obj.metadata, spec });
      const status = asObj(obj['status']);
      const fixedIP = asString(status['podIP']);
      const hostname = asString(spec['hostname']);
      const subdomain = asString(spec['subdomain']);
      const phase = readPhase(status);
      return [
        {
          namespace,
          name,
          ...t,
          ready: isPodReady(status),
          phase,
          terminating: typeof obj.metadata?.['deletionTimestamp'] === 'string',
          ...(phase === 'Pending' && !fixedIP ? { noIP: true } : {}),
          owner,
          spreadIndex,
          ...(fixedIP ? { fixedIP } : {}),
          ...(hostname ? { hostname } : {}),
          ...(subdomain ? { subdomain } : {}),
        },
      ];
    }
    case 'Deployment':
    case 'ReplicaSet': {
      const template = asObj(spec['template']);
      const t = readTemplate(template);
      const replicas = replicaCount(spec);
      const ready = readyCount(obj, replicas);
      const base = obj.kind === 'Deployment' ? `${name}-${podTemplateHash(templateSeed(namespace, name, template))}` : name;
      const labels =
        obj.kind === 'Deployment'
          ? { ...t.labels, 'pod-template-hash': base.slice(name.length + 1) }
          : t.labels;
      return Array.from({ length: replicas }, (_, i) => ({
        namespace,
        name: `${base}-${podSuffix(`${namespace}/${base}/${i}`)}`,
        ...t,
        labels,
        ready: i < ready,
        phase: 'Running' as const,
        terminating: false,
        owner,
        spreadIndex: spreadIndex + i,
      }));
    }
    case 'StatefulSet': {
      const template = asObj(spec['template']);
      const t = readTemplate(template);
      const replicas = replicaCount(spec);
      const ready = readyCount(obj, replicas);
      const serviceName = asString(spec['serviceName']);
      return Array.from({ length: replicas }, (_, i) => ({
        namespace,
        name: `${name}-${i}`,
        ...t,
        labels: { ...t.labels, 'statefulset.kubernetes.io/pod-name': `${name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) },
        ready: i < ready,
        phase: 'Running' as const,
        terminating: false,
        hostname: `${name}-${i}`,
        ...(serviceName ? { subdomain: serviceName } : {}),
        owner,
        spreadIndex: spreadIndex + i,
      }));
    }
    case 'DaemonSet': {
      const t = readTemplate(asObj(spec['template']));
      return [{ namespace, name, ...t, ready: true, phase: 'Running', terminating: false, owner, spreadIndex, perNode: true }];
    }
    default:
      return [];
  }
}

export function daemonPodName(daemonSet: string, namespace: string, node: string): string {
  return `${daemonSet}-${podSuffix(`${namespace}/${daemonSet}/${node}`)}`;
}
