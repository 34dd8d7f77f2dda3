/**
 * NetworkPolicy as small matchers (after policy-assistant's PeerMatcher /
 * PortMatcher): `compile.ts` turns each policy's peers and ports into these
 * once per world; `evaluate.ts` and the matrix only ever ask them questions.
 *
 * ## Which pods a peer selects
 *
 * One entry of `from` (ingress) or `to` (egress). The policy's own namespace
 * is written `ns(policy)`. Rows in this order are tested one by one in
 * test/sim/netpol/matchers.test.ts.
 *
 * | # | podSelector | namespaceSelector | selects                                                    |
 * |---|-------------|-------------------|------------------------------------------------------------|
 * | 1 | absent      | absent            | no pod (with `ipBlock`, the block; without, invalid)       |
 * | 2 | absent      | empty `{}`        | every pod in every namespace                               |
 * | 3 | absent      | set               | every pod in the namespaces the selector matches           |
 * | 4 | empty `{}`  | absent            | every pod in ns(policy)                                    |
 * | 5 | empty `{}`  | empty `{}`        | every pod in every namespace                               |
 * | 6 | empty `{}`  | set               | every pod in the namespaces the selector matches           |
 * | 7 | set         | absent            | the matching pods in ns(policy)                            |
 * | 8 | set         | empty `{}`        | the matching pods in every namespace                       |
 * | 9 | set         | set               | the matching pods in the matching namespaces (AND)         |
 *
 * - "empty" is a selector with no requirement (`{}`, `matchLabels: {}`,
 *   `matchExpressions: []`); it matches everything. "set" is matchLabels and/or
 *   matchExpressions, ANDed (see `labels.ts`).
 * - A selector peer matches pods only, never an address outside the pod network
 *   (a node, an external client). A hostNetwork pod counts as its node's
 *   address: the Kubernetes docs leave hostNetwork pods undefined and name this,
 *   "ignores hostNetwork pods when matching podSelector and namespaceSelector",
 *   the most common implementation.
 * - Two separate peers in one list are ORed (`- namespaceSelector` and
 *   `- podSelector`: "accidental OR"); both selectors in one peer are ANDed.
 * - `ipBlock` (which may not be combined with a selector in the same peer;
 *   the API server rejects that, so such a peer matches nothing here) matches
 *   any address in `cidr` and in none of `except`, pod IPs included, as the
 *   upstream e2e tests expect.
 *
 * ## Which rule peers and ports mean what
 *
 * | field                         | absent or `[]`                | set                              |
 * |-------------------------------|-------------------------------|----------------------------------|
 * | `from` / `to` of a rule       | every source / destination, pods and addresses alike | any one peer (OR) |
 * | `ports` of a rule             | every port and protocol       | any one port (OR)                |
 * | `port` of a ports entry       | every port of that protocol   | the number (to `endPort`, inclusive), or the name |
 * | `protocol` of a ports entry   | TCP                           | TCP, UDP or SCTP                 |
 *
 * A named port resolves against the destination pod (for ingress, the
 * selected pod; for egress, the pod the traffic goes to): the traffic matches
 * when that pod declares a container port of that name and protocol whose
 * number is the traffic's port. A named port never matches a destination that
 * is not a pod.
 */
import type { Labels, Pod, Protocol } from '../model.js';
import type { Cidr } from '../cidr.js';
import type { LabelSelector } from '../labels.js';
import { matchesSelector } from '../labels.js';

/** Which namespaces a peer's pods may live in. */
export type NamespaceMatcher =
  /** namespaceSelector absent: the policy's own namespace. */
  | { readonly kind: 'own'; readonly namespace: string }
  /** namespaceSelector `{}`. */
  | { readonly kind: 'all' }
  | { readonly kind: 'selector'; readonly selector: LabelSelector };

/** Which pods, within the namespaces, a peer matches. */
export type PodMatcher = { readonly kind: 'all' } | { readonly kind: 'selector'; readonly selector: LabelSelector };

