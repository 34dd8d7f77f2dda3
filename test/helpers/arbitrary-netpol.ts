/**
 * fast-check building blocks for random NetworkPolicy worlds: three
 * namespaces with labels, label selectors and policy peers. Shared by the
 * matrix-vs-evaluate check and the simulator's property tests, which add
 * their own ports and policy shapes on top.
 */
import fc from 'fast-check';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1.js';

export const NAMESPACES = ['x', 'y', 'z'];
export const NS_LABELS: Record<string, Record<string, string>> = { x: { team: 'a', env: 'prod' }, y: { team: 'b', env: 'prod' }, z: { team: 'a' } };

export const selector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(fc.constantFrom('app', 'tier', 'team', 'env'), fc.constantFrom('a', 'b', 'prod'), { maxKeys: 2 }) }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom('app', 'tier', 'team', 'env'),
        operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
        values: fc.constantFrom(['a'], ['a', 'b'], ['prod']),
      }),
      { maxLength: 2 },
    ),
  }),
) as fc.Arbitrary<LabelSelector>;

export const peer: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ podSelector: selector, namespaceSelector: selector }),
  fc.record({
    ipBlock: fc.record({
      cidr: fc.constantFrom('192.168.0.0/16', '10.0.0.0/8', '0.0.0.0/0', '192.168.1.0/24'),
      except: fc.constantFrom<string[]>([], ['192.168.2.0/24'], ['10.0.0.0/24']),
    }),
  }),
) as fc.Arbitrary<NetworkPolicyPeer>;

export type Rule = { peers: NetworkPolicyPeer[] | null; ports: NetworkPolicyPort[] | null };

/** Rules over these ports: peers and ports each absent (all) or a short list. */
export const ruleOver = (port: fc.Arbitrary<NetworkPolicyPort>): fc.Arbitrary<Rule> =>
  fc.record({ peers: fc.option(fc.array(peer, { maxLength: 2 })), ports: fc.option(fc.array(port, { maxLength: 2 })) });

export const ingressRule = (r: Rule): NetworkPolicyIngressRule => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) });
export const egressRule = (r: Rule): NetworkPolicyEgressRule => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) });
