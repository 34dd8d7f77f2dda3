/**
 * The pieces every route of a trace shares: the hop log, and delivery to a
 * pod or an address (NetworkPolicy at both ends, then someone must listen).
 */
import { tok, type Explanation } from './explain.js';
import type { EmptyReason } from './kube-proxy.js';
import type { Endpoint, ObjectRef, Pod, Protocol, Service, ServicePort, World } from './model.js';
import { podKey } from './model.js';
import { evaluatePolicies, type PolicyEnd, type PolicyVerdict } from './netpol/index.js';
import type { Outcome } from './outcome.js';
import type { BackendFailure } from './ingress/backend.js';
import type { Source } from './probe.js';

export type HopStep =
  | 'source'
  | 'dns'
  | 'address'
  | 'service'
  | 'node-port'
  | 'load-balancer'
  | 'kube-proxy'
  | 'network-policy'
  | 'pod'
  | 'loopback'
  | 'external'
  /** An ingress controller at work: which controller, host, path, TLS. */
  | 'ingress'
  /** The controller's upstream: the backend Service's endpoints, or its 404/503. */
  | 'ingress-backend';

export type Hop = {
  readonly step: HopStep;
  /** false on the hop where the request stopped. */
  readonly ok: boolean;
  readonly explanation: Explanation;
  /** The object this hop is about, and the field that decided, when there is one. */
  readonly object?: ObjectRef;
  readonly field?: string;
};

/** Why the request ended as it did, as a stable code (for hints and grading). */
export type Cause =
  | 'delivered'
  | 'external'
  | 'policy-denied'
  | 'not-listening'
  | 'nxdomain'
  | 'dns-unreachable'
  | 'service-port-missing'
  /** The Service carries a label that tells kube-proxy to leave it alone. */
  | 'not-proxied'
  | EmptyReason['code']
  | 'no-such-address'
  | 'pod-ip-from-outside'
  | 'cluster-ip-from-outside'
  | 'load-balancer-pending'
  | 'node-port-missing'
  /** A public name nothing publishes an address for (a pending load balancer, an Ingress no controller serves). */
  | 'not-published'
  /** Plain HTTP to a host with TLS, answered with 308 to https://. */
  | 'ingress-redirect'
  /** No Ingress rule matched: the controller's default backend answered 404. */
  | 'ingress-default-backend'
  | BackendFailure;

export type EndpointResult = {
  readonly pod?: string;
  readonly ip: string;
  readonly port: number;
  readonly nodeName?: string;
  readonly outcome: 'delivered' | 'denied' | 'refused';
  readonly explanation: Explanation;
  readonly policy?: PolicyVerdict;
};

export type Ending = {
  readonly outcome: Outcome;
  readonly cause: Cause;
  readonly explanation: Explanation;
  readonly endpoints?: readonly EndpointResult[];
  readonly external?: string;
  /** The Location of an HTTP redirect. */
  readonly location?: string;
};

export class TraceBuilder {
  readonly hops: Hop[] = [];

  constructor(
    readonly world: World,
    readonly source: Source,
  ) {}

  hop(step: HopStep, ok: boolean, explanation: Explanation, object?: ObjectRef, field?: string): void {
    this.hops.push({ step, ok, explanation, ...(object ? { object } : {}), ...(field ? { field } : {}) });
  }
}

export const svcRef = (s: Service): ObjectRef => ({ kind: 'Service', namespace: s.namespace, name: s.name });

export const svcName = (s: Service) => tok.service(`${s.namespace}/${s.name}`);

export const portText = (port: number, protocol: Protocol) => tok.port(`${port}/${protocol}`);

/** What NetworkPolicy sees as the source: a hostNetwork pod is just its node's IP. */
export function policySource(source: Source): PolicyEnd {
  if (source.kind === 'pod' && !source.pod.hostNetwork) return { ip: source.ip, pod: source.pod };
  return { ip: source.ip };
}

