/**
 * What a validation rule needs to report a problem about one object: the
 * object's position tree, so a field path becomes line:col, and the list the
 * problems go to. Rules name fields by path (`['spec', 'ports', 0, 'port']`);
 * a path that does not exist falls back to its nearest existing parent.
 */
import type { Pos, PosNode } from './read-yaml.js';
import { problem, type Problem, type ProblemCode, type Severity } from './problems.js';

export type Path = readonly (string | number)[];

export type ReportOptions = {
  readonly hint?: string | undefined;
  readonly severity?: Severity;
  /** Point at the field's key (`targetport:`) rather than its value. @default 'value' */
  readonly at?: 'key' | 'value';
};

export class ObjectContext {
  constructor(
    readonly file: string,
    readonly root: PosNode,
    private readonly sink: Problem[],
  ) {}

  report(code: ProblemCode, path: Path, message: string, options: ReportOptions = {}): void {
    const pos = options.at === 'key' ? keyPositionOf(this.root, path) : valuePositionOf(this.root, path);
    this.sink.push(problem(code, message, this.file, pos, { hint: options.hint, severity: options.severity }));
  }

  node(path: Path): PosNode | undefined {
    let node: PosNode | undefined = this.root;
    for (const part of path) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }
}

function deepest(root: PosNode, path: Path): { node: PosNode; complete: boolean } {
  let node = root;
  for (const part of path) {
    const next = node.children?.get(part);
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

/**
 * Where a field is: its value when the value is a scalar or a flow
 * collection on the key's line, its key when the value is a block below it
 * (so `spec:` rather than spec's first child); a list item's own start.
 * A missing field gives its nearest existing parent's key.
 */
export function positionOf(root: PosNode, path: Path): Pos {
  const { node, complete } = deepest(root, path);
  if (!complete) return node.key ?? node.value;
  if (node.key && node.children && node.value.line !== node.key.line) return node.key;
  return node.value;
}

export const valuePositionOf = positionOf;

export function keyPositionOf(root: PosNode, path: Path): Pos {
  const { node } = deepest(root, path);
  return node.key ?? node.value;
}

/** `spec.ports[0].targetPort`; the empty path is "the top level". */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? 'the top level' : out;
}

// Reading values defensively: strict field validation has already reported
// wrong types, so rules only look at values of the type they expect.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function rec(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}

export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}
