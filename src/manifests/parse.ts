/**
 * `parseManifests(text, file)`: every document of a YAML or JSON stream,
 * read the way `kubectl apply --validate=strict` and the API server would.
 *
 * - Empty documents are skipped; `kind: List` (and any `*List`) is expanded
 *   into its items.
 * - A document with YAML syntax errors gives only those problems.
 * - An object of a kind kubequest simulates is returned even when it has
 *   problems (so an editor can still show it), with `valid: false` when any
 *   of its problems is an error. Objects of kinds kubequest does not simulate
 *   (a warning) or does not know (an error) are not returned.
 * - Nothing here throws on user input.
 */
import type { KubeObject } from '../sim/index.js';
import { ObjectContext, keyPositionOf, positionOf, rec, type Path } from './context.js';
import { checkFields, checkListFields } from './fields.js';
import { classifyKind } from './kinds.js';
import { isError, problem, sortProblems, type Problem } from './problems.js';
import { readDocuments, type PosNode } from './read-yaml.js';
import { validateMetadata, type NameRule } from './validate-meta.js';
import { validateIngress, validateIngressClass } from './validate-ingress.js';
import { validateNetworkPolicy } from './validate-netpol.js';
import { validateConfigData, validateEndpoints, validateEndpointSlice, validateNode } from './validate-other.js';
import { validateService } from './validate-service.js';
import { validatePod, validateWorkload } from './validate-workloads.js';

export type SourcedObject = {
  readonly object: KubeObject;
  readonly file: string;
  /** Where the object starts (1-based). */
  readonly line: number;
  readonly col: number;
  /** False when the API server or kubectl would refuse the object (it has an error-severity problem). */
  readonly valid: boolean;
  /**
   * 1-based position of a field path inside this object, e.g.
   * ['spec', 'ports', 0, 'targetPort']: the value of a scalar field, the key
   * of a block (`spec:`), a list item's start; a missing path falls back to
   * its nearest existing parent.
   */
  positionOf(path: readonly (string | number)[]): { line: number; col: number };
  /** Like positionOf, but the key of a mapping field (`targetPort:`) rather than its value. */
  keyPositionOf(path: readonly (string | number)[]): { line: number; col: number };
};

export function parseManifests(text: string, file: string): { objects: SourcedObject[]; problems: Problem[] } {
  const objects: SourcedObject[] = [];
  const problems: Problem[] = [];
  try {
    const read = readDocuments(text, file);
    problems.push(...read.problems);
    for (const doc of read.docs) readObject(doc.value, doc.pos, file, problems, objects, 0);
  } catch (error) {
    // A bug of ours, not the learner's: still a problem, never a crash on their input.
    problems.push(
      problem('YAML_SYNTAX', `kubequest could not read this file (${error instanceof Error ? error.message : String(error)}); please report it`, file, {
        line: 1,
        col: 1,
      }),
    );
  }
  return { objects, problems: sortProblems(problems) };
}

const NAME_RULES: Readonly<Record<string, NameRule>> = {
  Namespace: 'dns1123-label',
  Service: 'dns1035-label',
  StatefulSet: 'dns1123-label',
};

function readObject(value: unknown, pos: PosNode, file: string, problems: Problem[], objects: SourcedObject[], depth: number): void {
  const ctx = new ObjectContext(file, pos, problems);
  const obj = rec(value);
  if (!obj) {
    const what = Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'a string' : `a ${typeof value}`;
    ctx.report('NOT_AN_OBJECT', [], `expected a Kubernetes object (a mapping with apiVersion and kind), found ${what}`, {
      hint: Array.isArray(value) ? 'separate objects with a line of "---" instead of "- "' : undefined,
    });
    return;
  }
  const kind = obj['kind'];
  const apiVersion = obj['apiVersion'];
  let readable = true;
  for (const [field, v] of [
    ['apiVersion', apiVersion],
    ['kind', kind],
  ] as const) {
    if (v === undefined || v === null || v === '') {
      ctx.report('MISSING_FIELD', [field], `this object has no ${field}`, { at: 'key' });
      readable = false;
    } else if (typeof v !== 'string') {
      ctx.report('WRONG_TYPE', [field], `${field} must be a string`);
      readable = false;
    }
  }
  if (!readable || typeof kind !== 'string' || typeof apiVersion !== 'string') return;

  const verdict = classifyKind(apiVersion, kind);
  switch (verdict.verdict) {
    case 'unsupported':
      ctx.report('UNSUPPORTED_KIND', ['kind'], verdict.message, { severity: 'warning' });
      return;
    case 'unknown-kind':
      ctx.report('UNKNOWN_KIND', ['kind'], verdict.message, { hint: verdict.hint });
      return;
    case 'wrong-version':
      ctx.report('WRONG_API_VERSION', ['apiVersion'], verdict.message, { hint: verdict.hint });
      return;
    case 'list': {
      checkListFields(ctx, obj);
      const items = obj['items'];
      if (items === undefined || items === null) return;
      if (!Array.isArray(items)) {
        ctx.report('WRONG_TYPE', ['items'], 'items must be a list');
        return;
      }
      if (depth > 4) return;
      items.forEach((item, i) => {
        const itemPos = pos.children?.get('items')?.children?.get(i) ?? pos;
        readObject(item, itemPos, file, problems, objects, depth + 1);
      });
      return;
    }
    case 'supported': {
      const own: Problem[] = [];
      const octx = new ObjectContext(file, pos, own);
      checkFields(octx, obj, verdict.rootType);
      validateKind(octx, obj, kind);
      problems.push(...own);
      objects.push(sourced(obj as KubeObject, file, pos, !own.some(isError)));
    }
  }
}

function validateKind(ctx: ObjectContext, obj: Record<string, unknown>, kind: string): void {
  validateMetadata(ctx, obj, kind, NAME_RULES[kind] ?? 'dns1123-subdomain');
  switch (kind) {
    case 'Service':
      return validateService(ctx, obj);
    case 'Pod':
      return validatePod(ctx, obj);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      return validateWorkload(ctx, obj, kind);
    case 'NetworkPolicy':
      return validateNetworkPolicy(ctx, obj);
    case 'Ingress':
      return validateIngress(ctx, obj);
    case 'IngressClass':
      return validateIngressClass(ctx, obj);
    case 'Node':
      return validateNode(ctx, obj);
    case 'Endpoints':
      return validateEndpoints(ctx, obj);
    case 'EndpointSlice':
      return validateEndpointSlice(ctx, obj);
    case 'ConfigMap':
    case 'Secret':
      return validateConfigData(ctx, obj, kind);
  }
}

function sourced(object: KubeObject, file: string, pos: PosNode, valid: boolean): SourcedObject {
  return {
    object,
    file,
    line: pos.value.line,
    col: pos.value.col,
    valid,
    positionOf: (path: Path) => ({ ...positionOf(pos, path) }),
    keyPositionOf: (path: Path) => ({ ...keyPositionOf(pos, path) }),
  };
}
