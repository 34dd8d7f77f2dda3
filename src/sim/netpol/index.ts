/**
 * NetworkPolicy: which flows the cluster's policies allow, and why.
 * `evaluatePolicies` answers for one flow (the trace calls it for each hop);
 * `compilePolicies` is the once-per-world step behind it.
 */
export {
  evaluatePolicies,
  findAdmittingRule,
  isPolicyEnforced,
  isSamePod,
  type DirectionVerdict,
  type PolicyEnd,
  type PolicyVerdict,
  type RuleMatch,
  type RuleRef,
} from './evaluate.js';
export {
  compilePolicies,
  compilePolicy,
  compilePeer,
  compilePort,
  policyAffects,
  policySelectsPod,
  type CompiledPeer,
  type CompiledPolicy,
  type CompiledPort,
  type CompiledRule,
  type CompiledWorld,
  type Direction,
  type Selection,
} from './compile.js';
export {
  matchesIpBlock,
  matchesNamespace,
  matchesPeer,
  matchesPodLabels,
  matchesPort,
  resolvesNamedPort,
  type NamespaceMatcher,
  type PeerCandidate,
  type PeerMatcher,
  type PodMatcher,
  type PortMatcher,
} from './matchers.js';
export { portMatcherText } from './explain.js';
