/**
 * One request, hop by hop: DNS from the source's point of view, the address
 * it reaches (a pod, a ClusterIP, a node's NodePort, a load balancer, an
 * address outside the cluster, or the pod's own localhost), kube-proxy's
 * choice of endpoints, NetworkPolicy at both ends, and whether a container
 * listens on the port it lands on. Every hop records why, so the same data
 * drives the CLI, the grader and the game.
 */
import { tok, type Explanation } from './explain.js';
import type { Pod, World } from './model.js';
import { podKey } from './model.js';
import type { Outcome } from './outcome.js';
import { parseSource, parseTarget, resolveSource, resolveTargetPod, type Parsed, type Source, type TargetSpec } from './probe.js';
import { deliverToAddress, deliverToPod, policySource, recordDelivery, settle, TraceBuilder, type Cause, type EndpointResult, type Hop } from './trace-context.js';
import { resolveHost } from './trace-dns.js';
import { isLoopback, leaveCluster, loopback, routeToAddress } from './trace-routes.js';
import { controllerOfPod, findIngressControllers, throughIngressController, type HttpRequest } from './ingress/index.js';
import type { Ending } from './trace-context.js';

export type { Cause, EndpointResult, Hop, HopStep } from './trace-context.js';

export type Trace = {
  readonly from: string;
  readonly to: string;
  readonly outcome: Outcome;
  readonly cause: Cause;
  /** Pods (sorted `ns/name`) that would receive the request. */
  readonly reach: readonly string[];
  /** The pod port the request lands on. */
  readonly port?: number;
  readonly endpoints: readonly EndpointResult[];
  readonly hops: readonly Hop[];
  /** One plain sentence: why the outcome is what it is. */
  readonly explanation: Explanation;
  /** Where a request that leaves the cluster goes. */
  readonly external?: string;
  /** The Location of an HTTP redirect. */
  readonly location?: string;
};

export function describeSource(source: Source): Explanation {
  switch (source.kind) {
    case 'pod':
      return ['from pod ', tok.pod(podKey(source.pod)), ' (', tok.ip(source.ip), source.pod.hostNetwork ? ', host network' : '', ' on ', tok.node(source.pod.nodeName), ')'];
    case 'node':
      return ['from node ', tok.node(source.node.name), ' (', tok.ip(source.ip), ')'];
    case 'external':
      return ['from a client outside the cluster (', tok.ip(source.ip), ')'];
  }
}

/** Why nothing answers at a pod: it has no IP yet, or its containers have finished. */
function notRunning(pod: Pod): string | undefined {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return ` has finished (phase ${pod.phase}); nothing runs there any more`;
  if (pod.ip === '') return ' is Pending and has no IP yet';
  return undefined;
}

export function traceRequest(world: World, source: Source, target: TargetSpec, labels: { from: string; to: string }): Trace {
  const t = new TraceBuilder(world, source);
  t.hop('source', true, describeSource(source));
  const reached = (() => {
    if (target.kind === 'pod') {
      const pod = resolveTargetPod(world, target.namespace, target.name);
      if (!pod.ok) throw new Error(`traceRequest: ${pod.error}; resolve the target with traceProbe first`);
      const down = notRunning(pod.value);
      if (down) {
        const explanation: Explanation = ['pod ', tok.pod(podKey(pod.value)), down];
        t.hop('address', false, explanation, { kind: 'Pod', namespace: pod.value.namespace, name: pod.value.name }, 'status.phase');
        return { outcome: 'unreachable', cause: 'no-such-address', explanation } satisfies Ending;
      }
      return routeToAddress(t, pod.value.ip, target.port, target.protocol);
    }
    if (isLoopback(target.host)) return loopback(t, target.port, target.protocol);
    if (/^\d+\.\d+\.\d+\.\d+$/.test(target.host)) return routeToAddress(t, target.host, target.port, target.protocol);
    const resolved = resolveHost(t, target.host);
    if ('outcome' in resolved) return resolved;
    if ('external' in resolved) return leaveCluster(t, resolved.external, target.port, target.protocol);
    if (resolved.headless) {
      // The client connects straight to a pod IP from the answer: no kube-proxy, no port mapping.
      const results = resolved.ips.map((ip) => {
        // A pod on the pod network has the address to itself; a node's address
        // belongs to the hostNetwork pod there that listens on the port.
        const listens = (p: Pod) => p.containers.some((c) => c.ports.some((cp) => cp.containerPort === target.port && cp.protocol === target.protocol));
        const pod =
          world.pods.find((p) => p.ip === ip && !p.hostNetwork && p.phase !== 'Succeeded' && p.phase !== 'Failed') ??
          world.pods.find((p) => p.ip === ip && p.hostNetwork && listens(p));
        return pod
          ? deliverToPod(t, policySource(source), pod, target.port, target.protocol)
          : deliverToAddress(t, policySource(source), ip, target.port, target.protocol);
      });
      recordDelivery(t, results);
      return settle(results);
    }
    return routeToAddress(t, resolved.ips[0]!, target.port, target.protocol);
  })();
  const ending =
    target.kind === 'host' && target.path !== undefined && (target.scheme === 'http' || target.scheme === 'https')
      ? continueAtIngressController(t, reached, { scheme: target.scheme, host: target.host, path: target.path })
      : reached;

  const endpoints = ending.endpoints ?? [];
  const delivered = endpoints.filter((e) => e.outcome === 'delivered');
  const reach = [...new Set(delivered.flatMap((e) => (e.pod ? [e.pod] : [])))].sort();
  const port = delivered[0]?.port ?? endpoints[0]?.port;
  return {
    from: labels.from,
    to: labels.to,
    outcome: ending.outcome,
    cause: ending.cause,
    reach: ending.outcome === 'delivered' ? reach : [],
    ...(port !== undefined ? { port } : {}),
    endpoints,
    hops: t.hops,
    explanation: ending.explanation,
    ...(ending.external !== undefined ? { external: ending.external } : {}),
    ...(ending.location !== undefined ? { location: ending.location } : {}),
  };
}

/**
 * An HTTP request that a controller pod accepted goes on at the HTTP layer:
 * the controller routes it by Host and path (src/sim/ingress).
 */
function continueAtIngressController(t: TraceBuilder, reached: Ending, request: HttpRequest): Ending {
  if (reached.outcome !== 'delivered') return reached;
  const controllers = findIngressControllers(t.world);
  if (controllers.length === 0) return reached;
  for (const e of reached.endpoints ?? []) {
    if (e.outcome !== 'delivered' || !e.pod) continue;
    const pod = t.world.pods.find((p) => podKey(p) === e.pod);
    const controller = pod && controllerOfPod(controllers, pod);
    if (pod && controller) return throughIngressController(t, controller, pod, request);
  }
  return reached;
}

/** Parse SRC and TARGET (DESIGN.md syntax), place them in the world and trace. */
export function traceProbe(world: World, from: string, to: string): Parsed<Trace> {
  const src = parseSource(from);
  if (!src.ok) return src;
  const source = resolveSource(world, src.value);
  if (!source.ok) return source;
  const target = parseTarget(to);
  if (!target.ok) return target;
  if (target.value.kind === 'pod') {
    const pod = resolveTargetPod(world, target.value.namespace, target.value.name);
    if (!pod.ok) return pod;
  }
  return { ok: true, value: traceRequest(world, source.value, target.value, { from: from.trim(), to: to.trim() }) };
}
