/**
 * `kubectl explain RESOURCE[.FIELD...]`, laid out as kubectl prints it, with
 * our own texts (explain-texts.ts) and a link to the API reference:
 *
 *   KIND:       Service
 *   VERSION:    v1
 *
 *   FIELD: targetPort <IntOrString>
 *
 *   DESCRIPTION:
 *       The port on the pods that traffic is forwarded to: ...
 *
 *   REFERENCE:
 *       https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec
 */
import { editDistance } from '../../manifests/index.js';
import { EXPLAIN_ALIASES, EXPLAIN_KINDS, EXPLAIN_TEXTS, type ExplainText } from './explain-texts.js';
import type { KubectlArgs } from './kubectl-args.js';
import { formatTabbed, DESCRIBE } from './tabwriter.js';
import type { ConsoleResult } from './types.js';
import { compareText } from '../../sim/index.js';

const WRAP = 76;

function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WRAP) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

function normalize(path: string): string {
  const [resource = '', ...fields] = path.toLowerCase().split('.');
  return [EXPLAIN_ALIASES[resource] ?? resource, ...fields].join('.');
}


/** Paths a mistyped or unknown one probably meant: near in spelling, or ending in the same field. */
export function closeMatches(path: string): string[] {
  const wanted = normalize(path);
  const last = wanted.split('.').at(-1)!;
  const scored = EXPLAIN_TEXTS.map((t) => {
    const candidate = t.path.toLowerCase();
    const candidateLast = candidate.split('.').at(-1)!;
    const whole = editDistance(wanted, candidate);
    const field = editDistance(last, candidateLast);
    const sameResource = candidate.startsWith(`${wanted.split('.')[0]!}.`) || candidate === wanted.split('.')[0];
    const contains = last.length >= 3 && candidateLast.includes(last) ? 1 : Infinity;
    const score = Math.min(whole, field + (sameResource ? 0 : 2), sameResource ? contains : Infinity);
    return { path: t.path, score, limit: Math.max(2, Math.floor(last.length / 3)) };
  })
    .filter((s) => s.score <= s.limit)
    .sort((a, b) => a.score - b.score || compareText(a.path, b.path));
  return scored.slice(0, 5).map((s) => s.path);
}

function render(entry: ExplainText): string {
  const [resource] = entry.path.split('.');
  const kind = EXPLAIN_KINDS[resource!]!;
  const fieldName = entry.path.split('.').slice(1).at(-1);
  const children = EXPLAIN_TEXTS.filter((t) => t.path.startsWith(`${entry.path}.`) && !t.path.slice(entry.path.length + 1).includes('.'));
  const out = [
    ...(kind.group ? [`GROUP:      ${kind.group}`] : []),
    `KIND:       ${kind.kind}`,
    `VERSION:    ${kind.version}`,
    '',
    ...(fieldName ? [`FIELD: ${fieldName} ${entry.type}`, ''] : []),
    'DESCRIPTION:',
    wrap(entry.text, '    '),
    '',
  ];
  if (children.length > 0) {
    out.push('FIELDS:', formatTabbed(children.map((c) => `  ${c.path.split('.').at(-1)}\t${c.type}`).join('\n'), DESCRIBE), '');
  }
  out.push('REFERENCE:', `    ${entry.ref}`);
  return out.join('\n');
}

export function runExplain(args: KubectlArgs): ConsoleResult {
  const [path, ...extra] = args.positional;
  if (path === undefined || extra.length > 0) {
    return {
      output: `error: You must specify the type of resource to explain, e.g. \`kubectl explain service.spec.ports.targetPort\`. Known: ${Object.keys(EXPLAIN_KINDS).join(', ')}`,
      error: true,
    };
  }
  const wanted = normalize(path);
  const entry = EXPLAIN_TEXTS.find((t) => t.path.toLowerCase() === wanted);
  if (entry) return { output: render(entry) };
  const [resource, ...fields] = wanted.split('.');
  if (!EXPLAIN_KINDS[resource!]) {
    const close = closeMatches(path);
    return {
      output: [`error: the server doesn't have a resource type "${path.split('.')[0]}"`, ...(close.length > 0 ? ['Did you mean:', ...close.map((c) => `  ${c}`)] : [`kubequest explains: ${Object.keys(EXPLAIN_KINDS).join(', ')}`])].join('\n'),
      error: true,
    };
  }
  const close = closeMatches(path);
  return {
    output: [
      `error: field "${fields.at(-1) ?? ''}" does not exist in kubequest's notes on ${EXPLAIN_KINDS[resource!]!.kind}`,
      ...(close.length > 0 ? ['Did you mean:', ...close.map((c) => `  ${c}`)] : []),
      `Every field: ${EXPLAIN_TEXTS.find((t) => t.path === resource)?.ref ?? ''}`,
    ].join('\n'),
    error: true,
  };
}

/** Every path `explain` knows, for completion in the UI. */
export function explainPaths(): string[] {
  return EXPLAIN_TEXTS.map((t) => t.path);
}
