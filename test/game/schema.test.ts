/**
 * assets/level.schema.json and assets/pack.schema.json are what authors'
 * editors check levels against. These tests keep them and the parser from
 * drifting apart: the same field names at every level of nesting, the same
 * enums, the same defaults, and every fixture level valid under both.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadPack, parseLevel, type Level } from '../../src/game/index.js';
import { CNI_NAMES, OUTCOMES } from '../../src/sim/index.js';
import { validateAgainst, type Schema } from '../helpers/json-schema.js';
import { repoRoot } from '../helpers/run-cli.js';

const levelSchema = JSON.parse(readFileSync(join(repoRoot, 'assets/level.schema.json'), 'utf8')) as Schema;
const packSchema = JSON.parse(readFileSync(join(repoRoot, 'assets/pack.schema.json'), 'utf8')) as Schema;
const FIXTURE_PACK = join(repoRoot, 'test/fixtures/levels');

type Json = Record<string, unknown>;
const definitions = levelSchema['definitions'] as Record<string, Json>;
const propsOf = (schema: Json): Json => schema['properties'] as Json;

/** A manifest level that reaches every nested object the format has. */
function baseLevel(): Json {
  return {
    format_version: 1,
    id: 'schema-check',
    title: 'Schema check',
    briefing: 'The client must reach the web pod.',
    cluster: {
      cni: 'calico',
      manifests: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
    },
    allowedKinds: ['Service'],
    goals: [
      {
        id: 'reach',
        title: 'reach the web pod',
        probes: [{ from: 'default/web', to: 'http://web/', expect: { outcome: 'delivered' } }],
        constraints: [{ kind: 'Service', max: 1 }],
      },
    ],
    questions: [{ id: 'q', prompt: 'What happens?', from: 'default/web', to: 'http://web/' }],
    hints: [{ text: 'A Service needs a selector.' }],
  };
}

/** Where each object of the format sits in `baseLevel`, and its schema. */
const LOCATIONS: { name: string; at: (level: Json) => Json; schema: Json }[] = [
  { name: 'the level', at: (l) => l, schema: propsOf(levelSchema as Json) },
  { name: 'cluster', at: (l) => l['cluster'] as Json, schema: propsOf(propsOf(levelSchema as Json)['cluster'] as Json) },
  { name: 'a goal', at: (l) => (l['goals'] as Json[])[0]!, schema: propsOf(definitions['goal']!) },
  { name: 'a probe', at: (l) => ((l['goals'] as Json[])[0]!['probes'] as Json[])[0]!, schema: propsOf(definitions['probe']!) },
  { name: 'expect', at: (l) => (((l['goals'] as Json[])[0]!['probes'] as Json[])[0]!['expect'] as Json), schema: propsOf(definitions['expectation']!) },
  { name: 'a constraint', at: (l) => ((l['goals'] as Json[])[0]!['constraints'] as Json[])[0]!, schema: propsOf(definitions['constraint']!) },
  { name: 'a question', at: (l) => (l['questions'] as Json[])[0]!, schema: propsOf(definitions['question']!) },
  { name: 'a hint', at: (l) => (l['hints'] as Json[])[0]!, schema: propsOf(definitions['hint']!) },
];

/**
 * The field names parse-level accepts at one place: it lists them when it
 * meets a field that is nothing like any of them (no did-you-mean).
 */
function parserKeys(location: (typeof LOCATIONS)[number]): string[] {
  const level = baseLevel();
  location.at(level)['zzzzzzzzzzzzzzzz'] = 1;
  const { problems } = parseLevel(stringify(level), 'schema-check.yaml');
  const unknown = problems.find((p) => p.code === 'UNKNOWN_FIELD' && p.message.includes('zzzzzzzzzzzzzzzz'));
  const listed = /known fields: (.*)$/.exec(unknown?.hint ?? '')?.[1];
  if (listed === undefined) throw new Error(`parse-level did not list the known fields of ${location.name}: ${JSON.stringify(problems)}`);
  return listed.split(', ').sort();
}

