/**
 * The simulator's model turned back into API objects, as `kubectl get -o yaml`
 * would show them and as the tables read them. The world keeps Pods, Services
 * and endpoints in normalized form (defaults applied, IPs allocated), so the
 * objects are rebuilt from that; NetworkPolicies, Ingresses and IngressClasses
 * are kept as written and come back as they are.
 *
 * What the simulator does not model is left out rather than invented (no
 * uid, resourceVersion or creationTimestamp: there is no clock), except the
 * few fields kubectl's printers need (a node's kubelet version and OS).
 */
import type { Ingress, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import {
  findIngressControllers,
  fnv1a,
  servingControllers,
  type Endpoint,
  type KubeObject,
  type Labels,
  type Namespace,
  type Node,
  type Pod,
  type Protocol,
  type Service,
  type ServiceEndpoints,
  type World,
} from '../../sim/index.js';

/** What the simulated nodes run, for `get nodes` and `describe node`. */
export const NODE_INFO = {
  kubeletVersion: 'v1.30.0',
  osImage: 'Ubuntu 22.04.4 LTS',
  kernelVersion: '5.15.0-105-generic',
  containerRuntimeVersion: 'containerd://1.7.13',
} as const;

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A five-character suffix like the ones `generateName` gives, derived from a seed. */
export function generatedSuffix(seed: string): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += SAFE_ALPHABET[fnv1a(`${seed}#${i}`) % SAFE_ALPHABET.length];
  return out;
}

const labelsOrNothing = (labels: Labels) => (Object.keys(labels).length > 0 ? { labels: { ...labels } } : {});

export function podToObject(world: World, pod: Pod): KubeObject {
  const node = world.nodes.find((n) => n.name === pod.nodeName);
  const owner = podOwner(pod);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      ...labelsOrNothing(pod.labels),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, controller: true, blockOwnerDeletion: true }] } : {}),
    },
    spec: {
      containers: pod.containers.map((c) => ({
        name: c.name,
        ...(c.image ? { image: c.image } : {}),
        ...(c.args.length > 0 ? { args: [...c.args] } : {}),
        ...(c.ports.length > 0 ? { ports: c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol })) } : {}),
      })),
      ...(pod.hostNetwork ? { hostNetwork: true } : {}),
      ...(pod.hostname ? { hostname: pod.hostname } : {}),
      ...(pod.subdomain ? { subdomain: pod.subdomain } : {}),
      nodeName: pod.nodeName,
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: pod.ready ? 'True' : 'False' }],
      ...(node ? { hostIP: node.internalIP } : {}),
      podIP: pod.ip,
      podIPs: [{ ip: pod.ip }],
    },
  };
}

/** The controller a pod names in ownerReferences: a Deployment's pods belong to its ReplicaSet. */
export function podOwner(pod: Pod): { readonly kind: string; readonly name: string } | undefined {
  if (pod.owner.kind === 'Pod') return undefined;
  if (pod.owner.kind === 'Deployment') {
    const hash = pod.labels['pod-template-hash'];
    return { kind: 'ReplicaSet', name: hash ? `${pod.owner.name}-${hash}` : pod.owner.name };
  }
  return { kind: pod.owner.kind, name: pod.owner.name };
}

/** The addresses kubectl prints as a LoadBalancer's external IPs. */
export function loadBalancerIPs(service: Service): string[] {
  return service.type === 'LoadBalancer' && service.loadBalancerIP ? [service.loadBalancerIP] : [];
}

export function serviceToObject(service: Service): KubeObject {
  const annotations = Object.keys(service.annotations).length > 0 ? { annotations: { ...service.annotations } } : {};
  const external = service.type === 'NodePort' || service.type === 'LoadBalancer';
  const spec: Record<string, unknown> =
    service.type === 'ExternalName'
      ? { type: 'ExternalName', externalName: service.externalName ?? '', sessionAffinity: service.sessionAffinity }
      : {
          type: service.type,
          clusterIP: service.clusterIP,
          clusterIPs: service.clusterIP ? [service.clusterIP] : [],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          internalTrafficPolicy: service.internalTrafficPolicy,
          ...(external ? { externalTrafficPolicy: service.externalTrafficPolicy } : {}),
          ...(service.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
          sessionAffinity: service.sessionAffinity,
        };
  if (service.selector) spec['selector'] = { ...service.selector };
  if (service.ports.length > 0) {
    spec['ports'] = service.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: p.protocol,
      targetPort: p.targetPort,
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    }));
  }
  const ips = loadBalancerIPs(service);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: service.name, namespace: service.namespace, ...labelsOrNothing(service.labels), ...annotations },
    spec,
    status: { loadBalancer: ips.length > 0 ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } : {} },
  };
}

