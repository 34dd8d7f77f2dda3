/**
 * Label selectors as kubectl reads them from `-l` and prints them in tables
 * and `describe` (apimachinery's labels.Parse and FormatLabelSelector).
 *
 *   -l app=web            app == web (also app==web)
 *   -l app!=web           app unset, or set to something else
 *   -l app                app set, any value
 *   -l '!app'             app unset
 *   -l 'tier in (a,b)'    tier is a or b; `notin` is the opposite
 *   -l app=web,tier=db    every requirement (AND)
 */
import type { Labels } from '../../sim/index.js';

type Requirement =
  | { readonly op: 'eq' | 'neq'; readonly key: string; readonly value: string }
  | { readonly op: 'in' | 'notin'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: 'exists' | 'absent'; readonly key: string };

export type Selector = readonly Requirement[];

export type ParsedSelector = { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly error: string };

/** Split on commas that are not inside `( )`. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let term = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(term);
      term = '';
    } else term += ch;
  }
  terms.push(term);
  return terms.map((t) => t.trim());
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_./]*[a-z0-9A-Z])?)$/;
const VALUE = /^(([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?)$/;

export function parseSelector(text: string): ParsedSelector {
  const requirements: Requirement[] = [];
  if (text.trim() === '') return { ok: true, selector: [] };
  for (const term of splitTerms(text)) {
    const bad = (why: string): ParsedSelector => ({ ok: false, error: `unable to parse requirement: "${term}": ${why}` });
    let m: RegExpExecArray | null;
    if ((m = /^!\s*(\S+)$/.exec(term))) {
      if (!KEY.test(m[1]!)) return bad('invalid label key');
      requirements.push({ op: 'absent', key: m[1]! });
    } else if ((m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      if (!KEY.test(m[1]!)) return bad('invalid label key');
      const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '');
      if (values.some((v) => !VALUE.test(v))) return bad('invalid label value');
      requirements.push({ op: m[2] as 'in' | 'notin', key: m[1]!, values });
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term))) {
      if (!KEY.test(m[1]!)) return bad('invalid label key');
      if (!VALUE.test(m[3]!)) return bad('invalid label value');
      requirements.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: m[1]!, value: m[3]! });
    } else if (KEY.test(term)) {
      requirements.push({ op: 'exists', key: term });
    } else return bad('expected key, key=value, key!=value, !key, "key in (a,b)" or "key notin (a,b)"');
  }
  return { ok: true, selector: requirements };
}

export function matchesSelectorText(selector: Selector, labels: Labels): boolean {
  return selector.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'eq':
        return has && value === r.value;
      case 'neq':
        return !has || value !== r.value;
      case 'in':
        return has && r.values.includes(value!);
      case 'notin':
        return !has || !r.values.includes(value!);
      case 'exists':
        return has;
      case 'absent':
        return !has;
    }
  });
}

/** `labels.FormatLabels`: `a=1,b=2` sorted by key, or `<none>`. */
export function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

type ApiSelector = {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
};

/**
 * `metav1.FormatLabelSelector`: requirements sorted by key, `k=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`; `<none>` when empty.
 */
export function formatLabelSelector(selector: ApiSelector | undefined | null): string {
  if (!selector) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})` : e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : '<error>';
    parts.push({ key: e.key, text });
  }
  if (parts.length === 0) return '<none>';
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}
