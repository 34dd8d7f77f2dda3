/**
 * The smaller kinds: Node addresses, hand-written Endpoints and
 * EndpointSlices (addresses, ports, address types), ConfigMap and Secret
 * keys and Secret data.
 */
import { formatPath, list, rec, str, type ObjectContext, type Path } from './context.js';
import { checkDns1123Subdomain, isCidr, isIP, isIPv6, parseIPv4, specialIPProblem } from './names.js';
import { checkEnum, checkName, checkPortNumber, PROTOCOLS } from './validate-meta.js';

export function validateNode(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const spec = rec(obj['spec']);
  const podCIDR = str(spec?.['podCIDR']);
  if (podCIDR !== undefined && podCIDR !== '' && !isCidr(podCIDR)) ctx.report('INVALID_VALUE', ['spec', 'podCIDR'], `podCIDR "${podCIDR}" is not a CIDR`);
  list(spec?.['podCIDRs']).forEach((c, i) => {
    if (typeof c === 'string' && !isCidr(c)) ctx.report('INVALID_VALUE', ['spec', 'podCIDRs', i], `"${c}" is not a CIDR`);
  });
  list(rec(obj['status'])?.['addresses']).forEach((a, i) => {
    const addr = rec(a);
    const type = str(addr?.['type']);
    const address = str(addr?.['address']);
    if ((type === 'InternalIP' || type === 'ExternalIP') && address !== undefined && !isIP(address)) {
      ctx.report('INVALID_VALUE', ['status', 'addresses', i, 'address'], `${type} "${address}" is not an IP address`);
    }
  });
}

export function validateEndpoints(ctx: ObjectContext, obj: Record<string, unknown>): void {
  list(obj['subsets']).forEach((subsetItem, i) => {
    const subset = rec(subsetItem);
    if (!subset) return;
    const at: Path = ['subsets', i];
    if (list(subset['addresses']).length === 0 && list(subset['notReadyAddresses']).length === 0) {
      ctx.report('MISSING_FIELD', at, `${formatPath(at)} needs addresses or notReadyAddresses`, { at: 'key' });
    }
    for (const field of ['addresses', 'notReadyAddresses'] as const) {
      list(subset[field]).forEach((a, j) => {
        const ip = rec(a)?.['ip'];
        if (ip === undefined || ip === null || ip === '') ctx.report('MISSING_FIELD', [...at, field, j, 'ip'], 'an endpoint address needs an ip', { at: 'key' });
        else if (typeof ip === 'string' && !isIP(ip)) ctx.report('INVALID_VALUE', [...at, field, j, 'ip'], `"${ip}" is not an IP address`);
        else if (typeof ip === 'string') reportSpecialIP(ctx, [...at, field, j, 'ip'], ip);
      });
    }
    const ports = list(subset['ports']);
    validateEndpointPorts(ctx, [...at, 'ports'], ports, 'endpoints');
  });
}

function reportSpecialIP(ctx: ObjectContext, at: Path, ip: string): void {
  const bad = specialIPProblem(ip);
  if (bad) ctx.report('INVALID_VALUE', at, `endpoint address ${ip} ${bad}`, { hint: 'an endpoint must be an address other machines can reach' });
}

/**
 * Endpoints (validateEndpointPort): with more than one port each needs a name; names are not
 * checked for repeats. EndpointSlice (validatePorts): names are optional but unique, "" included;
 * the port number may be left out.
 */
function validateEndpointPorts(ctx: ObjectContext, at: Path, ports: readonly unknown[], kind: 'endpoints' | 'slice'): void {
  const names = new Set<string>();
  ports.forEach((item, i) => {
    const p = rec(item);
    if (!p) return;
    const pat: Path = [...at, i];
    const name = str(p['name']);
    if (kind === 'endpoints' && ports.length > 1 && (name === undefined || name === '')) {
      ctx.report('MISSING_FIELD', [...pat, 'name'], `${formatPath(pat)} needs a name when there is more than one port`, { at: 'key' });
    } else if (name !== undefined && name !== '') {
      checkName(ctx, [...pat, 'name'], name, 'port name', 'dns1123-label');
    }
    if (kind === 'slice') {
      const key = name ?? '';
      if (names.has(key)) {
        ctx.report('DUPLICATE_VALUE', name === undefined ? pat : [...pat, 'name'], key === '' ? `${formatPath(pat)} is a second port without a name; names must be unique` : `port name "${key}" is used twice`, {
          hint: key === '' ? 'name every port when an EndpointSlice has more than one' : undefined,
        });
      }
      names.add(key);
    }
    if (p['port'] === undefined || p['port'] === null) {
      if (kind === 'endpoints') ctx.report('MISSING_FIELD', [...pat, 'port'], `${formatPath(pat)} needs a port`, { at: 'key' });
    } else checkPortNumber(ctx, [...pat, 'port'], p['port'], 'port');
    checkEnum(ctx, [...pat, 'protocol'], p['protocol'], PROTOCOLS, 'protocol');
  });
}