export const serviceKeyOf = (s: { readonly namespace: string; readonly name: string }) => `${s.namespace}/${s.name}`;

/** The v1 Endpoints of a Service: one subset, ready and not-ready addresses per port. */
export type EndpointsView = {
  readonly service: Service;
  /** Ready addresses (sorted by IP) of each Service port, in the Service's port order. */
  readonly ports: readonly { readonly name: string; readonly protocol: Protocol; readonly ready: readonly Endpoint[]; readonly notReady: readonly Endpoint[] }[];
};

function byIP(a: Endpoint, b: Endpoint): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port;
}

/**
 * The Endpoints objects that exist: one for every Service with a selector
 * (the controller writes it even when empty), and one for a selector-less
 * Service only when someone wrote its addresses.
 */
export function endpointsViews(world: World): EndpointsView[] {
  return world.services.flatMap((service) => {
    const eps = world.endpoints.get(serviceKeyOf(service));
    if (!eps) return [];
    const anything = eps.ports.some((p) => p.endpoints.length > 0);
    if (eps.source === 'manual' && !anything) return [];
    return [
      {
        service,
        ports: eps.ports.map((p) => ({
          name: p.portName,
          protocol: p.protocol,
          ready: p.endpoints.filter((e) => e.ready).sort(byIP),
          notReady: p.endpoints.filter((e) => !e.ready).sort(byIP),
        })),
      },
    ];
  });
}

const targetRef = (e: Endpoint) => {
  if (!e.pod) return {};
  const [namespace, name] = e.pod.split('/');
  return { targetRef: { kind: 'Pod', namespace, name } };
};

export function endpointsToObject(view: EndpointsView): KubeObject {
  const { service } = view;
  const address = (e: Endpoint) => ({ ip: e.ip, ...(e.nodeName ? { nodeName: e.nodeName } : {}), ...targetRef(e) });
  const unique = (list: readonly Endpoint[]) => [...new Map(list.map((e) => [e.ip, e])).values()];
  const ready = unique(view.ports.flatMap((p) => p.ready));
  const notReady = unique(view.ports.flatMap((p) => p.notReady));
  const hasAny = ready.length + notReady.length > 0;
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: service.name, namespace: service.namespace, ...labelsOrNothing(service.labels) },
    ...(hasAny
      ? {
          subsets: [
            {
              ...(ready.length > 0 ? { addresses: ready.map(address) } : {}),
              ...(notReady.length > 0 ? { notReadyAddresses: notReady.map(address) } : {}),
              ports: view.ports.map((p) => ({
                ...(p.name ? { name: p.name } : {}),
                port: (p.ready[0] ?? p.notReady[0])?.port ?? 0,
                protocol: p.protocol,
              })),
            },
          ],
        }
      : {}),
  };
}

export type SliceView = {
  readonly name: string;
  readonly namespace: string;
  readonly service: Service;
  readonly labels: Labels;
  readonly ports: readonly { readonly name: string; readonly port: number; readonly protocol: Protocol }[];
  readonly endpoints: readonly Endpoint[];
};

/**
 * EndpointSlices as the EndpointSlice controller writes them: pods whose
 * named ports resolve to the same numbers share a slice; a Service whose
 * selector matches nothing still gets one empty placeholder slice. Slice
 * names are the Service's name plus a generated suffix (deterministic here).
 * Hand-written slices come back through the simulator's view of them, under
 * generated names too: the world does not keep the objects.
 */
