/**
 * API objects -> matchers, once per world (policy-assistant's builder).
 *
 * `world.networkPolicies` hold the objects as written, so the API server's
 * defaults are applied here:
 * - `metadata.namespace` absent: `default`.
 * - `protocol` absent in a ports entry: `TCP`.
 * - `policyTypes` absent or `[]`: `["Ingress"]`, plus `"Egress"` when the spec
 *   has at least one egress rule (`SetDefaults_NetworkPolicy` tests
 *   `len(spec.egress) != 0`, so `egress: []` does not make an egress policy).
 * - `spec.podSelector` absent: it is a plain struct in the Go type, so an
 *   absent one reads as `{}`: every pod in the namespace.
 * Rules for a direction the policy does not affect are ignored, as the API
 * reference says of `policyTypes`.
 */
import type {
  NetworkPolicy as ApiNetworkPolicy,
  NetworkPolicyPeer as ApiPeer,
  NetworkPolicySpec as ApiSpec,
  NetworkPolicyPort as ApiPort,
} from 'kubernetes-types/networking/v1.js';
import type { Labels, ObjectRef, Pod, Protocol, World } from '../model.js';
import { podKey } from '../model.js';
import { parseCidr, parseIPv4, type Cidr } from '../cidr.js';
import { isEmptySelector, matchesSelector, type LabelSelector } from '../labels.js';
import type { NamespaceMatcher, PeerCandidate, PeerMatcher, PodMatcher, PortMatcher } from './matchers.js';

export type Direction = 'ingress' | 'egress';

export type CompiledPeer = { readonly index: number; readonly matcher: PeerMatcher; readonly source: ApiPeer };
export type CompiledPort = { readonly index: number; readonly matcher: PortMatcher; readonly source: ApiPort };

export type CompiledRule = {
  readonly direction: Direction;
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly index: number;
  /** 'all' when `from`/`to` is absent or empty. */
  readonly peers: readonly CompiledPeer[] | 'all';
  /** 'all' when `ports` is absent or empty. */
  readonly ports: readonly CompiledPort[] | 'all';
};

export type CompiledPolicy = {
  readonly ref: ObjectRef;
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  readonly affects: { readonly ingress: boolean; readonly egress: boolean };
  /** Empty when the policy does not affect that direction. */
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
  /** Position in `world.networkPolicies`, the order verdicts cite rules in. */
  readonly order: number;
};

export type Selection = { readonly ingress: readonly CompiledPolicy[]; readonly egress: readonly CompiledPolicy[] };

export type CompiledWorld = {
  readonly policies: readonly CompiledPolicy[];
  /** A namespace's labels, always with `kubernetes.io/metadata.name`. */
  namespaceLabels(namespace: string): Labels;
  /** The policies that isolate `pod`, per direction (none for a hostNetwork pod). */
  selecting(pod: Pod): Selection;
  /** The InternalIP of a node, by name. */
  nodeIP(nodeName: string): string | undefined;
  /** The node that has this InternalIP, if any. */
  nodeByIP(ip: string): string | undefined;
  /** How the peer matchers see an end of a connection. */
  candidate(ip: string, pod: Pod | undefined): PeerCandidate;
};

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

function hasSelector(selector: unknown): selector is LabelSelector {
  return selector !== undefined && selector !== null;
}

export function compileNamespaceMatcher(selector: LabelSelector | undefined | null, policyNamespace: string): NamespaceMatcher {
  if (!hasSelector(selector)) return { kind: 'own', namespace: policyNamespace };
  return isEmptySelector(selector) ? { kind: 'all' } : { kind: 'selector', selector };
}

export function compilePodMatcher(selector: LabelSelector | undefined | null): PodMatcher {
  return !hasSelector(selector) || isEmptySelector(selector) ? { kind: 'all' } : { kind: 'selector', selector };
}

/** One `from`/`to` entry; the rows of the case table in matchers.ts. */
export function compilePeer(peer: ApiPeer, policyNamespace: string): PeerMatcher {
  const hasPod = hasSelector(peer.podSelector);
  const hasNs = hasSelector(peer.namespaceSelector);
  if (peer.ipBlock !== undefined && peer.ipBlock !== null) {
    if (hasPod || hasNs) return { kind: 'invalid', why: 'ipBlock may not be combined with a selector in one peer' };
    const except: Cidr[] = [];
    for (const text of peer.ipBlock.except ?? []) {
      const block = parseCidr(text);
      if (block !== undefined) except.push(block);
    }
    return { kind: 'ip-block', cidrText: peer.ipBlock.cidr, cidr: parseCidr(peer.ipBlock.cidr ?? ''), except };
  }
  if (!hasPod && !hasNs) return { kind: 'invalid', why: 'a peer must set podSelector, namespaceSelector or ipBlock' };
  return {
    kind: 'pods',
    namespaces: compileNamespaceMatcher(peer.namespaceSelector, policyNamespace),
    pods: compilePodMatcher(peer.podSelector),
  };
}