/** EndpointSlice limits (pkg/apis/discovery/validation). */
const MAX_SLICE_ENDPOINTS = 1000;
const MAX_SLICE_ADDRESSES = 100;

export function validateEndpointSlice(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const addressType = obj['addressType'];
  if (addressType === undefined || addressType === null) {
    ctx.report('MISSING_FIELD', ['addressType'], 'an EndpointSlice needs addressType (IPv4, IPv6 or FQDN)', { at: 'key' });
  } else checkEnum(ctx, ['addressType'], addressType, ['IPv4', 'IPv6', 'FQDN'], 'addressType');
  const endpoints = list(obj['endpoints']);
  if (endpoints.length > MAX_SLICE_ENDPOINTS) {
    ctx.report('TOO_LARGE', ['endpoints'], `an EndpointSlice holds at most ${MAX_SLICE_ENDPOINTS} endpoints, not ${endpoints.length}`, {
      at: 'key',
      hint: 'split them over several EndpointSlices with the same kubernetes.io/service-name label',
    });
  } else endpoints.forEach((epItem, i) => {
    const ep = rec(epItem);
    if (!ep) return;
    const addresses = list(ep['addresses']);
    if (addresses.length === 0) ctx.report('MISSING_FIELD', ['endpoints', i, 'addresses'], `endpoints[${i}] needs at least one address`, { at: 'key' });
    else if (addresses.length > MAX_SLICE_ADDRESSES) {
      ctx.report('TOO_LARGE', ['endpoints', i, 'addresses'], `an endpoint holds at most ${MAX_SLICE_ADDRESSES} addresses, not ${addresses.length}`, { at: 'key' });
    }
    addresses.forEach((a, j) => {
      if (typeof a !== 'string') return;
      const ok =
        addressType === 'IPv4' ? parseIPv4(a) !== undefined : addressType === 'IPv6' ? isIPv6(a) : addressType === 'FQDN' ? !checkDns1123Subdomain(a) : true;
      if (!ok) ctx.report('INVALID_VALUE', ['endpoints', i, 'addresses', j], `"${a}" is not a valid ${String(addressType)} address`);
      else if (addressType === 'IPv4' || addressType === 'IPv6') reportSpecialIP(ctx, ['endpoints', i, 'addresses', j], a);
    });
  });
  validateEndpointPorts(ctx, ['ports'], list(obj['ports']), 'slice');
  const labels = rec(rec(obj['metadata'])?.['labels']);
  if (!str(labels?.['kubernetes.io/service-name'])) {
    ctx.report('MISSING_FIELD', ['metadata', 'labels'], 'this EndpointSlice has no kubernetes.io/service-name label, so no Service uses it', {
      at: 'key',
      severity: 'warning',
      hint: 'add the label kubernetes.io/service-name: <the Service name>',
    });
  }
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/u;

export function validateConfigData(ctx: ObjectContext, obj: Record<string, unknown>, kind: 'ConfigMap' | 'Secret'): void {
  const fields = kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  for (const field of fields) {
    const data = rec(obj[field]);
    if (!data) continue;
    for (const [key, value] of Object.entries(data)) {
      if (!CONFIG_KEY.test(key) || key.length > 253 || key === '.' || key === '..') {
        ctx.report('INVALID_VALUE', [field, key], `key "${key}" must use only letters, digits, "-", "_" and "." (at most 253)`, { at: 'key' });
      }
      const base64 = (kind === 'Secret' && field === 'data') || field === 'binaryData';
      if (base64 && typeof value === 'string' && !isBase64(value)) {
        ctx.report('INVALID_VALUE', [field, key], `${field}.${key} must be base64-encoded`, {
          hint: kind === 'Secret' ? 'put plain text under stringData instead of data' : undefined,
        });
      }
    }
  }
  if (kind === 'Secret' && typeof obj['type'] === 'string' && obj['type'] === '') {
    ctx.report('INVALID_VALUE', ['type'], 'type must not be empty');
  }
}

function isBase64(text: string): boolean {
  const s = text.replace(/\s+/gu, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/u.test(s);
}
