/**
 * Objects in, world out: the API server, the scheduler, the IPAM of the CNI
 * plugin and the controllers, reduced to one pure function. What a manifest
 * fixes (a Node's podCIDR, a Pod's podIP, a Service's clusterIP) is taken as
 * given; everything else is assigned deterministically.
 */
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import { formatIPv4, parseCidr, parseIPv4 } from './cidr.js';
import { computeEndpoints } from './endpoints.js';
import type { ClusterSettings, KubeObject, Namespace, Node, Pod, World } from './model.js';
import { fnv1a } from './names.js';
import { namespaceOfObject } from './object-meta.js';
import { buildServices } from './services.js';
import { resolveSettings } from './settings.js';
import { systemObjects } from './system-objects.js';
import { daemonPodName, MAX_PODS, podRequestsOf, stringMap, type PodRequest } from './workloads.js';
import { compareNamespaced } from './order.js';

/** The nodes a world has when its manifests declare none: three workers, as a small kubeadm cluster. */
const DEFAULT_NODE_NAMES = ['node-1', 'node-2', 'node-3'];
/** Node addresses live on their own network, apart from pods and Services. */
const NODE_NETWORK = '10.0.0.0/24';
const FIRST_NODE_HOST = 11;

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** `kind: List` and `*List` wrap their objects in `items`. */
export function flattenLists(objects: readonly KubeObject[]): KubeObject[] {
  return objects.flatMap((obj) =>
    obj.kind === 'List' || (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj['items']))
      ? flattenLists((obj['items'] as KubeObject[]).filter((item) => item !== null && typeof item === 'object'))
      : [obj],
  );
}

function buildNamespaces(objects: readonly KubeObject[]): Map<string, Namespace> {
  const namespaces = new Map<string, Namespace>();
  const add = (name: string, labels: Record<string, string> = {}) => {
    // The API server sets this label on every namespace, so policies can select by name.
    namespaces.set(name, { name, labels: { ...labels, 'kubernetes.io/metadata.name': name } });
  };
  for (const name of BUILT_IN_NAMESPACES) add(name);
  for (const obj of objects) {
    if (obj.kind === 'Namespace' && obj.metadata?.name) add(obj.metadata.name, stringMap(obj.metadata.labels));
  }
  // An object in a namespace nobody declared: a real API server would refuse it;
  // the simulator creates the namespace so the rest can still be explored.
  for (const obj of objects) {
    if (obj.kind !== 'Namespace' && obj.kind !== 'Node' && obj.metadata?.namespace && !namespaces.has(obj.metadata.namespace)) {
      add(obj.metadata.namespace);
    }
  }
  return namespaces;
}

/**
 * The index-th /24 of the pod network, skipping any that would hold the
 * nodes' own addresses (cilium's default 10.0.0.0/8 contains them).
 */
function nodeSlice(podCidr: string, index: number): string {
  const cidr = parseCidr(podCidr);
  if (!cidr || cidr.bits > 24) return podCidr;
  const nodeNet = parseCidr(NODE_NETWORK)!;
  let seen = -1;
  for (let i = 0; ; i++) {
    const base = (cidr.base + i * 256) >>> 0;
    if (base === nodeNet.base) continue;
    if (++seen === index) return `${formatIPv4(base)}/24`;
  }
}

function buildNodes(objects: readonly KubeObject[], settings: ClusterSettings): Node[] {
  const declared = objects.filter((o) => o.kind === 'Node' && o.metadata?.name);
  const base = parseCidr(NODE_NETWORK)!.base;
  if (declared.length === 0) {
    return DEFAULT_NODE_NAMES.map((name, i) => ({
      name,
      internalIP: formatIPv4(base + FIRST_NODE_HOST + i),
      podCidr: nodeSlice(settings.podCidr, i),
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
    }));
  }
  return declared.map((obj, i) => {
    const name = obj.metadata!.name!;
    const status = (obj['status'] ?? {}) as { addresses?: { type?: string; address?: string }[] };
    const spec = (obj['spec'] ?? {}) as { podCIDR?: string };
    const internalIP = status.addresses?.find((a) => a.type === 'InternalIP')?.address;
    return {
      name,
      internalIP: internalIP && parseIPv4(internalIP) !== undefined ? internalIP : formatIPv4(base + FIRST_NODE_HOST + i),
      podCidr: spec.podCIDR && parseCidr(spec.podCIDR) ? spec.podCIDR : nodeSlice(settings.podCidr, i),
      labels: { 'kubernetes.io/hostname': name, ...stringMap(obj.metadata?.labels) },
    };
  });
}

function matchesNodeSelector(node: Node, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => node.labels[k] === v);
}

