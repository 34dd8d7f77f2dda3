/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it.
 *
 * A pod with the default `dnsPolicy: ClusterFirst` has in its resolv.conf
 *   search <ns>.svc.<domain> svc.<domain> <domain>
 *   options ndots:5
 * so a name with fewer than five dots is tried with each search suffix first,
 * then as given; a name ending in "." is only tried as given.
 *
 * Records (https://github.com/kubernetes/dns/blob/master/docs/specification.md):
 * - `<svc>.<ns>.svc.<domain>`: A = the ClusterIP; headless: the ready
 *   endpoints' IPs; ExternalName: a CNAME to `spec.externalName`.
 * - `<hostname>.<svc>.<ns>.svc.<domain>`: a pod with that hostname and
 *   subdomain under a headless Service (StatefulSet pods).
 * - `_<port>._<proto>.<svc>.<ns>.svc.<domain>`: SRV for a named port.
 * - `<a-b-c-d>.<ns>.pod.<domain>`: A = a.b.c.d.
 * Names outside the cluster domain are forwarded to the upstream resolver.
 */
import { parseIPv4 } from './cidr.js';
import { podConditions, podExcluded } from './endpoints.js';
import { matchesLabels } from './labels.js';
import type { Pod, Service, World } from './model.js';
import { serviceKey } from './services.js';

export type DnsAnswer =
  /** A records: the name's addresses. */
  | { readonly kind: 'address'; readonly fqdn: string; readonly ips: readonly string[]; readonly service?: Service; readonly headless: boolean }
  /** An ExternalName Service: a CNAME to a name outside (or elsewhere in) the cluster. */
  | { readonly kind: 'cname'; readonly fqdn: string; readonly target: string; readonly service: Service }
  /** A name outside the cluster domain, answered by the upstream resolver. */
  | { readonly kind: 'upstream'; readonly fqdn: string }
  | { readonly kind: 'nxdomain'; readonly fqdn: string; readonly why: NxdomainWhy };

export type NxdomainWhy =
  /** `hostname` when the name was read as `<hostname>.<service>.<ns>.svc`, a pod under a headless Service. */
  | { readonly code: 'no-such-service'; readonly namespace: string; readonly service: string; readonly hostname?: string }
  | { readonly code: 'no-such-namespace'; readonly namespace: string }
  | { readonly code: 'headless-no-endpoints'; readonly service: Service }
  | { readonly code: 'no-such-pod-hostname'; readonly service: Service; readonly hostname: string }
  | { readonly code: 'not-a-cluster-name' }
  | { readonly code: 'not-headless'; readonly service: Service }
  | { readonly code: 'unknown-upstream' };

export type DnsLookup = {
  /** Every name tried, in order, and what each gave. */
  readonly tried: readonly DnsAnswer[];
  /** The first answer that is not NXDOMAIN, or the last NXDOMAIN. */
  readonly answer: DnsAnswer;
};

const NDOTS = 5;

/**
 * Top-level domains the simulated upstream resolver knows. A name outside
 * the cluster resolves only under one of these, so a mistyped in-cluster name
 * such as `web.shopp` fails as it would for real, instead of "leaving the
 * cluster".
 */
const PUBLIC_TLDS = new Set([
  'com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'ai', 'co', 'edu', 'gov', 'info', 'biz', 'me', 'tech',
  'uk', 'de', 'fr', 'nl', 'eu', 'us', 'ca', 'au', 'jp', 'in', 'br', 'example', 'test', 'internal',
]);

export function searchPath(namespace: string, domain: string): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/** The names a ClusterFirst pod's resolver asks for, in order. */
export function candidateNames(name: string, namespace: string, domain: string): string[] {
  return candidatesFor(name, { searches: searchPath(namespace, domain), ndots: NDOTS });
}

/** What a pod's resolv.conf says about how to expand a name. */
export type ResolverConfig = { readonly searches: readonly string[]; readonly ndots: number };

/** glibc's order: a name with at least `ndots` dots is tried as given first; a trailing dot turns the search off. */
export function candidatesFor(name: string, config: ResolverConfig): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = config.searches.map((suffix) => `${name}.${suffix.replace(/\.$/, '')}`);
  return dots >= config.ndots ? [name, ...searched] : [...searched, name];
}

