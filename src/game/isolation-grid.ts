/**
 * For levels about NetworkPolicy: who may talk to whom under the reference
 * solution and under the player's YAML, as two `.`/`X` grids over the
 * level's own pods, so a learner sees at a glance which pairs differ.
 * The reference is one right answer; other answers that pass the goals may
 * differ on pairs no goal checks.
 */
import { buildMatrix, defaultMatrixPorts, formatPort, parseSource, parseTarget, traceProbe, type Matrix, type MatrixPort, type World } from '../sim/index.js';
import { submittedObjects, worldWith, type Submission } from './grade.js';
import type { Level } from './level.js';

export type IsolationGrid = {
  readonly pods: readonly string[];
  readonly ports: readonly string[];
  readonly reference: Matrix['allowed'];
  readonly yours: Matrix['allowed'];
};

/** At most this many pods: a grid wider than a terminal teaches nothing. */
const MAX_PODS = 8;

function levelPods(level: Level, world: World): string[] {
  const sources = [...level.goals.flatMap((g) => g.probes), ...level.questions].flatMap((p) => {
    const src = parseSource(p.from);
    return src.ok && src.value.kind === 'pod' ? [src.value.namespace] : [];
  });
  const namespaces = new Set([...sources, ...level.cluster.objects.filter((o) => o.kind === 'NetworkPolicy' || o.kind === 'Deployment' || o.kind === 'Pod' || o.kind === 'StatefulSet').map((o) => o.metadata?.namespace ?? 'default')]);
  namespaces.delete('kube-system');
  return world.pods
    .filter((p) => namespaces.has(p.namespace) && !p.hostNetwork)
    .map((p) => `${p.namespace}/${p.name}`)
    .sort()
    .slice(0, MAX_PODS);
}

/** The pod ports the level's probes land on in the reference world: the ports the lesson is about. */
function probePorts(level: Level, world: World): MatrixPort[] {
  const seen = new Map<string, MatrixPort>();
  for (const probe of level.goals.flatMap((g) => g.probes)) {
    const target = parseTarget(probe.to);
    const trace = traceProbe(world, probe.from, probe.to);
    if (!target.ok || !trace.ok) continue;
    for (const ep of trace.value.endpoints) {
      if (!ep.pod) continue;
      const port = { port: ep.port, protocol: target.value.protocol };
      seen.set(formatPort(port), port);
    }
  }
  return [...seen.values()];
}

/** The grids, or undefined when the level is not about NetworkPolicy. */
export function isolationGrid(level: Level, submission: Submission): IsolationGrid | undefined {
  if (!level.allowedKinds.includes('NetworkPolicy')) return undefined;
  const reference = worldWith(level, submittedObjects(level, { text: level.solution, file: level.file }));
  const yours = worldWith(level, submittedObjects(level, submission));
  const pods = levelPods(level, reference);
  if (pods.length === 0) return undefined;
  const probed = probePorts(level, reference);
  const ports = (probed.length > 0 ? probed : defaultMatrixPorts(reference.pods.filter((p) => pods.includes(`${p.namespace}/${p.name}`)))).slice(0, 2);
  const options = { pods, ports };
  return {
    pods,
    ports: ports.map(formatPort),
    reference: buildMatrix(reference, options).allowed,
    yours: buildMatrix(yours, options).allowed,
  };
}
