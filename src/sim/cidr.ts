/**
 * IPv4 addresses and CIDR blocks, as 32-bit unsigned numbers. The simulated
 * cluster is single-stack IPv4, so an IPv6 address or block parses to
 * `undefined` and matches no address here.
 *
 * Parsing is as strict as Kubernetes validation (Go's `net.ParseIP` since
 * Go 1.17): four decimal octets 0-255 without leading zeros. A CIDR whose
 * address has host bits set (`10.0.0.1/24`) means its network (`10.0.0.0/24`),
 * as `net.ParseCIDR` returns it.
 */

export type Cidr = {
  /** The network address, host bits cleared. */
  readonly base: number;
  /** Prefix length, 0-32. */
  readonly bits: number;
};

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  const n = value >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIPv4(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9][0-9]?)$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > 32) return undefined;
  return { base: (ip & maskOf(bits)) >>> 0, bits };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.base)}/${cidr.bits}`;
}

/** Whether `ip` lies in `cidr`; anything that does not parse is contained in nothing. */
export function cidrContains(cidr: Cidr | string, ip: number | string): boolean {
  const block = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const addr = typeof ip === 'string' ? parseIPv4(ip) : ip;
  if (block === undefined || addr === undefined) return false;
  return ((addr & maskOf(block.bits)) >>> 0) === block.base;
}

/** The number of addresses in the block (2^(32-bits)). */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.bits);
}
