/**
 * A small JSON Schema (draft-07) validator for our own schemas in
 * assets/, so tests can check levels against them without a new
 * dependency. It knows only the keywords those schemas use, and throws on
 * any other, so a schema cannot quietly rely on something unchecked.
 */
export type Schema = { readonly [keyword: string]: unknown };

/** Keywords that only annotate. */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', 'definitions']);
const CHECKED = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
  'anyOf',
  'if',
  'then',
  'else',
  'dependencies',
  '$ref',
]);

export type SchemaError = { readonly path: string; readonly message: string };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

export function validateAgainst(root: Schema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/definitions\/([\w-]+)$/.exec(ref);
    const target = m ? (root['definitions'] as Record<string, Schema> | undefined)?.[m[1]!] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const check = (schema: Schema, v: unknown, path: string, out: SchemaError[]): void => {
    for (const keyword of Object.keys(schema)) {
      if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new Error(`the test validator does not know the keyword "${keyword}" (at ${path})`);
    }
    const fail = (message: string) => out.push({ path, message });
    if (typeof schema['$ref'] === 'string') check(resolve(schema['$ref']), v, path, out);
    if (schema['type'] !== undefined) {
      const types = ([] as string[]).concat(schema['type'] as string | string[]);
      if (!types.some((t) => matchesType(v, t))) fail(`must be ${types.join(' or ')}, is ${typeOf(v)}`);
    }
    if (schema['enum'] !== undefined && !(schema['enum'] as unknown[]).includes(v)) fail(`must be one of ${(schema['enum'] as unknown[]).join(', ')}`);
    if (schema['const'] !== undefined && schema['const'] !== v) fail(`must be ${String(schema['const'])}`);
    if (typeof v === 'string' && typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(v)) fail(`does not match ${schema['pattern']}`);
    if (typeof v === 'number') {
      if (typeof schema['minimum'] === 'number' && v < schema['minimum']) fail(`must be at least ${schema['minimum']}`);
      if (typeof schema['maximum'] === 'number' && v > schema['maximum']) fail(`must be at most ${schema['maximum']}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema['minItems'] === 'number' && v.length < schema['minItems']) fail(`needs at least ${schema['minItems']} items`);
      if (schema['items'] !== undefined) v.forEach((item, i) => check(schema['items'] as Schema, item, `${path}[${i}]`, out));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      for (const key of (schema['required'] ?? []) as string[]) if (!(key in obj)) fail(`${key} is required`);
      for (const [key, item] of Object.entries(obj)) {
        if (props[key]) check(props[key], item, `${path}.${key}`, out);
        else if (schema['additionalProperties'] === false) fail(`unknown property ${key}`);
        else if (typeof schema['additionalProperties'] === 'object') check(schema['additionalProperties'] as Schema, item, `${path}.${key}`, out);
      }
      for (const [key, needs] of Object.entries((schema['dependencies'] ?? {}) as Record<string, string[]>)) {
        if (key in obj) for (const need of needs) if (!(need in obj)) fail(`${key} needs ${need}`);
      }
    }
    const passes = (s: Schema) => {
      const sub: SchemaError[] = [];
      check(s, v, path, sub);
      return sub.length === 0;
    };
    if (schema['oneOf'] !== undefined) {
      const n = (schema['oneOf'] as Schema[]).filter(passes).length;
      if (n !== 1) fail(`must match exactly one alternative (matches ${n})`);
    }
    if (schema['anyOf'] !== undefined && !(schema['anyOf'] as Schema[]).some(passes)) fail('must match at least one alternative');
    if (schema['if'] !== undefined) {
      const branch = passes(schema['if'] as Schema) ? schema['then'] : schema['else'];
      if (branch !== undefined) check(branch as Schema, v, path, out);
    }
  };
  check(root, value, '$', errors);
  return errors;
}
