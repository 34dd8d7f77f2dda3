/**
 * kube-proxy: which endpoints may receive a connection to a Service port
 * (pkg/proxy CategorizeEndpoints).
 *
 * kube-proxy sends to ready endpoints (a not-ready pod stays in the
 * EndpointSlice with `ready: false`). When a Service has no ready endpoint
 * at all, it falls back to endpoints that are still serving while they
 * terminate (`serving: true, terminating: true`), so a rollout does not drop
 * connections. Among them it picks one per connection (at random in iptables
 * mode, round-robin in IPVS mode); the simulator reports the whole set,
 * since any of them may be the one.
 *
 * Traffic policies narrow the set:
 * - `internalTrafficPolicy: Local` governs a ClusterIP: traffic from inside
 *   the cluster only goes to endpoints on the client's own node (ready ones,
 *   else serving-terminating ones); with none there, it is dropped.
 * - `externalTrafficPolicy: Local` governs the "external" destinations (a
 *   NodePort, a load balancer IP, an external IP): traffic arriving from
 *   outside only goes to endpoints on the node it arrived at, and keeps the
 *   client's IP. Traffic from a pod, or from the node itself, is exempt and
 *   goes to any endpoint. With `Cluster` it may go to any node, and the client
 *   IP is replaced by the node's (SNAT), which is what NetworkPolicy then sees.
 *   internalTrafficPolicy never applies to external destinations.
 * - `sessionAffinity: ClientIP` keeps one client on one endpoint once chosen;
 *   the set of possible first picks is unchanged.
 */
import type { Endpoint, Service, ServicePort, ServicePortEndpoints, World } from './model.js';
import { serviceKey } from './services.js';

export type EndpointSelection = {
  /** The endpoints kube-proxy may send this connection to. */
  readonly candidates: readonly Endpoint[];
  /** Why the set is empty, when it is. */
  readonly emptyBecause?: EmptyReason;
  readonly portEndpoints?: ServicePortEndpoints;
};

export type EmptyReason =
  | { readonly code: 'selector-matches-nothing'; readonly selector: Readonly<Record<string, string>> }
  | { readonly code: 'no-manual-endpoints' }
  | { readonly code: 'named-port-missing'; readonly targetPort: string; readonly pods: readonly string[] }
  | { readonly code: 'none-ready'; readonly notReady: readonly string[] }
  /** The selected pods have finished (Succeeded/Failed) or have no IP yet (Pending). */
  | { readonly code: 'pods-not-running'; readonly pods: readonly string[] }
  | { readonly code: 'no-local-endpoint'; readonly policy: 'internalTrafficPolicy' | 'externalTrafficPolicy'; readonly node: string };

export type ClientPlacement = {
  /** The node whose kube-proxy handles the connection. */
  readonly node?: string;
  /**
   * Which traffic policy applies: `internal` (a ClusterIP: internalTrafficPolicy),
   * `external` (a NodePort, load balancer or external IP reached from outside
   * the pod network and the node: externalTrafficPolicy), or `none` (every
   * usable endpoint in the cluster).
   */
  readonly policy: 'internal' | 'external' | 'none';
};

/**
 * kube-proxy watches only Services without the `service.kubernetes.io/service-proxy-name`
 * label (another proxy owns those) and without `service.kubernetes.io/headless`:
 * for any other Service it writes no rules, so its ClusterIP, node ports and
 * load balancer answer nothing.
 */
export const PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export function isProxied(service: Service): boolean {
  return !(PROXY_NAME_LABEL in service.labels) && !(HEADLESS_LABEL in service.labels);
}

const isServingTerminating = (e: Endpoint) => (e.serving ?? e.ready) && e.terminating === true;

/** Ready endpoints, or else the ones still serving while they terminate. */
function usable(endpoints: readonly Endpoint[]): Endpoint[] {
  const ready = endpoints.filter((e) => e.ready);
  return ready.length > 0 ? ready : endpoints.filter(isServingTerminating);
}

export function selectEndpoints(world: World, service: Service, port: ServicePort, client: ClientPlacement): EndpointSelection {
  const all = world.endpoints.get(serviceKey(service));
  const portEndpoints = all?.ports.find((p) => p.portName === port.name && p.protocol === port.protocol);
  const endpoints = portEndpoints?.endpoints ?? [];
  if (endpoints.length === 0) {
    if (portEndpoints && portEndpoints.skipped.some((s) => s.reason === 'named-port-missing') && typeof port.targetPort === 'string') {
      return {
        candidates: [],
        portEndpoints,
        emptyBecause: {
          code: 'named-port-missing',
          targetPort: port.targetPort,
          pods: portEndpoints.skipped.filter((s) => s.reason === 'named-port-missing').map((s) => s.pod),
        },
      };
    }
    // The selector did match pods, but none of them is running with an IP.
    const notRunning = portEndpoints?.skipped.filter((s) => s.reason !== 'named-port-missing') ?? [];
    if (service.selector && notRunning.length > 0) {
      return { candidates: [], portEndpoints: portEndpoints!, emptyBecause: { code: 'pods-not-running', pods: notRunning.map((s) => s.pod) } };
    }
    return {
      candidates: [],
      ...(portEndpoints ? { portEndpoints } : {}),
      emptyBecause: service.selector ? { code: 'selector-matches-nothing', selector: service.selector } : { code: 'no-manual-endpoints' },
    };
  }
  const cluster = usable(endpoints);
  if (cluster.length === 0) {
    return { candidates: [], portEndpoints: portEndpoints!, emptyBecause: { code: 'none-ready', notReady: endpoints.map((e) => e.pod ?? e.ip) } };
  }
  const policy =
    client.policy === 'internal' ? service.internalTrafficPolicy : client.policy === 'external' ? service.externalTrafficPolicy : 'Cluster';
  if (policy === 'Local' && client.node !== undefined) {
    const local = usable(endpoints.filter((e) => e.nodeName === client.node));
    if (local.length === 0) {
      return {
        candidates: [],
        portEndpoints: portEndpoints!,
        emptyBecause: {
          code: 'no-local-endpoint',
          policy: client.policy === 'external' ? 'externalTrafficPolicy' : 'internalTrafficPolicy',
          node: client.node,
        },
      };
    }
    return { candidates: local, portEndpoints: portEndpoints! };
  }
  return { candidates: cluster, portEndpoints: portEndpoints! };
}

/**
 * Spread `count` connections over the candidates as kube-proxy's random pick
 * would, from a seed (the simulator has no randomness of its own). With
 * ClientIP affinity every connection from one client lands on its first pick.
 */
export function spreadRequests(
  candidates: readonly Endpoint[],
  count: number,
  seed: number,
  affinity: Service['sessionAffinity'],
): Map<string, number> {
  const counts = new Map<string, number>(candidates.map((e) => [e.pod ?? e.ip, 0]));
  if (candidates.length === 0) return counts;
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: small, seeded, good enough to look like load balancing.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const first = next() % candidates.length;
  for (let i = 0; i < count; i++) {
    const pick = affinity === 'ClientIP' ? first : i === 0 ? first : next() % candidates.length;
    const key = candidates[pick]!.pod ?? candidates[pick]!.ip;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
