/**
 * The name and address syntaxes the API server checks, as in
 * k8s.io/apimachinery/pkg/util/validation. Each checker returns undefined
 * when the text is valid, or a plain sentence saying what is wrong.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/u;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/u;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/u;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/u;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/u;

/** RFC 1123 label: namespace names, container names, port names of a Service. */
export function checkDns1123Label(text: string): string | undefined {
  if (text.length > 63) return 'must be at most 63 characters';
  if (!DNS1123_LABEL.test(text)) return 'must use only lowercase letters, digits and "-", and start and end with a letter or digit';
  return undefined;
}

/** RFC 1123 subdomain: most object names, host names. */
export function checkDns1123Subdomain(text: string): string | undefined {
  if (text.length > 253) return 'must be at most 253 characters';
  if (!DNS1123_SUBDOMAIN.test(text)) {
    return 'must use only lowercase letters, digits, "-" and ".", and start and end with a letter or digit';
  }
  return undefined;
}

/** RFC 1035 label: Service names (they become DNS names and environment variables). */
export function checkDns1035Label(text: string): string | undefined {
  if (text.length > 63) return 'must be at most 63 characters';
  if (!DNS1035_LABEL.test(text)) return 'must use only lowercase letters, digits and "-", start with a letter and end with a letter or digit';
  return undefined;
}

/** A named port (IANA_SVC_NAME): at most 15 characters, lowercase letters, digits and "-", at least one letter. */
export function checkPortName(text: string): string | undefined {
  if (text.length > 15) return 'must be at most 15 characters';
  if (!/^[-a-z0-9]+$/u.test(text)) return 'must use only lowercase letters, digits and "-"';
  if (!/[a-z]/u.test(text)) return 'must contain at least one letter';
  if (text.includes('--')) return 'must not contain "--"';
  if (text.startsWith('-') || text.endsWith('-')) return 'must not start or end with "-"';
  return undefined;
}

