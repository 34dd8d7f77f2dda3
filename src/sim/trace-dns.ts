/**
 * The DNS part of a trace: the query itself (traffic to kube-dns, which
 * NetworkPolicy can block), the answer from the source's point of view, and
 * CNAMEs chased back into the cluster.
 */
import { lookupFqdn, resolverConfigOf, resolveOutside, resolveWithConfig, type DnsAnswer, type NxdomainWhy, type ResolverConfig } from './dns.js';
import { tok, type Explanation } from './explain.js';
import { selectEndpoints } from './kube-proxy.js';
import type { Pod, World } from './model.js';
import { publishedAddress } from './ingress/publish.js';
import { kubeDnsIP } from './system-objects.js';
import { deliverToEndpoint, findServicePort, policySource, portText, svcName, svcRef, type Ending, type TraceBuilder } from './trace-context.js';
import { emptyExplanation } from './trace-routes.js';

export function dnsFailureText(name: string, answer: DnsAnswer, world: World): Explanation {
  if (answer.kind !== 'nxdomain') return [];
  const why: NxdomainWhy = answer.why;
  switch (why.code) {
    case 'no-such-service': {
      const elsewhere = world.services.filter((s) => s.name === why.service).map((s) => s.namespace);
      return [
        'DNS has no name ',
        tok.name(name),
        ': there is no Service ',
        tok.service(`${why.namespace}/${why.service}`),
        elsewhere.length > 0
          ? ` (a Service ${why.service} exists in ${elsewhere.join(', ')}: from namespace ${why.namespace} call it ${why.service}.${elsewhere[0]}, or put the Service in namespace ${why.namespace})`
          : '',
      ];
    }
    case 'no-such-namespace':
      return ['DNS has no name ', tok.name(name), ': there is no namespace ', tok.name(why.namespace)];
    case 'headless-no-endpoints':
      return ['DNS has no addresses for ', tok.name(name), ': headless Service ', svcName(why.service), ' has no ready endpoints'];
    case 'no-such-pod-hostname':
      return ['DNS has no name ', tok.name(name), ': no ready pod has hostname ', tok.name(why.hostname), ' under headless Service ', svcName(why.service)];
    case 'not-a-cluster-name':
      return ['DNS has no name ', tok.name(name)];
    case 'not-headless':
      return [
        'DNS has no name ',
        tok.name(name),
        ': Service ',
        svcName(why.service),
        ' has a ClusterIP, so its pods get no names of their own (a headless Service, clusterIP: None, gives them one)',
      ];
    case 'unknown-upstream':
      return ['DNS has no name ', tok.name(name), ': no Service has that name and the upstream resolver does not know it'];
  }
}

/** A pod's DNS query itself is traffic: to kube-dns on 53/UDP, through kube-proxy and NetworkPolicy. */
export function dnsServerReachable(t: TraceBuilder, pod: Pod): Ending | undefined {
  const { world } = t;
  const dnsIP = kubeDnsIP(world.settings);
  const kubeDns = world.services.find((s) => s.clusterIP === dnsIP);
  const sp = kubeDns && findServicePort(kubeDns, 53, 'UDP');
  if (!kubeDns || !sp) {
    const explanation: Explanation = ['no Service answers DNS at ', tok.ip(`${dnsIP}:53`), ' (the kube-dns Service is missing)'];
    t.hop('dns', false, explanation);
    return { outcome: 'dns-failure', cause: 'dns-unreachable', explanation };
  }
  const selection = selectEndpoints(world, kubeDns, sp, { node: pod.nodeName, policy: 'internal' });
  if (selection.candidates.length === 0) {
    const explanation = ['the DNS query cannot be answered: ', ...emptyExplanation(kubeDns, sp, selection.emptyBecause!)];
    t.hop('dns', false, explanation, svcRef(kubeDns));
    return { outcome: 'dns-failure', cause: 'dns-unreachable', explanation };
  }
  const results = selection.candidates.map((ep) => deliverToEndpoint(t, policySource(t.source), ep, 'UDP'));
  if (results.some((r) => r.outcome === 'delivered')) return undefined;
  const denied = results.find((r) => r.outcome === 'denied');
  const explanation: Explanation = ['the DNS query to ', svcName(kubeDns), ' on ', portText(53, 'UDP'), ' is blocked: ', ...(denied ?? results[0]!).explanation];
  t.hop('dns', false, explanation, denied?.policy?.egress.selectedBy[0] ?? denied?.policy?.ingress.selectedBy[0] ?? svcRef(kubeDns));
  return { outcome: 'dns-failure', cause: 'dns-unreachable', explanation };
}

