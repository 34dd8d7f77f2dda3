/**
 * The endpoints controller and hand-written endpoints.
 *
 * A Service with a selector gets its endpoints from the EndpointSlice
 * controller: every pod in the Service's namespace whose labels include all
 * the selector's pairs, that has an IP and has not finished (phase Succeeded
 * or Failed), one address per Service port with the targetPort resolved for
 * that pod. Each address carries the conditions the controller sets
 * (podToEndpoint): serving = the pod is Ready, terminating = the pod has a
 * deletionTimestamp, ready = serving and not terminating, or always when the
 * Service has `publishNotReadyAddresses`. Not-ready pods are listed but not
 * ready, so kube-proxy skips them.
 *
 * A Service without a selector gets only what someone wrote: EndpointSlices
 * labelled `kubernetes.io/service-name: <service>` and a v1 Endpoints object
 * with the Service's own name, matched to Service ports by port name.
 */
import { matchesLabels } from './labels.js';
import type { Endpoint, KubeObject, Node, Pod, Protocol, Service, ServiceEndpoints, ServicePortEndpoints } from './model.js';
import { podKey } from './model.js';
import { namespaceOfObject } from './object-meta.js';
import { resolveTargetPort, serviceKey } from './services.js';
import { toProtocol } from './workloads.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** Why the endpoints controller leaves a pod out (ShouldPodBeInEndpoints), or undefined when it lists it. */
export function podExcluded(pod: Pod): 'no-ip' | 'terminal' | undefined {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return 'terminal';
  if (pod.ip === '') return 'no-ip';
  return undefined;
}

/** The EndpointSlice conditions the controller gives a pod's address. */
export function podConditions(pod: Pod, service: Service): Pick<Endpoint, 'ready' | 'serving' | 'terminating'> {
  const serving = pod.ready;
  const terminating = pod.terminating;
  return { ready: service.publishNotReadyAddresses || (serving && !terminating), serving, terminating };
}

function controllerEndpoints(service: Service, selector: Record<string, string>, pods: readonly Pod[]): ServiceEndpoints {
  const selected = pods.filter((p) => p.namespace === service.namespace && matchesLabels(selector, p.labels));
  const ports = service.ports.map((sp): ServicePortEndpoints => {
    const endpoints: Endpoint[] = [];
    const skipped: ServicePortEndpoints['skipped'][number][] = [];
    for (const pod of selected) {
      const excluded = podExcluded(pod);
      if (excluded) {
        skipped.push({ pod: podKey(pod), reason: excluded });
        continue;
      }
      const resolved = resolveTargetPort(sp, pod);
      if (!resolved.ok) {
        skipped.push({ pod: podKey(pod), reason: resolved.reason });
        continue;
      }
      endpoints.push({
        ip: pod.ip,
        port: resolved.port,
        ...podConditions(pod, service),
        pod: podKey(pod),
        nodeName: pod.nodeName,
      });
    }
    return { portName: sp.name, protocol: sp.protocol, endpoints, skipped };
  });
  return { service: serviceKey(service), source: 'controller', ports };
}

type ManualPort = { readonly name: string; readonly port: number; readonly protocol: Protocol };

function manualEndpoints(service: Service, objects: readonly KubeObject[], pods: readonly Pod[], nodes: readonly Node[]): ServiceEndpoints {
  const podByIP = new Map(pods.filter((p) => !p.hostNetwork).map((p) => [p.ip, p]));
  const nodeByIP = new Map(nodes.map((n) => [n.internalIP, n]));
  const collected = new Map<string, Endpoint[]>(service.ports.map((p) => [`${p.name}/${p.protocol}`, []]));

  type Conditions = Pick<Endpoint, 'ready' | 'serving' | 'terminating'>;
  const add = (ports: readonly ManualPort[], ip: string, conditions: Conditions, nodeName?: string) => {
    for (const port of ports) {
      const list = collected.get(`${port.name}/${port.protocol}`);
      if (!list) continue;
      const pod = podByIP.get(ip);
      const node = nodeName ?? pod?.nodeName ?? nodeByIP.get(ip)?.name;
      list.push({ ip, port: port.port, ...conditions, ...(pod ? { pod: podKey(pod) } : {}), ...(node ? { nodeName: node } : {}) });
    }
  };
  const readPorts = (raw: unknown): ManualPort[] =>
    asArray(raw).flatMap((r) => {
      const p = asObj(r);
      return typeof p['port'] === 'number'
        ? [{ name: typeof p['name'] === 'string' ? p['name'] : '', port: p['port'], protocol: toProtocol(p['protocol']) }]
        : [];
    });

  for (const obj of objects) {
    if (namespaceOfObject(obj) !== service.namespace) continue;
    if (obj.kind === 'EndpointSlice' && obj.metadata?.labels?.['kubernetes.io/service-name'] === service.name) {
      const ports = readPorts(obj['ports']);
      for (const raw of asArray(obj['endpoints'])) {
        const ep = asObj(raw);
        // Per the EndpointSlice API: nil `ready` and nil `serving` mean true, nil `terminating` false.
        const conditions = asObj(ep['conditions']);
        const ready = conditions['ready'] !== false;
        const serving = conditions['serving'] !== false;
        const terminating = conditions['terminating'] === true;
        const nodeName = typeof ep['nodeName'] === 'string' ? ep['nodeName'] : undefined;
        for (const ip of asArray(ep['addresses'])) if (typeof ip === 'string') add(ports, ip, { ready, serving, terminating }, nodeName);
      }
    }
    if (obj.kind === 'Endpoints' && obj.metadata?.name === service.name) {
      for (const raw of asArray(obj['subsets'])) {
        const subset = asObj(raw);
        const ports = readPorts(subset['ports']);
        for (const [key, ready] of [['addresses', true], ['notReadyAddresses', false]] as const) {
          for (const a of asArray(subset[key])) {
            const address = asObj(a);
            const nodeName = typeof address['nodeName'] === 'string' ? address['nodeName'] : undefined;
            if (typeof address['ip'] === 'string') add(ports, address['ip'], { ready, serving: ready, terminating: false }, nodeName);
          }
        }
      }
    }
  }
  const ports = service.ports.map((sp) => ({
    portName: sp.name,
    protocol: sp.protocol,
    endpoints: collected.get(`${sp.name}/${sp.protocol}`) ?? [],
    skipped: [],
  }));
  return { service: serviceKey(service), source: 'manual', ports };
}

export function computeEndpoints(
  services: readonly Service[],
  pods: readonly Pod[],
  objects: readonly KubeObject[],
  nodes: readonly Node[],
): Map<string, ServiceEndpoints> {
  const out = new Map<string, ServiceEndpoints>();
  for (const service of services) {
    if (service.type === 'ExternalName') continue;
    out.set(
      serviceKey(service),
      service.selector ? controllerEndpoints(service, service.selector, pods) : manualEndpoints(service, objects, pods, nodes),
    );
  }
  return out;
}
