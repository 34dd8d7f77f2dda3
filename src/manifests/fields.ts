/**
 * kubectl's strict field validation (`kubectl apply --validate=strict`):
 * every field must exist in the API type it sits in, and hold a value of the
 * right JSON type. The field lists come from the generated client models
 * (k8s-fields.generated.ts), so they follow the real API.
 *
 * An unknown field gets the best hint we can find, in this order:
 * 1. a near-miss name in the same type (`targetport`, `selectr`);
 * 2. the same name in the parent or grandparent type (a `selector` indented
 *    under a port item belongs under spec);
 * 3. the same name a little deeper (Pod fields written straight into a
 *    Deployment's spec belong under spec.template.spec).
 *
 * `null` is accepted anywhere as "unset", as the API server does.
 */
import { k8sFields } from './k8s-fields.generated.js';
import { formatPath, isRecord, type ObjectContext, type Path } from './context.js';
import { suggest, withLookalike } from './suggest.js';

type FieldType =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'date' | 'intOrString' | 'any' | 'stringMap' }
  | { readonly kind: 'array'; readonly item: FieldType }
  | { readonly kind: 'object'; readonly name: string };

const types: Readonly<Record<string, Readonly<Record<string, string>>>> = k8sFields.types;

/** Maps whose values are resource quantities (`cpu: 1`, `memory: 128Mi`): numbers are fine there. */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'overhead', 'allocatedResources', 'hard', 'used']);
/** String fields that hold a quantity, so accept numbers. */
const QUANTITY_FIELDS = new Set(['sizeLimit']);

const parsedTypes = new Map<string, FieldType>();
export function parseType(text: string): FieldType {
  const cached = parsedTypes.get(text);
  if (cached) return cached;
  let t: FieldType;
  const array = /^Array<(.+)>$/u.exec(text);
  if (array?.[1] !== undefined) t = { kind: 'array', item: parseType(array[1]) };
  else if (text === 'string') t = { kind: 'string' };
  else if (text === 'number') t = { kind: 'number' };
  else if (text === 'boolean') t = { kind: 'boolean' };
  else if (text === 'Date') t = { kind: 'date' };
  else if (text === 'IntOrString') t = { kind: 'intOrString' };
  else if (text.startsWith('{')) t = { kind: 'stringMap' };
  else if (types[text]) t = { kind: 'object', name: text };
  else t = { kind: 'any' };
  parsedTypes.set(text, t);
  return t;
}

export function fieldsOf(typeName: string): Readonly<Record<string, string>> {
  return types[typeName] ?? {};
}

/** The type of the List wrapper itself (v1 List, ServiceList, ...). */
const LIST_FIELDS: Readonly<Record<string, string>> = { apiVersion: 'string', kind: 'string', metadata: 'V1ListMeta', items: 'Array<any>' };

type Frame = { readonly typeName: string; readonly path: Path };

export function checkFields(ctx: ObjectContext, value: unknown, rootType: string): void {
  checkValue(ctx, value, { kind: 'object', name: rootType }, [], [], undefined);
}

/** Strict fields of a List wrapper (not of its items). */
export function checkListFields(ctx: ObjectContext, value: unknown): void {
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    if (!(key in LIST_FIELDS)) {
      const near = suggest(key, Object.keys(LIST_FIELDS));
      ctx.report('UNKNOWN_FIELD', [key], `unknown field "${key}" in a List${withLookalike(key)}`, { at: 'key', hint: near ? `did you mean ${near}?` : undefined });
    }
  }
}

