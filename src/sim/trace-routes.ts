/**
 * Where an address and port lead: a ClusterIP through kube-proxy, a node's
 * NodePort, a cloud load balancer, a pod IP, the pod's own localhost, or
 * somewhere outside the cluster.
 */
import { cidrContains } from './cidr.js';
import { tok, type Explanation } from './explain.js';
import { HEADLESS_LABEL, isProxied, PROXY_NAME_LABEL, selectEndpoints, type ClientPlacement, type EmptyReason } from './kube-proxy.js';
import type { Endpoint, Node, Pod, Protocol, Service, ServicePort } from './model.js';
import { podKey } from './model.js';
import type { PolicyEnd } from './netpol/index.js';
import {
  deliverToAddress,
  deliverToEndpoint,
  deliverToPod,
  exposedPorts,
  findServicePort,
  policySource,
  portText,
  recordDelivery,
  settle,
  svcName,
  svcRef,
  type Ending,
  type HopStep,
  type TraceBuilder,
} from './trace-context.js';

export function emptyExplanation(service: Service, port: ServicePort, why: EmptyReason): Explanation {
  switch (why.code) {
    case 'selector-matches-nothing':
      return [
        'Service ',
        svcName(service),
        ' selects ',
        tok.field(Object.entries(why.selector).map(([k, v]) => `${k}=${v}`).join(',')),
        `; no pod in namespace ${service.namespace} has all of those labels, so it has no endpoints`,
      ];
    case 'pods-not-running':
      return [
        'Service ',
        svcName(service),
        ' selects ',
        ...why.pods.flatMap((p, i) => [i > 0 ? ', ' : '', tok.pod(p)]),
        ', but none of them is running with an IP (finished or still pending), so it has no endpoints',
      ];
    case 'no-manual-endpoints':
      return ['Service ', svcName(service), ' has no selector and no EndpointSlice or Endpoints lists an address for port ', tok.name(port.name || String(port.port))];
    case 'named-port-missing':
      return [
        'Service ',
        svcName(service),
        ' sends port ',
        tok.port(port.port),
        ' to the named port ',
        tok.name(why.targetPort),
        `, but no selected pod has a ${port.protocol} container port with that name (`,
        ...why.pods.flatMap((p, i) => [i > 0 ? ', ' : '', tok.pod(p)]),
        ')',
      ];
    case 'none-ready':
      return [
        'Service ',
        svcName(service),
        ' selects ',
        ...why.notReady.flatMap((p, i) => [i > 0 ? ', ' : '', tok.pod(p)]),
        ', but none is ready, so kube-proxy has nowhere to send it',
      ];
    case 'no-local-endpoint':
      return [
        'Service ',
        svcName(service),
        ' has ',
        tok.field(`${why.policy}: Local`),
        ' and no ready endpoint on node ',
        tok.node(why.node),
        ', so the traffic is dropped there',
      ];
  }
}

/** kube-proxy at work: a Service port to its endpoints, then delivery to each. */
export function throughService(
  t: TraceBuilder,
  service: Service,
  port: ServicePort,
  from: (ep: Endpoint) => PolicyEnd,
  client: ClientPlacement,
): Ending {
  const selection = selectEndpoints(t.world, service, port, client);
  if (selection.candidates.length === 0) {
    const why = selection.emptyBecause!;
    const explanation = emptyExplanation(service, port, why);
    t.hop('kube-proxy', false, explanation, svcRef(service), why.code === 'no-local-endpoint' ? `spec.${why.policy}` : 'spec.selector');
    return { outcome: 'no-endpoints', cause: why.code, explanation };
  }
  const targetDesc =
    typeof port.targetPort === 'string' ? [' (targetPort ', tok.name(port.targetPort), ', resolved per pod)'] : [' to targetPort ', tok.port(port.targetPort)];
  t.hop(
    'kube-proxy',
    true,
    [
      'kube-proxy picks one of ',
      String(selection.candidates.length),
      selection.candidates.every((e) => e.ready) ? ' ready endpoint(s): ' : ' endpoint(s) still serving while they terminate (none is ready): ',
      ...selection.candidates.flatMap((e, i) => [i > 0 ? ', ' : '', e.pod ? tok.pod(e.pod) : tok.ip(e.ip), ':', tok.port(e.port)]),
      ...targetDesc,
      service.sessionAffinity === 'ClientIP' ? '; sessionAffinity ClientIP keeps a client on its first pick' : '',
    ],
    svcRef(service),
  );
  const results = selection.candidates.map((ep) => deliverToEndpoint(t, from(ep), ep, port.protocol));
  recordDelivery(t, results);
  return settle(results);
}

