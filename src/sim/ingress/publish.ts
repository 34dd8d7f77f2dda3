/**
 * Which public DNS names point into the cluster, and at what address.
 *
 * Outside the cluster nobody asks CoreDNS: a name resolves because someone
 * (an operator, or external-dns) published a record for it. The simulator
 * publishes what those would:
 *
 * - the hosts of an Ingress, at the external IP of the load balancer in
 *   front of a controller that serves it (what the controller writes into
 *   the Ingress's `status.loadBalancer`); exact hosts before wildcards;
 * - the names in a LoadBalancer Service's
 *   `external-dns.alpha.kubernetes.io/hostname` annotation (comma-separated),
 *   at its external IP.
 *
 * A LoadBalancer still pending (no cloud load balancer) has no external IP,
 * so its names have no record: that is a DNS failure, and the explanation
 * says how the controller can still be reached (a node's IP and nodePort).
 */
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { tok, type Explanation } from '../explain.js';
import type { ObjectRef, Service, World } from '../model.js';
import { serviceKey } from '../services.js';
import { controllerName, findIngressControllers, ingressName, ingressRef, servingControllers, type IngressController } from './controllers.js';
import { matchHost, normalizeHost } from './path-match.js';
import { compareText } from '../order.js';

export const EXTERNAL_DNS_HOSTNAME = 'external-dns.alpha.kubernetes.io/hostname';

export type Publication =
  | { readonly kind: 'address'; readonly ip: string; readonly service: Service; readonly explanation: Explanation; readonly controller?: IngressController }
  | { readonly kind: 'unpublished'; readonly explanation: Explanation; readonly object?: ObjectRef };

/**
 * How to reach a Service without its load balancer: a node's IP at its
 * nodePort (with externalTrafficPolicy Local, only a node running one of its
 * ready pods answers).
 */
export function nodePortHint(world: World, service: Service): Explanation {
  const http = service.ports.find((p) => p.nodePort !== undefined && (p.port === 80 || p.name === 'http')) ?? service.ports.find((p) => p.nodePort !== undefined);
  if (!http) return [];
  const local = service.externalTrafficPolicy === 'Local';
  const ready = world.endpoints.get(serviceKey(service))?.ports.find((p) => p.portName === http.name)?.endpoints.filter((e) => e.ready) ?? [];
  const node = local ? world.nodes.find((n) => ready.some((e) => e.nodeName === n.name)) : world.nodes[0];
  if (!node) return [];
  return [
    '; it still answers at nodePort ',
    tok.port(http.nodePort!),
    local ? ' on the nodes that run one of its pods (externalTrafficPolicy Local), e.g. ' : ' on every node\'s IP, e.g. ',
    tok.ip(`http://${node.internalIP}:${http.nodePort}/`),
    ', where the Host header is that IP, which only rules without a host match',
  ];
}

function pendingText(world: World, service: Service): Explanation {
  if (service.type === 'LoadBalancer') {
    return [
      'Service ',
      tok.service(serviceKey(service)),
      ' is a LoadBalancer whose external IP is pending',
      world.settings.cloudLoadBalancer ? '' : ' (this cluster has no cloud load balancer)',
      ...nodePortHint(world, service),
    ];
  }
  return ['Service ', tok.service(serviceKey(service)), ` is of type ${service.type} and has no external IP`, ...nodePortHint(world, service)];
}

function hostsOf(service: Service): string[] {
  return (service.annotations[EXTERNAL_DNS_HOSTNAME] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase().replace(/\.$/, ''))
    .filter((h) => h !== '');
}

/**
 * A wildcard DNS record (`*.example.com`, as external-dns publishes for a
 * wildcard Ingress host) answers names any number of labels deep (RFC 4592),
 * unlike an Ingress host rule, which matches exactly one label. So
 * `a.b.example.com` reaches the controller, which then answers 404.
 */
function dnsMatch(pattern: string, host: string): 'exact' | 'wildcard' | undefined {
  if (matchHost(pattern, host) === 'exact') return 'exact';
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 ? 'wildcard' : undefined;
}

function ingressHostMatch(ing: Ingress, host: string): 'exact' | 'wildcard' | undefined {
  let best: 'exact' | 'wildcard' | undefined;
  for (const rule of ing.spec?.rules ?? []) {
    if (!rule.host) continue;
    const m = dnsMatch(rule.host, host);
    if (m === 'exact') return 'exact';
    if (m === 'wildcard') best = 'wildcard';
  }
  return best;
}

/** The public address of a DNS name, or why it has none; undefined when the cluster does not publish it. */
export function publishedAddress(world: World, rawHost: string): Publication | undefined {
  const host = normalizeHost(rawHost);
  let unpublished: Publication | undefined;

  for (const service of world.services) {
    if (service.type !== 'LoadBalancer' || !hostsOf(service).some((h) => dnsMatch(h, host) !== undefined)) continue;
    const why: Explanation = [' is published for Service ', tok.service(serviceKey(service)), ' (annotation ', tok.field(EXTERNAL_DNS_HOSTNAME), ')'];
    if (service.loadBalancerIP) return { kind: 'address', ip: service.loadBalancerIP, service, explanation: [tok.name(host), ...why, ' → ', tok.ip(service.loadBalancerIP), ', its load balancer'] };
    unpublished ??= {
      kind: 'unpublished',
      object: { kind: 'Service', namespace: service.namespace, name: service.name },
      explanation: ['DNS has no address for ', tok.name(host), ': it', ...why, ', but ', ...pendingText(world, service)],
    };
  }

  const controllers = findIngressControllers(world);
  const candidates = world.ingresses
    .map((ing) => ({ ing, match: ingressHostMatch(ing, host) }))
    .filter((c) => c.match !== undefined)
    .sort((a, b) => (a.match === b.match ? compareText(ingressName(a.ing), ingressName(b.ing)) : a.match === 'exact' ? -1 : 1));
  for (const { ing } of candidates) {
    const serving = servingControllers(world, ing, controllers);
    const named: Explanation = [' is a host of Ingress ', tok.object(ingressName(ing))];
    for (const controller of serving.controllers) {
      const service = controller.service;
      if (service?.loadBalancerIP) {
        return {
          kind: 'address',
          ip: service.loadBalancerIP,
          service,
          controller,
          explanation: [tok.name(host), ...named, ', served by controller ', tok.pod(controllerName(controller)), ' behind Service ', tok.service(serviceKey(service)), ' → ', tok.ip(service.loadBalancerIP), ', its load balancer'],
        };
      }
    }
    if (unpublished) continue;
    if (serving.controllers.length === 0) {
      unpublished = { kind: 'unpublished', object: ingressRef(ing), explanation: ['DNS has no address for ', tok.name(host), ': it', ...named, ', but ', ...serving.reason] };
      continue;
    }
    const controller = serving.controllers[0]!;
    unpublished = {
      kind: 'unpublished',
      object: controller.service ? { kind: 'Service', namespace: controller.service.namespace, name: controller.service.name } : ingressRef(ing),
      explanation: controller.service
        ? ['DNS has no address for ', tok.name(host), ': it', ...named, ', whose controller ', tok.pod(controllerName(controller)), ' has no public address: ', ...pendingText(world, controller.service)]
        : ['DNS has no address for ', tok.name(host), ': it', ...named, ', whose controller ', tok.pod(controllerName(controller)), ' has no LoadBalancer or NodePort Service in front of it'],
    };
  }
  return unpublished;
}
