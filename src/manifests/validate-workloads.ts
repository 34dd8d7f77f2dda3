/**
 * Pods and the workloads that make them (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet), after ValidatePodSpec and the apps validation:
 * containers (names, images, ports), enums, and a workload's selector that
 * must select its own template's labels.
 */
import { formatPath, int, list, rec, stringMap, str, type ObjectContext, type Path } from './context.js';
import { isIP } from './names.js';
import {
  checkEnum,
  checkName,
  checkPortNameAt,
  checkPortNumber,
  isEmptySelector,
  PROTOCOLS,
  selectorMatches,
  validateLabels,
  validateLabelSelector,
} from './validate-meta.js';

/** More replicas than this in one workload is refused: the simulator would spend its time making pods no lesson needs. */
export const MAX_REPLICAS = 1000;

export function validatePod(ctx: ObjectContext, obj: Record<string, unknown>): void {
  validatePodSpec(ctx, ['spec'], obj['spec'], { template: false });
  const status = rec(obj['status']);
  if (status) {
    const podIP = str(status['podIP']);
    if (podIP !== undefined && podIP !== '' && !isIP(podIP)) ctx.report('INVALID_VALUE', ['status', 'podIP'], `podIP "${podIP}" is not an IP address`);
    list(status['podIPs']).forEach((entry, i) => {
      const ip = str(rec(entry)?.['ip']);
      if (ip !== undefined && !isIP(ip)) ctx.report('INVALID_VALUE', ['status', 'podIPs', i, 'ip'], `"${ip}" is not an IP address`);
    });
  }
}

export function validateWorkload(ctx: ObjectContext, obj: Record<string, unknown>, kind: string): void {
  const spec = rec(obj['spec']);
  if (!spec) {
    ctx.report('MISSING_FIELD', ['spec'], `a ${kind} needs a spec with a selector and a pod template`, { at: 'key' });
    return;
  }
  const replicas = int(spec['replicas']);
  if (replicas !== undefined && replicas < 0) ctx.report('INVALID_VALUE', ['spec', 'replicas'], 'replicas must be 0 or more');
  if (replicas !== undefined && replicas > MAX_REPLICAS) {
    ctx.report('TOO_LARGE', ['spec', 'replicas'], `replicas is ${replicas}; kubequest simulates at most ${MAX_REPLICAS} pods per ${kind}`, {
      hint: 'a few replicas show the same networking as many',
    });
  }

  const template = rec(spec['template']);
  const selector = rec(spec['selector']);
  if (!selector) {
    ctx.report('MISSING_FIELD', ['spec', 'selector'], `a ${kind} needs spec.selector (apps/v1 requires it)`, {
      at: 'key',
      hint: 'add spec.selector.matchLabels with the labels of spec.template.metadata.labels',
    });
  } else {
    validateLabelSelector(ctx, ['spec', 'selector'], selector);
    if (isEmptySelector(selector)) {
      ctx.report('INVALID_VALUE', ['spec', 'selector'], `an empty selector is not allowed for a ${kind}`, { at: 'key' });
    } else if (template) {
      const labels = stringMap(rec(template['metadata'])?.['labels']);
      if (!selectorMatches(selector, labels)) {
        ctx.report('SELECTOR_MISMATCH', ['spec', 'template', 'metadata', 'labels'], 'spec.selector does not match the template labels', {
          at: 'key',
          hint: `the selector (${describeSelector(selector)}) must select the labels in spec.template.metadata.labels (${describeLabels(labels)})`,
        });
      }
    }
  }
  if (!template) {
    ctx.report('MISSING_FIELD', ['spec', 'template'], `a ${kind} needs spec.template (the pods it makes)`, { at: 'key' });
  } else {
    validateLabels(ctx, ['spec', 'template', 'metadata', 'labels'], rec(template['metadata'])?.['labels'], 'label');
    validatePodSpec(ctx, ['spec', 'template', 'spec'], template['spec'], { template: true, kind });
  }
  if (kind === 'StatefulSet') {
    const serviceName = str(spec['serviceName']);
    if (serviceName !== undefined && serviceName !== '') checkName(ctx, ['spec', 'serviceName'], serviceName, 'serviceName', 'dns1035-label');
    checkEnum(ctx, ['spec', 'podManagementPolicy'], spec['podManagementPolicy'], ['OrderedReady', 'Parallel'], 'podManagementPolicy');
  }
  if (kind === 'Deployment') {
    checkEnum(ctx, ['spec', 'strategy', 'type'], rec(spec['strategy'])?.['type'], ['Recreate', 'RollingUpdate'], 'strategy type');
  }
}

