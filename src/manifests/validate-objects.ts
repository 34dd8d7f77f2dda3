/**
 * Rules across objects, which only hold for a whole world (and depend on
 * cluster settings): the same object defined twice, a nodePort outside the
 * cluster's range or used by two Services, a clusterIP outside the service
 * CIDR, used twice, or taken by the `kubernetes` Service (the CIDR's first
 * address) or `kube-dns` (its tenth, 10.96.0.10 by default).
 */
import { MAX_PODS, type ClusterSettings } from '../sim/index.js';
import { int, list, rec, str } from './context.js';
import { CLUSTER_SCOPED } from './kinds.js';
import { cidrContainsIp, formatIPv4, networkOf, parseCidr4, parseIPv4 } from './names.js';
import type { SourcedObject } from './parse.js';
import { problem, sortProblems, type Problem } from './problems.js';

const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
const DEFAULT_NODE_PORTS = { min: 30000, max: 32767 };

export function validateObjects(objects: readonly SourcedObject[], settings: Partial<ClusterSettings> = {}): Problem[] {
  const problems: Problem[] = [];
  const at = (o: SourcedObject, path: readonly (string | number)[]): { line: number; col: number } => o.positionOf(path);
  const where = (o: SourcedObject, path: readonly (string | number)[]): string => {
    const p = at(o, path);
    return `${o.file}:${p.line}:${p.col}`;
  };

  // The same object twice.
  const seen = new Map<string, SourcedObject>();
  for (const o of objects) {
    const kind = o.object.kind ?? '';
    const name = o.object.metadata?.name;
    if (typeof name !== 'string' || name === '') continue;
    const ns = CLUSTER_SCOPED.has(kind) ? '' : namespaceOf(o);
    const key = `${kind}/${ns}/${name}`;
    const first = seen.get(key);
    if (first) {
      problems.push(
        problem('DUPLICATE_OBJECT', `${kind} ${ns ? `${ns}/` : ''}${name} is defined twice; the first is at ${where(first, ['metadata', 'name'])}`, o.file, at(o, ['metadata', 'name'])),
      );
    } else seen.set(key, o);
  }

  // Services: nodePorts and clusterIPs.
  const range = settings.nodePortRange ?? DEFAULT_NODE_PORTS;
  const cidrText = settings.serviceCidr ?? DEFAULT_SERVICE_CIDR;
  const cidr = parseCidr4(cidrText);
  const nodePorts = new Map<number, { o: SourcedObject; path: (string | number)[]; protocol: string }>();
  const clusterIPs = new Map<string, { o?: SourcedObject; label: string }>();
  if (cidr) {
    const network = networkOf(cidr);
    clusterIPs.set(formatIPv4(network + 1), { label: 'the kubernetes Service in default' });
    clusterIPs.set(formatIPv4(network + 10), { label: 'the kube-dns Service in kube-system' });
  }
  for (const o of objects) {
    if (o.object.kind !== 'Service') continue;
    const spec = rec(o.object['spec']) ?? {};
    const type = str(spec['type']) ?? 'ClusterIP';
    const id = `${namespaceOf(o)}/${o.object.metadata?.name ?? '?'}`;
    if (type === 'NodePort' || type === 'LoadBalancer') {
      list(spec['ports']).forEach((item, i) => {
        const p = rec(item);
        const nodePort = int(p?.['nodePort']);
        if (nodePort === undefined || nodePort === 0) return;
        const path = ['spec', 'ports', i, 'nodePort'];
        if (nodePort < range.min || nodePort > range.max) {
          problems.push(
            problem('INVALID_VALUE', `nodePort ${nodePort} is outside the NodePort range ${range.min}-${range.max}`, o.file, at(o, path), {
              hint: 'leave nodePort out and the cluster picks a free one',
            }),
          );
          return;
        }
        const protocol = str(p?.['protocol']) ?? 'TCP';
        const first = nodePorts.get(nodePort);
        if (first && (first.o !== o || first.protocol === protocol)) {
          const owner = first.o === o ? 'another port of this Service' : `Service ${namespaceOf(first.o)}/${first.o.object.metadata?.name ?? '?'}`;
          problems.push(
            problem('PORT_CONFLICT', `nodePort ${nodePort} is already used by ${owner} (${where(first.o, first.path)})`, o.file, at(o, path), {
              hint: 'each nodePort can belong to one Service only',
            }),
          );
        } else if (!first) nodePorts.set(nodePort, { o, path, protocol });
      });
    }
    const ip = str(spec['clusterIP']);
    if (ip === undefined || ip === '' || ip === 'None' || type === 'ExternalName') continue;
    const n = parseIPv4(ip);
    if (n === undefined || !cidr) continue;
    if (!cidrContainsIp(cidr, n) || n === networkOf(cidr)) {
      problems.push(
        problem('INVALID_VALUE', `clusterIP ${ip} is outside the service CIDR ${cidrText}`, o.file, at(o, ['spec', 'clusterIP']), {
          hint: 'leave clusterIP out and the cluster assigns one',
        }),
      );
      continue;
    }
    const first = clusterIPs.get(ip);
    const isReservedOwner =
      first?.o === undefined &&
      ((first?.label.startsWith('the kubernetes') && id === 'default/kubernetes') || (first?.label.startsWith('the kube-dns') && id === 'kube-system/kube-dns'));
    if (first && !isReservedOwner) {
      const owner = first.o ? `Service ${namespaceOf(first.o)}/${first.o.object.metadata?.name ?? '?'} (${where(first.o, ['spec', 'clusterIP'])})` : first.label;
      problems.push(problem('IP_CONFLICT', `clusterIP ${ip} is already used by ${owner}`, o.file, at(o, ['spec', 'clusterIP']), {
        hint: 'leave clusterIP out and the cluster assigns a free one',
      }));
    } else clusterIPs.set(ip, { o, label: id });
  }
  problems.push(...tooManyPods(objects));
  return sortByFile(problems, objects);
}

