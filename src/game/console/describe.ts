/**
 * `kubectl describe TYPE [NAME_PREFIX] [-n NS]`: the fields a learner needs,
 * laid out as kubectl's describers write them (k8s.io/kubectl
 * pkg/describe/describe.go). A NAME matches exactly or as a prefix, as in
 * kubectl; without NAME every object of the type in the namespace is shown.
 *
 * Left out because the simulator has no such facts: timestamps (Start Time,
 * Created on, CreationTimestamp), container IDs and images' digests,
 * resource requests, volumes and events (always `<none>`).
 */
import type { Ingress, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { Node, Pod, Service, World } from '../../sim/index.js';
import {
  endpointsToObject,
  endpointsViews,
  nodeRoles,
  NODE_INFO,
  podOwner,

  type EndpointsView,
} from './api-objects.js';
import { describeIngress, describeNetworkPolicy } from './describe-network.js';
import { DescribeWriter } from './describe-writer.js';
import type { KubectlArgs } from './kubectl-args.js';
import { AGE_TEXT, endpointsCell, findResource, type ResourceType } from './resources.js';
import { formatLabels } from './selectors.js';
import type { ConsoleResult } from './types.js';
import { unknownTypeError } from './get.js';

type Describable = { readonly namespace?: string; readonly name: string; readonly text: () => string };

function describePod(world: World, pod: Pod): string {
  const w = new DescribeWriter();
  const node = world.nodes.find((n) => n.name === pod.nodeName);
  w.line(0, 'Name:', pod.name)
    .line(0, 'Namespace:', pod.namespace)
    .line(0, 'Priority:', '0')
    .line(0, 'Service Account:', 'default')
    .line(0, 'Node:', `${pod.nodeName}/${node?.internalIP ?? ''}`)
    .labels('Labels', pod.labels)
    .line(0, 'Annotations:', '<none>')
    .line(0, 'Status:', 'Running')
    .line(0, 'IP:', pod.ip)
    .line(0, 'IPs:')
    .line(1, 'IP:', pod.ip);
  const owner = podOwner(pod);
  if (owner) w.line(0, 'Controlled By:', `${owner.kind}/${owner.name}`);
  w.line(0, 'Containers:');
  for (const c of pod.containers) {
    w.line(1, `${c.name}:`);
    w.line(2, 'Image:', c.image ?? '');
    const ports = c.ports.map((p) => `${p.containerPort}/${p.protocol}`);
    const hostPorts = c.ports.map((p) => `${pod.hostNetwork ? p.containerPort : 0}/${p.protocol}`);
    w.line(2, ports.length > 1 ? 'Ports:' : 'Port:', ports.length > 0 ? ports.join(', ') : '<none>');
    w.line(2, hostPorts.length > 1 ? 'Host Ports:' : 'Host Port:', hostPorts.length > 0 ? hostPorts.join(', ') : '<none>');
    if (c.args.length > 0) {
      w.line(2, 'Args:');
      for (const a of c.args) w.line(3, a);
    }
    w.line(2, 'State:', 'Running');
    w.line(2, 'Ready:', pod.ready ? 'True' : 'False');
    w.line(2, 'Restart Count:', '0');
    w.line(2, 'Environment:', '<none>');
  }
  w.line(0, 'Conditions:');
  w.raw('  Type\tStatus');
  for (const [type, status] of [['Initialized', true], ['Ready', pod.ready], ['ContainersReady', pod.ready], ['PodScheduled', true]] as const) {
    w.raw(`  ${type} \t${status ? 'True' : 'False'} `);
  }
  w.line(0, 'QoS Class:', 'BestEffort').line(0, 'Node-Selectors:', '<none>').line(0, 'Tolerations:', '<none>');
  return w.events().toString();
}

function describeService(world: World, svc: Service): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', svc.name)
    .line(0, 'Namespace:', svc.namespace)
    .labels('Labels', svc.labels)
    .annotations(svc.annotations)
    .line(0, 'Selector:', formatLabels(svc.selector))
    .line(0, 'Type:', svc.type);
  if (svc.type === 'ExternalName') {
    w.line(0, 'IP Families:', '<none>').line(0, 'IP:', '').line(0, 'External Name:', svc.externalName ?? '');
  } else {
    w.line(0, 'IP Family Policy:', 'SingleStack').line(0, 'IP Families:', 'IPv4').line(0, 'IP:', svc.clusterIP ?? '').line(0, 'IPs:', svc.clusterIP ?? '');
  }
  if (svc.type === 'LoadBalancer' && svc.loadBalancerIP) w.line(0, 'LoadBalancer Ingress:', `${svc.loadBalancerIP} (VIP)`);
  const view = endpointsViews(world).find((v) => v.service === svc);
  for (const p of svc.ports) {
    const name = p.name || '<unset>';
    w.line(0, 'Port:', name, `${p.port}/${p.protocol}`);
    w.line(0, 'TargetPort:', `${p.targetPort}/${p.protocol}`);
    if (p.nodePort !== undefined) w.line(0, 'NodePort:', name, `${p.nodePort}/${p.protocol}`);
    if (svc.type !== 'ExternalName') w.line(0, 'Endpoints:', view ? endpointsCell(view, p.name) : '<none>');
  }
  w.line(0, 'Session Affinity:', svc.sessionAffinity);
  if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') w.line(0, 'External Traffic Policy:', svc.externalTrafficPolicy);
  if (svc.type !== 'ExternalName') w.line(0, 'Internal Traffic Policy:', svc.internalTrafficPolicy);
  return w.events().toString();
}