/** Where an IP:port lands, and what happens there. */
export function routeToAddress(t: TraceBuilder, ip: string, port: number, protocol: Protocol): Ending {
  const { world, source } = t;
  const from = policySource(source);
  const outside = source.kind === 'external';

  const service = world.services.find((s) => s.clusterIP === ip);
  if (service) {
    if (outside) {
      const explanation: Explanation = [tok.ip(ip), ' is the ClusterIP of ', svcName(service), '; ClusterIPs only exist inside the cluster'];
      t.hop('address', false, explanation, svcRef(service), 'spec.type');
      return { outcome: 'unreachable', cause: 'cluster-ip-from-outside', explanation };
    }
    if (!isProxied(service)) return notProxied(t, service, 'service');
    const sp = findServicePort(service, port, protocol);
    if (!sp) {
      const explanation: Explanation = ['Service ', svcName(service), ' does not expose ', portText(port, protocol), ` (it exposes ${exposedPorts(service)}), so nothing answers`];
      t.hop('service', false, explanation, svcRef(service), 'spec.ports');
      return { outcome: 'unreachable', cause: 'service-port-missing', explanation };
    }
    t.hop('service', true, [tok.ip(ip), ' is the ClusterIP of ', svcName(service), '; port ', portText(port, protocol), sp.name ? ` ("${sp.name}")` : ''], svcRef(service), 'spec.ports');
    const node = source.kind === 'pod' ? source.pod.nodeName : source.kind === 'node' ? source.node.name : undefined;
    return throughService(t, service, sp, () => from, { ...(node ? { node } : {}), policy: 'internal' });
  }

  const lbService = world.services.find((s) => s.type === 'LoadBalancer' && s.loadBalancerIP === ip);
  if (lbService) return throughLoadBalancer(t, lbService, port, protocol);

  const externalIPService = world.services.find((s) => isProxied(s) && s.externalIPs.includes(ip) && findServicePort(s, port, protocol));
  if (externalIPService) return throughExternalIP(t, externalIPService, ip, port, protocol);

  const node = world.nodes.find((n) => n.internalIP === ip);
  if (node) return throughNode(t, node, port, protocol);

  const pod = world.pods.find((p) => p.ip === ip && !p.hostNetwork);
  if (pod) {
    if (outside) {
      const explanation: Explanation = [tok.ip(ip), ' is the IP of pod ', tok.pod(podKey(pod)), '; pod IPs are not routed outside the cluster'];
      t.hop('address', false, explanation);
      return { outcome: 'unreachable', cause: 'pod-ip-from-outside', explanation };
    }
    const crossing = source.kind === 'pod' && source.pod.nodeName !== pod.nodeName;
    t.hop('address', true, [
      tok.ip(ip),
      ' is pod ',
      tok.pod(podKey(pod)),
      ' on ',
      tok.node(pod.nodeName),
      crossing ? `; the packet crosses from ${(source as { pod: Pod }).pod.nodeName} to ${pod.nodeName} with its source IP unchanged (no NAT)` : '',
    ]);
    const result = deliverToPod(t, from, pod, port, protocol);
    recordDelivery(t, [result]);
    return settle([result]);
  }

  if (cidrContains(world.settings.podCidr, ip) || cidrContains(world.settings.serviceCidr, ip)) {
    const inPods = cidrContains(world.settings.podCidr, ip);
    const explanation: Explanation = [tok.ip(ip), ` is in the ${inPods ? 'pod' : 'service'} network (`, tok.field(inPods ? world.settings.podCidr : world.settings.serviceCidr), `) but no ${inPods ? 'pod' : 'Service'} has it`];
    t.hop('address', false, explanation);
    return { outcome: 'unreachable', cause: 'no-such-address', explanation };
  }

  if (outside) {
    const explanation: Explanation = [tok.ip(ip), ' is not an address of this cluster'];
    t.hop('address', false, explanation);
    return { outcome: 'unreachable', cause: 'no-such-address', explanation };
  }
  const result = deliverToAddress(t, from, ip, port, protocol);
  t.hop(result.outcome === 'denied' ? 'network-policy' : 'external', result.outcome === 'delivered', result.outcome === 'delivered' ? ['the request leaves the cluster for ', tok.ip(`${ip}:${port}`)] : result.explanation);
  if (result.outcome === 'denied') return { outcome: 'denied', cause: 'policy-denied', explanation: result.explanation, endpoints: [result] };
  return { outcome: 'delivered', cause: 'external', explanation: ['the request leaves the cluster for ', tok.ip(`${ip}:${port}`)], endpoints: [result], external: ip };
}

