/**
 * Service rules, after ValidateService in pkg/apis/core/validation:
 * type and policy enums, ports (numbers, names, protocols, uniqueness),
 * targetPort as a number or a named port, nodePort only where a node port
 * exists, ExternalName, clusterIP syntax. The nodePort range and the service
 * CIDR depend on cluster settings, so `validateObjects` checks those.
 */
import { formatPath, int, list, rec, str, type ObjectContext } from './context.js';
import { checkQualifiedName, isIP, specialIPProblem } from './names.js';
import { checkEnum, checkName, checkPortNameAt, checkPortNumber, PROTOCOLS, validateLabels } from './validate-meta.js';

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
/** A LoadBalancer may not expose the kubelet's port (ValidateService). */
const KUBELET_PORT = 10250;

export function validateService(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const spec = rec(obj['spec']) ?? {};
  const type = str(spec['type']) ?? 'ClusterIP';
  checkEnum(ctx, ['spec', 'type'], spec['type'], TYPES, 'Service type');
  const hasNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const clusterIP = str(spec['clusterIP']);
  const headless = clusterIP === 'None';

  // Ports.
  const ports = list(spec['ports']);
  const portsWritten = spec['ports'] !== undefined && spec['ports'] !== null && !Array.isArray(spec['ports']);
  if (ports.length === 0 && !portsWritten && type !== 'ExternalName' && !headless) {
    ctx.report('MISSING_FIELD', rec(obj['spec']) ? ['spec', 'ports'] : ['spec'], 'a Service needs at least one port in spec.ports', { at: 'key' });
  }
  const names = new Map<string, number>();
  const portProto = new Map<string, number>();
  ports.forEach((item, i) => {
    const p = rec(item);
    if (!p) return;
    const at = ['spec', 'ports', i] as const;
    const name = str(p['name']);
    if (ports.length > 1 && (name === undefined || name === '')) {
      ctx.report('MISSING_FIELD', [...at, 'name'], `${formatPath(at)} needs a name: when a Service has more than one port, every port must be named`, {
        at: 'key',
      });
    } else if (name !== undefined && name !== '') {
      checkName(ctx, [...at, 'name'], name, 'Service port name', 'dns1123-label');
      const first = names.get(name);
      if (first !== undefined) {
        ctx.report('DUPLICATE_VALUE', [...at, 'name'], `port name "${name}" is already used by spec.ports[${first}]; port names must be unique`);
      } else names.set(name, i);
    }
    const port = int(p['port']);
    if (p['port'] === undefined || p['port'] === null) ctx.report('MISSING_FIELD', [...at], `${formatPath(at)} needs a port`, {});
    else checkPortNumber(ctx, [...at, 'port'], port, 'port');
    checkEnum(ctx, [...at, 'protocol'], p['protocol'], PROTOCOLS, 'protocol');
    const appProtocol = str(p['appProtocol']);
    if (appProtocol !== undefined) {
      const bad = checkQualifiedName(appProtocol);
      if (bad) ctx.report('INVALID_VALUE', [...at, 'appProtocol'], `appProtocol "${appProtocol}" ${bad}`, { hint: 'e.g. http, https, kubernetes.io/h2c' });
    }
    if (type === 'LoadBalancer' && port === KUBELET_PORT) {
      ctx.report('INVALID_VALUE', [...at, 'port'], `a LoadBalancer Service may not expose port ${KUBELET_PORT}: the kubelet uses it on every node`);
    }
    const protocol = str(p['protocol']) ?? 'TCP';
    if (port !== undefined) {
      const key = `${port}/${protocol}`;
      const first = portProto.get(key);
      if (first !== undefined) ctx.report('DUPLICATE_VALUE', [...at, 'port'], `port ${key} is already exposed by spec.ports[${first}]`);
      else portProto.set(key, i);
    }
    const target = p['targetPort'];
    if (typeof target === 'number') checkPortNumber(ctx, [...at, 'targetPort'], target, 'targetPort', true);
    else if (typeof target === 'string' && target !== '') checkPortNameAt(ctx, [...at, 'targetPort'], target);
    const nodePort = int(p['nodePort']);
    if (nodePort !== undefined && nodePort !== 0 && !hasNodePorts) {
      ctx.report('FORBIDDEN_FIELD', [...at, 'nodePort'], `nodePort may only be set when the Service type is NodePort or LoadBalancer, not ${type}`, {
        at: 'key',
        hint: 'set spec.type: NodePort, or remove nodePort',
      });
    }
  });

  // Type-specific fields.
  if (type === 'ExternalName') {
    const externalName = str(spec['externalName']);
    if (externalName === undefined || externalName === '') {
      ctx.report('MISSING_FIELD', ['spec', 'externalName'], 'an ExternalName Service needs spec.externalName (the DNS name it aliases)', { at: 'key' });
    } else {
      checkName(ctx, ['spec', 'externalName'], externalName.replace(/\.$/u, ''), 'externalName', 'dns1123-subdomain');
    }
    if (clusterIP !== undefined && clusterIP !== '') {
      ctx.report('FORBIDDEN_FIELD', ['spec', 'clusterIP'], 'an ExternalName Service has no clusterIP', { at: 'key' });
    }
    if (list(spec['ipFamilies']).length > 0) {
      ctx.report('FORBIDDEN_FIELD', ['spec', 'ipFamilies'], 'an ExternalName Service has no IP families: ipFamilies may not be set', { at: 'key' });
    }
    if (spec['ipFamilyPolicy'] !== undefined && spec['ipFamilyPolicy'] !== null) {
      ctx.report('FORBIDDEN_FIELD', ['spec', 'ipFamilyPolicy'], 'an ExternalName Service has no IP families: ipFamilyPolicy may not be set', { at: 'key' });
    }
  } else if (clusterIP !== undefined && clusterIP !== '' && !headless && !isIP(clusterIP)) {
    ctx.report('INVALID_VALUE', ['spec', 'clusterIP'], `clusterIP "${clusterIP}" must be an IP address, "None" (headless) or left out`, {
      hint: clusterIP.toLowerCase() === 'none' ? 'write None with a capital N' : undefined,
    });
  }
  if (headless && hasNodePorts) {
    ctx.report('INVALID_VALUE', ['spec', 'clusterIP'], `clusterIP None (headless) is not allowed for a ${type} Service`);
  }
  const clusterIPs = list(spec['clusterIPs']);
  clusterIPs.forEach((ip, i) => {
    if (typeof ip === 'string' && ip !== 'None' && !isIP(ip)) ctx.report('INVALID_VALUE', ['spec', 'clusterIPs', i], `"${ip}" is not an IP address`);
  });
  if (clusterIP !== undefined && clusterIP !== '' && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
    ctx.report('INVALID_VALUE', ['spec', 'clusterIPs', 0], 'spec.clusterIPs[0] must be the same as spec.clusterIP');
  }
  list(spec['externalIPs']).forEach((ip, i) => {
    if (typeof ip === 'string' && !isIP(ip)) ctx.report('INVALID_VALUE', ['spec', 'externalIPs', i], `"${ip}" is not an IP address`);
    else if (typeof ip === 'string' && specialIPProblem(ip)) ctx.report('INVALID_VALUE', ['spec', 'externalIPs', i], `external IP ${ip} ${specialIPProblem(ip)}`);
  });

  checkEnum(ctx, ['spec', 'sessionAffinity'], spec['sessionAffinity'], ['None', 'ClientIP'], 'sessionAffinity');
  const affinity = spec['sessionAffinity'] ?? 'None';
  if (affinity === 'None' && spec['sessionAffinityConfig'] !== undefined && spec['sessionAffinityConfig'] !== null) {
    ctx.report('FORBIDDEN_FIELD', ['spec', 'sessionAffinityConfig'], 'sessionAffinityConfig may not be set when sessionAffinity is None (the default)', {
      at: 'key',
      hint: 'add sessionAffinity: ClientIP, or remove sessionAffinityConfig',
    });
  }
  const timeout = int(rec(rec(spec['sessionAffinityConfig'])?.['clientIP'])?.['timeoutSeconds']);
  if (affinity === 'ClientIP' && timeout !== undefined && (timeout < 1 || timeout > 86400)) {
    ctx.report('INVALID_VALUE', ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], 'timeoutSeconds must be 1-86400');
  }
  const etp = spec['externalTrafficPolicy'];
  if (typeof etp === 'string' && etp !== '') {
    checkEnum(ctx, ['spec', 'externalTrafficPolicy'], etp, ['Cluster', 'Local'], 'externalTrafficPolicy');
    // ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs.
    const externallyAccessible = hasNodePorts || (type === 'ClusterIP' && list(spec['externalIPs']).length > 0);
    if (!externallyAccessible) {
      ctx.report('FORBIDDEN_FIELD', ['spec', 'externalTrafficPolicy'], `externalTrafficPolicy may only be set for a Service reachable from outside (NodePort, LoadBalancer, or with externalIPs), not this ${type} Service`, {
        at: 'key',
      });
    }
  }
  checkEnum(ctx, ['spec', 'internalTrafficPolicy'], spec['internalTrafficPolicy'], ['Cluster', 'Local'], 'internalTrafficPolicy');
  checkEnum(ctx, ['spec', 'ipFamilyPolicy'], spec['ipFamilyPolicy'], ['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'ipFamilyPolicy');
  const families = list(spec['ipFamilies']);
  families.forEach((f, i) => {
    checkEnum(ctx, ['spec', 'ipFamilies', i], f, ['IPv4', 'IPv6'], 'IP family');
    if (typeof f === 'string' && families.indexOf(f) < i) ctx.report('DUPLICATE_VALUE', ['spec', 'ipFamilies', i], `IP family ${f} is listed twice`);
  });
  if (families.length > 2) ctx.report('INVALID_VALUE', ['spec', 'ipFamilies'], 'ipFamilies may hold at most two families (IPv4 and IPv6)', { at: 'key' });
  if (spec['ipFamilyPolicy'] === 'SingleStack' && families.length > 1) {
    ctx.report('INVALID_VALUE', ['spec', 'ipFamilyPolicy'], 'ipFamilyPolicy must be PreferDualStack or RequireDualStack when two IP families are listed');
  }
  if (type !== 'LoadBalancer') {
    for (const field of ['allocateLoadBalancerNodePorts', 'loadBalancerClass'] as const) {
      if (spec[field] !== undefined && spec[field] !== null) {
        ctx.report('FORBIDDEN_FIELD', ['spec', field], `${field} may only be set for a LoadBalancer Service, not ${type}`, { at: 'key' });
      }
    }
  } else {
    const lbClass = str(spec['loadBalancerClass']);
    const bad = lbClass !== undefined ? checkQualifiedName(lbClass) : undefined;
    if (bad) ctx.report('INVALID_VALUE', ['spec', 'loadBalancerClass'], `loadBalancerClass "${lbClass}" ${bad}`);
  }
  const healthCheckNodePort = int(spec['healthCheckNodePort']);
  if (healthCheckNodePort !== undefined && healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && etp === 'Local')) {
    ctx.report('INVALID_VALUE', ['spec', 'healthCheckNodePort'], 'healthCheckNodePort may only be set for a LoadBalancer Service with externalTrafficPolicy: Local');
  }
  if (list(spec['loadBalancerSourceRanges']).length > 0 && type !== 'LoadBalancer') {
    ctx.report('FORBIDDEN_FIELD', ['spec', 'loadBalancerSourceRanges'], 'loadBalancerSourceRanges may only be set for a LoadBalancer Service', { at: 'key' });
  }
  validateLabels(ctx, ['spec', 'selector'], spec['selector'], 'selector');
}
