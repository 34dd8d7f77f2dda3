/**
 * parseLevel: a level author's mistakes come back as problems with
 * file:line:col at the spot to fix, never as exceptions; YAML embedded in
 * the level (cluster, starter, solution) is checked as manifests, with
 * positions in the level file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseLevel } from '../../src/game/index.js';
import { parseManifests, type Problem } from '../../src/manifests/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const FILE = 'levels/02-services/open-the-shop.yaml';

const BASE = `format_version: 1
id: open-the-shop
title: Open the shop
briefing: The client gets nothing at http://web.shop/.
cluster:
  cni: calico
  manifests: |
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
      namespace: shop
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 8080
allowedKinds: [Service]
starter: |
  apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    selector:
      app: web
    ports:
      - port: 80
goals:
  - id: reach
    title: the web pod answers
    probes:
      - from: shop/web
        to: http://web.shop/
        expect: {reach: [shop/web]}
hints:
  - text: targetPort defaults to port.
    goal: reach
`;

/** 1-based line and column of the first occurrence of `needle` in `text` (plus `offset` characters). */
function posOf(text: string, needle: string, offset = 0): { line: number; col: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, index + offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

function problemsOf(text: string): Problem[] {
  const { level, problems } = parseLevel(text, FILE);
  if (problems.some((p) => p.severity === 'error')) expect(level).toBeUndefined();
  return [...problems];
}

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, JSON.stringify(problems)).toHaveLength(1);
  return found[0]!;
}