/** The node whose IP a source sends from, when it is a node or a hostNetwork pod (src-type LOCAL to kube-proxy). */
function sourceNode(t: TraceBuilder): Node | undefined {
  const { source, world } = t;
  if (source.kind === 'node') return source.node;
  if (source.kind === 'pod' && source.pod.hostNetwork) return world.nodes.find((n) => n.name === source.pod.nodeName);
  return undefined;
}

/**
 * kube-proxy at an "external" destination (a NodePort, a load balancer IP, an
 * external IP) on `entry`, the node whose rules catch the packet:
 * - from a pod: under Local, pod traffic is sent to every endpoint with its
 *   source kept; under Cluster it is masqueraded to the node's IP.
 * - from the entry node itself: masqueraded, to every endpoint.
 * - from anywhere else (outside, another node): under Local only the entry
 *   node's endpoints, client IP kept; under Cluster any endpoint, SNAT.
 */
function throughExternalDestination(t: TraceBuilder, service: Service, sp: ServicePort, entry: Node | undefined, step: HopStep): Ending {
  const { source } = t;
  const local = service.externalTrafficPolicy === 'Local';
  const fromPod = source.kind === 'pod' && !source.pod.hostNetwork;
  const own = sourceNode(t);
  const fromEntryNode = own !== undefined && entry !== undefined && own.name === entry.name;
  const snat = entry !== undefined && (!local || fromEntryNode);
  const from: PolicyEnd = snat ? { ip: entry.internalIP } : policySource(source);
  if (snat && !fromEntryNode) {
    t.hop(step, true, ['externalTrafficPolicy Cluster: node ', tok.node(entry.name), ' replaces the client IP with its own, ', tok.ip(entry.internalIP), ' (SNAT)'], svcRef(service), 'spec.externalTrafficPolicy');
  } else if (local && fromPod) {
    t.hop(step, true, ['externalTrafficPolicy Local does not narrow traffic from a pod: kube-proxy sends it to any endpoint, keeping the pod IP'], svcRef(service), 'spec.externalTrafficPolicy');
  }
  const placement: ClientPlacement = {
    ...(entry ? { node: entry.name } : {}),
    policy: local && !fromPod && !fromEntryNode ? 'external' : 'none',
  };
  return throughService(t, service, sp, () => from, placement);
}