/**
 * The resolv.conf kubelet writes for a pod that uses cluster DNS
 * (ClusterFirst, or ClusterFirstWithHostNet): the cluster search path, then
 * `dnsConfig.searches`; ndots 5 unless `dnsConfig.options` sets it. A pod with
 * `dnsPolicy: None` gets only what its dnsConfig says (ndots 1 by default, as
 * glibc).
 */
export function resolverConfigOf(pod: Pod, domain: string): ResolverConfig {
  const extra = pod.dnsConfig?.searches ?? [];
  if (pod.dnsPolicy === 'None') return { searches: extra, ndots: pod.dnsConfig?.ndots ?? 1 };
  const searches = [...new Set([...searchPath(pod.namespace, domain), ...extra])];
  return { searches, ndots: pod.dnsConfig?.ndots ?? NDOTS };
}

function findService(world: World, namespace: string, name: string): Service | undefined {
  return world.services.find((s) => s.namespace === namespace && s.name === name);
}

function readyAddresses(world: World, service: Service): string[] {
  const ips = new Set<string>();
  if (service.ports.length === 0 && service.selector) {
    // A headless Service may have no ports; its pods are still published in DNS.
    for (const pod of world.pods) {
      if (pod.namespace !== service.namespace || podExcluded(pod) || !matchesLabels(service.selector, pod.labels)) continue;
      if (podConditions(pod, service).ready) ips.add(pod.ip);
    }
  }
  for (const port of world.endpoints.get(serviceKey(service))?.ports ?? []) for (const ep of port.endpoints) if (ep.ready) ips.add(ep.ip);
  return [...ips].sort();
}

/** Answer one fully qualified name (without the trailing dot). */
export function lookupFqdn(world: World, rawName: string): DnsAnswer {
  const fqdn = rawName.toLowerCase().replace(/\.$/, '');
  const domain = world.settings.clusterDomain.toLowerCase();
  if (fqdn === domain || fqdn.endsWith(`.${domain}`)) {
    const labels = fqdn.slice(0, fqdn.length - domain.length - 1).split('.');
    const kind = labels.at(-1);
    if (kind === 'svc' && (labels.length === 3 || labels.length === 4)) {
      const namespace = labels.at(-2)!;
      const serviceName = labels.at(-3)!;
      if (!world.namespaces.has(namespace)) return { kind: 'nxdomain', fqdn, why: { code: 'no-such-namespace', namespace } };
      const service = findService(world, namespace, serviceName);
      if (!service) {
        const hostname = labels.length === 4 ? labels[0]! : undefined;
        return { kind: 'nxdomain', fqdn, why: { code: 'no-such-service', namespace, service: serviceName, ...(hostname ? { hostname } : {}) } };
      }
      if (labels.length === 3) return serviceRecord(world, service, fqdn);
      if (service.clusterIP !== 'None') return { kind: 'nxdomain', fqdn, why: { code: 'not-headless', service } };
      const hostname = labels[0]!;
      const pod = world.pods.find((p) => p.namespace === namespace && p.hostname === hostname && p.subdomain === service.name);
      const listed = pod && readyAddresses(world, service).includes(pod.ip);
      return pod && listed
        ? { kind: 'address', fqdn, ips: [pod.ip], service, headless: true }
        : { kind: 'nxdomain', fqdn, why: { code: 'no-such-pod-hostname', service, hostname } };
    }
    if (kind === 'pod' && labels.length === 3 && world.namespaces.has(labels[1]!)) {
      const ip = labels[0]!.replaceAll('-', '.');
      if (parseIPv4(ip) !== undefined) return { kind: 'address', fqdn, ips: [ip], headless: false };
    }
    return { kind: 'nxdomain', fqdn, why: { code: 'not-a-cluster-name' } };
  }
  const tld = fqdn.split('.').at(-1) ?? '';
  return fqdn.includes('.') && PUBLIC_TLDS.has(tld)
    ? { kind: 'upstream', fqdn }
    : { kind: 'nxdomain', fqdn, why: { code: 'unknown-upstream' } };
}