describe('level.schema.json', () => {
  test('the base level of these tests is valid for both the parser and the schema', () => {
    expect(parseLevel(stringify(baseLevel()), 'schema-check.yaml').problems).toEqual([]);
    expect(validateAgainst(levelSchema, baseLevel())).toEqual([]);
  });

  test.each(LOCATIONS.map((l) => [l.name, l] as const))('%s - same field names as parse-level', (_name, location) => {
    expect(Object.keys(location.schema).sort()).toEqual(parserKeys(location));
  });

  test('every field has a description; closed sets are enums matching the code', () => {
    const walk = (schema: Json, path: string): void => {
      for (const [key, prop] of Object.entries((schema['properties'] ?? {}) as Record<string, Json>)) {
        if (prop['$ref'] === undefined) expect(prop['description'], `${path}.${key}`).toEqual(expect.any(String));
        walk(prop, `${path}.${key}`);
      }
    };
    walk(levelSchema as Json, '$');
    for (const [name, def] of Object.entries(definitions)) {
      expect(def['description'], name).toEqual(expect.any(String));
      walk(def, name);
    }
    walk(packSchema as Json, 'pack');
    expect(propsOf(definitions['expectation']!)['outcome']).toMatchObject({ enum: [...OUTCOMES] });
    expect(propsOf(propsOf(levelSchema as Json)['cluster'] as Json)['cni']).toMatchObject({ enum: [...CNI_NAMES] });
  });

  test('the defaults the schema states are the ones the parser applies', () => {
    const level = baseLevel();
    delete (level['goals'] as Json[])[0]!['id'];
    (level['goals'] as Json[])[0]!['probes'] = [{ from: 'default/web', to: 'http://web/', expect: { spread: 'all' } }];
    delete (level['questions'] as Json[])[0]!['id'];
    const parsed = parseLevel(stringify(level), 'defaults.yaml').level as Level;
    const root = propsOf(levelSchema as Json);
    const def = (schema: Json, key: string) => (propsOf(schema)[key] as Json)['default'];
    expect(parsed.kind).toBe((root['kind'] as Json)['default']);
    expect(parsed.difficulty).toBe((root['difficulty'] as Json)['default']);
    expect(parsed.concepts).toEqual((root['concepts'] as Json)['default']);
    expect(parsed.starter).toBe((root['starter'] as Json)['default']);
    expect(parsed.debrief).toBe((root['debrief'] as Json)['default']);
    expect(parsed.cluster.editable).toEqual(def(root['cluster'] as Json, 'editable'));
    expect(parsed.goals[0]!.points).toBe(def(definitions['goal']!, 'points'));
    expect(parsed.goals[0]!.hidden).toBe(def(definitions['goal']!, 'hidden'));
    expect(parsed.goals[0]!.id).toBe('goal-1');
    expect(parsed.goals[0]!.probes[0]!.expect).toMatchObject({ kind: 'spread', requests: def(definitions['expectation']!, 'requests') });
    expect(parsed.questions[0]).toMatchObject({ id: 'q1', ask: def(definitions['question']!, 'ask') });
  });

  const fixtureLevels = readdirSync(join(FIXTURE_PACK, '01-shop')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.solution.yaml'));
  test.each(fixtureLevels)('fixture %s is valid under the schema', (file) => {
    const doc: unknown = parse(readFileSync(join(FIXTURE_PACK, '01-shop', file), 'utf8'));
    expect(validateAgainst(levelSchema, doc)).toEqual([]);
  });

  test('the shipped levels are valid under the schemas', () => {
    const { pack } = loadPack(join(repoRoot, 'levels'));
    for (const level of pack?.chapters.flatMap((c) => c.levels) ?? []) {
      expect(validateAgainst(levelSchema, parse(readFileSync(level.file, 'utf8'))), level.file).toEqual([]);
    }
  });

  test('the shipped index.yaml is valid under the pack schema exactly when the loader accepts it', () => {
    const indexFile = join(repoRoot, 'levels/index.yaml');
    const schemaErrors = validateAgainst(packSchema, parse(readFileSync(indexFile, 'utf8')));
    const loaderProblems = loadPack(join(repoRoot, 'levels')).problems.filter((p) => p.file.endsWith('index.yaml'));
    expect(schemaErrors.length === 0).toBe(loaderProblems.length === 0);
  });

  const mutations: readonly (readonly [string, (l: Json) => void, string])[] = [
    ['an unknown field', (l: Json) => void (l['titel'] = 'x'), 'UNKNOWN_FIELD'],
    ['two expectation forms', (l: Json) => void (LOCATIONS[4]!.at(l)['allowed'] = true), 'INVALID_VALUE'],
    ['a misspelt outcome', (l: Json) => void (LOCATIONS[4]!.at(l)['outcome'] = 'delivred'), 'INVALID_VALUE'],
    ['a misspelt CNI', (l: Json) => void ((l['cluster'] as Json)['cni'] = 'calcio'), 'INVALID_VALUE'],
    ['a constraint comparing no field', (l: Json) => void (LOCATIONS[5]!.at(l)['equals'] = 'ClusterIP'), 'MISSING_FIELD'],
    ['a goal without probes or constraints', (l: Json) => void ((l['goals'] as Json[])[0] = { title: 'nothing' }), 'MISSING_FIELD'],
    ['a manifest level without goals', (l: Json) => void delete l['goals'], 'MISSING_FIELD'],
    ['an id that is not kebab-case', (l: Json) => void (l['id'] = 'Schema_Check'), 'INVALID_NAME'],
    ['format_version 2', (l: Json) => void (l['format_version'] = 2), 'INVALID_VALUE'],
  ];
  test.each(mutations)('%s is refused by both the parser and the schema', (_name, mutate, code) => {
    const level = baseLevel();
    mutate(level);
    expect(parseLevel(stringify(level), 'bad.yaml').problems.map((p) => p.code)).toContain(code);
    expect(validateAgainst(levelSchema, level)).not.toEqual([]);
  });
});

describe('pack.schema.json', () => {
  test('the fixture pack index is valid and loads', () => {
    const index: unknown = parse(readFileSync(join(FIXTURE_PACK, 'index.yaml'), 'utf8'));
    expect(validateAgainst(packSchema, index)).toEqual([]);
    expect(loadPack(FIXTURE_PACK).problems).toEqual([]);
  });

  test('an index without chapters or with the wrong version is refused by both', () => {
    const index = { format_version: 2, title: 'x' };
    expect(validateAgainst(packSchema, index).map((e) => e.message)).toEqual(expect.arrayContaining(['chapters is required', 'must be 1']));
    const dir = mkdtempSync(join(tmpdir(), 'kubequest-pack-'));
    try {
      writeFileSync(join(dir, 'index.yaml'), stringify(index));
      expect(loadPack(dir).problems.map((p) => p.code).sort()).toEqual(['INVALID_VALUE', 'MISSING_FIELD']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