describe('parseLevel', () => {
  test('a correct level gives a Level and no problems, with the format defaults applied', () => {
    const { level, problems } = parseLevel(BASE, FILE);
    expect(problems).toEqual([]);
    expect(level).toMatchObject({
      id: 'open-the-shop',
      kind: 'manifest',
      difficulty: 1,
      chapter: '',
      file: FILE,
      allowedKinds: ['Service'],
      cluster: { settings: { cni: 'calico' }, editable: [] },
      goals: [{ id: 'reach', points: 1, hidden: false, probes: [{ from: 'shop/web', expect: { kind: 'reach-pods', pods: ['shop/web'] } }] }],
    });
    expect(level?.cluster.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Pod/web']);
    expect(level?.starter).toContain('kind: Service');
  });

  test('a solution file beside the level takes the place of solution:', () => {
    const text = `${BASE}solution: |\n  # inline\n`;
    expect(parseLevel(text, FILE).level?.solution).toBe('# inline\n');
    expect(parseLevel(text, FILE, 'kind: Service\n').level?.solution).toBe('kind: Service\n');
  });

  test('an unknown field is reported where it is, with a did-you-mean', () => {
    const text = BASE.replace('title: Open the shop', 'titel: Open the shop');
    const problems = problemsOf(text);
    const unknown = only(problems, 'UNKNOWN_FIELD');
    expect(unknown).toMatchObject({ file: FILE, ...posOf(text, 'titel:') });
    expect(unknown.hint).toContain('title');
    // ...and the field it was meant to be is then missing.
    expect(problems.map((p) => p.code)).toContain('MISSING_FIELD');
  });

  test('an unknown field deep inside a probe is reported at its own line', () => {
    const text = BASE.replace('expect: {reach: [shop/web]}', 'expct: {reach: [shop/web]}');
    const unknown = only(problemsOf(text), 'UNKNOWN_FIELD');
    expect(unknown).toMatchObject(posOf(text, 'expct:'));
    expect(unknown.hint).toContain('expect');
  });

  test('a missing title is reported at the top of the level', () => {
    const text = BASE.replace('title: Open the shop\n', '');
    const missing = only(problemsOf(text), 'MISSING_FIELD');
    expect(missing).toMatchObject({ file: FILE, line: 1, col: 1 });
    expect(missing.message).toContain('title');
  });

  test('a goal without a title is reported at that goal', () => {
    const text = BASE.replace('    title: the web pod answers\n', '');
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ code: 'MISSING_FIELD', ...posOf(text, 'id: reach') }));
  });

  test('a misspelt outcome is reported at its value, with the outcomes to choose from', () => {
    const text = BASE.replace('expect: {reach: [shop/web]}', 'expect: {outcome: delivred}');
    const bad = only(problemsOf(text), 'INVALID_VALUE');
    expect(bad).toMatchObject(posOf(text, 'delivred'));
    expect(bad.hint).toContain('delivered');
  });

  test('an expectation with two forms is refused', () => {
    const text = BASE.replace('expect: {reach: [shop/web]}', 'expect: {reach: [shop/web], allowed: true}');
    expect(only(problemsOf(text), 'INVALID_VALUE')).toMatchObject(posOf(text, '{reach: [shop/web], allowed'));
  });

  test.each([
    ['a target without a port or scheme', 'to: http://web.shop/', 'to: web.shop', 'web.shop'],
    ['a target with an unknown scheme', 'to: http://web.shop/', 'to: ftp://web.shop/', 'ftp://'],
    ['a source that is not ns/pod', 'from: shop/web', 'from: web', 'web\n'],
    ['a pod target without a port', 'to: http://web.shop/', 'to: shop/web', 'shop/web\n'],
  ])('bad probe syntax - %s is reported at the value', (_name, from, to, needle) => {
    const text = BASE.replace(from, to);
    expect(only(problemsOf(text), 'INVALID_VALUE')).toMatchObject(posOf(text, `${to.split(': ')[0]}: ${needle}`, to.split(': ')[0]!.length + 2));
  });

  test('a YAML error inside starter is reported at its line in the level file', () => {
    const text = BASE.replace('      - port: 80\ngoals:', '      - port: 80\n     targetPort: 8080\ngoals:');
    const syntax = only(problemsOf(text), 'YAML_SYNTAX');
    expect(syntax.file).toBe(FILE);
    expect(syntax.line).toBe(posOf(text, '     targetPort: 8080').line);
    // The same text as a manifest file of its own, shifted by where the block starts and its indentation.
    const starter = text.slice(text.indexOf('starter: |\n') + 'starter: |\n'.length, text.indexOf('goals:')).replace(/^ {2}/gm, '');
    const alone = parseManifests(starter, 'starter.yaml').problems.find((p) => p.code === 'YAML_SYNTAX')!;
    expect(syntax.line).toBe(alone.line + posOf(text, 'starter: |').line);
    expect(syntax.col).toBe(alone.col + 2);
  });

  test('a manifest error inside cluster.manifests is reported at its field in the level file', () => {
    const text = BASE.replace('            - containerPort: 8080', '            - containerport: 8080');
    const unknown = only(problemsOf(text), 'UNKNOWN_FIELD');
    expect(unknown).toMatchObject({ file: FILE, ...posOf(text, 'containerport') });
    expect(unknown.hint).toContain('containerPort');
  });

  test('a YAML error in the level itself is reported at its line', () => {
    const text = BASE.replace('allowedKinds: [Service]', 'allowedKinds: [Service');
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'YAML_SYNTAX')).toBe(true);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(posOf(text, 'allowedKinds').line);
  });

  test.each([
    ['format_version 2', 'format_version: 1', 'format_version: 2', 'INVALID_VALUE', '2\n'],
    ['an id that is not kebab-case', 'id: open-the-shop', 'id: Open_The_Shop', 'INVALID_NAME', 'Open_The_Shop'],
    ['an unknown CNI', 'cni: calico', 'cni: calcio', 'INVALID_VALUE', 'calcio'],
    ['a difficulty above 5', 'title: Open the shop', 'title: Open the shop\ndifficulty: 9', 'INVALID_VALUE', '9\n'],
    ['a hint tied to no goal', '    goal: reach', '    goal: rech', 'INVALID_VALUE', 'rech'],
    ['points that are not a number', '    title: the web pod answers', '    title: the web pod answers\n    points: many', 'WRONG_TYPE', 'many'],
  ])('%s is reported at its value', (_name, from, to, code, needle) => {
    const text = BASE.replace(from, to);
    expect(only(problemsOf(text), code)).toMatchObject(posOf(text, needle));
  });

  test('a constraint that compares without naming a field is reported at the constraint', () => {
    const text = BASE.replace('        expect: {reach: [shop/web]}\n', '        expect: {reach: [shop/web]}\n    constraints:\n      - kind: Service\n        equals: ClusterIP\n');
    expect(only(problemsOf(text), 'MISSING_FIELD')).toMatchObject(posOf(text, 'kind: Service\n        equals'));
  });

  test('a manifest level needs allowedKinds and goals; a predict level needs questions', () => {
    expect(problemsOf(BASE.replace('allowedKinds: [Service]\n', '')).map((p) => p.code)).toEqual(['MISSING_FIELD']);
    const noGoals = BASE.slice(0, BASE.indexOf('goals:'));
    expect(problemsOf(noGoals).map((p) => p.code)).toEqual(['MISSING_FIELD']);
    expect(problemsOf(`${noGoals}kind: predict\n`).map((p) => p.code)).toEqual(['MISSING_FIELD']);
  });

  test('every problem of a broken level is reported in one run', () => {
    const text = BASE.replace('title: Open the shop', 'titel: Open the shop').replace('cni: calico', 'cni: calcio').replace('to: http://web.shop/', 'to: web.shop');
    expect(problemsOf(text).map((p) => p.code).sort()).toEqual(['INVALID_VALUE', 'INVALID_VALUE', 'MISSING_FIELD', 'UNKNOWN_FIELD']);
  });

  const fixtureDir = join(repoRoot, 'test/fixtures/levels/01-shop');
  test.each(readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.solution.yaml')))('fixture %s parses without problems', (file) => {
    const { level, problems } = parseLevel(readFileSync(join(fixtureDir, file), 'utf8'), file);
    expect(problems).toEqual([]);
    expect(level?.id).toBe(file.replace(/\.yaml$/, ''));
  });
});
