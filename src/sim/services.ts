/**
 * Services as the API server stores them once defaulted and allocated:
 * type ClusterIP unless stated, a ClusterIP from the service network, a
 * nodePort from 30000-32767 for NodePort and LoadBalancer Services, and an
 * external IP for a LoadBalancer only when the cluster has a cloud load
 * balancer (otherwise it stays pending and the Service works as a NodePort).
 *
 * How a Service port finds the pod port (resolveTargetPort):
 *
 * | targetPort            | pod declares                         | traffic goes to            |
 * |-----------------------|--------------------------------------|----------------------------|
 * | absent                | anything                             | the pod's `port` (same no.) |
 * | number N              | anything                             | N, declared or not         |
 * | name "http"           | a containerPort named http, same protocol | that containerPort     |
 * | name "http"           | no such name (or other protocol)     | pod left out of this port  |
 *
 * A named targetPort is resolved per pod, so two versions of an app may listen
 * on different numbers behind one Service port.
 */
import { formatIPv4, parseCidr, parseIPv4 } from './cidr.js';
import type { ClusterSettings, KubeObject, Pod, Protocol, Service, ServicePort, ServiceType, TrafficPolicy } from './model.js';
import { fnv1a } from './names.js';
import { namespaceOfObject } from './object-meta.js';
import { stringMap, toProtocol } from './workloads.js';
import { compareNamespaced } from './order.js';

/** Cloud load balancer addresses come from a documentation range (RFC 5737), never a real one. */
const CLOUD_LB_NETWORK = '198.51.100.0/24';
const FIRST_CLOUD_LB_HOST = 10;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function toServiceType(value: unknown): ServiceType {
  return value === 'NodePort' || value === 'LoadBalancer' || value === 'ExternalName' ? value : 'ClusterIP';
}

function toTrafficPolicy(value: unknown): TrafficPolicy {
  return value === 'Local' ? 'Local' : 'Cluster';
}

/** A hash-and-probe allocator over a range, so one new Service does not renumber the rest. */
class RangeAllocator {
  private readonly used = new Set<number>();

  constructor(
    private readonly first: number,
    private readonly size: number,
  ) {}

  reserve(value: number): void {
    this.used.add(value);
  }

  allocate(seed: string): number | undefined {
    if (this.size <= 0) return undefined;
    const start = fnv1a(seed) % this.size;
    for (let i = 0; i < this.size; i++) {
      const value = this.first + ((start + i) % this.size);
      if (!this.used.has(value)) {
        this.used.add(value);
        return value;
      }
    }
    return undefined;
  }
}

type RawPort = { readonly name: string; readonly protocol: Protocol; readonly port: number; readonly targetPort: number | string; readonly nodePort?: number };

function readPorts(spec: Obj): RawPort[] {
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
  return ports.flatMap((raw) => {
    const p = asObj(raw);
    const port = p['port'];
    if (typeof port !== 'number') return [];
    const target = p['targetPort'];
    const targetPort = typeof target === 'number' || (typeof target === 'string' && target !== '') ? target : port;
    const nodePort = p['nodePort'];
    return [
      {
        name: typeof p['name'] === 'string' ? p['name'] : '',
        protocol: toProtocol(p['protocol']),
        port,
        // A numeric string ("8080") is an IntOrString holding a number.
        targetPort: typeof targetPort === 'string' && /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort,
        ...(typeof nodePort === 'number' && nodePort > 0 ? { nodePort } : {}),
      },
    ];
  });
}