export function compilePort(port: ApiPort): PortMatcher {
  const protocol = (port.protocol ?? 'TCP') as Protocol;
  if (!PROTOCOLS.includes(protocol)) return { kind: 'invalid', why: `unknown protocol ${String(port.protocol)}` };
  if (port.port === undefined || port.port === null) return { kind: 'protocol', protocol };
  if (typeof port.port === 'string') return { kind: 'named', protocol, name: port.port };
  const endPort = typeof port.endPort === 'number' && port.endPort >= port.port ? port.endPort : port.port;
  return { kind: 'range', protocol, port: port.port, endPort };
}

type ApiRule = { readonly from?: ApiPeer[]; readonly to?: ApiPeer[]; readonly ports?: ApiPort[] };

function compileRule(rule: ApiRule, direction: Direction, index: number, namespace: string): CompiledRule {
  const peerList = (direction === 'ingress' ? rule.from : rule.to) ?? [];
  const portList = rule.ports ?? [];
  return {
    direction,
    index,
    peers: peerList.length === 0 ? 'all' : peerList.map((source, i) => ({ index: i, matcher: compilePeer(source ?? {}, namespace), source })),
    ports: portList.length === 0 ? 'all' : portList.map((source, i) => ({ index: i, matcher: compilePort(source ?? {}), source })),
  };
}

/** `policyTypes`, defaulted as the API server does. */
export function policyAffects(policy: ApiNetworkPolicy): { ingress: boolean; egress: boolean } {
  const types = policy.spec?.policyTypes ?? [];
  if (types.length === 0) return { ingress: true, egress: (policy.spec?.egress ?? []).length > 0 };
  return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
}

export function compilePolicy(policy: ApiNetworkPolicy, order: number): CompiledPolicy {
  const namespace = policy.metadata?.namespace || 'default';
  const name = policy.metadata?.name ?? '';
  const affects = policyAffects(policy);
  const spec: ApiSpec = policy.spec ?? { podSelector: {} };
  return {
    ref: { kind: 'NetworkPolicy', namespace, name },
    key: `${namespace}/${name}`,
    namespace,
    podSelector: spec.podSelector ?? {},
    affects,
    ingress: affects.ingress ? (spec.ingress ?? []).map((rule, i) => compileRule(rule ?? {}, 'ingress', i, namespace)) : [],
    egress: affects.egress ? (spec.egress ?? []).map((rule, i) => compileRule(rule ?? {}, 'egress', i, namespace)) : [],
    order,
  };
}

/** Whether the policy's `spec.podSelector` picks this pod (never a hostNetwork pod). */
export function policySelectsPod(policy: CompiledPolicy, pod: Pod): boolean {
  return !pod.hostNetwork && pod.namespace === policy.namespace && matchesSelector(policy.podSelector, pod.labels);
}

const cache = new WeakMap<World, CompiledWorld>();

/** The world's policies as matchers; compiled on first use and kept while the world lives. */
export function compilePolicies(world: World): CompiledWorld {
  const hit = cache.get(world);
  if (hit) return hit;
  const compiled = buildCompiledWorld(world);
  cache.set(world, compiled);
  return compiled;
}

function buildCompiledWorld(world: World): CompiledWorld {
  const policies = world.networkPolicies.map((p, i) => compilePolicy(p, i));
  const byNamespace = new Map<string, CompiledPolicy[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace);
    if (list) list.push(policy);
    else byNamespace.set(policy.namespace, [policy]);
  }

  const nsLabels = new Map<string, Labels>();
  const namespaceLabels = (namespace: string): Labels => {
    let labels = nsLabels.get(namespace);
    if (labels === undefined) {
      // The API server sets kubernetes.io/metadata.name on every namespace (1.21+).
      labels = { ...(world.namespaces.get(namespace)?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
      nsLabels.set(namespace, labels);
    }
    return labels;
  };

  const nodeIPs = new Map<string, string>();
  const nodesByIP = new Map<string, string>();
  for (const node of world.nodes) {
    nodeIPs.set(node.name, node.internalIP);
    nodesByIP.set(node.internalIP, node.name);
  }

  const none: Selection = { ingress: [], egress: [] };
  const selections = new Map<string, Selection>();
  const selecting = (pod: Pod): Selection => {
    if (pod.hostNetwork) return none;
    const key = podKey(pod);
    const hit = selections.get(key);
    if (hit) return hit;
    const ingress: CompiledPolicy[] = [];
    const egress: CompiledPolicy[] = [];
    for (const policy of byNamespace.get(pod.namespace) ?? []) {
      if (!policySelectsPod(policy, pod)) continue;
      if (policy.affects.ingress) ingress.push(policy);
      if (policy.affects.egress) egress.push(policy);
    }
    const selection = ingress.length === 0 && egress.length === 0 ? none : { ingress, egress };
    selections.set(key, selection);
    return selection;
  };

  const ipNumbers = new Map<string, number | undefined>();
  const candidate = (ip: string, pod: Pod | undefined): PeerCandidate => {
    let n = ipNumbers.get(ip);
    if (n === undefined && !ipNumbers.has(ip)) {
      n = parseIPv4(ip);
      ipNumbers.set(ip, n);
    }
    if (pod === undefined || pod.hostNetwork) return { ip: n };
    return { ip: n, pod, namespaceLabels: namespaceLabels(pod.namespace) };
  };

  return {
    policies,
    namespaceLabels,
    selecting,
    nodeIP: (name) => nodeIPs.get(name),
    nodeByIP: (ip) => nodesByIP.get(ip),
    candidate,
  };
}
