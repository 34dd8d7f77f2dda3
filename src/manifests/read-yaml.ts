/**
 * YAML (and JSON, which is YAML) text -> plain values, keeping the position
 * of every key and value. We walk the `yaml` package's document tree
 * ourselves rather than call `toJS`, so that:
 *
 * - every field keeps its line:col (`PosNode`);
 * - scalars follow kubectl's YAML 1.1 reading of booleans (`yes`, `on`, `no`,
 *   `off`, `y`, `n` are booleans there, so `debug: on` as a label value is a
 *   type error, as kubectl reports it);
 * - aliases are expanded with a budget (`MAX_ALIASES`), so an alias bomb is
 *   refused in microseconds with ALIAS_LIMIT;
 * - `<<` merge keys work as kubectl's YAML library does;
 * - a `__proto__` key is only ever a key.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Node as YamlNode } from 'yaml';
import { problem, type Problem } from './problems.js';
import { lookalikeOf } from './suggest.js';

export type Pos = { readonly line: number; readonly col: number };

/** Where a value sits in the source; `key` for values under a mapping key. */
export type PosNode = {
  readonly key?: Pos;
  readonly value: Pos;
  readonly children?: ReadonlyMap<string | number, PosNode>;
  /** For scalars: whether it was written in quotes (so `"8080"` is a string on purpose). */
  readonly quoted?: boolean;
  /** For scalars read as numbers or booleans: the text as written (`1.0`, `yes`). */
  readonly source?: string;
};

export type ReadDocument = { readonly value: unknown; readonly pos: PosNode };

/** More alias expansions than this in one document is refused (kubectl's library allows far more, but no manifest needs it). */
export const MAX_ALIASES = 100;
/** Nodes reached through aliases, in all, per document. */
const MAX_ALIASED_NODES = 10_000;
/** Nesting deeper than this is refused; real objects nest about 20 deep (managedFields included). */
export const MAX_DEPTH = 100;
/** Text longer than this (in UTF-16 code units) is refused before parsing. */
export const MAX_TEXT_LENGTH = 10 * 1024 * 1024;

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

