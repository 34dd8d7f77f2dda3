import { parseArgs } from 'node:util';
import {
  buildMatrix,
  defaultMatrixPorts,
  isPolicyEnforced,
  matrixToText,
  safeText,
  selectMatrixPods,
  type MatrixPort,
  type Pod,
  type Protocol,
  type World,
} from '../../sim/index.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { Command } from '../main.js';
import { loadWorld, WORLD_OPTIONS, WORLD_OPTIONS_HELP } from '../load-world.js';

const help = `Usage: kubequest matrix -f PATH... [--ports 80/TCP,81/UDP] [--pods ns/a,ns/b] [--json] [options]

Which pods NetworkPolicy lets talk to which: the verdict for every ordered
pair of pods, one grid per port. Rows are sources, columns destinations;
"." allowed, "X" denied. A pod may always reach itself. Only policy decides
here: whether anything listens on the port does not matter (use trace for that).

  -f, --file PATH     manifests: a file, a directory (*.yaml, *.yml, *.json) or - for stdin;
                      repeat it; all documents together form the cluster
  --ports LIST        ports to check, PORT or PORT/PROTO (TCP, UDP, SCTP), comma-separated;
                      default: every containerPort/protocol the pods declare, or 80/TCP
  --pods LIST         pods to include, in this order: ns/name or ns/* (all of a namespace),
                      comma-separated; default: every pod outside kube-system, sorted
  --json              print {"pods": [...], "ports": [...], "allowed": {"80/TCP": [[...]]}}
${WORLD_OPTIONS_HELP}
Examples:
  kubequest matrix -f cluster/ --ports 80,53/UDP
  kubequest matrix -f cluster.yaml -f policies/ --pods x/a,x/b,y/* --json

Exit codes: 0 printed, 2 bad input.
`;

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** `80/TCP,81/udp,443` -> ports; a bad entry is a usage error naming it. */
export function parsePortList(text: string): MatrixPort[] {
  const entries = text.split(',').map((s) => s.trim());
  if (entries.some((e) => e === '')) throw new UsageError(`--ports "${safeText(text)}" has an empty entry; write it like 80/TCP,53/UDP`);
  const seen = new Set<string>();
  const ports: MatrixPort[] = [];
  for (const entry of entries) {
    const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(entry);
    const number = match ? Number(match[1]) : NaN;
    if (!match || number < 1 || number > 65535) {
      throw new UsageError(`--ports: "${safeText(entry)}" is not a port; use a number from 1 to 65535, optionally with /TCP, /UDP or /SCTP`);
    }
    const protocol = (match[2] ?? 'TCP').toUpperCase() as Protocol;
    if (!PROTOCOLS.includes(protocol)) {
      throw new UsageError(`--ports: "${safeText(entry)}" has protocol ${safeText(match[2] ?? '')}; NetworkPolicy knows TCP, UDP and SCTP`);
    }
    const key = `${number}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ports.push({ port: number, protocol });
  }
  return ports;
}

/** `x/a,y/*` -> pod names in that order, each once; an unknown one is a usage error. */
export function resolvePodList(world: World, text: string): string[] {
  const keys = world.pods.map((p: Pod) => `${p.namespace}/${p.name}`);
  const known = new Set(keys);
  const out: string[] = [];
  const add = (key: string) => {
    if (!out.includes(key)) out.push(key);
  };
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') throw new UsageError(`--pods "${safeText(text)}" has an empty entry; write it like x/a,x/b`);
    const slash = entry.indexOf('/');
    if (slash <= 0 || slash === entry.length - 1) throw new UsageError(`--pods: "${safeText(entry)}" is not ns/name (or ns/*)`);
    if (entry.endsWith('/*')) {
      const ns = entry.slice(0, -2);
      const inNs = keys.filter((k) => k.startsWith(`${ns}/`)).sort();
      if (inNs.length === 0) throw new UsageError(`--pods: namespace ${safeText(ns)} has no pods`);
      inNs.forEach(add);
      continue;
    }
    if (!known.has(entry)) {
      const ns = entry.slice(0, slash);
      const near = keys.filter((k) => k.startsWith(`${ns}/`));
      const hint = near.length > 0 ? `; ${safeText(ns)} has ${near.slice(0, 8).map(safeText).join(', ')}${near.length > 8 ? ', ...' : ''}` : '';
      throw new UsageError(`--pods: no pod ${safeText(entry)} in the manifests${hint}`);
    }
    add(entry);
  }
  return out;
}

export const matrixCommand: Command = {
  summary: 'which pods NetworkPolicy lets talk to which',
  help,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        ports: { type: 'string' },
        pods: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...WORLD_OPTIONS,
      },
      allowPositionals: false,
      strict: true,
    });
    // Flags first, so a typo is reported before any file is read.
    const ports = values.ports !== undefined ? parsePortList(values.ports) : undefined;
    const world = await loadWorld(values, io);
    const pods = values.pods !== undefined ? resolvePodList(world, values.pods) : undefined;
    const matrix = buildMatrix(world, { ...(pods ? { pods } : {}), ports: ports ?? defaultMatrixPorts(selectMatrixPods(world, pods)) });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(matrix)}\n`);
      return EXIT_OK;
    }
    if (matrix.pods.length === 0) {
      io.stdout.write('No pods to show: the manifests have no pods outside kube-system (name some with --pods).\n');
      return EXIT_OK;
    }
    if (!isPolicyEnforced(world)) {
      io.stdout.write(`${safeText(world.settings.cni)} does not enforce NetworkPolicy: every pair is allowed.\n\n`);
    }
    io.stdout.write(safeText(matrixToText(matrix)));
    return EXIT_OK;
  },
};