/**
 * The pods the objects stand for (a Pod one, a workload its replicas, a
 * DaemonSet one per node): past MAX_PODS, the first object over the limit
 * gets the error (the simulator stops there too).
 */
function tooManyPods(objects: readonly SourcedObject[]): Problem[] {
  const nodes = objects.filter((o) => o.object.kind === 'Node').length || 3;
  let pods = 0;
  for (const o of objects) {
    const kind = o.object.kind;
    const replicas = int(rec(o.object['spec'])?.['replicas']);
    if (kind === 'Pod') pods += 1;
    else if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet') pods += replicas !== undefined && replicas >= 0 ? replicas : 1;
    else if (kind === 'DaemonSet') pods += nodes;
    else continue;
    if (pods > MAX_PODS) {
      return [
        problem('TOO_LARGE', `these manifests make more than ${MAX_PODS} pods (${kind} ${namespaceOf(o)}/${o.object.metadata?.name ?? '?'} goes over); kubequest simulates at most ${MAX_PODS}`, o.file, podCountPosition(o), {
          hint: 'a few pods show the same networking as many: lower replicas, or split the manifests',
        }),
      ];
    }
  }
  return [];
}

function podCountPosition(o: SourcedObject): { line: number; col: number } {
  return o.object.kind === 'Pod' ? o.positionOf(['metadata', 'name']) : o.positionOf(['spec', 'replicas']);
}

function namespaceOf(o: SourcedObject): string {
  const ns = o.object.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

/** Files in the order the objects came, then line and column. */
function sortByFile(problems: Problem[], objects: readonly SourcedObject[]): Problem[] {
  const order = new Map<string, number>();
  for (const o of objects) if (!order.has(o.file)) order.set(o.file, order.size);
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  return [...byFile.entries()].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).flatMap(([, ps]) => sortProblems(ps));
}
