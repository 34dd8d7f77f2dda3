/**
 * The resource types the console knows, their names (plural, singular,
 * short, as `kubectl api-resources` lists them) and one table row per
 * object, with the columns kubectl's printers use (k8s.io/kubernetes
 * pkg/printers/internalversion).
 *
 * AGE: the simulator has no clock (it must stay pure and deterministic), so
 * every object shows the same plausible age, AGE_TEXT.
 */
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { KubeObject, Labels, World } from '../../sim/index.js';
import {
  endpointSliceViews,
  endpointsToObject,
  endpointsViews,
  ingressAddresses,
  ingressToObject,
  loadBalancerIPs,
  namespaceToObject,
  NODE_INFO,
  nodeRoles,
  nodeToObject,
  podToObject,
  policyToObject,
  serviceToObject,
  sliceToObject,
  type EndpointsView,
} from './api-objects.js';
import { formatLabels, formatLabelSelector } from './selectors.js';

export const AGE_TEXT = '5m';

export type ResourceType = 'pods' | 'services' | 'endpoints' | 'endpointslices' | 'ingresses' | 'ingressclasses' | 'networkpolicies' | 'nodes' | 'namespaces';

export type Entry = {
  readonly namespace?: string;
  readonly name: string;
  readonly labels: Labels;
  /** The row's cells after NAME (and before LABELS). */
  readonly cells: (wide: boolean) => readonly string[];
  readonly object: () => KubeObject;
};

export type ResourceDef = {
  readonly type: ResourceType;
  /** Every name kubectl accepts for it. */
  readonly names: readonly string[];
  readonly namespaced: boolean;
  /** `-o name` prefix: `pod`, `service`, `endpointslice.discovery.k8s.io`. */
  readonly resourceName: string;
  /** Header cells after NAME. */
  readonly headers: (wide: boolean) => readonly string[];
  readonly list: (world: World) => readonly Entry[];
};

