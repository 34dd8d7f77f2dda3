/**
 * `describe` for NetworkPolicy and Ingress, in kubectl's words
 * (describeNetworkPolicySpec, IngressDescriber). For a NetworkPolicy:
 *
 *   Spec:
 *     PodSelector:     app=web
 *     Allowing ingress traffic:
 *       To Port: 8080/TCP
 *       From:
 *         PodSelector: app=frontend
 *     Not affecting egress traffic
 *     Policy Types: Ingress
 */
import type { Ingress, IngressBackend, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1.js';
import type { World } from '../../sim/index.js';
import { endpointsViews, ingressAddresses, policyTypesOf } from './api-objects.js';
import { DescribeWriter } from './describe-writer.js';
import { endpointsCell } from './resources.js';
import { formatLabelSelector } from './selectors.js';

const INDENT = '    ';

function portLines(w: DescribeWriter, ports: readonly NetworkPolicyPort[] | undefined): void {
  if (!ports || ports.length === 0) {
    w.raw(`${INDENT}To Port: <any> (traffic allowed to all ports)`);
    return;
  }
  for (const port of ports) {
    const proto = port.protocol ?? 'TCP';
    const number = port.port === undefined ? '<nil>' : String(port.port);
    const range = port.endPort !== undefined ? `${number}-${port.endPort}` : number;
    w.raw(`${INDENT}To Port: ${range}/${proto}`);
  }
}

function peerLines(w: DescribeWriter, peers: readonly NetworkPolicyPeer[] | undefined, label: 'From' | 'To'): void {
  if (!peers || peers.length === 0) {
    w.raw(`${INDENT}${label}: <any> (traffic not restricted by ${label === 'From' ? 'source' : 'destination'})`);
    return;
  }
  for (const peer of peers) {
    w.raw(`${INDENT}${label}:`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.raw(`  ${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
      w.raw(`  ${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
    } else if (peer.podSelector) {
      w.raw(`  ${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`);
    } else if (peer.namespaceSelector) {
      w.raw(`  ${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`);
    } else if (peer.ipBlock) {
      w.raw(`  ${INDENT}IPBlock:`);
      w.raw(`    ${INDENT}CIDR: ${peer.ipBlock.cidr}`);
      w.raw(`    ${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}`);
    }
  }
}

export function describeNetworkPolicy(np: NetworkPolicy): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', np.metadata?.name ?? '')
    .line(0, 'Namespace:', np.metadata?.namespace || 'default')
    .labels('Labels', np.metadata?.labels)
    .annotations(np.metadata?.annotations);
  const spec = np.spec ?? { podSelector: {} };
  const types = policyTypesOf(np);
  w.raw('Spec:');
  const selector = formatLabelSelector(spec.podSelector ?? {});
  w.raw(`  PodSelector:     ${selector === '<none>' ? '<none> (Allowing the specific traffic to all pods in this namespace)' : selector}`);
  if (types.includes('Ingress')) {
    w.raw('  Allowing ingress traffic:');
    const rules = spec.ingress ?? [];
    if (rules.length === 0) w.raw(`${INDENT}<none> (Selected pods are isolated for ingress connectivity)`);
    rules.forEach((rule, i) => {
      portLines(w, rule.ports);
      peerLines(w, rule.from, 'From');
      if (i !== rules.length - 1) w.raw(`${INDENT}----------`);
    });
  } else w.raw('  Not affecting ingress traffic');
  if (types.includes('Egress')) {
    w.raw('  Allowing egress traffic:');
    const rules = spec.egress ?? [];
    if (rules.length === 0) w.raw(`${INDENT}<none> (Selected pods are isolated for egress connectivity)`);
    rules.forEach((rule, i) => {
      portLines(w, rule.ports);
      peerLines(w, rule.to, 'To');
      if (i !== rules.length - 1) w.raw(`${INDENT}----------`);
    });
  } else w.raw('  Not affecting egress traffic');
  w.raw(`  Policy Types: ${types.join(', ')}`);
  return w.toString();
}

function describeBackend(world: World, namespace: string, backend: IngressBackend | undefined): string {
  if (!backend) return '<default>';
  if (backend.resource) return `APIGroup: ${backend.resource.apiGroup ?? ''}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}`;
  const ref = backend.service;
  if (!ref) return '<default>';
  const service = world.services.find((s) => s.namespace === namespace && s.name === ref.name);
  const view = endpointsViews(world).find((v) => v.service === service);
  if (!service || !view) return `<error: ${service ? 'endpoints' : 'services'} "${ref.name}" not found>`;
  const port = ref.port?.number !== undefined ? String(ref.port.number) : (ref.port?.name ?? '');
  const sp = service.ports.find((p) => (ref.port?.number !== undefined ? p.port === ref.port.number : p.name === ref.port?.name));
  return `${ref.name}:${port} (${sp ? endpointsCell(view, sp.name) : '<none>'})`;
}

export function describeIngress(world: World, ing: Ingress): string {
  const w = new DescribeWriter();
  const namespace = ing.metadata?.namespace || 'default';
  w.line(0, 'Name:', ing.metadata?.name ?? '')
    .labels('Labels', ing.metadata?.labels)
    .line(0, 'Namespace:', namespace)
    .line(0, 'Address:', ingressAddresses(world, ing).join(','))
    .line(0, 'Ingress Class:', ing.spec?.ingressClassName ?? '<none>')
    .line(0, 'Default backend:', describeBackend(world, namespace, ing.spec?.defaultBackend));
  const tls = ing.spec?.tls ?? [];
  if (tls.length > 0) {
    w.raw('TLS:');
    for (const t of tls) w.raw(t.secretName ? `  ${t.secretName} terminates ${(t.hosts ?? []).join(',')}` : `  SNI routes ${(t.hosts ?? []).join(',')}`);
  }
  w.raw('Rules:');
  w.raw('  Host\tPath\tBackends');
  w.raw('  ----\t----\t--------');
  let count = 0;
  for (const rule of ing.spec?.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.raw(`  ${(rule.host || '*').replace(/\t/g, ' ')}\t`);
    for (const path of rule.http.paths ?? []) w.raw(`    \t${(path.path ?? '').replace(/\t/g, ' ')} \t${describeBackend(world, namespace, path.backend)}`);
  }
  if (count === 0) w.raw(`  *\t*\t${describeBackend(world, namespace, ing.spec?.defaultBackend)}`);
  w.annotations(ing.metadata?.annotations);
  return w.events().toString();
}
