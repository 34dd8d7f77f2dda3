/**
 * NetworkPolicy rules, after ValidateNetworkPolicy in
 * pkg/apis/networking/validation: selectors, policyTypes, peers (an ipBlock
 * stands alone), ports and endPort, ipBlock CIDRs and their exceptions.
 */
import { int, list, rec, str, type ObjectContext, type Path } from './context.js';
import { anyCidrContains, formatIPv4, isCidr, networkOf, parseAnyCidr, parseCidr4 } from './names.js';
import { checkEnum, checkPortNameAt, checkPortNumber, PROTOCOLS, validateLabelSelector } from './validate-meta.js';

export function validateNetworkPolicy(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const spec = rec(obj['spec']);
  if (!spec) return;
  validateLabelSelector(ctx, ['spec', 'podSelector'], spec['podSelector']);
  // ValidateNetworkPolicySpec: at most two entries, each Ingress or Egress. A repeat
  // within two ([Ingress, Ingress]) is accepted, so it is only a warning here.
  const types = list(spec['policyTypes']);
  if (types.length > 2) {
    ctx.report('INVALID_VALUE', ['spec', 'policyTypes'], `policyTypes may list at most two types (Ingress and Egress), not ${types.length}`, { at: 'key' });
  } else {
    const seen = new Set<string>();
    types.forEach((t, i) => {
      checkEnum(ctx, ['spec', 'policyTypes', i], t, ['Ingress', 'Egress'], 'policy type');
      if (typeof t === 'string') {
        if (seen.has(t)) ctx.report('DUPLICATE_VALUE', ['spec', 'policyTypes', i], `policy type ${t} is listed twice`, { severity: 'warning' });
        seen.add(t);
      }
    });
  }
  for (const [direction, peersField] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    list(spec[direction]).forEach((ruleItem, i) => {
      const rule = rec(ruleItem);
      if (!rule) return;
      const at: Path = ['spec', direction, i];
      list(rule['ports']).forEach((portItem, j) => validatePolicyPort(ctx, [...at, 'ports', j], portItem));
      list(rule[peersField]).forEach((peerItem, j) => validatePeer(ctx, [...at, peersField, j], peerItem));
    });
  }
}

function validatePolicyPort(ctx: ObjectContext, at: Path, value: unknown): void {
  const p = rec(value);
  if (!p) return;
  checkEnum(ctx, [...at, 'protocol'], p['protocol'], PROTOCOLS, 'protocol');
  const port = p['port'];
  if (typeof port === 'number') checkPortNumber(ctx, [...at, 'port'], port, 'port');
  else if (typeof port === 'string') checkPortNameAt(ctx, [...at, 'port'], port);
  const endPort = int(p['endPort']);
  if (endPort === undefined) return;
  if (port === undefined || port === null) {
    ctx.report('MISSING_FIELD', [...at, 'port'], 'endPort needs a port to start the range', { at: 'key' });
  } else if (typeof port === 'string') {
    ctx.report('INVALID_VALUE', [...at, 'endPort'], `endPort may only be used with a numeric port, not the named port "${port}"`);
  } else if (typeof port === 'number' && endPort < port) {
    ctx.report('INVALID_VALUE', [...at, 'endPort'], `endPort ${endPort} must be greater than or equal to port ${port}`);
  } else if (endPort > 65535) {
    ctx.report('INVALID_VALUE', [...at, 'endPort'], `endPort ${endPort} is out of range; ports are 1-65535`);
  }
}

function validatePeer(ctx: ObjectContext, at: Path, value: unknown): void {
  const peer = rec(value);
  if (!peer) return;
  const hasPod = peer['podSelector'] !== undefined && peer['podSelector'] !== null;
  const hasNs = peer['namespaceSelector'] !== undefined && peer['namespaceSelector'] !== null;
  const ipBlock = rec(peer['ipBlock']);
  if (!hasPod && !hasNs && !ipBlock) {
    ctx.report('MISSING_FIELD', at, 'a peer needs a podSelector, a namespaceSelector or an ipBlock');
    return;
  }
  if (ipBlock && (hasPod || hasNs)) {
    ctx.report('FORBIDDEN_FIELD', [...at, 'ipBlock'], 'an ipBlock peer may not also have a podSelector or namespaceSelector', {
      at: 'key',
      hint: 'make the ipBlock its own list item ("- ipBlock: ...")',
    });
  }
  if (hasPod) validateLabelSelector(ctx, [...at, 'podSelector'], peer['podSelector']);
  if (hasNs) validateLabelSelector(ctx, [...at, 'namespaceSelector'], peer['namespaceSelector']);
  if (ipBlock) validateIpBlock(ctx, [...at, 'ipBlock'], ipBlock);
}

function validateIpBlock(ctx: ObjectContext, at: Path, block: Record<string, unknown>): void {
  const cidr = str(block['cidr']);
  if (cidr === undefined || cidr === '') {
    ctx.report('MISSING_FIELD', [...at, 'cidr'], 'an ipBlock needs a cidr', { at: 'key' });
    return;
  }
  if (!isCidr(cidr)) {
    ctx.report('INVALID_VALUE', [...at, 'cidr'], `"${cidr}" is not a CIDR`, {
      hint: /^[\d.]+$/u.test(cidr) ? `for one address, write ${cidr}/32` : 'write an address and a prefix length, e.g. 10.0.0.0/16',
    });
    return;
  }
  const outer = parseCidr4(cidr);
  if (outer && networkOf(outer) !== outer.base) {
    ctx.report('INVALID_VALUE', [...at, 'cidr'], `cidr "${cidr}" has host bits set; it means ${formatIPv4(networkOf(outer))}/${outer.bits}`, {
      severity: 'warning',
      hint: `write ${formatIPv4(networkOf(outer))}/${outer.bits}`,
    });
  }
  list(block['except']).forEach((e, i) => {
    if (typeof e !== 'string') return;
    if (!isCidr(e)) {
      ctx.report('INVALID_VALUE', [...at, 'except', i], `"${e}" is not a CIDR`);
      return;
    }
    // Go's IPNet.Contains(except.IP) with a strictly longer prefix; either family.
    const wide = parseAnyCidr(cidr);
    const inner = parseAnyCidr(e);
    if (wide && inner && !(anyCidrContains(wide, inner) && inner.bits > wide.bits)) {
      ctx.report('INVALID_VALUE', [...at, 'except', i], `except "${e}" must be a strict subset of cidr "${cidr}"`);
    }
  });
}