/** kubectl's "first three, then + N more..." lists. */
export function listWithMore(items: readonly string[], max = 3, separator = ','): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)} + ${items.length - max} more...`;
}

function endpointsCell(view: EndpointsView, portName?: string): string {
  const ports = view.ports.filter((p) => portName === undefined || p.name === portName);
  if (ports.every((p) => p.ready.length === 0 && p.notReady.length === 0)) return '<none>';
  return listWithMore(ports.flatMap((p) => p.ready.map((e) => `${e.ip}:${e.port}`)));
}

export { endpointsCell };

const pods: ResourceDef = {
  type: 'pods',
  names: ['pods', 'pod', 'po'],
  namespaced: true,
  resourceName: 'pod',
  headers: (wide) => ['READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
  list: (world) =>
    world.pods.map((pod) => ({
      namespace: pod.namespace,
      name: pod.name,
      labels: pod.labels,
      cells: (wide) => {
        const n = pod.containers.length;
        return [`${pod.ready ? n : 0}/${n}`, 'Running', '0', AGE_TEXT, ...(wide ? [pod.ip || '<none>', pod.nodeName, '<none>', '<none>'] : [])];
      },
      object: () => podToObject(world, pod),
    })),
};

const services: ResourceDef = {
  type: 'services',
  names: ['services', 'service', 'svc'],
  namespaced: true,
  resourceName: 'service',
  headers: (wide) => ['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
  list: (world) =>
    world.services.map((svc) => ({
      namespace: svc.namespace,
      name: svc.name,
      labels: svc.labels,
      cells: (wide) => {
        const lb = loadBalancerIPs(svc);
        const external =
          svc.type === 'ExternalName' ? (svc.externalName ?? '') : svc.type === 'LoadBalancer' ? (lb.length > 0 ? lb.join(',') : '<pending>') : '<none>';
        const ports = svc.ports.map((p) => (p.nodePort !== undefined ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
        return [svc.type, svc.clusterIP ?? '<none>', external, ports || '<none>', AGE_TEXT, ...(wide ? [formatLabels(svc.selector)] : [])];
      },
      object: () => serviceToObject(svc),
    })),
};

const endpoints: ResourceDef = {
  type: 'endpoints',
  names: ['endpoints', 'ep'],
  namespaced: true,
  resourceName: 'endpoints',
  headers: () => ['ENDPOINTS', 'AGE'],
  list: (world) =>
    endpointsViews(world).map((view) => ({
      namespace: view.service.namespace,
      name: view.service.name,
      labels: view.service.labels,
      cells: () => [endpointsCell(view), AGE_TEXT],
      object: () => endpointsToObject(view),
    })),
};

const endpointSlices: ResourceDef = {
  type: 'endpointslices',
  names: ['endpointslices', 'endpointslice'],
  namespaced: true,
  resourceName: 'endpointslice.discovery.k8s.io',
  headers: () => ['ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  list: (world) =>
    endpointSliceViews(world).map((view) => ({
      namespace: view.namespace,
      name: view.name,
      labels: view.labels,
      cells: () => [
        'IPv4',
        listWithMore(view.ports.map((p) => String(p.port))) || '<unset>',
        listWithMore(view.endpoints.map((e) => e.ip)) || '<unset>',
        AGE_TEXT,
      ],
      object: () => sliceToObject(view),
    })),
};

const ingresses: ResourceDef = {
  type: 'ingresses',
  names: ['ingresses', 'ingress', 'ing'],
  namespaced: true,
  resourceName: 'ingress.networking.k8s.io',
  headers: () => ['CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  list: (world) =>
    world.ingresses.map((ing: Ingress) => ({
      namespace: ing.metadata?.namespace || 'default',
      name: ing.metadata?.name ?? '',
      labels: ing.metadata?.labels ?? {},
      cells: () => {
        const hosts = (ing.spec?.rules ?? []).flatMap((r) => (r.host ? [r.host] : []));
        return [
          ing.spec?.ingressClassName ?? '<none>',
          hosts.length > 0 ? listWithMore(hosts) : '*',
          ingressAddresses(world, ing).join(','),
          (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
          AGE_TEXT,
        ];
      },
      object: () => ingressToObject(world, ing),
    })),
};

const ingressClasses: ResourceDef = {
  type: 'ingressclasses',
  names: ['ingressclasses', 'ingressclass'],
  namespaced: false,
  resourceName: 'ingressclass.networking.k8s.io',
  headers: () => ['CONTROLLER', 'PARAMETERS', 'AGE'],
  list: (world) =>
    world.ingressClasses.map((ic: IngressClass) => ({
      name: ic.metadata?.name ?? '',
      labels: ic.metadata?.labels ?? {},
      cells: () => {
        const p = ic.spec?.parameters;
        return [ic.spec?.controller ?? '', p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>', AGE_TEXT];
      },
      object: () => ({ ...(ic as KubeObject), apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass' }),
    })),
};

const networkPolicies: ResourceDef = {
  type: 'networkpolicies',
  names: ['networkpolicies', 'networkpolicy', 'netpol'],
  namespaced: true,
  resourceName: 'networkpolicy.networking.k8s.io',
  headers: () => ['POD-SELECTOR', 'AGE'],
  list: (world) =>
    world.networkPolicies.map((np: NetworkPolicy) => ({
      namespace: np.metadata?.namespace || 'default',
      name: np.metadata?.name ?? '',
      labels: np.metadata?.labels ?? {},
      cells: () => [formatLabelSelector(np.spec?.podSelector ?? {}), AGE_TEXT],
      object: () => policyToObject(np),
    })),
};

const nodes: ResourceDef = {
  type: 'nodes',
  names: ['nodes', 'node', 'no'],
  namespaced: false,
  resourceName: 'node',
  headers: (wide) => ['STATUS', 'ROLES', 'AGE', 'VERSION', ...(wide ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
  list: (world) =>
    world.nodes.map((node) => ({
      name: node.name,
      labels: node.labels,
      cells: (wide) => [
        'Ready',
        nodeRoles(node),
        AGE_TEXT,
        NODE_INFO.kubeletVersion,
        ...(wide ? [node.internalIP, '<none>', NODE_INFO.osImage, NODE_INFO.kernelVersion, NODE_INFO.containerRuntimeVersion] : []),
      ],
      object: () => nodeToObject(node),
    })),
};

const namespaces: ResourceDef = {
  type: 'namespaces',
  names: ['namespaces', 'namespace', 'ns'],
  namespaced: false,
  resourceName: 'namespace',
  headers: () => ['STATUS', 'AGE'],
  list: (world) =>
    [...world.namespaces.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((ns) => ({ name: ns.name, labels: ns.labels, cells: () => ['Active', AGE_TEXT], object: () => namespaceToObject(ns) })),
};

export const RESOURCES: readonly ResourceDef[] = [pods, services, endpoints, endpointSlices, ingresses, ingressClasses, networkPolicies, nodes, namespaces];

export function findResource(name: string): ResourceDef | undefined {
  const lower = name.toLowerCase();
  return RESOURCES.find((r) => r.names.includes(lower) || r.resourceName === lower);
}

/** Kinds a real cluster has that the simulated console does not show. */
export const KNOWN_ELSEWHERE = new Set([
  'deployments', 'deployment', 'deploy', 'replicasets', 'replicaset', 'rs', 'statefulsets', 'statefulset', 'sts',
  'daemonsets', 'daemonset', 'ds', 'configmaps', 'configmap', 'cm', 'secrets', 'secret', 'all', 'events', 'ev',
]);
