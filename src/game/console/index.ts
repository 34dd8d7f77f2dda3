/**
 * The game's kubectl console: one line in, the text kubectl (or the tool run
 * through `kubectl exec`) would print out. Pure: it reads the world, never
 * the disk or the clock, and never throws; a command that fails returns its
 * error text with `error: true`.
 *
 *   runConsoleCommand(world, 'kubectl get svc -n shop')
 *   → { output: 'NAME   TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE\nweb    ClusterIP   10.96.12.4    <none>        80/TCP    5m' }
 *
 *   runConsoleCommand(world, 'kubectl exec client -- curl -s http://web.shop')
 *   → { output: 'Hello from web-7c9d4b8f6-x2k4q (192.168.1.7)', trace: {...} }
 */
import { safeText, type World } from '../../sim/index.js';
import { runDescribe } from './describe.js';
import { runExec } from './exec.js';
import { runExplain } from './explain.js';
import { runGet } from './get.js';
import { parseKubectlArgs, type FlagName } from './kubectl-args.js';
import { splitShellWords } from './shell-words.js';
import type { ConsoleOptions, ConsoleResult } from './types.js';

export type { ConsoleOptions, ConsoleResult } from './types.js';
export { explainPaths } from './explain.js';

const NOT_KUBECTL = "kubequest's console knows kubectl get/describe/explain/exec; try `help`";

export const CONSOLE_HELP = [
  'kubequest console: kubectl on the level\'s simulated cluster (`k` works too).',
  '',
  '  kubectl get TYPE [NAME] [-n NS | -A] [-l key=value] [-o wide|yaml|json|name] [--show-labels]',
  '      TYPE: pods (po), services (svc), endpoints (ep), endpointslices, ingress (ing),',
  '            ingressclass, networkpolicies (netpol), nodes (no), namespaces (ns); or svc,ep',
  '  kubectl describe pod|svc|endpoints|netpol|ingress|node [NAME] [-n NS]',
  '  kubectl explain FIELD              e.g. service.spec.ports.targetPort',
  '  kubectl exec POD [-n NS] -- curl [-s] [-m SECS] URL',
  '  kubectl exec POD -- wget -qO- URL',
  '  kubectl exec POD -- nslookup NAME',
  '  kubectl exec POD -- nc -zv HOST PORT      (-zvu for UDP)',
  '',
  'POD may be a pod name or the name of its Deployment (or deploy/NAME).',
].join('\n');

const USAGE: Readonly<Record<string, string>> = {
  get: 'Usage: kubectl get TYPE[,TYPE...] [NAME...] [-n NS | -A] [-l SELECTOR] [-o wide|yaml|json|name] [--show-labels]',
  describe: 'Usage: kubectl describe TYPE [NAME_PREFIX] [-n NS | -A]',
  explain: 'Usage: kubectl explain RESOURCE[.FIELD...]   e.g. kubectl explain networkpolicy.spec.ingress.from',
  exec: 'Usage: kubectl exec (POD | TYPE/NAME) [-n NS] [-c CONTAINER] -- COMMAND [args...]',
};

const ALLOWED: Readonly<Record<string, readonly FlagName[]>> = {
  get: ['namespace', 'all-namespaces', 'output', 'selector', 'show-labels'],
  describe: ['namespace', 'all-namespaces', 'selector'],
  explain: ['recursive'],
  exec: ['namespace', 'container', 'stdin', 'tty'],
};

const EVERY_FLAG: readonly FlagName[] = ['namespace', 'all-namespaces', 'output', 'selector', 'show-labels', 'container', 'stdin', 'tty', 'help', 'recursive'];

const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container']);

/** The subcommand: the first word that is neither a flag nor a flag's value. */
function subcommandOf(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return undefined;
    if (!word.startsWith('-')) return word;
    if (VALUE_FLAGS.has(word)) i++;
  }
  return undefined;
}

function runKubectl(world: World, words: readonly string[], namespace: string): ConsoleResult {
  const named = subcommandOf(words);
  if (named !== undefined && named !== 'help' && !ALLOWED[named]) {
    return { output: `error: unknown command "${named}" for "kubectl"\n${NOT_KUBECTL}`, error: true };
  }
  const parsed = parseKubectlArgs(words, EVERY_FLAG);
  if (!parsed.ok) return { output: parsed.error, error: true };
  const { args } = parsed;
  const [sub, ...positional] = args.positional;
  if (sub === undefined || sub === 'help') return { output: CONSOLE_HELP, ...(sub === undefined && !args.flags.has('help') ? { error: true } : {}) };
  const allowed = ALLOWED[sub];
  if (!allowed) {
    return { output: `error: unknown command "${sub}" for "kubectl"\n${NOT_KUBECTL}`, error: true };
  }
  if (args.flags.has('help')) return { output: USAGE[sub]! };
  const stray = [...args.flags.keys()].find((f) => !allowed.includes(f));
  if (stray) return { output: `error: unknown flag: --${stray}\n${USAGE[sub]}`, error: true };
  const rest = { ...args, positional };
  switch (sub) {
    case 'get':
      return runGet(world, rest, namespace);
    case 'describe':
      return runDescribe(world, rest, namespace);
    case 'explain':
      return runExplain(rest);
    default:
      return runExec(world, rest, namespace);
  }
}

function run(world: World, line: string, options: ConsoleOptions): ConsoleResult {
  const split = splitShellWords(line);
  if (!split.ok) return { output: `error: ${split.error}`, error: true };
  const [command, ...words] = split.words;
  if (command === undefined) return { output: '' };
  if (command === 'help' || command === '?') return { output: CONSOLE_HELP };
  if (command !== 'kubectl' && command !== 'k') {
    const tool = ['curl', 'wget', 'nslookup', 'nc', 'dig', 'ping'].includes(command) ? `\n(to run ${command} inside a pod: kubectl exec POD -- ${command} ...)` : '';
    return { output: `${NOT_KUBECTL}${tool}`, error: true };
  }
  return runKubectl(world, words, options.namespace ?? 'default');
}

/** Run one console line against the world. Never throws. */
export function runConsoleCommand(world: World, line: string, options: ConsoleOptions = {}): ConsoleResult {
  let result: ConsoleResult;
  try {
    result = run(world, line, options);
  } catch (err) {
    // A bug of ours, not the learner's: say so instead of taking the game down.
    result = { output: `error: kubequest's console failed on this command (a bug): ${err instanceof Error ? err.message : String(err)}`, error: true };
  }
  return { ...result, output: safeText(result.output.replace(/\s+$/, '')) };
}
