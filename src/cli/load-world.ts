/**
 * The world a command reasons about: manifests from `-f` paths, checked as
 * the API server and kubectl would, then built into a simulated cluster with
 * the settings given on the command line. Problems are printed with their
 * file:line:col; errors stop the command (exit 2), warnings do not.
 */
import { formatProblem, isError, parseManifests, sortProblems, validateObjects, type Problem } from '../manifests/index.js';
import { buildWorld, CNI_NAMES, isCniName, parseCidr, safeText, type ClusterSettings, type World } from '../sim/index.js';
import { UsageError } from './errors.js';
import { readInputs } from './inputs.js';
import type { Io } from './io.js';

/** parseArgs options shared by every command that reads a cluster. */
export const WORLD_OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  cni: { type: 'string' },
  'pod-cidr': { type: 'string' },
  'service-cidr': { type: 'string' },
  'cluster-domain': { type: 'string' },
  'cloud-lb': { type: 'boolean' },
} as const;

export const WORLD_OPTIONS_HELP = `
Cluster settings:
  --cni NAME            ${CNI_NAMES.join(', ')} (default calico; flannel does not enforce NetworkPolicy)
  --pod-cidr CIDR       pod network (default 192.168.0.0/16 for calico, 10.244.0.0/16 for flannel)
  --service-cidr CIDR   where ClusterIPs come from (default 10.96.0.0/12)
  --cluster-domain NAME (default cluster.local)
  --cloud-lb            the cluster has a cloud load balancer (LoadBalancer Services get an
                        external IP; without it they stay pending and work as NodePorts)
`;

export type WorldFlags = {
  readonly file?: readonly string[] | undefined;
  readonly cni?: string | undefined;
  readonly 'pod-cidr'?: string | undefined;
  readonly 'service-cidr'?: string | undefined;
  readonly 'cluster-domain'?: string | undefined;
  readonly 'cloud-lb'?: boolean | undefined;
};

function settingsFrom(flags: WorldFlags): Partial<ClusterSettings> {
  const settings: { -readonly [K in keyof ClusterSettings]?: ClusterSettings[K] } = {};
  if (flags.cni !== undefined) {
    if (!isCniName(flags.cni)) throw new UsageError(`--cni "${safeText(flags.cni)}" is not a CNI plugin kubequest knows; use one of ${CNI_NAMES.join(', ')}`);
    settings.cni = flags.cni;
  }
  for (const [flag, key] of [['pod-cidr', 'podCidr'], ['service-cidr', 'serviceCidr']] as const) {
    const value = flags[flag];
    if (value === undefined) continue;
    if (!parseCidr(value)) throw new UsageError(`--${flag} "${safeText(value)}" is not an IPv4 CIDR such as 10.244.0.0/16`);
    settings[key] = value;
  }
  if (flags['cluster-domain'] !== undefined) settings.clusterDomain = flags['cluster-domain'].toLowerCase().replace(/\.$/, '');
  if (flags['cloud-lb']) settings.cloudLoadBalancer = true;
  return settings;
}

export async function loadWorld(flags: WorldFlags, io: Io): Promise<World> {
  const settings = settingsFrom(flags);
  if (!flags.file || flags.file.length === 0) throw new UsageError('give the manifests with -f PATH (a file, a directory, or - for stdin)');
  const inputs = await readInputs(flags.file, io);
  const texts = new Map(inputs.map((i) => [i.file, i.text]));
  const parsed = inputs.map((input) => parseManifests(input.text, input.file));
  const objects = parsed.flatMap((p) => p.objects);
  const problems: Problem[] = sortProblems([...parsed.flatMap((p) => p.problems), ...validateObjects(objects, settings)]);
  for (const problem of problems) io.stderr.write(`${formatProblem(problem, texts.get(problem.file))}\n`);
  const errors = problems.filter(isError).length;
  if (errors > 0) {
    throw new UsageError(`the manifests have ${errors === 1 ? 'a problem' : `${errors} problems`} a real cluster would refuse; fix ${errors === 1 ? 'it' : 'them'} and run again`);
  }
  return buildWorld(
    objects.map((o) => o.object),
    settings,
  );
}
