/**
 * Verdicts into sentences, as tokens (see `sim/explain.ts`). Every sentence
 * names the policy, the direction and the rule, peer or port that decided, or
 * says that none did. Nothing here decides anything: it only words the facts
 * `evaluate.ts` found with the matchers.
 */
import type { Pod, Protocol } from '../model.js';
import { podKey } from '../model.js';
import { tok, type Explanation, type Token } from '../explain.js';
import type { CompiledPolicy, CompiledWorld, Direction } from './compile.js';
import type { PortMatcher } from './matchers.js';

/** One end as the explanations name it. */
export type EndView = { readonly ip: string; readonly pod?: Pod };

export type RuleMatchView = {
  readonly policy: CompiledPolicy;
  readonly direction: Direction;
  readonly rule: number;
  readonly peer?: number;
  readonly port?: number;
};

export function describeEnd(world: CompiledWorld, end: EndView): Token[] {
  if (end.pod !== undefined) {
    if (!end.pod.hostNetwork) return [tok.pod(podKey(end.pod))];
    return [tok.pod(podKey(end.pod)), ' (host network, ', tok.ip(end.ip), ')'];
  }
  const node = world.nodeByIP(end.ip);
  if (node !== undefined) return ['node ', tok.node(node), ' (', tok.ip(end.ip), ')'];
  return [tok.ip(end.ip)];
}

export function portToken(port: number, protocol: Protocol): Token {
  return tok.port(`${port}/${protocol}`);
}

export function policyList(policies: readonly CompiledPolicy[]): Token[] {
  const out: Token[] = [policies.length === 1 ? 'NetworkPolicy ' : 'NetworkPolicies '];
  policies.forEach((policy, i) => {
    if (i > 0) out.push(i === policies.length - 1 ? ' and ' : ', ');
    out.push(tok.policy(policy.key));
  });
  return out;
}

export function ruleField(direction: Direction, rule: number): string {
  return `spec.${direction}[${rule}]`;
}

function peerField(direction: Direction, rule: number, peer: number): string {
  return `${ruleField(direction, rule)}.${direction === 'ingress' ? 'from' : 'to'}[${peer}]`;
}

function portField(direction: Direction, rule: number, port: number): string {
  return `${ruleField(direction, rule)}.ports[${port}]`;
}

/** `80/TCP`, `8000-9000/TCP`, `http/TCP`, `any UDP port`. */
export function portMatcherText(matcher: PortMatcher): string {
  switch (matcher.kind) {
    case 'protocol':
      return `any ${matcher.protocol} port`;
    case 'range':
      return matcher.endPort === matcher.port
        ? `${matcher.port}/${matcher.protocol}`
        : `${matcher.port}-${matcher.endPort}/${matcher.protocol}`;
    case 'named':
      return `${matcher.name}/${matcher.protocol}`;
    case 'invalid':
      return `(invalid: ${matcher.why})`;
  }
}

export function explainSelf(pod: Pod): Explanation {
  return [tok.pod(podKey(pod)), ' may always reach itself; NetworkPolicy does not apply'];
}

export function explainNotApplicable(world: CompiledWorld, direction: Direction, end: EndView): Explanation {
  const role = direction === 'egress' ? 'source' : 'destination';
  if (end.pod?.hostNetwork) {
    return [
      `NetworkPolicy ${direction} does not apply: the ${role} `,
      tok.pod(podKey(end.pod)),
      ' uses the host network (',
      tok.ip(end.ip),
      '), and NetworkPolicy never selects hostNetwork pods',
    ];
  }
  return [`NetworkPolicy ${direction} does not apply: the ${role} `, ...describeEnd(world, end), ' is not a pod'];
}

export function explainNotIsolated(direction: Direction, pod: Pod): Explanation {
  return direction === 'egress'
    ? ['no NetworkPolicy selects ', tok.pod(podKey(pod)), ' for egress, so all its egress is allowed']
    : ['no NetworkPolicy selects ', tok.pod(podKey(pod)), ' for ingress, so all ingress to it is allowed'];
}