function describeEndpoints(view: EndpointsView): string {
  const w = new DescribeWriter();
  const obj = endpointsToObject(view) as { subsets?: { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[]; ports: { name?: string; port: number; protocol: string }[] }[] };
  w.line(0, 'Name:', view.service.name).line(0, 'Namespace:', view.service.namespace).labels('Labels', view.service.labels).line(0, 'Annotations:', '<none>');
  w.line(0, 'Subsets:');
  for (const subset of obj.subsets ?? []) {
    w.line(1, 'Addresses:', (subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>');
    w.line(1, 'NotReadyAddresses:', (subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>');
    if (subset.ports.length > 0) {
      w.line(1, 'Ports:');
      w.line(2, 'Name', 'Port', 'Protocol');
      w.line(2, '----', '----', '--------');
      for (const p of subset.ports) w.line(2, p.name || '<unset>', String(p.port), p.protocol);
    }
    w.raw('');
  }
  return w.events().toString();
}

function describeNode(world: World, node: Node): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', node.name)
    .line(0, 'Roles:', nodeRoles(node))
    .labels('Labels', node.labels)
    .line(0, 'Annotations:', '<none>')
    .line(0, 'Taints:', '<none>')
    .line(0, 'Unschedulable:', 'false')
    .line(0, 'Addresses:')
    .line(1, 'InternalIP:', node.internalIP)
    .line(1, 'Hostname:', node.name)
    .line(0, 'System Info:')
    .line(1, 'Kernel Version:', NODE_INFO.kernelVersion)
    .line(1, 'OS Image:', NODE_INFO.osImage)
    .line(1, 'Operating System:', 'linux')
    .line(1, 'Architecture:', 'amd64')
    .line(1, 'Container Runtime Version:', NODE_INFO.containerRuntimeVersion)
    .line(1, 'Kubelet Version:', NODE_INFO.kubeletVersion)
    .line(0, 'PodCIDR:', node.podCidr)
    .line(0, 'PodCIDRs:', node.podCidr);
  const pods = world.pods.filter((p) => p.nodeName === node.name);
  w.line(0, 'Non-terminated Pods:', `(${pods.length} in total)`);
  w.line(1, 'Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '------------', '----------', '---------------', '-------------', '---');
  for (const p of pods) w.line(1, p.namespace, p.name, '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', AGE_TEXT);
  return w.events().toString();
}

const DESCRIBABLE: readonly ResourceType[] = ['pods', 'services', 'endpoints', 'networkpolicies', 'nodes', 'ingresses'];

function candidates(world: World, type: ResourceType): Describable[] {
  switch (type) {
    case 'pods':
      return world.pods.map((p) => ({ namespace: p.namespace, name: p.name, text: () => describePod(world, p) }));
    case 'services':
      return world.services.map((s) => ({ namespace: s.namespace, name: s.name, text: () => describeService(world, s) }));
    case 'endpoints':
      return endpointsViews(world).map((v) => ({ namespace: v.service.namespace, name: v.service.name, text: () => describeEndpoints(v) }));
    case 'networkpolicies':
      return world.networkPolicies.map((np: NetworkPolicy) => ({ namespace: np.metadata?.namespace || 'default', name: np.metadata?.name ?? '', text: () => describeNetworkPolicy(np) }));
    case 'ingresses':
      return world.ingresses.map((ing: Ingress) => ({ namespace: ing.metadata?.namespace || 'default', name: ing.metadata?.name ?? '', text: () => describeIngress(world, ing) }));
    case 'nodes':
      return world.nodes.map((n) => ({ name: n.name, text: () => describeNode(world, n) }));
    default:
      return [];
  }
}

export function runDescribe(world: World, args: KubectlArgs, defaultNamespace: string): ConsoleResult {
  let [typeWord, ...names] = args.positional;
  if (typeWord === undefined) return { output: `error: You must specify the type of resource to describe. Try one of: pod, svc, endpoints, netpol, ingress, node`, error: true };
  if (typeWord.includes('/')) {
    names = [typeWord.slice(typeWord.indexOf('/') + 1), ...names];
    typeWord = typeWord.slice(0, typeWord.indexOf('/'));
  }
  const def = findResource(typeWord);
  if (!def) return { output: unknownTypeError(typeWord), error: true };
  if (!DESCRIBABLE.includes(def.type)) {
    return { output: `error: kubequest's console describes pods, services, endpoints, networkpolicies, ingresses and nodes; try \`kubectl get ${def.names[0]} -o yaml\``, error: true };
  }
  const namespace = args.flags.get('namespace') ?? defaultNamespace;
  const all = args.flags.has('all-namespaces');
  const inScope = candidates(world, def.type)
    .filter((c) => c.namespace === undefined || all || c.namespace === namespace)
    .sort((a, b) => ((a.namespace ?? '') + '/' + a.name < (b.namespace ?? '') + '/' + b.name ? -1 : 1));
  if (names.length === 0) {
    if (inScope.length === 0) return { output: def.namespaced && !all ? `No resources found in ${namespace} namespace.` : 'No resources found' };
    return { output: inScope.map((c) => c.text()).join('\n\n\n') };
  }
  const texts: string[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const exact = inScope.filter((c) => c.name === name);
    const matched = exact.length > 0 ? exact : inScope.filter((c) => c.name.startsWith(name));
    if (matched.length === 0) errors.push(`Error from server (NotFound): ${def.type} "${name}" not found`);
    texts.push(...matched.map((c) => c.text()));
  }
  return { output: [texts.join('\n\n\n'), ...errors].filter((t) => t !== '').join('\n'), ...(errors.length > 0 ? { error: true } : {}) };
}

