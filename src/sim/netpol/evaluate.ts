/**
 * Is this flow allowed? (the API reference, NetworkPolicySpec):
 *
 * - A pod is isolated for a direction when some NetworkPolicy selects it and
 *   affects that direction. A pod no policy isolates allows everything in that
 *   direction. Policies are additive: the flow is allowed when any rule of any
 *   policy that isolates the pod admits it; there is no deny rule.
 * - Egress is decided at the source pod, ingress at the destination pod; both
 *   must allow. Replies of an allowed connection are implicit.
 * - NetworkPolicy never applies to hostNetwork pods, nor to ends that are not
 *   pods (nodes, the outside world).
 * - A pod may always reach itself.
 * - "Traffic to and from the node where a Pod is running is always allowed,
 *   regardless of the IP address of the Pod or the node" (the API docs, of
 *   ipBlock): the kubelet's probes come from the node's own address, and a
 *   pod may reach its own node (or a hostNetwork pod there) whatever its
 *   egress policy says.
 * - The CNI decides enforcement: flannel accepts policies and ignores them.
 */
import type { ObjectRef, Pod, Protocol, World } from '../model.js';
import type { Explanation } from '../explain.js';
import { CNI_ENFORCES_POLICY } from '../settings.js';
import { compilePolicies, type CompiledPeer, type CompiledPolicy, type CompiledPort, type CompiledRule, type CompiledWorld, type Direction } from './compile.js';
import { matchesPeer, matchesPort, type PeerCandidate } from './matchers.js';
import {
  explainAdmitted,
  explainDenied,
  explainNodeLocal,
  explainNoPolicy,
  explainNotApplicable,
  explainNotEnforced,
  explainNotIsolated,
  explainSelf,
  joinExplanations,
  type NearMiss,
} from './explain.js';

/** One end of a flow. `pod` undefined: a node, the outside world, an external IP. */
export type PolicyEnd = { readonly ip: string; readonly pod?: Pod };

/** A rule that admitted a flow: `rule` indexes `spec.ingress`/`spec.egress`, `peer` its `from`/`to`, `port` its `ports`. */
export type RuleRef = {
  readonly policy: ObjectRef;
  readonly direction: Direction;
  readonly rule: number;
  /** undefined when the rule has no `from`/`to` (every peer). */
  readonly peer?: number;
  /** undefined when the rule has no `ports` (every port). */
  readonly port?: number;
};

export type DirectionVerdict = {
  readonly direction: Direction;
  /** What the policies decide for this direction (even under a CNI that ignores them). */
  readonly allowed: boolean;
  /** Some policy selects the pod for this direction. */
  readonly isolated: boolean;
  /** The policies that isolate the pod in this direction, in world order. */
  readonly selectedBy: readonly ObjectRef[];
  /** The first rule (policy order, then rule, then peer) that admits the flow. */
  readonly admittedBy?: RuleRef;
  readonly reason: Explanation;
};

export type PolicyVerdict = {
  /** What happens: under a CNI that does not enforce NetworkPolicy, always true. */
  readonly allowed: boolean;
  /** Whether the cluster's CNI enforces NetworkPolicy. */
  readonly enforced: boolean;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  readonly reason: Explanation;
};

/** The rule a flow matched, with the compiled pieces. */
export type RuleMatch = {
  readonly policy: CompiledPolicy;
  readonly rule: CompiledRule;
  readonly peer?: CompiledPeer;
  readonly port?: CompiledPort;
};

function findPort(rule: CompiledRule, port: number, protocol: Protocol, destination: Pod | undefined): CompiledPort | 'all' | undefined {
  if (rule.ports === 'all') return 'all';
  return rule.ports.find((p) => matchesPort(p.matcher, port, protocol, destination));
}

function findPeer(rule: CompiledRule, peer: PeerCandidate): CompiledPeer | 'all' | undefined {
  if (rule.peers === 'all') return 'all';
  return rule.peers.find((p) => matchesPeer(p.matcher, peer));
}

/**
 * The first rule among `policies` (in their order, then rule order, then peer
 * order) that admits `peer` on `port`/`protocol`. `destination` is the pod the
 * traffic goes to, for named ports (for ingress, the isolated pod itself).
 */
export function findAdmittingRule(
  policies: readonly CompiledPolicy[],
  direction: Direction,
  peer: PeerCandidate,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
): RuleMatch | undefined {
  for (const policy of policies) {
    for (const rule of policy[direction]) {
      const portMatch = findPort(rule, port, protocol, destination);
      if (portMatch === undefined) continue;
      const peerMatch = findPeer(rule, peer);
      if (peerMatch === undefined) continue;
      return {
        policy,
        rule,
        ...(peerMatch === 'all' ? {} : { peer: peerMatch }),
        ...(portMatch === 'all' ? {} : { port: portMatch }),
      };
    }
  }
  return undefined;
}

function findNearMiss(policies: readonly CompiledPolicy[], direction: Direction, peer: PeerCandidate): NearMiss | undefined {
  for (const policy of policies) {
    for (const rule of policy[direction]) {
      if (rule.ports !== 'all' && findPeer(rule, peer) !== undefined) {
        return { policy, rule: rule.index, ports: rule.ports.map((p) => p.matcher) };
      }
    }
  }
  return undefined;
}

