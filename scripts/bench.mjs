#!/usr/bin/env node
/**
 * Benchmarks of the simulator, run after a build (`npm run bench`). Each entry
 * runs in a child process of its own, so its peak memory (maxRSS) is its own.
 * Prints a table, then the same figures as JSON.
 *
 *   node scripts/bench.mjs            every benchmark
 *   node scripts/bench.mjs NAME...    only these
 *
 * To add a benchmark, add an entry to BENCHMARKS: a name, a budget in ms (or
 * none) and a `run()` that returns `{ timings: {label: ms}, measured: label }`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

/** The compiled simulator; BENCH_BUILD_DIR points elsewhere (a directory path). */
const BUILD = process.env.BENCH_BUILD_DIR
  ? new URL(`file://${process.env.BENCH_BUILD_DIR.replace(/\/?$/, '/')}`)
  : new URL('../build/', import.meta.url);

async function loadSim() {
  const world = await import(new URL('sim/world.js', BUILD).href);
  const matrix = await import(new URL('sim/matrix.js', BUILD).href);
  return { buildWorld: world.buildWorld, buildMatrix: matrix.buildMatrix, buildMatrixBits: matrix.buildMatrixBits };
}

/**
 * A cluster as a platform team might run it: `namespaces` namespaces, each with
 * Deployments of 5 replicas, and per namespace the usual policies: default
 * deny both ways, allow DNS, frontend-to-backend on a named port (which
 * resolves to 80 on some pods and 8080 on others), egress to other teams and
 * an address block, ingress from the prod namespaces on a port range.
 */