function serviceRecord(world: World, service: Service, fqdn: string): DnsAnswer {
  if (service.type === 'ExternalName') {
    return { kind: 'cname', fqdn, target: (service.externalName ?? '').toLowerCase().replace(/\.$/, ''), service };
  }
  if (service.clusterIP === 'None') {
    const ips = readyAddresses(world, service);
    return ips.length > 0
      ? { kind: 'address', fqdn, ips, service, headless: true }
      : { kind: 'nxdomain', fqdn, why: { code: 'headless-no-endpoints', service } };
  }
  return { kind: 'address', fqdn, ips: service.clusterIP ? [service.clusterIP] : [], service, headless: false };
}

/** Resolve a name as a ClusterFirst pod in `namespace` would, following the search path. */
export function resolveFromPod(world: World, name: string, namespace: string): DnsLookup {
  return resolveWithConfig(world, name, { searches: searchPath(namespace, world.settings.clusterDomain), ndots: NDOTS });
}

/** Resolve a name through cluster DNS with a given search path and ndots. */
export function resolveWithConfig(world: World, name: string, config: ResolverConfig): DnsLookup {
  const tried: DnsAnswer[] = [];
  for (const candidate of candidatesFor(name.toLowerCase(), config)) {
    const answer = lookupFqdn(world, candidate);
    tried.push(answer);
    if (answer.kind !== 'nxdomain') return { tried, answer };
  }
  return { tried, answer: pickMostTelling(tried) };
}

/**
 * Of several NXDOMAINs, the one that explains the most: "no Service web in
 * namespace shop" says more than "web.shop.svc.cluster.local is not a name".
 */
function pickMostTelling(tried: readonly DnsAnswer[]): DnsAnswer {
  const rank = (a: DnsAnswer): number => {
    if (a.kind !== 'nxdomain') return 0;
    switch (a.why.code) {
      case 'no-such-service':
        // `web.shop` tried as `web.shop.<ns>.svc` reads as pod `web` under Service `shop`: a less likely meaning.
        return a.why.hostname === undefined ? 4 : 3;
      case 'headless-no-endpoints':
      case 'no-such-pod-hostname':
      case 'not-headless':
        return 4;
      case 'no-such-namespace':
        return 1;
      default:
        return 2;
    }
  };
  return [...tried].sort((a, b) => rank(b) - rank(a))[0]!;
}

/** Resolve a name from a node or from outside: only names outside the cluster domain resolve. */
export function resolveOutside(world: World, name: string): DnsLookup {
  const answer = lookupFqdn(world, name);
  const outside = answer.kind === 'address' || answer.kind === 'cname' ? ({ kind: 'nxdomain', fqdn: answer.fqdn, why: { code: 'not-a-cluster-name' } } as const) : answer;
  return { tried: [outside], answer: outside };
}

export type SrvRecord = { readonly target: string; readonly port: number };

/** SRV records for `_<port>._<proto>.<svc>.<ns>.svc.<domain>`: one per named port. */
export function lookupSrv(world: World, fqdn: string): readonly SrvRecord[] {
  const domain = world.settings.clusterDomain.toLowerCase();
  const labels = fqdn.toLowerCase().replace(/\.$/, '').replace(`.svc.${domain}`, '').split('.');
  if (labels.length !== 4 || !labels[0]!.startsWith('_') || !labels[1]!.startsWith('_')) return [];
  const [portLabel, protoLabel, serviceName, namespace] = labels as [string, string, string, string];
  const service = findService(world, namespace, serviceName);
  const port = service?.ports.find((p) => p.name !== '' && p.name === portLabel.slice(1) && p.protocol.toLowerCase() === protoLabel.slice(1));
  if (!service || !port) return [];
  const base = `${service.name}.${service.namespace}.svc.${domain}`;
  if (service.clusterIP !== 'None') return [{ target: base, port: port.port }];
  const eps = world.endpoints.get(serviceKey(service))?.ports.find((p) => p.portName === port.name);
  return (eps?.endpoints ?? [])
    .filter((e) => e.ready && e.pod)
    .map((e) => {
      const pod = world.pods.find((p) => `${p.namespace}/${p.name}` === e.pod);
      const host = pod?.hostname && pod.subdomain === service.name ? pod.hostname : e.ip.replaceAll('.', '-');
      return { target: `${host}.${base}`, port: e.port };
    });
}