function toRuleRef(match: RuleMatch, direction: Direction): RuleRef {
  return {
    policy: match.policy.ref,
    direction,
    rule: match.rule.index,
    ...(match.peer ? { peer: match.peer.index } : {}),
    ...(match.port ? { port: match.port.index } : {}),
  };
}

function openVerdict(direction: Direction, reason: Explanation): DirectionVerdict {
  return { direction, allowed: true, isolated: false, selectedBy: [], reason };
}

/**
 * One direction. `subject` is the end whose policies decide (the source for
 * egress, the destination for ingress); `peer` the other end.
 */
function evaluateDirection(
  compiled: CompiledWorld,
  direction: Direction,
  subject: PolicyEnd,
  peer: PolicyEnd,
  port: number,
  protocol: Protocol,
): DirectionVerdict {
  const pod = subject.pod;
  if (pod === undefined || pod.hostNetwork) return openVerdict(direction, explainNotApplicable(compiled, direction, subject));
  const selectedBy = compiled.selecting(pod)[direction];
  if (selectedBy.length === 0) return openVerdict(direction, explainNotIsolated(direction, pod));
  const refs = selectedBy.map((p) => p.ref);

  if (peer.pod === undefined || peer.pod.hostNetwork) {
    const nodeIP = compiled.nodeIP(pod.nodeName);
    if (nodeIP !== undefined && peer.ip === nodeIP) {
      return { direction, allowed: true, isolated: true, selectedBy: refs, reason: explainNodeLocal(selectedBy, pod, pod.nodeName, nodeIP, direction) };
    }
  }

  const candidate = compiled.candidate(peer.ip, peer.pod);
  // Named ports resolve on the pod the traffic goes to; a hostNetwork pod has none to resolve.
  const destination = direction === 'ingress' ? pod : peer.pod?.hostNetwork ? undefined : peer.pod;
  const match = findAdmittingRule(selectedBy, direction, candidate, port, protocol, destination);
  if (match !== undefined) {
    return {
      direction,
      allowed: true,
      isolated: true,
      selectedBy: refs,
      admittedBy: toRuleRef(match, direction),
      reason: explainAdmitted(
        compiled,
        { policy: match.policy, direction, rule: match.rule.index, peer: match.peer?.index, port: match.port?.index },
        pod,
        peer,
        port,
        protocol,
      ),
    };
  }
  const nearMiss = findNearMiss(selectedBy, direction, candidate);
  return {
    direction,
    allowed: false,
    isolated: true,
    selectedBy: refs,
    reason: explainDenied(compiled, direction, selectedBy, pod, peer, port, protocol, nearMiss),
  };
}

export function isSamePod(a: Pod | undefined, b: Pod | undefined): boolean {
  return a !== undefined && b !== undefined && a.namespace === b.namespace && a.name === b.name;
}

/** Whether the world's CNI plugin enforces NetworkPolicy. */
export function isPolicyEnforced(world: World): boolean {
  return CNI_ENFORCES_POLICY[world.settings.cni] ?? true;
}

/**
 * The NetworkPolicy verdict for one flow from `src` to `dst` on
 * `port`/`protocol` (the destination port, after any Service translation).
 */
export function evaluatePolicies(world: World, src: PolicyEnd, dst: PolicyEnd, port: number, protocol: Protocol): PolicyVerdict {
  const compiled = compilePolicies(world);
  const enforced = isPolicyEnforced(world);
  if (isSamePod(src.pod, dst.pod)) {
    const reason = explainSelf(src.pod as Pod);
    return {
      allowed: true,
      enforced,
      egress: openVerdict('egress', reason),
      ingress: openVerdict('ingress', reason),
      reason,
    };
  }
  const egress = evaluateDirection(compiled, 'egress', src, dst, port, protocol);
  const ingress = evaluateDirection(compiled, 'ingress', dst, src, port, protocol);

  if (!enforced) {
    const seen = new Set<string>();
    const involved: CompiledPolicy[] = [];
    const add = (list: readonly CompiledPolicy[]) => {
      for (const p of list) {
        if (!seen.has(p.key)) {
          seen.add(p.key);
          involved.push(p);
        }
      }
    };
    if (src.pod) add(compiled.selecting(src.pod).egress);
    if (dst.pod) add(compiled.selecting(dst.pod).ingress);
    involved.sort((a, b) => a.order - b.order);
    return { allowed: true, enforced, egress, ingress, reason: explainNotEnforced(world.settings.cni, involved) };
  }

  const allowed = egress.allowed && ingress.allowed;
  let reason: Explanation;
  if (!allowed) {
    reason = joinExplanations([egress, ingress].filter((v) => !v.allowed).map((v) => v.reason));
  } else if (!egress.isolated && !ingress.isolated && src.pod && dst.pod && !src.pod.hostNetwork && !dst.pod.hostNetwork) {
    reason = explainNoPolicy(src.pod, dst.pod);
  } else {
    reason = joinExplanations([egress.reason, ingress.reason]);
  }
  return { allowed, enforced, egress, ingress, reason };
}