function clusterObjects({ namespaces, pods, policies }) {
  const objects = [];
  const nodes = Math.ceil(pods / 50);
  for (let n = 0; n < nodes; n++) {
    objects.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` } });
  }
  const podsPerNs = Math.floor(pods / namespaces);
  const deploymentsPerNs = Math.ceil(podsPerNs / 5);
  const policiesPerNs = Math.floor(policies / namespaces);
  for (let i = 0; i < namespaces; i++) {
    const ns = `team-${String(i).padStart(3, '0')}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { team: `t${i % 7}`, env: i % 3 === 0 ? 'prod' : 'dev' } },
    });
    let left = podsPerNs;
    for (let d = 0; d < deploymentsPerNs && left > 0; d++) {
      const replicas = Math.min(5, left);
      left -= replicas;
      const labels = { app: `app-${d}`, tier: d % 2 === 0 ? 'frontend' : 'backend' };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app-${d}`, namespace: ns },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels: { ...labels, version: `v${d % 3}` } },
            spec: {
              containers: [
                {
                  name: 'main',
                  image: 'registry.k8s.io/e2e-test-images/agnhost:2.47',
                  ports: [
                    { name: 'http', containerPort: d % 3 === 0 ? 8080 : 80 },
                    { name: 'metrics', containerPort: 9090 },
                  ],
                },
              ],
            },
          },
        },
      });
    }
    for (let p = 0; p < policiesPerNs; p++) objects.push(policyFor(ns, i, p));
  }
  return objects;
}

function policyFor(ns, i, p) {
  const meta = (name) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns } });
  switch (p % 5) {
    case 0:
      return { ...meta('default-deny'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } };
    case 1:
      return {
        ...meta('allow-dns'),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
              ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
            },
          ],
        },
      };
    case 2:
      return {
        ...meta('frontend-to-backend'),
        spec: {
          podSelector: { matchLabels: { tier: 'backend' } },
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: { tier: 'frontend' } } },
                {
                  namespaceSelector: { matchLabels: { team: `t${(i + 1) % 7}` } },
                  podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['app-0', 'app-2'] }] },
                },
              ],
              ports: [{ port: 'http' }],
            },
          ],
        },
      };
    case 3:
      return {
        ...meta(`egress-app-${p}`),
        spec: {
          podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'version', operator: 'NotIn', values: ['v2'] }] },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: [`t${i % 7}`, `t${(i + 3) % 7}`] }] } },
                { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/24'] } },
              ],
              ports: [{ port: 80 }, { port: 8000, endPort: 9000 }],
            },
          ],
        },
      };
    default:
      return {
        ...meta(`from-prod-${p}`),
        spec: {
          podSelector: { matchLabels: { tier: 'frontend' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }], ports: [{ port: 8000, endPort: 8100 }] }],
        },
      };
  }
}

function matrixBench({ namespaces, pods, policies }) {
  return async () => {
    const { buildWorld, buildMatrix, buildMatrixBits } = await loadSim();
    const objects = clusterObjects({ namespaces, pods, policies });
    let t = performance.now();
    const world = buildWorld(objects);
    const worldMs = performance.now() - t;
    const ports = [
      { port: 80, protocol: 'TCP' },
      { port: 8080, protocol: 'TCP' },
    ];
    // Cold: the first matrix of a world pays for compiling its policies.
    t = performance.now();
    let matrix = buildMatrix(world, { ports });
    const matrixMs = performance.now() - t;
    let allowed = 0;
    for (const port of matrix.ports) for (const row of matrix.allowed[port]) for (const ok of row) if (ok) allowed++;
    const pairs = matrix.pods.length;
    matrix = undefined;
    globalThis.gc?.();
    t = performance.now();
    buildMatrixBits(world, { ports });
    const bitsMs = performance.now() - t;
    return {
      timings: { buildWorld: worldMs, 'matrix (cold)': matrixMs, 'matrix bits (warm)': bitsMs },
      measured: 'matrix (cold)',
      facts: { pods: pairs, policies: world.networkPolicies.length, ports: ports.length, allowedPairs: allowed },
    };
  };
}

/** The benchmarks, by name; `budgetMs` applies to the `measured` timing. */
const BENCHMARKS = [
  { name: 'matrix-1000-pods-200-policies-2-ports', budgetMs: 1000, run: matrixBench({ namespaces: 50, pods: 1000, policies: 200 }) },
  { name: 'matrix-5000-pods-500-policies-2-ports', budgetMs: undefined, run: matrixBench({ namespaces: 100, pods: 5000, policies: 500 }) },
];

async function runOne(name) {
  const bench = BENCHMARKS.find((b) => b.name === name);
  if (!bench) throw new Error(`no benchmark ${name}`);
  const baselineRssMB = process.memoryUsage().rss / 2 ** 20;
  let sampledPeak = baselineRssMB;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss / 2 ** 20);
  }, 5);
  const result = await bench.run();
  clearInterval(sampler);
  const peakRssMB = Math.max(sampledPeak, process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ name, budgetMs: bench.budgetMs, ...result, baselineRssMB, peakRssMB }));
}

function runAll(names) {
  const script = fileURLToPath(import.meta.url);
  const results = [];
  for (const name of names) {
    const child = spawnSync(process.execPath, ['--expose-gc', script, '--one', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) {
      process.stderr.write(`${name} failed:\n${child.stderr}\n`);
      process.exitCode = 1;
      continue;
    }
    results.push(JSON.parse(child.stdout));
  }
  const fmt = (n) => n.toFixed(0);
  const labels = [...new Set(results.flatMap((r) => Object.keys(r.timings)))];
  const header = ['benchmark', ...labels.map((l) => `${l} ms`), 'budget ms', 'peak RSS MB', 'baseline RSS MB', 'result'];
  const rows = results.map((r) => {
    const measured = r.timings[r.measured];
    const ok = r.budgetMs === undefined || measured <= r.budgetMs;
    if (!ok) process.exitCode = 1;
    return [
      r.name,
      ...labels.map((l) => (r.timings[l] === undefined ? '-' : fmt(r.timings[l]))),
      r.budgetMs === undefined ? '-' : String(r.budgetMs),
      fmt(r.peakRssMB),
      fmt(r.baselineRssMB),
      r.budgetMs === undefined ? 'info' : ok ? 'ok' : 'OVER BUDGET',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

const args = process.argv.slice(2);
if (args[0] === '--one') await runOne(args[1]);
else runAll(args.length > 0 ? args : BENCHMARKS.map((b) => b.name));