/**
 * The pod IPAM: each node hands out addresses from its own slice. A pod's
 * address is picked by hashing its name into the slice (probing past
 * collisions), so adding one pod does not renumber the others.
 */
class PodAddresses {
  private readonly used = new Set<string>();

  reserve(ip: string): void {
    this.used.add(ip);
  }

  allocate(node: Node, podName: string): string {
    const cidr = parseCidr(node.podCidr);
    if (!cidr) return '0.0.0.0';
    const size = 2 ** (32 - cidr.bits);
    // Skip the network address, the gateway (.1) and the broadcast address.
    const usable = Math.max(1, size - 3);
    const start = fnv1a(`${node.name}/${podName}`) % usable;
    for (let i = 0; i < usable; i++) {
      const ip = formatIPv4((cidr.base + 2 + ((start + i) % usable)) >>> 0);
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    return formatIPv4(cidr.base + 2);
  }
}

/** `system`: the cluster's own pods (CoreDNS), placed even past MAX_PODS so DNS keeps working. */
function schedulePods(requests: readonly (PodRequest & { readonly system: boolean })[], nodes: readonly Node[]): Pod[] {
  const addresses = new PodAddresses();
  for (const r of requests) if (r.fixedIP) addresses.reserve(r.fixedIP);
  const pods: Pod[] = [];
  let placed = 0;
  const place = (r: PodRequest & { readonly system: boolean }, name: string, node: Node) => {
    // Past the limit, the manifests' pods stay Pending (validation has already said why).
    if (!r.system && ++placed > MAX_PODS) return;
    const ip = r.hostNetwork ? node.internalIP : (r.fixedIP ?? (r.noIP ? '' : addresses.allocate(node, name)));
    pods.push({
      namespace: r.namespace,
      name,
      labels: r.labels,
      nodeName: node.name,
      ip,
      hostNetwork: r.hostNetwork,
      ready: r.ready,
      phase: r.phase,
      terminating: r.terminating,
      dnsPolicy: r.dnsPolicy,
      ...(r.dnsConfig ? { dnsConfig: r.dnsConfig } : {}),
      ...(r.hostAliases ? { hostAliases: r.hostAliases } : {}),
      containers: r.containers,
      owner: r.owner,
      ...(r.hostname ? { hostname: r.hostname } : {}),
      ...(r.subdomain ? { subdomain: r.subdomain } : {}),
    });
  };
  for (const r of requests) {
    if (!r.system && placed >= MAX_PODS) continue;
    const eligible = nodes.filter((n) => matchesNodeSelector(n, r.nodeSelector));
    if (r.perNode) {
      for (const node of eligible) place(r, daemonPodName(r.name, r.namespace, node.name), node);
      continue;
    }
    const fixed = r.nodeName ? nodes.find((n) => n.name === r.nodeName) : undefined;
    // A pod no node can take stays Pending: it has no IP and no place in the network.
    const node = fixed ?? eligible[(fnv1a(`${r.owner.namespace}/${r.owner.name}`) + r.spreadIndex) % Math.max(1, eligible.length)];
    if (node) place(r, r.name, node);
  }
  return pods.sort(compareNamespaced);
}

/**
 * Build the simulated cluster from Kubernetes objects. Objects of kinds the
 * simulator does not model are ignored; malformed fields are read leniently
 * (validation is the manifests layer's job, not the simulator's).
 */
export function buildWorld(input: readonly KubeObject[], partialSettings?: Partial<ClusterSettings>): World {
  const settings = resolveSettings(partialSettings);
  const given = flattenLists(input).filter((o) => o !== null && typeof o === 'object');
  const nodes = buildNodes(given, settings);
  const objects = [...given, ...systemObjects(given, settings, nodes)];
  const namespaces = buildNamespaces(objects);

  let asked = 0;
  const requests = objects.flatMap((obj, index) => {
    const system = index >= given.length;
    if (!system && asked >= MAX_PODS) return [];
    const own = podRequestsOf(obj, namespaceOfObject(obj), index);
    if (!system) asked += own.length;
    return own.map((r) => ({ ...r, system }));
  });
  const pods = schedulePods(requests, nodes);
  const services = buildServices(objects, settings);
  const endpoints = computeEndpoints(services, pods, objects, nodes);

  const ofKind = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[];
  const names = (kind: string) => new Set(objects.filter((o) => o.kind === kind).map((o) => `${namespaceOfObject(o)}/${o.metadata?.name ?? ''}`));
  return {
    settings,
    namespaces,
    nodes,
    pods,
    services,
    endpoints,
    networkPolicies: ofKind<NetworkPolicy>('NetworkPolicy'),
    ingresses: ofKind<Ingress>('Ingress'),
    ingressClasses: ofKind<IngressClass>('IngressClass'),
    secrets: names('Secret'),
    configMaps: names('ConfigMap'),
  };
}