/** Label and annotation keys: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function checkQualifiedName(text: string): string | undefined {
  const parts = text.split('/');
  let name = text;
  if (parts.length === 2) {
    const [prefix = '', rest = ''] = parts;
    if (prefix.length === 0) return 'has an empty prefix before "/"';
    const bad = checkDns1123Subdomain(prefix);
    if (bad) return `has a prefix that ${bad}`;
    name = rest;
  } else if (parts.length > 2) {
    return 'may contain at most one "/"';
  }
  if (name.length === 0) return 'must have a name (after any "prefix/")';
  if (name.length > 63) return 'must have a name of at most 63 characters';
  if (!QUALIFIED_NAME.test(name)) return 'must use only letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  return undefined;
}

export function checkLabelValue(text: string): string | undefined {
  if (text.length > 63) return 'must be at most 63 characters';
  if (!LABEL_VALUE.test(text)) return 'must be empty or use only letters, digits, "-", "_" and ".", and start and end with a letter or digit';
  return undefined;
}

/** A lowercase, dash-separated guess at what a bad name was meant to be, e.g. "My_App" -> "my-app". */
export function suggestName(text: string, mustStartWithLetter = false, allowDots = false): string | undefined {
  const bare = text.includes('://') ? text.replace(/^[A-Za-z][-+.A-Za-z0-9]*:\/\//u, '').replace(/[:/].*$/u, '') : text;
  let s = bare
    .toLowerCase()
    .replace(allowDots ? /[^a-z0-9.-]+/gu : /[^a-z0-9-]+/gu, '-')
    .replace(/-+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 63)
    .replace(/-+$/u, '');
  if (mustStartWithLetter) s = s.replace(/^[^a-z]+/u, '');
  return s !== '' && s !== text ? s : undefined;
}

// --- IP addresses and CIDRs ---------------------------------------------------

/** IPv4 as the API server reads it: four decimal octets, no leading zeros. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/u.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/u.test(text) || !text.includes(':')) return false;
  let head = text;
  let groupsNeeded = 8;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (parseIPv4(tail) === undefined) return false;
    head = text.slice(0, lastColon + 1) + '0';
    groupsNeeded = 7;
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/u.test(g))) return false;
  return halves.length === 2 ? all.length < groupsNeeded : all.length === groupsNeeded;
}

export function isIP(text: string): boolean {
  return parseIPv4(text) !== undefined || isIPv6(text);
}

export type Cidr4 = { readonly base: number; readonly bits: number };

export function parseCidr4(text: string): Cidr4 | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/u.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  const ip = parseIPv4(m[1]);
  const bits = Number(m[2]);
  if (ip === undefined || bits > 32 || (m[2].length > 1 && m[2].startsWith('0'))) return undefined;
  return { base: ip, bits };
}

export function isCidr(text: string): boolean {
  if (parseCidr4(text)) return true;
  const m = /^([^/]+)\/(\d{1,3})$/u.exec(text);
  return Boolean(m?.[1] && m[2] && isIPv6(m[1]) && Number(m[2]) <= 128);
}

function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function networkOf(c: Cidr4): number {
  return (c.base & mask(c.bits)) >>> 0;
}

export function cidrContainsIp(c: Cidr4, ip: number): boolean {
  return ((ip & mask(c.bits)) >>> 0) === networkOf(c);
}

/** Whether `inner` lies inside `outer` (equal counts as inside). */
export function cidrContains(outer: Cidr4, inner: Cidr4): boolean {
  return inner.bits >= outer.bits && cidrContainsIp(outer, inner.base);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Full 16-bit groups of an IPv6 address (undefined when it is not one). */
function ipv6Groups(text: string): number[] | undefined {
  if (!isIPv6(text)) return undefined;
  let t = text;
  const tailV4 = t.slice(t.lastIndexOf(':') + 1);
  const v4 = tailV4.includes('.') ? parseIPv4(tailV4) : undefined;
  if (v4 !== undefined) t = `${t.slice(0, t.lastIndexOf(':') + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  const [head = '', tail] = t.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = parse(head);
  const tl = tail === undefined ? [] : parse(tail);
  return [...h, ...new Array<number>(8 - h.length - tl.length).fill(0), ...tl];
}

/**
 * Why an address may not be an endpoint or an external IP (ValidateNonSpecialIP):
 * unspecified, loopback, link-local, link-local multicast. Undefined when it may.
 */
export function specialIPProblem(text: string): string | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) {
    if (v4 === 0) return 'may not be unspecified (0.0.0.0)';
    if (v4 >>> 24 === 127) return 'may not be in the loopback range (127.0.0.0/8)';
    if (v4 >>> 16 === 0xa9fe) return 'may not be in the link-local range (169.254.0.0/16)';
    if (v4 >>> 8 === 0xe00000) return 'may not be in the link-local multicast range (224.0.0.0/24)';
    return undefined;
  }
  const g = ipv6Groups(text);
  if (!g) return undefined;
  // An IPv4-mapped address (::ffff:a.b.c.d) is judged as its IPv4 address, as Go's net.IP does.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return specialIPProblem(formatIPv4(((g[6]! << 16) | g[7]!) >>> 0));
  if (g.every((x) => x === 0)) return 'may not be unspecified (::)';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'may not be in the loopback range (::1/128)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'may not be in the link-local range (fe80::/10)';
  if ((g[0]! & 0xff0f) === 0xff02) return 'may not be in the link-local multicast range (ff02::/16)';
  return undefined;
}

/** An IPv4 or IPv6 CIDR as a network number and prefix length, for containment checks of either family. */
export type AnyCidr = { readonly v6: boolean; readonly network: bigint; readonly bits: number };

export function parseAnyCidr(text: string): AnyCidr | undefined {
  const v4 = parseCidr4(text);
  if (v4) return { v6: false, network: BigInt(networkOf(v4)), bits: v4.bits };
  const m = /^([^/]+)\/(\d{1,3})$/u.exec(text);
  const groups = m?.[1] ? ipv6Groups(m[1]) : undefined;
  const bits = Number(m?.[2]);
  if (!groups || !(bits <= 128)) return undefined;
  const n = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
  return { v6: true, network: n & mask, bits };
}

/** Whether `inner` lies inside `outer`: same family, at least as long a prefix, same network bits. */
export function anyCidrContains(outer: AnyCidr, inner: AnyCidr): boolean {
  if (outer.v6 !== inner.v6 || inner.bits < outer.bits) return false;
  const width = outer.v6 ? 128 : 32;
  const shift = BigInt(width - outer.bits);
  return inner.network >> shift === outer.network >> shift;
}
