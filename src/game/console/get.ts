/**
 * `kubectl get TYPE[,TYPE...] [NAME...] [-n NS | -A] [-l SELECTOR] [-o wide|yaml|json|name] [--show-labels]`
 *
 *   NAME                     READY   STATUS    RESTARTS   AGE
 *   web-7c9d4b8f6-x2k4q      1/1     Running   0          5m
 *
 * Tables go through Go's tabwriter rules (tabwriter.ts) so columns line up
 * as kubectl's do; several types print one table each, names prefixed with
 * the type (`service/web`), as kubectl does.
 */
import { stringify } from 'yaml';
import type { World } from '../../sim/index.js';
import type { KubectlArgs } from './kubectl-args.js';
import { findResource, KNOWN_ELSEWHERE, RESOURCES, type Entry, type ResourceDef } from './resources.js';
import { matchesSelectorText, parseSelector, formatLabels } from './selectors.js';
import { formatTabbed, GET_TABLE } from './tabwriter.js';
import type { ConsoleResult } from './types.js';

const OUTPUTS = ['', 'wide', 'yaml', 'json', 'name'] as const;
type Output = (typeof OUTPUTS)[number];

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => byteOrder(a, b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/** Objects as kubectl prints them: keys sorted (it goes through JSON), sequences not indented. */
export function objectToYaml(value: unknown): string {
  return stringify(sortKeys(value), { indentSeq: false, lineWidth: 0 });
}

function objectToJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 4);
}

export function unknownTypeError(type: string): string {
  if (KNOWN_ELSEWHERE.has(type.toLowerCase())) {
    return `error: kubequest's console does not show "${type}": the simulator turns workloads into their pods (try \`kubectl get pods\`). It shows ${RESOURCES.map((r) => r.names.at(-1)).join(', ')}`;
  }
  return `error: the server doesn't have a resource type "${type}"`;
}

type Request = { readonly def: ResourceDef; readonly names: readonly string[] };

function parseRequests(positional: readonly string[]): { ok: true; requests: Request[] } | { ok: false; error: string } {
  const [first, ...rest] = positional;
  if (first === undefined) {
    return {
      ok: false,
      error: `You must specify the type of resource to get. Try one of: ${RESOURCES.map((r) => r.names.at(-1)).join(', ')}\nerror: Required resource not specified.`,
    };
  }
  if (first.includes('/')) {
    const requests: Request[] = [];
    for (const word of positional) {
      const slash = word.indexOf('/');
      if (slash <= 0) return { ok: false, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const def = findResource(word.slice(0, slash));
      if (!def) return { ok: false, error: unknownTypeError(word.slice(0, slash)) };
      const existing = requests.find((r) => r.def === def);
      if (existing) requests[requests.indexOf(existing)] = { def, names: [...existing.names, word.slice(slash + 1)] };
      else requests.push({ def, names: [word.slice(slash + 1)] });
    }
    return { ok: true, requests };
  }
  const types = first.split(',').filter((t) => t !== '');
  const requests: Request[] = [];
  for (const type of types) {
    const def = findResource(type);
    if (!def) return { ok: false, error: unknownTypeError(type) };
    if (!requests.some((r) => r.def === def)) requests.push({ def, names: rest });
  }
  return { ok: true, requests };
}

export function runGet(world: World, args: KubectlArgs, defaultNamespace: string): ConsoleResult {
  const output = (args.flags.get('output') ?? '') as Output;
  if (!OUTPUTS.includes(output)) {
    return { output: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml`, error: true };
  }
  const parsed = parseRequests(args.positional);
  if (!parsed.ok) return { output: parsed.error, error: true };
  const selectorText = args.flags.get('selector');
  const selector = parseSelector(selectorText ?? '');
  if (!selector.ok) return { output: `error: ${selector.error}`, error: true };
  if (selectorText !== undefined && parsed.requests.some((r) => r.names.length > 0)) {
    return { output: 'error: name cannot be provided when a selector is specified', error: true };
  }
  const all = args.flags.has('all-namespaces');
  const namespace = args.flags.get('namespace') ?? defaultNamespace;
  const multi = parsed.requests.length > 1;

  const errors: string[] = [];
  const groups: { def: ResourceDef; entries: Entry[] }[] = [];
  for (const { def, names } of parsed.requests) {
    const inScope = def
      .list(world)
      .filter((e) => !def.namespaced || all || e.namespace === namespace)
      .filter((e) => matchesSelectorText(selector.selector, e.labels))
      .sort((a, b) => byteOrder(a.namespace ?? '', b.namespace ?? '') || byteOrder(a.name, b.name));
    if (names.length === 0) {
      groups.push({ def, entries: inScope });
      continue;
    }
    const found: Entry[] = [];
    for (const name of names) {
      const entry = inScope.find((e) => e.name === name);
      if (entry) found.push(entry);
      else errors.push(`Error from server (NotFound): ${def.type} "${name}" not found`);
    }
    groups.push({ def, entries: found });
  }

  const named = parsed.requests.some((r) => r.names.length > 0);
  const entries = groups.flatMap((g) => g.entries);
  let text: string;
  if (output === 'yaml' || output === 'json') {
    const single = named && entries.length === 1 && parsed.requests.length === 1 && parsed.requests[0]!.names.length === 1;
    const value = single ? entries[0]!.object() : { apiVersion: 'v1', items: entries.map((e) => e.object()), kind: 'List', metadata: { resourceVersion: '' } };
    text = entries.length === 0 && named ? '' : output === 'yaml' ? objectToYaml(value).trimEnd() : objectToJson(value);
  } else if (output === 'name') {
    text = groups.flatMap((g) => g.entries.map((e) => `${g.def.resourceName}/${e.name}`)).join('\n');
  } else {
    const tables = groups
      .filter((g) => g.entries.length > 0)
      .map((g) => table(g.def, g.entries, { wide: output === 'wide', all: all && g.def.namespaced, showLabels: args.flags.has('show-labels'), prefix: multi }));
    text = tables.join('\n\n');
  }
  if (entries.length === 0 && !named) {
    const scope = all || parsed.requests.every((r) => !r.def.namespaced) ? 'No resources found' : `No resources found in ${namespace} namespace.`;
    return { output: scope };
  }
  return { output: [text, ...errors].filter((t) => t !== '').join('\n'), ...(errors.length > 0 ? { error: true } : {}) };
}

type TableOptions = { readonly wide: boolean; readonly all: boolean; readonly showLabels: boolean; readonly prefix: boolean };

function table(def: ResourceDef, entries: readonly Entry[], o: TableOptions): string {
  const header = [...(o.all ? ['NAMESPACE'] : []), 'NAME', ...def.headers(o.wide), ...(o.showLabels ? ['LABELS'] : [])];
  const rows = entries.map((e) => [
    ...(o.all ? [e.namespace ?? ''] : []),
    o.prefix ? `${def.resourceName}/${e.name}` : e.name,
    ...e.cells(o.wide),
    ...(o.showLabels ? [formatLabels(e.labels)] : []),
  ]);
  // A tab inside a value would start a new column: show it as a space, as kubectl's printer does.
  return formatTabbed([header, ...rows].map((cells) => cells.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t')).join('\n'), GET_TABLE);
}