class Abort extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export function readDocuments(text: string, file: string): { docs: ReadDocument[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const docs: ReadDocument[] = [];
  if (text.length > MAX_TEXT_LENGTH) {
    problems.push(
      problem('TOO_LARGE', `the text is ${(text.length / 1024 / 1024).toFixed(1)} MiB; kubequest reads at most ${MAX_TEXT_LENGTH / 1024 / 1024} MiB`, file, { line: 1, col: 1 }),
    );
    return { docs, problems };
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const deepAt = flowNestingBeyond(source, MAX_DEPTH);
  if (deepAt !== undefined) {
    // The parser is slow (seconds) on deeply nested [[[[ ... ]]]]: refuse before it starts.
    const before = source.slice(0, deepAt);
    const line = before.split('\n').length;
    const col = deepAt - before.lastIndexOf('\n');
    problems.push(problem('TOO_DEEP', `the YAML nests more than ${MAX_DEPTH} levels deep`, file, { line, col }));
    return { docs, problems };
  }
  const lineCounter = new LineCounter();
  const at = (offset: number): Pos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(source, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  } catch (error) {
    // The parser recursing too deep on `[[[[...` is the only way we know it throws.
    problems.push(problem('TOO_DEEP', `the YAML could not be read: ${error instanceof Error ? error.message : String(error)}`, file, { line: 1, col: 1 }));
    return { docs, problems };
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) {
    if (doc.errors.length > 0) {
      const seen = new Set<string>();
      for (const e of doc.errors) {
        const p = yamlProblem(e.code, e.message, e.pos[0], e.pos[1], source, file, at);
        // One problem per place: the parser often reports a single mistake twice.
        const key = `${p.line}:${p.code === 'TAB_INDENT' ? 1 : p.col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(p);
      }
      continue;
    }
    if (doc.contents === null) continue;
    if (isScalar(doc.contents) && doc.contents.value === null) continue;
    try {
      const walker = new Walker(file, at);
      docs.push(walker.walk(doc.contents, 0));
    } catch (error) {
      if (error instanceof Abort) problems.push(error.problem);
      else throw error;
    }
  }
  return { docs, problems };
}

/**
 * The offset where flow collections (`[`, `{`) nest deeper than `limit`, or
 * undefined. A linear scan that skips quoted strings and comments; brackets
 * inside plain text or block scalars could only count if hundreds were left
 * open, which no manifest does.
 */
export function flowNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (depth > 0 && (c === 0x5d || c === 0x7d)) {
      depth--;
    } else if (depth > 0 && c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (depth > 0 && c === 0x27) {
      for (i++; i < text.length; i++) {
        if (text.charCodeAt(i) === 0x27) {
          if (text.charCodeAt(i + 1) === 0x27) i++;
          else break;
        }
      }
    } else if (c === 0x23 && (i === 0 || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    }
  }
  return undefined;
}

function yamlProblem(
  code: string,
  message: string,
  start: number,
  end: number,
  text: string,
  file: string,
  at: (offset: number) => Pos,
): Problem {
  const pos = at(start);
  const lineText = lineAt(text, start);
  if (code === 'TAB_AS_INDENT' || /^ *\t/.test(lineText)) {
    return problem('TAB_INDENT', 'this line is indented with a tab; YAML indentation must use spaces', file, { line: pos.line, col: 1 }, {
      hint: 'replace the tabs at the start of the line with spaces',
    });
  }
  if (code === 'DUPLICATE_KEY') {
    const written = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*)/u.exec(text.slice(start, start + 200))?.[1] ?? text.slice(start, end);
    const key = written.trim().replace(/^["']|["']$/gu, '');
    return problem('DUPLICATE_KEY', `the key "${key}" appears twice in the same mapping`, file, pos, {
      hint: 'each key may appear once; merge the two or remove one',
    });
  }
  if (code === 'RESOURCE_EXHAUSTION') return problem('TOO_DEEP', 'the YAML nests too deeply to read', file, pos);
  const plain = message.replace(/\s+at line \d+, column \d+.*$/su, '').trim();
  // A fullwidth colon or a no-break space breaks YAML while looking right: say so first.
  const lookalike = lookalikeOf(lineText);
  return problem('YAML_SYNTAX', `YAML syntax: ${plain.charAt(0).toLowerCase()}${plain.slice(1)}`, file, pos, {
    ...(lookalike !== undefined
      ? { hint: `this line has ${lookalike.shown}, which only looks like "${lookalike.plain}"; type a plain "${lookalike.plain}"` }
      : code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN'
      ? { hint: 'check the indentation: keys of one mapping line up, and "- " items sit under their key' }
      : {}),
  });
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return text.slice(start, end);
}

class Walker {
  private aliases = 0;
  private aliasedNodes = 0;
  private insideAlias = 0;
  private readonly anchors = new Map<string, YamlNode>();

  constructor(
    private readonly file: string,
    private readonly at: (offset: number) => Pos,
  ) {}

  walk(node: unknown, depth: number, keyPos?: Pos): ReadDocument {
    if (depth > MAX_DEPTH) {
      throw new Abort(problem('TOO_DEEP', `the YAML nests more than ${MAX_DEPTH} levels deep`, this.file, this.posOf(node) ?? { line: 1, col: 1 }));
    }
    if (this.insideAlias > 0 && ++this.aliasedNodes > MAX_ALIASED_NODES) {
      throw new Abort(this.aliasLimit(node));
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor && (isMap(node) || isSeq(node) || isScalar(node))) this.anchors.set(anchor, node);
    const valuePos = this.posOf(node) ?? keyPos ?? { line: 1, col: 1 };
    const withKey = (p: Omit<PosNode, 'key'>): PosNode => (keyPos ? { key: keyPos, ...p } : p);

    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) throw new Abort(this.aliasLimit(node));
      const target = this.anchors.get(node.source);
      if (!target) {
        throw new Abort(
          problem('YAML_SYNTAX', `the alias *${node.source} refers to no anchor &${node.source} earlier in this document`, this.file, valuePos, {
            hint: 'anchors do not reach across "---"; define the anchor in the same document, before the alias',
          }),
        );
      }
      this.insideAlias++;
      try {
        const inner = this.walk(target, depth + 1);
        return { value: inner.value, pos: withKey({ ...inner.pos, value: valuePos }) };
      } finally {
        this.insideAlias--;
      }
    }
    if (isScalar(node)) {
      const quoted = node.type !== undefined && node.type !== Scalar.PLAIN;
      let value: unknown = node.value;
      if (!quoted && typeof value === 'string' && node.tag === undefined) {
        if (YAML11_TRUE.has(value)) value = true;
        else if (YAML11_FALSE.has(value)) value = false;
      }
      if (typeof value === 'bigint') value = Number(value);
      if (value instanceof Date) value = value.toISOString();
      if (value instanceof Uint8Array) value = node.source;
      const source = typeof value === 'number' || typeof value === 'boolean' ? (node.source ?? String(value)) : undefined;
      return {
        value: value === undefined ? null : value,
        pos: withKey({ value: valuePos, quoted, ...(source !== undefined ? { source } : {}) }),
      };
    }
    if (isSeq(node)) {
      const items: unknown[] = [];
      const children = new Map<string | number, PosNode>();
      node.items.forEach((item, i) => {
        const r = this.walk(item, depth + 1);
        items.push(r.value);
        children.set(i, r.pos);
      });
      return { value: items, pos: withKey({ value: valuePos, children }) };
    }
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const children = new Map<string | number, PosNode>();
      const merges: ReadDocument[] = [];
      for (const pair of node.items) {
        const key = pair.key;
        const kPos = this.posOf(key) ?? valuePos;
        if (isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN) {
          const merged = this.walk(pair.value, depth + 1, kPos);
          if (Array.isArray(merged.value)) {
            merged.value.forEach((v, i) => merges.push({ value: v, pos: merged.pos.children?.get(i) ?? merged.pos }));
          } else merges.push(merged);
          continue;
        }
        if (!isScalar(key)) {
          throw new Abort(problem('YAML_SYNTAX', 'a mapping key must be a plain name, not a list or mapping', this.file, kPos));
        }
        const name = key.value === null ? 'null' : String(key.value);
        const r = this.walk(pair.value, depth + 1, kPos);
        define(obj, name, r.value);
        children.set(name, r.pos);
      }
      // Merge keys: explicit keys win, then earlier merged maps win over later ones.
      for (const m of merges) {
        if (m.value === null || typeof m.value !== 'object' || Array.isArray(m.value)) continue;
        for (const [k, v] of Object.entries(m.value as Record<string, unknown>)) {
          if (children.has(k)) continue;
          define(obj, k, v);
          children.set(k, m.pos.children?.get(k) ?? m.pos);
        }
      }
      return { value: obj, pos: withKey({ value: valuePos, children }) };
    }
    // A pair without a value (`key:`) has a null node.
    return { value: null, pos: withKey({ value: valuePos }) };
  }

  private posOf(node: unknown): Pos | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.at(range[0]) : undefined;
  }

  private aliasLimit(node: unknown): Problem {
    return problem(
      'ALIAS_LIMIT',
      `too many aliases (*name) expanded; kubequest expands at most ${MAX_ALIASES} per document`,
      this.file,
      this.posOf(node) ?? { line: 1, col: 1 },
      { hint: 'write the repeated parts out, or use fewer anchors and aliases' },
    );
  }
}

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