export type PeerMatcher =
  | { readonly kind: 'pods'; readonly namespaces: NamespaceMatcher; readonly pods: PodMatcher }
  | {
      readonly kind: 'ip-block';
      readonly cidrText: string;
      /** undefined when `cidr` is not an IPv4 block (an IPv6 block matches nothing in this IPv4 cluster). */
      readonly cidr: Cidr | undefined;
      readonly except: readonly Cidr[];
    }
  /** A peer the API server would reject (no peer type, or ipBlock with a selector). */
  | { readonly kind: 'invalid'; readonly why: string };

export type PortMatcher =
  /** `port` absent: every port of the protocol. */
  | { readonly kind: 'protocol'; readonly protocol: Protocol }
  /** A number, or a range `port`..`endPort`; `endPort` equals `port` when absent. */
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly port: number; readonly endPort: number }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string }
  /** A protocol outside TCP/UDP/SCTP, which the API server rejects: matches nothing. */
  | { readonly kind: 'invalid'; readonly why: string };

/**
 * One end of a connection as the peer matchers see it. `pod` is set only for a
 * pod on the pod network (not hostNetwork); `namespaceLabels` are then that
 * pod's namespace labels.
 */
export type PeerCandidate = {
  /** The address as a number; undefined when it is not an IPv4 address. */
  readonly ip: number | undefined;
  readonly pod?: Pod;
  readonly namespaceLabels?: Labels;
};

export function matchesNamespace(matcher: NamespaceMatcher, namespace: string, namespaceLabels: Labels): boolean {
  switch (matcher.kind) {
    case 'own':
      return namespace === matcher.namespace;
    case 'all':
      return true;
    case 'selector':
      return matchesSelector(matcher.selector, namespaceLabels);
  }
}

export function matchesPodLabels(matcher: PodMatcher, labels: Labels): boolean {
  return matcher.kind === 'all' || matchesSelector(matcher.selector, labels);
}

function inCidr(cidr: Cidr, ip: number): boolean {
  const mask = cidr.bits === 0 ? 0 : (0xffffffff << (32 - cidr.bits)) >>> 0;
  return ((ip & mask) >>> 0) === cidr.base;
}

export function matchesIpBlock(matcher: Extract<PeerMatcher, { kind: 'ip-block' }>, ip: number | undefined): boolean {
  if (ip === undefined || matcher.cidr === undefined || !inCidr(matcher.cidr, ip)) return false;
  return !matcher.except.some((block) => inCidr(block, ip));
}

export function matchesPeer(matcher: PeerMatcher, candidate: PeerCandidate): boolean {
  switch (matcher.kind) {
    case 'pods': {
      const pod = candidate.pod;
      if (pod === undefined) return false;
      return (
        matchesNamespace(matcher.namespaces, pod.namespace, candidate.namespaceLabels ?? {}) &&
        matchesPodLabels(matcher.pods, pod.labels)
      );
    }
    case 'ip-block':
      return matchesIpBlock(matcher, candidate.ip);
    case 'invalid':
      return false;
  }
}

/** Whether a named port `name`/`protocol` on `pod` is the number `port`. */
export function resolvesNamedPort(pod: Pod, name: string, protocol: Protocol, port: number): boolean {
  for (const container of pod.containers) {
    for (const p of container.ports) {
      if (p.name === name && p.protocol === protocol && p.containerPort === port) return true;
    }
  }
  return false;
}

/** Whether traffic to `port`/`protocol` matches; `destination` is the pod it goes to, if it is one. */
export function matchesPort(matcher: PortMatcher, port: number, protocol: Protocol, destination: Pod | undefined): boolean {
  switch (matcher.kind) {
    case 'protocol':
      return protocol === matcher.protocol;
    case 'range':
      return protocol === matcher.protocol && port >= matcher.port && port <= matcher.endPort;
    case 'named':
      return protocol === matcher.protocol && destination !== undefined && resolvesNamedPort(destination, matcher.name, protocol, port);
    case 'invalid':
      return false;
  }
}