function describeSelector(selector: Record<string, unknown>): string {
  const parts = Object.entries(stringMap(selector['matchLabels'])).map(([k, v]) => `${k}=${v}`);
  for (const e of list(selector['matchExpressions'])) {
    const r = rec(e);
    if (r) parts.push(`${str(r['key']) ?? '?'} ${str(r['operator']) ?? '?'} ${list(r['values']).join(',')}`.trim());
  }
  return parts.join(', ');
}

function describeLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** core/v1 PodSpec, at `at` (spec of a Pod, spec.template.spec of a workload). */
export function validatePodSpec(ctx: ObjectContext, at: Path, value: unknown, options: { template: boolean; kind?: string }): void {
  const spec = rec(value);
  if (!spec) {
    ctx.report('MISSING_FIELD', at, `${formatPath(at)} needs containers`, { at: 'key' });
    return;
  }
  const containers = list(spec['containers']);
  if (containers.length === 0) {
    ctx.report('MISSING_FIELD', [...at, 'containers'], `${formatPath(at)} needs at least one container in containers`, { at: 'key' });
  }
  // The API server: with dnsPolicy None, the pod's whole resolver comes from dnsConfig.
  if (spec['dnsPolicy'] === 'None' && list(rec(spec['dnsConfig'])?.['nameservers']).length === 0) {
    ctx.report('MISSING_FIELD', [...at, 'dnsPolicy'], 'dnsPolicy None needs dnsConfig.nameservers: the pod has no other resolver', {
      hint: 'add dnsConfig: {nameservers: [10.96.0.10]} for cluster DNS, or use dnsPolicy ClusterFirst',
    });
  }
  const containerNames = new Map<string, string>();
  const podPortNames = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  const hostNetwork = spec['hostNetwork'] === true;
  for (const field of ['initContainers', 'containers'] as const) {
    list(spec[field]).forEach((item, i) => {
      const c = rec(item);
      if (!c) return;
      const cat: Path = [...at, field, i];
      const name = str(c['name']);
      if (name === undefined || name === '') ctx.report('MISSING_FIELD', [...cat, 'name'], `${formatPath(cat)} needs a name`, { at: 'key' });
      else if (checkName(ctx, [...cat, 'name'], name, 'container name', 'dns1123-label')) {
        const first = containerNames.get(name);
        if (first !== undefined) ctx.report('DUPLICATE_VALUE', [...cat, 'name'], `container name "${name}" is already used by ${first}`);
        else containerNames.set(name, formatPath(cat));
      }
      const image = c['image'];
      if (image === undefined || image === null || (typeof image === 'string' && image.trim() === '')) {
        ctx.report('MISSING_FIELD', [...cat, 'image'], `${formatPath(cat)} needs an image`, { at: 'key' });
      }
      checkEnum(ctx, [...cat, 'imagePullPolicy'], c['imagePullPolicy'], ['Always', 'IfNotPresent', 'Never'], 'imagePullPolicy');
      // Port names are unique within a container (validateContainerPorts); two containers may
      // share one, and a Service's named targetPort then takes the first container's port.
      const portNames = new Map<string, string>();
      list(c['ports']).forEach((portItem, j) => {
        const p = rec(portItem);
        if (!p) return;
        const pat: Path = [...cat, 'ports', j];
        if (p['containerPort'] === undefined || p['containerPort'] === null) {
          ctx.report('MISSING_FIELD', [...pat, 'containerPort'], `${formatPath(pat)} needs a containerPort`, { at: 'key' });
        } else checkPortNumber(ctx, [...pat, 'containerPort'], p['containerPort'], 'containerPort');
        checkPortNumber(ctx, [...pat, 'hostPort'], p['hostPort'], 'hostPort', true);
        checkEnum(ctx, [...pat, 'protocol'], p['protocol'], PROTOCOLS, 'protocol');
        const hostIP = str(p['hostIP']);
        if (hostIP !== undefined && hostIP !== '' && !isIP(hostIP)) ctx.report('INVALID_VALUE', [...pat, 'hostIP'], `hostIP "${hostIP}" is not an IP address`);
        const portName = str(p['name']);
        if (portName !== undefined && portName !== '' && checkPortNameAt(ctx, [...pat, 'name'], portName)) {
          const first = portNames.get(portName);
          const inPod = podPortNames.get(portName);
          if (first !== undefined) ctx.report('DUPLICATE_VALUE', [...pat, 'name'], `port name "${portName}" is already used by ${first}; port names must be unique in a container`);
          else if (inPod !== undefined) {
            ctx.report('DUPLICATE_VALUE', [...pat, 'name'], `port name "${portName}" is also used by ${inPod}; a Service's targetPort: ${portName} will take that first one`, {
              severity: 'warning',
              hint: 'give each container\'s port its own name',
            });
          }
          if (first === undefined) portNames.set(portName, formatPath(pat));
          if (inPod === undefined) podPortNames.set(portName, formatPath(pat));
        }
        // hostNetwork: hostPort defaults to containerPort, and may not differ from it (validateHostNetwork).
        const containerPort = int(p['containerPort']);
        const hostPortValue = int(p['hostPort']);
        if (hostNetwork && field === 'containers' && hostPortValue !== undefined && hostPortValue !== 0 && hostPortValue !== containerPort) {
          ctx.report('INVALID_VALUE', [...pat, 'containerPort'], `with hostNetwork, containerPort must match hostPort (${hostPortValue})`, {
            hint: 'the pod listens on the node itself: leave hostPort out, or make it the same as containerPort',
          });
        }
        // Two ports on one node address (AccumulateUniqueHostPorts, regular containers).
        const effectiveHostPort = hostPortValue !== undefined && hostPortValue !== 0 ? hostPortValue : hostNetwork ? containerPort : undefined;
        if (field === 'containers' && effectiveHostPort !== undefined && effectiveHostPort !== 0) {
          const key = `${str(p['protocol']) ?? 'TCP'}/${str(p['hostIP']) ?? ''}/${effectiveHostPort}`;
          const first = hostPorts.get(key);
          const what = hostPortValue ? 'hostPort' : 'containerPort';
          if (first !== undefined) {
            ctx.report('DUPLICATE_VALUE', [...pat, what], `host port ${effectiveHostPort}/${str(p['protocol']) ?? 'TCP'} is already taken by ${first}`, {
              hint: hostNetwork && !hostPortValue ? 'with hostNetwork, every containerPort is a port on the node' : undefined,
            });
          } else hostPorts.set(key, formatPath(pat));
        }
      });
    });
  }
  const restart = spec['restartPolicy'];
  checkEnum(ctx, [...at, 'restartPolicy'], restart, ['Always', 'OnFailure', 'Never'], 'restartPolicy');
  if (options.template && typeof restart === 'string' && restart !== 'Always' && ['Always', 'OnFailure', 'Never'].includes(restart)) {
    ctx.report('INVALID_VALUE', [...at, 'restartPolicy'], `a ${options.kind ?? 'workload'}'s pods must have restartPolicy Always`);
  }
  checkEnum(ctx, [...at, 'dnsPolicy'], spec['dnsPolicy'], ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'], 'dnsPolicy');
  for (const field of ['hostname', 'subdomain'] as const) {
    const v = str(spec[field]);
    if (v !== undefined && v !== '') checkName(ctx, [...at, field], v, field, 'dns1123-label');
  }
}
