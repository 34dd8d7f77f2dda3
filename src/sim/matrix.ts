/**
 * The NetworkPolicy verdict for every ordered pair of pods, per port: what
 * `kubequest matrix` prints (DESIGN.md). Rows are sources, columns
 * destinations, both in `pods` order; a pod to itself is always allowed;
 * whether anything listens does not matter here.
 *
 * It gives the same answers as `evaluatePolicies` for each pair (a test checks
 * that on random worlds), but asks the same matchers in bulk: each rule's peers
 * are matched once against every pod (a bitset per rule), each pod's isolating
 * policies are found once, pods isolated by the same policies share one set,
 * and a source's row is then its egress set AND the destinations whose ingress
 * admits it, a word (32 pairs) at a time. 1,000 pods, 200 policies and 2 ports
 * take about 0.1 s (`npm run bench`).
 */
import type { Pod, Protocol, World } from './model.js';
import { podKey } from './model.js';
import { compilePolicies, type CompiledPolicy, type CompiledRule, type Selection } from './netpol/compile.js';
import { isPolicyEnforced } from './netpol/evaluate.js';
import { matchesNamespace, matchesPeer, matchesPodLabels, matchesPort, type PeerCandidate } from './netpol/matchers.js';

export type MatrixPort = { readonly port: number; readonly protocol: Protocol };

export type MatrixOptions = {
  /**
   * `ns/name` of the pods to include, in this order.
   * @default every pod outside kube-system (the cluster's own CoreDNS would crowd every grid), sorted by `ns/name`
   */
  readonly pods?: readonly string[];
  /** @default every distinct containerPort/protocol the included pods declare, or 80/TCP when none does */
  readonly ports?: readonly MatrixPort[];
};

/** DESIGN.md's `matrix --json` shape. */
export type Matrix = {
  readonly pods: string[];
  /** `80/TCP`, in the order asked for. */
  readonly ports: string[];
  /** Per port: `allowed[port][source][destination]`. */
  readonly allowed: Record<string, boolean[][]>;
};

/** The same matrix as bitsets: row `i` of a port has bit `j` set when pods[i] may reach pods[j]. */
export type MatrixBits = {
  readonly pods: readonly string[];
  readonly ports: readonly MatrixPort[];
  readonly rows: readonly (readonly Uint32Array[])[];
};

export function formatPort(port: MatrixPort): string {
  return `${port.port}/${port.protocol}`;
}

const PROTOCOL_ORDER: Record<Protocol, number> = { TCP: 0, UDP: 1, SCTP: 2 };

/** Every distinct containerPort/protocol the pods declare, by number then TCP, UDP, SCTP; 80/TCP when none. */
export function defaultMatrixPorts(pods: readonly Pod[]): MatrixPort[] {
  const seen = new Map<string, MatrixPort>();
  for (const pod of pods) {
    for (const container of pod.containers) {
      for (const p of container.ports) seen.set(`${p.containerPort}/${p.protocol}`, { port: p.containerPort, protocol: p.protocol });
    }
  }
  const ports = [...seen.values()].sort((a, b) => a.port - b.port || PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol]);
  return ports.length > 0 ? ports : [{ port: 80, protocol: 'TCP' }];
}

