/**
 * Rules every object shares: metadata (name, namespace, labels,
 * annotations) and label selectors, as ValidateObjectMeta and
 * ValidateLabelSelector check them.
 */
import { formatPath, int, isRecord, list, rec, str, type ObjectContext, type Path } from './context.js';
import {
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkLabelValue,
  checkPortName,
  checkQualifiedName,
  suggestName,
} from './names.js';

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label';

const RULE_TEXT: Record<NameRule, (s: string) => string | undefined> = {
  'dns1123-subdomain': checkDns1123Subdomain,
  'dns1123-label': checkDns1123Label,
  'dns1035-label': checkDns1035Label,
};

export function validateMetadata(ctx: ObjectContext, obj: Record<string, unknown>, kind: string, rule: NameRule): void {
  const meta = rec(obj['metadata']);
  if (!meta) {
    ctx.report('MISSING_FIELD', ['metadata'], `${kind} needs metadata.name`, { at: 'key' });
    return;
  }
  const name = meta['name'];
  if (name === undefined || name === null || name === '') {
    if (!str(meta['generateName'])) ctx.report('MISSING_FIELD', ['metadata', 'name'], `${kind} needs metadata.name`, { at: 'key' });
  } else if (typeof name === 'string') {
    checkName(ctx, ['metadata', 'name'], name, `${kind} name`, rule);
  }
  const namespace = str(meta['namespace']);
  if (namespace !== undefined && namespace !== '') checkName(ctx, ['metadata', 'namespace'], namespace, 'namespace', 'dns1123-label');
  validateLabels(ctx, ['metadata', 'labels'], meta['labels'], 'label');
  const annotations = rec(meta['annotations']);
  if (annotations) {
    for (const key of Object.keys(annotations)) {
      const bad = checkQualifiedName(key);
      if (bad) ctx.report('INVALID_VALUE', ['metadata', 'annotations', key], `annotation key "${key}" ${bad}`, { at: 'key' });
    }
  }
}

/** Reports a bad name with a suggested fix; returns whether it was valid. */
export function checkName(ctx: ObjectContext, path: Path, name: string, what: string, rule: NameRule): boolean {
  const bad = RULE_TEXT[rule](name);
  if (!bad) return true;
  const fix = suggestName(name, rule === 'dns1035-label', rule === 'dns1123-subdomain');
  ctx.report('INVALID_NAME', path, `${what} "${name}" is not valid: it ${bad}`, { hint: fix ? `try "${fix}"` : undefined });
  return false;
}

export function checkPortNameAt(ctx: ObjectContext, path: Path, name: string): boolean {
  const bad = checkPortName(name);
  if (!bad) return true;
  const fix = suggestName(name);
  ctx.report('INVALID_NAME', path, `port name "${name}" is not valid: a port name ${bad}`, {
    hint: fix && !checkPortName(fix) ? `try "${fix}"` : /^\d+$/u.test(name) ? `for a port number, write ${name} without quotes` : undefined,
  });
  return false;
}

/** A map of label keys to values: metadata.labels, a Service's selector, matchLabels. */
export function validateLabels(ctx: ObjectContext, path: Path, labels: unknown, what: string): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const badKey = checkQualifiedName(key);
    if (badKey) ctx.report('INVALID_VALUE', [...path, key], `${what} key "${key}" ${badKey}`, { at: 'key' });
    if (typeof value === 'string') {
      const badValue = checkLabelValue(value);
      if (badValue) ctx.report('INVALID_VALUE', [...path, key], `${what} value "${value}" (for ${key}) ${badValue}`);
    }
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** metav1.LabelSelector: matchLabels plus matchExpressions. */
export function validateLabelSelector(ctx: ObjectContext, path: Path, selector: unknown): void {
  const sel = rec(selector);
  if (!sel) return;
  validateLabels(ctx, [...path, 'matchLabels'], sel['matchLabels'], 'selector');
  list(sel['matchExpressions']).forEach((expr, i) => {
    const e = rec(expr);
    if (!e) return;
    const at: Path = [...path, 'matchExpressions', i];
    const key = str(e['key']);
    if (key === undefined || key === '') ctx.report('MISSING_FIELD', [...at, 'key'], `${formatPath(at)} needs a key`, { at: 'key' });
    else {
      const bad = checkQualifiedName(key);
      if (bad) ctx.report('INVALID_VALUE', [...at, 'key'], `selector key "${key}" ${bad}`);
    }
    const op = str(e['operator']);
    const values = list(e['values']);
    if (op === undefined) {
      ctx.report('MISSING_FIELD', [...at, 'operator'], `${formatPath(at)} needs an operator (In, NotIn, Exists or DoesNotExist)`, { at: 'key' });
    } else if (!OPERATORS.includes(op)) {
      ctx.report('INVALID_VALUE', [...at, 'operator'], `operator "${op}" is not one of In, NotIn, Exists, DoesNotExist`, {
        hint: caseHint(op, OPERATORS),
      });
    } else if ((op === 'In' || op === 'NotIn') && values.length === 0) {
      ctx.report('MISSING_FIELD', [...at, 'values'], `operator ${op} needs at least one value in values`, { at: 'key' });
    } else if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
      ctx.report('FORBIDDEN_FIELD', [...at, 'values'], `operator ${op} must not have values`, { at: 'key' });
    }
    values.forEach((v, j) => {
      if (typeof v !== 'string') return;
      const bad = checkLabelValue(v);
      if (bad) ctx.report('INVALID_VALUE', [...at, 'values', j], `selector value "${v}" ${bad}`);
    });
  });
}

/** Whether labels satisfy a LabelSelector (matchLabels AND every expression). */
export function selectorMatches(selector: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(rec(selector['matchLabels']) ?? {})) if (labels[k] !== v) return false;
  for (const expr of list(selector['matchExpressions'])) {
    const e = rec(expr);
    if (!e) continue;
    const key = str(e['key']) ?? '';
    const values = list(e['values']).filter((v): v is string => typeof v === 'string');
    const has = Object.hasOwn(labels, key);
    switch (str(e['operator'])) {
      case 'In':
        if (!has || !values.includes(labels[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

export function isEmptySelector(selector: Record<string, unknown>): boolean {
  return Object.keys(rec(selector['matchLabels']) ?? {}).length === 0 && list(selector['matchExpressions']).length === 0;
}

/** An enum field: reports a value outside `allowed`, with a case-insensitive "did you mean". */
export function checkEnum(ctx: ObjectContext, path: Path, value: unknown, allowed: readonly string[], what: string): void {
  if (typeof value !== 'string') return;
  if (allowed.includes(value)) return;
  ctx.report('INVALID_VALUE', path, `${what} "${value}" is not one of ${allowed.join(', ')}`, { hint: caseHint(value, allowed) });
}

export function caseHint(value: string, allowed: readonly string[]): string | undefined {
  const m = allowed.find((a) => a.toLowerCase() === value.toLowerCase().replace(/[-_ ]/gu, ''));
  return m ? `did you mean ${m}?` : undefined;
}

/** A port number field: present values must be 1-65535. */
export function checkPortNumber(ctx: ObjectContext, path: Path, value: unknown, what: string, allowZero = false): void {
  const n = int(value);
  if (n === undefined) return;
  if (allowZero && n === 0) return;
  if (n < 1 || n > 65535) ctx.report('INVALID_VALUE', path, `${what} ${n} is out of range; ports are 1-65535`);
}

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