export function endpointSliceViews(world: World): SliceView[] {
  return world.services.flatMap((service) => {
    const eps: ServiceEndpoints | undefined = world.endpoints.get(serviceKeyOf(service));
    if (!eps) return [];
    const groups = new Map<string, { ports: SliceView['ports']; endpoints: Endpoint[] }>();
    const byAddress = new Map<string, { endpoint: Endpoint; ports: { name: string; port: number; protocol: Protocol }[] }>();
    for (const p of eps.ports) {
      for (const e of p.endpoints) {
        const entry = byAddress.get(e.ip) ?? { endpoint: e, ports: [] };
        entry.ports.push({ name: p.portName, port: e.port, protocol: p.protocol });
        byAddress.set(e.ip, entry);
      }
    }
    for (const { endpoint, ports } of [...byAddress.values()].sort((a, b) => byIP(a.endpoint, b.endpoint))) {
      const signature = ports.map((p) => `${p.name}:${p.port}/${p.protocol}`).join(',');
      const group = groups.get(signature) ?? { ports, endpoints: [] };
      group.endpoints.push(endpoint);
      groups.set(signature, group);
    }
    if (groups.size === 0) {
      if (eps.source === 'manual') return [];
      groups.set('', { ports: [], endpoints: [] });
    }
    const labels: Labels = {
      ...service.labels,
      'kubernetes.io/service-name': service.name,
      ...(eps.source === 'controller' ? { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } : {}),
    };
    return [...groups.entries()].map(([signature, g]) => ({
      name: `${service.name}-${generatedSuffix(`${serviceKeyOf(service)}/${signature}`)}`,
      namespace: service.namespace,
      service,
      labels,
      ports: g.ports,
      endpoints: g.endpoints,
    }));
  });
}

export function sliceToObject(view: SliceView): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: view.name, namespace: view.namespace, labels: { ...view.labels }, generateName: `${view.service.name}-` },
    addressType: 'IPv4',
    endpoints: view.endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready, serving: e.serving ?? e.ready, terminating: e.terminating ?? false },
      ...(e.nodeName ? { nodeName: e.nodeName } : {}),
      ...targetRef(e),
    })),
    ports: view.ports.length > 0 ? view.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })) : null,
  };
}

/** `node-role.kubernetes.io/<role>` labels, as `get nodes` shows them. */
export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '')
    .sort();
  return roles.length > 0 ? roles.join(',') : '<none>';
}

export function nodeToObject(node: Node): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, ...labelsOrNothing(node.labels) },
    spec: { podCIDR: node.podCidr, podCIDRs: [node.podCidr] },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { ...NODE_INFO, architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

export function namespaceToObject(ns: Namespace): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns.name, ...labelsOrNothing(ns.labels) },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** `spec.policyTypes` as the API server defaults it: Ingress, plus Egress when there are egress rules. */
export function policyTypesOf(policy: NetworkPolicy): string[] {
  const given = policy.spec?.policyTypes;
  if (given && given.length > 0) return [...given];
  return ['Ingress', ...((policy.spec?.egress ?? []).length > 0 ? ['Egress'] : [])];
}

export function policyToObject(policy: NetworkPolicy): KubeObject {
  const namespace = policy.metadata?.namespace || 'default';
  return {
    ...(policy as KubeObject),
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { ...(policy.metadata ?? {}), namespace },
    spec: { ...(policy.spec ?? {}), podSelector: policy.spec?.podSelector ?? {}, policyTypes: policyTypesOf(policy) },
  };
}

/**
 * The addresses a controller writes into an Ingress's status: its
 * LoadBalancer Service's external IP. Without one (no cloud load balancer,
 * or a NodePort Service) the ADDRESS column stays empty, as with
 * ingress-nginx's --publish-service.
 */
export function ingressAddresses(world: World, ing: Ingress): string[] {
  const given = (ing.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : i.hostname ? [i.hostname] : []));
  if (given.length > 0) return given;
  const serving = servingControllers(world, ing, findIngressControllers(world));
  const ips = serving.controllers.flatMap((c) => (c.service?.loadBalancerIP ? [c.service.loadBalancerIP] : []));
  return [...new Set(ips)];
}

export function ingressToObject(world: World, ing: Ingress): KubeObject {
  const ips = ingressAddresses(world, ing);
  return {
    ...(ing as KubeObject),
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { ...(ing.metadata ?? {}), namespace: ing.metadata?.namespace || 'default' },
    status: { loadBalancer: ips.length > 0 ? { ingress: ips.map((ip) => ({ ip })) } : {} },
  };
}