function comparePods(a: Pod, b: Pod): number {
  const ka = podKey(a);
  const kb = podKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Pods a matrix leaves out unless asked for by name. */
export const MATRIX_HIDDEN_NAMESPACES: readonly string[] = ['kube-system'];

/** The pods a matrix covers, each once; throws on a name the world lacks (callers check first). */
export function selectMatrixPods(world: World, names?: readonly string[]): Pod[] {
  if (names === undefined) return world.pods.filter((p) => !MATRIX_HIDDEN_NAMESPACES.includes(p.namespace)).sort(comparePods);
  const byKey = new Map(world.pods.map((p) => [podKey(p), p]));
  return [...new Set(names)].map((name) => {
    const pod = byKey.get(name);
    if (pod === undefined) throw new Error(`no pod ${name} in the world`);
    return pod;
  });
}

type Bits = Uint32Array;

function setBit(bits: Bits, i: number): void {
  bits[i >>> 5] = (bits[i >>> 5] as number) | (1 << (i & 31));
}

function hasBit(bits: Bits, i: number): boolean {
  return (((bits[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
}

function orInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | (source[w] as number);
}

function forEachBit(bits: Bits, visit: (i: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w] as number;
    while (word !== 0) {
      const low = word & -word;
      visit(w * 32 + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}

function andOrInto(target: Bits, a: Bits, b: Bits): void {
  for (let w = 0; w < target.length; w++) target[w] = (target[w] as number) | ((a[w] as number) & (b[w] as number));
}

export function buildMatrixBits(world: World, options: MatrixOptions = {}): MatrixBits {
  const pods = selectMatrixPods(world, options.pods);
  const ports = options.ports ?? defaultMatrixPorts(pods);
  const n = pods.length;
  const words = Math.ceil(n / 32);
  const full = new Uint32Array(words);
  for (let i = 0; i < n; i++) setBit(full, i);
  const keys = pods.map(podKey);

  if (!isPolicyEnforced(world)) {
    return { pods: keys, ports, rows: ports.map(() => pods.map(() => full.slice())) };
  }

  const compiled = compilePolicies(world);
  const candidates: PeerCandidate[] = pods.map((pod) => compiled.candidate(pod.ip, pod));
  const selections = pods.map((pod) => compiled.selecting(pod));

  // Pods on the pod network, by namespace: a selector peer only ever matches these.
  const byNamespace = new Map<string, number[]>();
  pods.forEach((pod, i) => {
    if (pod.hostNetwork) return;
    const list = byNamespace.get(pod.namespace);
    if (list) list.push(i);
    else byNamespace.set(pod.namespace, [i]);
  });

  // Each rule's peers against every pod, once. A selector peer asks its
  // namespace matcher once per namespace, then its pod matcher per pod there.
  const peerSets = new Map<CompiledRule, Bits>();
  const peerSet = (rule: CompiledRule): Bits => {
    let bits = peerSets.get(rule);
    if (bits !== undefined) return bits;
    if (rule.peers === 'all') bits = full;
    else {
      bits = new Uint32Array(words);
      for (const { matcher } of rule.peers) {
        if (matcher.kind === 'pods') {
          for (const [namespace, members] of byNamespace) {
            if (!matchesNamespace(matcher.namespaces, namespace, compiled.namespaceLabels(namespace))) continue;
            for (const i of members) if (matchesPodLabels(matcher.pods, (pods[i] as Pod).labels)) setBit(bits, i);
          }
        } else {
          for (let i = 0; i < n; i++) if (matchesPeer(matcher, candidates[i] as PeerCandidate)) setBit(bits, i);
        }
      }
    }
    peerSets.set(rule, bits);
    return bits;
  };

  // Node-local traffic: the hostNetwork pods (node addresses) on each node.
  const nodeSources = new Map<string, Bits>();
  pods.forEach((pod, i) => {
    if (!pod.hostNetwork) return;
    const node = compiled.nodeByIP(pod.ip);
    if (node === undefined) return;
    let bits = nodeSources.get(node);
    if (bits === undefined) nodeSources.set(node, (bits = new Uint32Array(words)));
    setBit(bits, i);
  });

  const policiesKey = (policies: readonly CompiledPolicy[]) => policies.map((p) => p.order).join(',');

  const rows = ports.map(({ port, protocol }) => {
    // For an egress rule: the destinations whose port matches (named ports differ per pod).
    const portSets = new Map<CompiledRule, Bits>();
    const portSet = (rule: CompiledRule): Bits => {
      let bits = portSets.get(rule);
      if (bits !== undefined) return bits;
      if (rule.ports === 'all') bits = full;
      else {
        const ruleMatchers = rule.ports.map((p) => p.matcher);
        const named = ruleMatchers.some((m) => m.kind === 'named');
        if (!named) bits = ruleMatchers.some((m) => matchesPort(m, port, protocol, undefined)) ? full : new Uint32Array(words);
        else {
          bits = new Uint32Array(words);
          for (let j = 0; j < n; j++) {
            const dst = pods[j] as Pod;
            const destination = dst.hostNetwork ? undefined : dst;
            if (ruleMatchers.some((m) => matchesPort(m, port, protocol, destination))) setBit(bits, j);
          }
        }
      }
      portSets.set(rule, bits);
      return bits;
    };

    // Egress: what a source may reach depends only on the policies that isolate it.
    const egressSets = new Map<string, Bits>();
    const egressSet = (policies: readonly CompiledPolicy[]): Bits => {
      const key = policiesKey(policies);
      let bits = egressSets.get(key);
      if (bits !== undefined) return bits;
      bits = new Uint32Array(words);
      for (const policy of policies) for (const rule of policy.egress) andOrInto(bits, peerSet(rule), portSet(rule));
      egressSets.set(key, bits);
      return bits;
    };

    // Ingress: who may reach a destination depends on its policies and, for
    // named ports, on which rules' ports match on that pod.
    const ingressSets = new Map<string, Bits>();
    const ingressSet = (policies: readonly CompiledPolicy[], subject: Pod): Bits => {
      const rules: CompiledRule[] = [];
      for (const policy of policies) {
        for (const rule of policy.ingress) {
          if (rule.ports === 'all' || rule.ports.some((p) => matchesPort(p.matcher, port, protocol, subject))) rules.push(rule);
        }
      }
      const key = `${policiesKey(policies)}|${rules.map((r) => `${r.index}`).join(',')}`;
      let bits = ingressSets.get(key);
      if (bits !== undefined) return bits;
      bits = new Uint32Array(words);
      for (const rule of rules) orInto(bits, peerSet(rule));
      ingressSets.set(key, bits);
      return bits;
    };

    // reach[i]: the destinations j whose ingress admits source i (columns turned into rows).
    const reach: Bits[] = [];
    const open = new Uint32Array(words);
    const isolated: number[] = [];
    pods.forEach((_, j) => {
      if ((selections[j] as Selection).ingress.length === 0) setBit(open, j);
      else isolated.push(j);
    });
    for (let i = 0; i < n; i++) reach.push(open.slice());
    for (const j of isolated) {
      const pod = pods[j] as Pod;
      const admitted = ingressSet((selections[j] as Selection).ingress, pod);
      const local = nodeSources.get(pod.nodeName);
      forEachBit(admitted, (i) => setBit(reach[i] as Bits, j));
      if (local !== undefined) forEachBit(local, (i) => setBit(reach[i] as Bits, j));
    }

    return pods.map((_, i) => {
      const policies = (selections[i] as Selection).egress;
      const row = reach[i] as Bits;
      if (policies.length > 0) {
        const out = egressSet(policies);
        // Egress to the pod's own node (its hostNetwork pods) is always allowed.
        const local = (pods[i] as Pod).hostNetwork ? undefined : nodeSources.get((pods[i] as Pod).nodeName);
        for (let w = 0; w < words; w++) row[w] = (row[w] as number) & ((out[w] as number) | (local ? (local[w] as number) : 0));
      }
      setBit(row, i);
      return row;
    });
  });
  return { pods: keys, ports, rows };
}

/** The NetworkPolicy verdict for every ordered pod pair and port, in DESIGN.md's JSON shape. */
export function buildMatrix(world: World, options: MatrixOptions = {}): Matrix {
  const bits = buildMatrixBits(world, options);
  const n = bits.pods.length;
  const allowed: Record<string, boolean[][]> = {};
  bits.ports.forEach((port, p) => {
    const rows = bits.rows[p] as readonly Uint32Array[];
    allowed[formatPort(port)] = rows.map((row) => {
      const out: boolean[] = [];
      for (let j = 0; j < n; j++) out.push(hasBit(row, j));
      return out;
    });
  });
  return { pods: [...bits.pods], ports: bits.ports.map(formatPort), allowed };
}

/**
 * One grid per port for people: `.` allowed, `X` denied; rows are sources,
 * columns destinations, numbered as the rows are.
 *
 * ```
 * 80/TCP (rows: from, columns: to; . allowed, X denied)
 *          1 2 3
 *   1 x/a  . X .
 *   2 x/b  . . .
 *   3 x/c  X X .
 * ```
 */
export function matrixToText(matrix: Matrix): string {
  const n = matrix.pods.length;
  const numWidth = String(n).length;
  const nameWidth = Math.max(0, ...matrix.pods.map((p) => p.length));
  const label = (i: number) => `  ${String(i + 1).padStart(numWidth)} ${(matrix.pods[i] as string).padEnd(nameWidth)}  `;
  const lead = ' '.repeat(2 + numWidth + 1 + nameWidth + 2);
  const header = lead + matrix.pods.map((_, j) => String(j + 1).padStart(numWidth)).join(' ');
  const grids = matrix.ports.map((port) => {
    const rows = matrix.allowed[port] ?? [];
    const lines = [`${port} (rows: from, columns: to; . allowed, X denied)`, header.trimEnd()];
    rows.forEach((row, i) => {
      lines.push(label(i) + row.map((ok) => (ok ? '.' : 'X').padStart(numWidth)).join(' '));
    });
    return lines.join('\n');
  });
  return grids.join('\n\n') + '\n';
}