export function explainNodeLocal(selectedBy: readonly CompiledPolicy[], pod: Pod, node: string, ip: string, direction: Direction = 'ingress'): Explanation {
  return direction === 'ingress'
    ? [
        ...policyList(selectedBy),
        selectedBy.length === 1 ? ' selects ' : ' select ',
        tok.pod(podKey(pod)),
        ' for ingress, but traffic from its own node ',
        tok.node(node),
        ' (',
        tok.ip(ip),
        ") is always allowed, so the kubelet's probes get through",
      ]
    : [
        ...policyList(selectedBy),
        selectedBy.length === 1 ? ' selects ' : ' select ',
        tok.pod(podKey(pod)),
        ' for egress, but traffic to its own node ',
        tok.node(node),
        ' (',
        tok.ip(ip),
        ') is always allowed',
      ];
}

export function explainAdmitted(
  world: CompiledWorld,
  match: RuleMatchView,
  subject: Pod,
  peer: EndView,
  port: number,
  protocol: Protocol,
): Explanation {
  const { direction, rule } = match;
  const fields: string[] = [];
  if (match.peer !== undefined) fields.push(peerField(direction, rule, match.peer));
  if (match.port !== undefined) fields.push(portField(direction, rule, match.port));
  const by: Token[] = [];
  if (fields.length === 0) by.push(tok.field(ruleField(direction, rule)), ', which admits every peer on every port');
  fields.forEach((field, i) => {
    if (i > 0) by.push(' and ');
    by.push(tok.field(field));
  });
  const flow: Token[] =
    direction === 'ingress'
      ? ['ingress to ', tok.pod(podKey(subject)), ' from ', ...describeEnd(world, peer)]
      : ['egress from ', tok.pod(podKey(subject)), ' to ', ...describeEnd(world, peer)];
  return ['NetworkPolicy ', tok.policy(match.policy.key), ' admits ', ...flow, ' on ', portToken(port, protocol), ' by ', ...by];
}

/** A rule whose peers take the traffic but whose ports do not: the likeliest slip. */
export type NearMiss = { readonly policy: CompiledPolicy; readonly rule: number; readonly ports: readonly PortMatcher[] };

export function explainDenied(
  world: CompiledWorld,
  direction: Direction,
  selectedBy: readonly CompiledPolicy[],
  subject: Pod,
  peer: EndView,
  port: number,
  protocol: Protocol,
  nearMiss: NearMiss | undefined,
): Explanation {
  const out: Token[] = [
    ...policyList(selectedBy),
    selectedBy.length === 1 ? ' selects ' : ' select ',
    tok.pod(podKey(subject)),
    ` for ${direction}; no ${direction} rule admits `,
    ...(direction === 'ingress' ? describeEnd(world, peer) : ['traffic to ', ...describeEnd(world, peer)]),
    ' on ',
    portToken(port, protocol),
  ];
  if (nearMiss !== undefined) {
    out.push(
      ' (',
      tok.field(ruleField(direction, nearMiss.rule)),
      ' of ',
      tok.policy(nearMiss.policy.key),
      direction === 'ingress' ? ' admits that source only on ' : ' admits that destination only on ',
      ...nearMiss.ports.flatMap((m, i): Token[] => (i === 0 ? [tok.port(portMatcherText(m))] : [', ', tok.port(portMatcherText(m))])),
      ')',
    );
  }
  return out;
}

export function explainNotEnforced(cni: string, policies: readonly CompiledPolicy[]): Explanation {
  if (policies.length === 0) return [tok.name(cni), ' does not enforce NetworkPolicy, and no NetworkPolicy selects these pods anyway'];
  return [
    tok.name(cni),
    ' does not enforce NetworkPolicy; ',
    ...policyList(policies).slice(1),
    policies.length === 1 ? ' has no effect' : ' have no effect',
  ];
}

export function explainNoPolicy(src: Pod, dst: Pod): Explanation {
  return ['no NetworkPolicy selects ', tok.pod(podKey(src)), ' for egress or ', tok.pod(podKey(dst)), ' for ingress'];
}

export function joinExplanations(parts: readonly Explanation[]): Explanation {
  const out: Token[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push('; ');
    out.push(...part);
  });
  return out;
}