function checkValue(ctx: ObjectContext, value: unknown, type: FieldType, path: Path, frames: readonly Frame[], fieldName: string | undefined): void {
  if (value === null || value === undefined) return;
  switch (type.kind) {
    case 'any':
      return;
    case 'string':
    case 'date':
      if (typeof value === 'string') return;
      if (typeof value === 'number' && fieldName !== undefined && QUANTITY_FIELDS.has(fieldName)) return;
      return wrongType(ctx, path, value, 'a string');
    case 'number':
      if (typeof value === 'number' && Number.isInteger(value)) return;
      return wrongType(ctx, path, value, 'a whole number');
    case 'boolean':
      if (typeof value === 'boolean') return;
      return wrongType(ctx, path, value, 'true or false');
    case 'intOrString':
      if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return;
      return wrongType(ctx, path, value, 'a whole number or a string');
    case 'stringMap': {
      if (!isRecord(value)) return wrongType(ctx, path, value, 'a mapping of names to strings');
      const quantities = fieldName !== undefined && QUANTITY_MAPS.has(fieldName);
      for (const [k, v] of Object.entries(value)) {
        if (v === null || typeof v === 'string') continue;
        if (quantities && typeof v === 'number') continue;
        wrongType(ctx, [...path, k], v, 'a string');
      }
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return wrongType(ctx, path, value, 'a list');
      value.forEach((item, i) => checkValue(ctx, item, type.item, [...path, i], frames, undefined));
      return;
    case 'object': {
      if (!isRecord(value)) return wrongType(ctx, path, value, 'a mapping');
      const fields = fieldsOf(type.name);
      const here: Frame = { typeName: type.name, path };
      for (const [key, child] of Object.entries(value)) {
        const fieldType = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (fieldType === undefined) {
          unknownField(ctx, key, here, frames);
          continue;
        }
        checkValue(ctx, child, parseType(fieldType), [...path, key], [...frames, here], key);
      }
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a decimal number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

function wrongType(ctx: ObjectContext, path: Path, value: unknown, wanted: string): void {
  const node = ctx.node(path);
  let hint: string | undefined;
  if (wanted === 'a string' && (typeof value === 'number' || typeof value === 'boolean')) {
    const written = node?.source ?? String(value);
    hint =
      typeof value === 'boolean' && !/^(true|false)$/iu.test(written)
        ? `YAML reads ${written} as ${String(value)}; quote it: "${written}"`
        : `quote it: "${written}"`;
  } else if ((wanted === 'a whole number' || wanted === 'true or false') && typeof value === 'string' && node?.quoted) {
    if (wanted === 'a whole number' && /^\d+$/u.test(value)) hint = `write ${value} without quotes`;
    if (wanted === 'true or false' && /^(true|false)$/u.test(value)) hint = `write ${value} without quotes`;
  } else if (wanted === 'a list' && isRecord(value)) {
    hint = 'start each item with "- "';
  }
  ctx.report('WRONG_TYPE', path, `${formatPath(path)} must be ${wanted}, not ${describe(value)}`, { hint });
}

function unknownField(ctx: ObjectContext, key: string, here: Frame, frames: readonly Frame[]): void {
  const at = formatPath(here.path);
  const message = `${here.path.length === 0 ? `unknown field "${key}" at the top level` : `unknown field "${key}" in ${at}`}${withLookalike(key)}`;
  ctx.report('UNKNOWN_FIELD', [...here.path, key], message, { at: 'key', hint: placementHint(key, here, frames) });
}

/** Fields from removed API versions that old tutorials still show. */
const RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  V1IngressBackend: {
    serviceName: 'networking.k8s.io/v1 writes service: {name: ...} instead of serviceName',
    servicePort: 'networking.k8s.io/v1 writes service: {port: {number: ...}} (or port: {name: ...}) instead of servicePort',
  },
  V1IngressSpec: { backend: 'networking.k8s.io/v1 calls it defaultBackend' },
};

function placementHint(key: string, here: Frame, frames: readonly Frame[]): string | undefined {
  const renamed = RENAMED[here.typeName]?.[key];
  if (renamed !== undefined) return renamed;
  const near = suggest(key, Object.keys(fieldsOf(here.typeName)));
  if (near !== undefined) return `did you mean ${near}?`;
  const where = describeLocation(here.path);
  for (const frame of [...frames].reverse().slice(0, 2)) {
    if (Object.hasOwn(fieldsOf(frame.typeName), key)) {
      return `${key} belongs under ${formatPath(frame.path)}, not ${where}`;
    }
  }
  const below = findBelow(key, here.typeName);
  if (below !== undefined) return `${key} belongs under ${formatPath([...here.path, ...below])}`;
  return undefined;
}

/** "under spec" or "inside a spec.ports item". */
function describeLocation(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `inside a ${formatPath(path.slice(0, -1))} item`;
  return `under ${formatPath(path)}`;
}

/** Breadth-first, at most three levels down: the path (list items as [0]) to a type that has `key`. */
function findBelow(key: string, typeName: string): Path | undefined {
  let level: { typeName: string; path: Path }[] = [{ typeName, path: [] }];
  for (let depth = 0; depth < 3; depth++) {
    const next: { typeName: string; path: Path }[] = [];
    for (const { typeName: t, path } of level) {
      for (const [field, typeText] of Object.entries(fieldsOf(t))) {
        let ft = parseType(typeText);
        const fieldPath: (string | number)[] = [...path, field];
        if (ft.kind === 'array') {
          ft = ft.item;
          fieldPath.push(0);
        }
        if (ft.kind !== 'object') continue;
        if (Object.hasOwn(fieldsOf(ft.name), key)) return fieldPath;
        next.push({ typeName: ft.name, path: fieldPath });
      }
    }
    level = next;
  }
  return undefined;
}
