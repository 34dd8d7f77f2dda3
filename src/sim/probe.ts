/**
 * The probe syntax shared by `trace`, level goals and the game (DESIGN.md):
 *
 *   SRC     ns/pod | external | external:IP | node/NAME
 *   TARGET  ns/pod:PORT[/PROTO] | tcp://HOST:PORT | udp://HOST:PORT
 *           | http://HOST[:PORT][/PATH] | https://HOST[:PORT][/PATH]
 *
 * Parsing is separate from resolving against a world, so a level file can be
 * checked for syntax before any cluster exists.
 */
import { parseIPv4 } from './cidr.js';
import type { Node, Pod, Protocol, World } from './model.js';

/** The client outside the cluster, from a documentation range (RFC 5737). */
export const DEFAULT_EXTERNAL_IP = '203.0.113.10';

export type SourceSpec =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'external'; readonly ip: string };

export type TargetSpec =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string; readonly port: number; readonly protocol: Protocol }
  | {
      readonly kind: 'host';
      readonly scheme: 'tcp' | 'udp' | 'http' | 'https';
      readonly host: string;
      readonly port: number;
      readonly protocol: Protocol;
      /** For http(s): the request path, always starting with "/". */
      readonly path?: string;
    };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : undefined;
}

export function parseSource(text: string): Parsed<SourceSpec> {
  const t = text.trim();
  if (t === 'external') return ok({ kind: 'external', ip: DEFAULT_EXTERNAL_IP });
  if (t.startsWith('external:')) {
    const ip = t.slice('external:'.length);
    return parseIPv4(ip) === undefined ? fail(`"${ip}" is not an IPv4 address (try external:203.0.113.10)`) : ok({ kind: 'external', ip });
  }
  const slash = t.indexOf('/');
  if (slash > 0 && slash === t.lastIndexOf('/') && slash < t.length - 1) {
    const [first, second] = [t.slice(0, slash), t.slice(slash + 1)];
    if (first === 'node') return ok({ kind: 'node', name: second });
    return ok({ kind: 'pod', namespace: first, name: second });
  }
  return fail(`"${text}" is not a source: use ns/pod, node/NAME, external or external:IP`);
}

export function parseTarget(text: string): Parsed<TargetSpec> {
  const t = text.trim();
  const scheme = /^([a-z]+):\/\//.exec(t)?.[1];
  if (scheme !== undefined) {
    if (scheme !== 'tcp' && scheme !== 'udp' && scheme !== 'http' && scheme !== 'https') {
      return fail(`"${scheme}://" is not a target scheme: use tcp://, udp://, http:// or https://`);
    }
    const rest = t.slice(scheme.length + 3);
    const pathStart = rest.indexOf('/');
    const authority = pathStart === -1 ? rest : rest.slice(0, pathStart);
    const path = pathStart === -1 ? '/' : rest.slice(pathStart);
    const colon = authority.lastIndexOf(':');
    const host = (colon === -1 ? authority : authority.slice(0, colon)).toLowerCase();
    const portText = colon === -1 ? undefined : authority.slice(colon + 1);
    if (host === '') return fail(`"${text}" has no host`);
    if (!/^[a-z0-9.*-]+$/.test(host)) return fail(`"${host}" is not a host name or IPv4 address`);
    let port: number | undefined;
    if (portText !== undefined) {
      port = parsePort(portText);
      if (port === undefined) return fail(`"${portText}" is not a port (1-65535)`);
    } else if (scheme === 'http') port = 80;
    else if (scheme === 'https') port = 443;
    else return fail(`${scheme}:// needs a port, e.g. ${scheme}://${host}:${scheme === 'udp' ? 53 : 80}`);
    if ((scheme === 'tcp' || scheme === 'udp') && pathStart !== -1 && path !== '/') {
      return fail(`${scheme}:// targets have no path; use http:// to send a request to a path`);
    }
    return ok({
      kind: 'host',
      scheme,
      host,
      port,
      protocol: scheme === 'udp' ? 'UDP' : 'TCP',
      ...(scheme === 'http' || scheme === 'https' ? { path } : {}),
    });
  }
  const m = /^([^/:\s]+)\/([^/:\s]+):(\d+)(?:\/(TCP|UDP|SCTP|tcp|udp|sctp))?$/.exec(t);
  if (m) {
    const port = parsePort(m[3]!);
    if (port === undefined) return fail(`"${m[3]}" is not a port (1-65535)`);
    return ok({ kind: 'pod', namespace: m[1]!, name: m[2]!, port, protocol: (m[4]?.toUpperCase() ?? 'TCP') as Protocol });
  }
  return fail(`"${text}" is not a target: use ns/pod:PORT/PROTO, tcp://HOST:PORT, udp://HOST:PORT or http://HOST/PATH`);
}

/** A source placed in a world: the pod or node it names, and the IP its packets carry. */
export type Source =
  | { readonly kind: 'pod'; readonly pod: Pod; readonly ip: string; readonly node: Node | undefined }
  | { readonly kind: 'node'; readonly node: Node; readonly ip: string }
  | { readonly kind: 'external'; readonly ip: string };

export function podNamesIn(world: World, namespace: string): string[] {
  return world.pods.filter((p) => p.namespace === namespace).map((p) => p.name);
}

function unknownPod(world: World, namespace: string, name: string): string {
  if (!world.namespaces.has(namespace)) return `there is no namespace "${namespace}" (namespaces: ${[...world.namespaces.keys()].join(', ')})`;
  const names = podNamesIn(world, namespace);
  const close = names.filter((n) => n.startsWith(name));
  if (close.length > 0) return `there is no pod ${namespace}/${name}; did you mean ${close.map((n) => `${namespace}/${n}`).join(' or ')}?`;
  return names.length === 0
    ? `there is no pod ${namespace}/${name}: namespace ${namespace} has no pods`
    : `there is no pod ${namespace}/${name} (pods in ${namespace}: ${names.join(', ')})`;
}

export function resolveSource(world: World, spec: SourceSpec): Parsed<Source> {
  switch (spec.kind) {
    case 'external':
      return ok({ kind: 'external', ip: spec.ip });
    case 'node': {
      const node = world.nodes.find((n) => n.name === spec.name);
      return node
        ? ok({ kind: 'node', node, ip: node.internalIP })
        : fail(`there is no node "${spec.name}" (nodes: ${world.nodes.map((n) => n.name).join(', ')})`);
    }
    case 'pod': {
      const pod = resolveTargetPod(world, spec.namespace, spec.name);
      if (!pod.ok) return pod;
      return ok({ kind: 'pod', pod: pod.value, ip: pod.value.ip, node: world.nodes.find((n) => n.name === pod.value.nodeName) });
    }
  }
}

/**
 * The pod `ns/name` names: a pod of that name, or else the first pod (by
 * name) of the Deployment, StatefulSet, DaemonSet or ReplicaSet of that name,
 * so probes and traces can say `shop/frontend` instead of a generated name.
 */
export function resolveTargetPod(world: World, namespace: string, name: string): Parsed<Pod> {
  const pod =
    world.pods.find((p) => p.namespace === namespace && p.name === name) ??
    world.pods.find((p) => p.namespace === namespace && p.owner.name === name && p.owner.kind !== 'Pod');
  return pod ? ok(pod) : fail(unknownPod(world, namespace, name));
}