/** A node's IP: a NodePort, a hostPort, or a hostNetwork pod, or nothing listening. */
export function throughNode(t: TraceBuilder, node: Node, port: number, protocol: Protocol): Ending {
  const { world, source } = t;
  for (const service of world.services) {
    const sp = service.ports.find((p) => p.nodePort === port && p.protocol === protocol);
    if (!sp || !isProxied(service)) continue;
    t.hop(
      'node-port',
      true,
      [tok.ip(node.internalIP), ' is node ', tok.node(node.name), '; every node opens nodePort ', tok.port(port), ' for ', svcName(service), ' (port ', tok.port(sp.port), ')'],
      svcRef(service),
      'spec.ports.nodePort',
    );
    return throughExternalDestination(t, service, sp, node, 'node-port');
  }
  const hostPortPod = world.pods.find(
    (p) => !p.hostNetwork && p.ip !== '' && p.nodeName === node.name && p.containers.some((c) => c.ports.some((cp) => cp.hostPort === port && cp.protocol === protocol)),
  );
  if (hostPortPod) {
    const containerPort = hostPortPod.containers.flatMap((c) => c.ports).find((cp) => cp.hostPort === port && cp.protocol === protocol)!.containerPort;
    t.hop('address', true, [
      tok.ip(`${node.internalIP}:${port}`),
      ' is hostPort ',
      tok.port(port),
      ' of pod ',
      tok.pod(podKey(hostPortPod)),
      ' on node ',
      tok.node(node.name),
      '; the node forwards it to the pod\'s port ',
      portText(containerPort, protocol),
      ' (client IP kept)',
    ]);
    const result = deliverToPod(t, policySource(source), hostPortPod, containerPort, protocol);
    recordDelivery(t, [result]);
    return settle([result]);
  }
  const hostPod = world.pods.find(
    (p) => p.hostNetwork && p.nodeName === node.name && p.containers.some((c) => c.ports.some((cp) => cp.containerPort === port && cp.protocol === protocol)),
  );
  if (hostPod) {
    t.hop('address', true, [tok.ip(node.internalIP), ' is node ', tok.node(node.name), '; host-network pod ', tok.pod(podKey(hostPod)), ' listens there']);
    const result = deliverToPod(t, policySource(source), hostPod, port, protocol);
    recordDelivery(t, [result]);
    return settle([result]);
  }
  const explanation: Explanation = [
    tok.ip(node.internalIP),
    ' is node ',
    tok.node(node.name),
    ', but no Service has nodePort ',
    portText(port, protocol),
    ` (NodePorts are ${world.settings.nodePortRange.min}-${world.settings.nodePortRange.max}) and nothing else listens there`,
  ];
  t.hop('node-port', false, explanation);
  return { outcome: 'refused', cause: 'node-port-missing', explanation };
}

/**
 * The node whose kube-proxy catches traffic to a load balancer or external
 * IP: a pod's or node's own (kube-proxy there intercepts it before it
 * leaves); from outside, the node the load balancer or router picks (the
 * simulator follows the first node, and says so).
 */
function entryNodeFor(t: TraceBuilder): Node | undefined {
  const { source, world } = t;
  if (source.kind === 'pod') return world.nodes.find((n) => n.name === source.pod.nodeName);
  if (source.kind === 'node') return source.node;
  return world.nodes[0];
}

/** A Service kube-proxy does not handle: no rules, so nothing answers at its addresses. */
function notProxied(t: TraceBuilder, service: Service, step: HopStep): Ending {
  const label = PROXY_NAME_LABEL in service.labels ? PROXY_NAME_LABEL : HEADLESS_LABEL;
  const explanation: Explanation = ['Service ', svcName(service), ' has the label ', tok.field(label), ', so kube-proxy ignores it and nothing answers at its addresses'];
  t.hop(step, false, explanation, svcRef(service), `metadata.labels.${label}`);
  return { outcome: 'unreachable', cause: 'not-proxied', explanation };
}