export function describeAnswer(name: string, answer: DnsAnswer): Explanation {
  switch (answer.kind) {
    case 'address': {
      const via: Explanation = name === answer.fqdn ? [tok.name(name)] : [tok.name(name), ' → ', tok.name(answer.fqdn)];
      return answer.headless
        ? [...via, ' → ', ...answer.ips.flatMap((ip, i) => [i > 0 ? ', ' : '', tok.ip(ip)]), ' (headless Service: the pods\' own IPs)']
        : [...via, ' → ', tok.ip(answer.ips[0] ?? '?'), ...(answer.service ? [' (the ClusterIP of Service ', svcName(answer.service), ')'] : [])];
    }
    case 'cname':
      return [tok.name(name), ' → ', tok.name(answer.fqdn), ' is a CNAME to ', tok.name(answer.target), ' (ExternalName Service ', svcName(answer.service), ')'];
    case 'upstream':
      return [tok.name(name), ' is outside the cluster domain; CoreDNS forwards it to the upstream resolver'];
    case 'nxdomain':
      return [tok.name(name), ' does not exist'];
  }
}

/**
 * Whether a pod asks cluster DNS, per `spec.dnsPolicy`: ClusterFirst does,
 * except on the host network, where kubelet falls back to Default (the node's
 * resolver); ClusterFirstWithHostNet always does; Default never; None only
 * when `dnsConfig.nameservers` lists the kube-dns address.
 */
export function podResolver(world: World, pod: Pod): ResolverConfig | undefined {
  switch (pod.dnsPolicy) {
    case 'ClusterFirst':
      return pod.hostNetwork ? undefined : resolverConfigOf(pod, world.settings.clusterDomain);
    case 'ClusterFirstWithHostNet':
      return resolverConfigOf(pod, world.settings.clusterDomain);
    case 'Default':
      return undefined;
    case 'None':
      return pod.dnsConfig?.nameservers.includes(kubeDnsIP(world.settings)) ? resolverConfigOf(pod, world.settings.clusterDomain) : undefined;
  }
}

function noClusterDnsText(world: World, pod: Pod): string {
  switch (pod.dnsPolicy) {
    case 'None':
      return `pod ${pod.namespace}/${pod.name} has dnsPolicy None and its dnsConfig names no cluster DNS server (${kubeDnsIP(world.settings)}), so cluster names do not resolve`;
    case 'Default':
      return `pod ${pod.namespace}/${pod.name} has dnsPolicy Default: it uses its node's resolver, which knows no cluster names`;
    default:
      return `pod ${pod.namespace}/${pod.name} uses the host network, so dnsPolicy ClusterFirst falls back to its node's resolver, which knows no cluster names (ClusterFirstWithHostNet would use cluster DNS)`;
  }
}

/**
 * The pod's /etc/hosts, which the resolver reads before DNS: kubelet writes
 * the pod's own hostname (and, with a subdomain, its
 * `<hostname>.<subdomain>.<ns>.svc.<domain>` name) and the `hostAliases`.
 */
export function etcHostsLookup(world: World, pod: Pod, host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  for (const alias of pod.hostAliases ?? []) if (alias.hostnames.some((h) => h.toLowerCase() === name)) return alias.ip;
  if (pod.hostNetwork || pod.ip === '') return undefined;
  const hostname = (pod.hostname ?? pod.name).toLowerCase().slice(0, 63);
  const own = [hostname, ...(pod.subdomain ? [`${hostname}.${pod.subdomain}.${pod.namespace}.svc.${world.settings.clusterDomain}`.toLowerCase()] : [])];
  return own.includes(name) ? pod.ip : undefined;
}