export function buildServices(objects: readonly KubeObject[], settings: ClusterSettings): Service[] {
  const raw = objects
    .filter((o) => o.kind === 'Service' && o.metadata?.name)
    .map((obj) => ({ obj, namespace: namespaceOfObject(obj), name: obj.metadata!.name! }))
    .sort(compareNamespaced);

  const serviceNet = parseCidr(settings.serviceCidr);
  // Leave out the network address and the first ten, where kubernetes and kube-dns live.
  const clusterIPs = new RangeAllocator((serviceNet?.base ?? 0) + 16, serviceNet ? 2 ** (32 - serviceNet.bits) - 17 : 0);
  const nodePorts = new RangeAllocator(settings.nodePortRange.min, settings.nodePortRange.max - settings.nodePortRange.min + 1);
  const lbNet = parseCidr(CLOUD_LB_NETWORK)!;
  const lbIPs = new RangeAllocator(lbNet.base + FIRST_CLOUD_LB_HOST, 200);

  for (const { obj } of raw) {
    const spec = asObj(obj['spec']);
    const ip = typeof spec['clusterIP'] === 'string' ? parseIPv4(spec['clusterIP']) : undefined;
    if (ip !== undefined) clusterIPs.reserve(ip);
    const type = toServiceType(spec['type']);
    if (type === 'NodePort' || type === 'LoadBalancer') for (const p of readPorts(spec)) if (p.nodePort) nodePorts.reserve(p.nodePort);
  }

  return raw.map(({ obj, namespace, name }): Service => {
    const spec = asObj(obj['spec']);
    const type = toServiceType(spec['type']);
    const key = `${namespace}/${name}`;
    const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);
    const ports: ServicePort[] = readPorts(spec).map(({ nodePort: given, ...p }) => {
      // Only NodePort and LoadBalancer Services open node ports.
      const nodePort = wantsNodePorts ? (given ?? nodePorts.allocate(`${key}/${p.port}/${p.protocol}`)) : undefined;
      return { ...p, ...(nodePort !== undefined ? { nodePort } : {}) };
    });

    let clusterIP: string | undefined;
    if (type !== 'ExternalName') {
      const given = spec['clusterIP'];
      if (given === 'None') clusterIP = 'None';
      else if (typeof given === 'string' && parseIPv4(given) !== undefined) clusterIP = given;
      else {
        const n = clusterIPs.allocate(key);
        clusterIP = n === undefined ? undefined : formatIPv4(n);
      }
    }

    const selector = stringMap(spec['selector']);
    const lbStatus = asObj(asObj(obj['status'])['loadBalancer'])['ingress'];
    const ingress = Array.isArray(lbStatus) ? lbStatus.map(asObj) : [];
    let loadBalancerIP: string | undefined;
    if (type === 'LoadBalancer') {
      const fromStatus = ingress.find((i) => typeof i['ip'] === 'string')?.['ip'] as string | undefined;
      const requested = typeof spec['loadBalancerIP'] === 'string' && spec['loadBalancerIP'] !== '' ? spec['loadBalancerIP'] : undefined;
      if (fromStatus) loadBalancerIP = fromStatus;
      else if (settings.cloudLoadBalancer) {
        const n = requested ? parseIPv4(requested) : lbIPs.allocate(key);
        loadBalancerIP = n === undefined ? undefined : formatIPv4(n);
      }
    }

    const externalName = typeof spec['externalName'] === 'string' ? spec['externalName'] : undefined;
    const externalIPs =
      type === 'ExternalName' || !Array.isArray(spec['externalIPs'])
        ? []
        : spec['externalIPs'].filter((ip): ip is string => typeof ip === 'string' && parseIPv4(ip) !== undefined);
    return {
      namespace,
      name,
      labels: stringMap(obj.metadata?.labels),
      annotations: stringMap(obj.metadata?.annotations),
      type,
      ...(clusterIP !== undefined ? { clusterIP } : {}),
      // An empty selector selects nothing: the Service's endpoints are managed by hand.
      ...(type !== 'ExternalName' && Object.keys(selector).length > 0 ? { selector } : {}),
      ports,
      ...(externalName !== undefined && type === 'ExternalName' ? { externalName } : {}),
      ...(loadBalancerIP !== undefined ? { loadBalancerIP } : {}),
      externalTrafficPolicy: toTrafficPolicy(spec['externalTrafficPolicy']),
      internalTrafficPolicy: toTrafficPolicy(spec['internalTrafficPolicy']),
      sessionAffinity: spec['sessionAffinity'] === 'ClientIP' ? 'ClientIP' : 'None',
      publishNotReadyAddresses: spec['publishNotReadyAddresses'] === true,
      externalIPs,
    };
  });
}

export type TargetPortResolution =
  | { readonly ok: true; readonly port: number; readonly via: 'same-as-port' | 'number' | 'name' }
  | { readonly ok: false; readonly reason: 'named-port-missing' };

/** Where traffic for one Service port lands on one pod (see the table above). */
export function resolveTargetPort(servicePort: ServicePort, pod: Pod): TargetPortResolution {
  const target = servicePort.targetPort;
  if (typeof target === 'number') return { ok: true, port: target, via: target === servicePort.port ? 'same-as-port' : 'number' };
  for (const container of pod.containers) {
    for (const p of container.ports) {
      if (p.name === target && p.protocol === servicePort.protocol) return { ok: true, port: p.containerPort, via: 'name' };
    }
  }
  return { ok: false, reason: 'named-port-missing' };
}

export function serviceKey(service: { readonly namespace: string; readonly name: string }): string {
  return `${service.namespace}/${service.name}`;
}
