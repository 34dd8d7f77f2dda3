/**
 * Label selectors, as `metav1.LabelSelector` defines them.
 *
 * - `matchLabels` and `matchExpressions` are ANDed; `{key: value}` in
 *   `matchLabels` is the expression `key In [value]`.
 * - Operators: `In` (the label is set to one of `values`), `NotIn` (the label
 *   is absent, or set to none of `values`), `Exists` (the key is set, any
 *   value), `DoesNotExist` (the key is not set).
 * - An empty selector (`{}`, or with empty `matchLabels` / `matchExpressions`)
 *   matches everything. An absent (null) selector matches nothing: callers that
 *   give absence another meaning (a NetworkPolicy peer without `podSelector`)
 *   decide that before asking.
 * - An operator the API does not know matches nothing; the API server rejects
 *   it, so a cluster would never hold such a selector.
 *
 * Services use the simpler map form (`spec.selector`): see `matchesLabels`.
 */
import type { Labels } from './model.js';

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export type LabelSelectorRequirement = {
  readonly key: string;
  /** One of `LabelSelectorOperator`; typed loosely because it comes from input. */
  readonly operator: string;
  readonly values?: readonly string[];
};

export type LabelSelector = {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
};

/** True when the selector has no requirement at all, so it matches every object. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

export function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  // Validation refuses a non-list; read leniently all the same, as the rest of the simulator does.
  const values: readonly unknown[] = Array.isArray(req.values) ? req.values : [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key] as string);
    case 'NotIn':
      return !has || !values.includes(labels[req.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** Whether `labels` satisfy `selector`; `undefined` (a null selector) matches nothing. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined) return false;
  if (!matchesLabels(selector.matchLabels ?? {}, labels)) return false;
  for (const req of selector.matchExpressions ?? []) {
    if (!matchesRequirement(req, labels)) return false;
  }
  return true;
}

/**
 * Map-selector matching (a Service's `spec.selector`, a `nodeSelector`): every
 * key is set to exactly that value. An empty map matches every object; note
 * that a Service with an empty selector is treated by Kubernetes as having no
 * selector at all (no endpoints are managed), which the caller decides.
 */
export function matchesLabels(map: Readonly<Record<string, string>>, labels: Labels): boolean {
  for (const key in map) {
    if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== map[key]) return false;
  }
  return true;
}

/** `app=web,tier in (a, b),!debug`: the selector as kubectl writes it, for explanations. */
export function selectorToString(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) parts.push(`${key}=${value}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(', ');
    switch (req.operator) {
      case 'In':
        parts.push(`${req.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${req.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(req.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${req.key}`);
        break;
      default:
        parts.push(`${req.key} ${req.operator} (${values})`);
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