/** Resolve a host name from the source's point of view; an Ending when the request stops here. */
export function resolveHost(t: TraceBuilder, host: string): { ips: readonly string[]; headless: boolean } | { external: string } | Ending {
  const { world, source } = t;
  if (source.kind === 'pod') {
    const fromHosts = etcHostsLookup(world, source.pod, host);
    if (fromHosts !== undefined) {
      t.hop('dns', true, [tok.name(host), ' → ', tok.ip(fromHosts), ' from the pod\'s /etc/hosts (written by kubelet: its own hostname and spec.hostAliases), before any DNS query']);
      return { ips: [fromHosts], headless: false };
    }
  }
  const resolver = source.kind === 'pod' ? podResolver(world, source.pod) : undefined;
  const clusterDns = source.kind === 'pod' && resolver !== undefined;
  if (source.kind === 'pod' && resolver) {
    const blocked = dnsServerReachable(t, source.pod);
    if (blocked) return blocked;
  }
  const lookup = resolver ? resolveWithConfig(world, host, resolver) : resolveOutside(world, host);
  let answer = lookup.answer;
  // A public name: outside the cluster (and upstream of CoreDNS) only what is published resolves.
  if (answer.kind === 'upstream' || (answer.kind === 'nxdomain' && (!clusterDns || answer.why.code === 'unknown-upstream'))) {
    const published = publishedAddress(world, host);
    if (published?.kind === 'address') {
      t.hop('dns', true, [...(clusterDns ? ['CoreDNS forwards ', tok.name(host), ' upstream; '] : []), ...published.explanation], svcRef(published.service));
      return { ips: [published.ip], headless: false };
    }
    if (published?.kind === 'unpublished') {
      t.hop('dns', false, published.explanation, published.object);
      return { outcome: 'dns-failure', cause: 'not-published', explanation: published.explanation };
    }
  }
  if (answer.kind === 'nxdomain') {
    const explanation = clusterDns
      ? dnsFailureText(host, answer, world)
      : [
          'DNS has no name ',
          tok.name(host),
          ': ',
          source.kind === 'external'
            ? 'cluster names only resolve inside the cluster'
            : source.kind === 'pod'
              ? noClusterDnsText(world, source.pod)
              : 'nodes do not use cluster DNS; only pods do',
        ];
    t.hop('dns', false, explanation);
    return { outcome: 'dns-failure', cause: 'nxdomain', explanation };
  }
  t.hop('dns', true, describeAnswer(host, answer), answer.kind === 'address' && answer.service ? svcRef(answer.service) : answer.kind === 'cname' ? svcRef(answer.service) : undefined);
  // CoreDNS chases a CNAME that points back into the cluster.
  for (let depth = 0; answer.kind === 'cname' && depth < 8; depth++) {
    // The CNAME target is looked up as written: no search path applies to it.
    const next = lookupFqdn(world, answer.target);
    if (next.kind === 'nxdomain') {
      const explanation: Explanation = [
        ...dnsFailureText(answer.target, next, world),
        ' (the ExternalName ',
        tok.name(answer.target),
        ' is looked up as written, without the search path: use a full name such as ',
        tok.name(`${answer.target.split('.')[0]}.<namespace>.svc.${world.settings.clusterDomain}`),
        ')',
      ];
      t.hop('dns', false, explanation, svcRef(answer.service), 'spec.externalName');
      return { outcome: 'dns-failure', cause: 'nxdomain', explanation };
    }
    t.hop('dns', true, describeAnswer(answer.target, next));
    answer = next;
  }
  if (answer.kind === 'upstream') return { external: answer.fqdn };
  if (answer.kind === 'address') return { ips: answer.ips, headless: answer.headless };
  return { external: host };
}