export function throughLoadBalancer(t: TraceBuilder, service: Service, port: number, protocol: Protocol): Ending {
  if (!isProxied(service)) return notProxied(t, service, 'load-balancer');
  const sp = findServicePort(service, port, protocol);
  if (!sp) {
    const explanation: Explanation = ['the load balancer of ', svcName(service), ' does not listen on ', portText(port, protocol), ` (it forwards ${exposedPorts(service)})`];
    t.hop('load-balancer', false, explanation, svcRef(service), 'spec.ports');
    return { outcome: 'unreachable', cause: 'service-port-missing', explanation };
  }
  const local = service.externalTrafficPolicy === 'Local';
  const outside = t.source.kind === 'external';
  t.hop(
    'load-balancer',
    true,
    [
      tok.ip(service.loadBalancerIP!),
      ' is the load balancer of ',
      svcName(service),
      outside ? '; it forwards port ' : '; kube-proxy on the client\'s node catches port ',
      tok.port(port),
      outside && sp.nodePort ? ` to nodePort ${sp.nodePort}` : '',
      outside
        ? local
          ? ' only on nodes with a ready endpoint, keeping the client IP (externalTrafficPolicy Local)'
          : ' on any node, which replaces the client IP with its own (externalTrafficPolicy Cluster)'
        : ' before it leaves the cluster',
    ],
    svcRef(service),
    'spec.externalTrafficPolicy',
  );
  // From outside under Local, the load balancer only sends to nodes with an
  // endpoint (its health check), and each keeps to its own: every endpoint.
  if (outside && local) return throughService(t, service, sp, () => policySource(t.source), { policy: 'none' });
  const entry = entryNodeFor(t);
  if (outside && entry) t.hop('load-balancer', true, ['it picks node ', tok.node(entry.name)], svcRef(service), 'spec.externalTrafficPolicy');
  return throughExternalDestination(t, service, sp, entry, 'load-balancer');
}

/** `spec.externalIPs`: kube-proxy on every node answers that address for the Service's ports. */
export function throughExternalIP(t: TraceBuilder, service: Service, ip: string, port: number, protocol: Protocol): Ending {
  const sp = findServicePort(service, port, protocol)!;
  const outside = t.source.kind === 'external';
  const entry = entryNodeFor(t);
  t.hop(
    'service',
    true,
    [
      tok.ip(ip),
      ' is an external IP of ',
      svcName(service),
      '; kube-proxy on node ',
      entry ? tok.node(entry.name) : '?',
      ' catches port ',
      portText(port, protocol),
      outside ? ' (the simulator routes outside traffic for it to the first node)' : '',
    ],
    svcRef(service),
    'spec.externalIPs',
  );
  return throughExternalDestination(t, service, sp, entry, 'service');
}

export function leaveCluster(t: TraceBuilder, host: string, port: number, protocol: Protocol): Ending {
  // The simulator does not know the outside name's address; egress policy is
  // checked against an address no ipBlock of the cluster's own networks holds.
  const result = deliverToAddress(t, policySource(t.source), '0.0.0.0', port, protocol);
  if (result.outcome === 'denied') {
    t.hop('network-policy', false, result.explanation);
    return { outcome: 'denied', cause: 'policy-denied', explanation: result.explanation, endpoints: [] };
  }
  const explanation: Explanation = ['the request leaves the cluster for ', tok.name(host), ':', tok.port(port)];
  t.hop('external', true, explanation);
  return { outcome: 'delivered', cause: 'external', explanation, external: host };
}

export function loopback(t: TraceBuilder, port: number, protocol: Protocol): Ending {
  const { source } = t;
  if (source.kind !== 'pod') {
    const explanation: Explanation = ['localhost is the client\'s own machine, not the cluster'];
    t.hop('loopback', false, explanation);
    return { outcome: 'unreachable', cause: 'no-such-address', explanation };
  }
  const pod = source.pod;
  const owner = pod.containers.find((c) => c.ports.some((p) => p.containerPort === port && p.protocol === protocol));
  if (!owner) {
    const explanation: Explanation = ['containers of ', tok.pod(podKey(pod)), ' share one network namespace, but none listens on ', portText(port, protocol)];
    t.hop('loopback', false, explanation);
    return { outcome: 'refused', cause: 'not-listening', explanation, endpoints: [{ pod: podKey(pod), ip: '127.0.0.1', port, nodeName: pod.nodeName, outcome: 'refused', explanation }] };
  }
  const explanation: Explanation = ['containers of one pod share localhost: container ', tok.name(owner.name), ' of ', tok.pod(podKey(pod)), ' listens on ', portText(port, protocol)];
  t.hop('loopback', true, explanation);
  // Traffic over loopback never leaves the pod, so NetworkPolicy does not see it.
  return {
    outcome: 'delivered',
    cause: 'delivered',
    explanation,
    endpoints: [{ pod: podKey(pod), ip: '127.0.0.1', port, nodeName: pod.nodeName, outcome: 'delivered', explanation }],
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.');
}