/** Deliver to one pod address: NetworkPolicy at both ends, then someone must listen. */
export function deliverToPod(t: TraceBuilder, from: PolicyEnd, pod: Pod, port: number, protocol: Protocol): EndpointResult {
  const base = { pod: podKey(pod), ip: pod.ip, port, nodeName: pod.nodeName };
  const policy = evaluatePolicies(t.world, from, { ip: pod.ip, ...(pod.hostNetwork ? {} : { pod }) }, port, protocol);
  if (!policy.allowed) return { ...base, outcome: 'denied', explanation: policy.reason, policy };
  const listening = pod.containers.some((c) => c.ports.some((p) => p.containerPort === port && p.protocol === protocol));
  if (!listening) {
    const declared = pod.containers.flatMap((c) => c.ports.map((p) => `${p.containerPort}/${p.protocol}`));
    return {
      ...base,
      outcome: 'refused',
      policy,
      explanation: [
        'no container in ',
        tok.pod(podKey(pod)),
        ' listens on ',
        portText(port, protocol),
        declared.length > 0 ? ` (it declares ${declared.join(', ')})` : ' (it declares no ports)',
      ],
    };
  }
  return { ...base, outcome: 'delivered', policy, explanation: [tok.pod(podKey(pod)), ' accepts ', portText(port, protocol)] };
}

/** An address that is not a pod (a node, the API server, something outside): only egress policy applies. */
export function deliverToAddress(t: TraceBuilder, from: PolicyEnd, ip: string, port: number, protocol: Protocol, nodeName?: string): EndpointResult {
  const policy = evaluatePolicies(t.world, from, { ip }, port, protocol);
  const base = { ip, port, ...(nodeName ? { nodeName } : {}) };
  if (!policy.allowed) return { ...base, outcome: 'denied', explanation: policy.reason, policy };
  return { ...base, outcome: 'delivered', policy, explanation: [tok.ip(`${ip}:${port}`), ' is outside the pod network; nothing in the cluster stops it'] };
}

export function deliverToEndpoint(t: TraceBuilder, from: PolicyEnd, ep: Endpoint, protocol: Protocol): EndpointResult {
  const pod = ep.pod ? t.world.pods.find((p) => podKey(p) === ep.pod) : undefined;
  return pod ? deliverToPod(t, from, pod, ep.port, protocol) : deliverToAddress(t, from, ep.ip, ep.port, protocol, ep.nodeName);
}

/** Sum up per-endpoint results: delivered if any delivers; otherwise denied before refused. */
export function settle(results: readonly EndpointResult[]): Ending {
  const delivered = results.filter((r) => r.outcome === 'delivered');
  if (delivered.length > 0) {
    const pods = delivered.filter((r) => r.pod);
    const explanation: Explanation =
      pods.length === 0
        ? ['delivered to ', tok.ip(`${delivered[0]!.ip}:${delivered[0]!.port}`)]
        : [
            pods.length === 1 ? 'delivered to ' : `any of ${pods.length} pods may receive it: `,
            ...pods.flatMap((r, i) => [i > 0 ? ', ' : '', tok.pod(r.pod!)]),
            ' on port ',
            tok.port(pods[0]!.port),
            results.length > delivered.length ? ` (${results.length - delivered.length} other endpoint(s) would not take it)` : '',
          ];
    return { outcome: 'delivered', cause: pods.length === 0 ? 'external' : 'delivered', explanation, endpoints: results };
  }
  const denied = results.find((r) => r.outcome === 'denied');
  if (denied) return { outcome: 'denied', cause: 'policy-denied', explanation: denied.explanation, endpoints: results };
  return { outcome: 'refused', cause: 'not-listening', explanation: results[0]?.explanation ?? ['nothing listens there'], endpoints: results };
}

export function recordDelivery(t: TraceBuilder, results: readonly EndpointResult[]): void {
  for (const r of results) {
    const step: HopStep = r.outcome === 'denied' ? 'network-policy' : r.pod ? 'pod' : 'external';
    t.hop(step, r.outcome === 'delivered', r.explanation, r.pod ? { kind: 'Pod', namespace: r.pod.split('/')[0]!, name: r.pod.split('/')[1]! } : undefined);
  }
}

export function findServicePort(service: Service, port: number, protocol: Protocol): ServicePort | undefined {
  return service.ports.find((p) => p.port === port && p.protocol === protocol);
}

export function exposedPorts(service: Service): string {
  return service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'no ports';
}
