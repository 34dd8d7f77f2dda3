/**
 * `kubequest levels [--pack DIR] [--json]`: the chapters and levels of a
 * pack, in the order of play, for people and for programs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot, runCli, spawnCli } from '../helpers/run-cli.js';

const PACK = 'test/fixtures/levels';
const temp = mkdtempSync(join(tmpdir(), 'kubequest-levels-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('kubequest levels', () => {
  test('text: each chapter, then one line per level: id, difficulty, title, concepts', async () => {
    const { code, stdout, stderr } = await runCli(['levels', '--pack', PACK]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Fixture shop: 8 levels in 1 chapter',
        '',
        '1. The shop',
        '   passes            ●○○○○  Open the shop           Service, selector, targetPort',
        '   fails-probe       ●●○○○  The orders API          Service, targetPort, named ports',
        '   fails-constraint  ●●○○○  Inside only             Service, ClusterIP, LoadBalancer',
        '   bad-yaml          ●○○○○  Front and back          Service, multi-document YAML',
        '   disallowed-kind   ●●●○○  Lock the database       NetworkPolicy, podSelector, default deny',
        '   name-collision    ●○○○○  The selector typo       Service, selector, endpoints',
        '   sticky-cart       ●●●○○  The forgetful cart      Service, sessionAffinity, load balancing',
        '   who-answers       ●○○○○  Who answers? (predict)  Service, endpoints, DNS',
        '',
      ].join('\n'),
    );
  });

  test('--json: chapters in order, each level with its id, title, kind, difficulty, concepts, goals, maxScore and file', async () => {
    const { code, stdout } = await runCli(['levels', '--pack', PACK, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json).sort()).toEqual(['chapters', 'dir', 'problems', 'title']);
    expect(json).toMatchObject({ title: 'Fixture shop', dir: PACK, problems: [] });
    expect(json.chapters).toHaveLength(1);
    expect(json.chapters[0]).toMatchObject({ id: 'shop', title: 'The shop' });
    expect(json.chapters[0].levels.map((l: { id: string }) => l.id)).toEqual([
      'passes',
      'fails-probe',
      'fails-constraint',
      'bad-yaml',
      'disallowed-kind',
      'name-collision',
      'sticky-cart',
      'who-answers',
    ]);
    expect(json.chapters[0].levels[0]).toEqual({
      id: 'passes',
      title: 'Open the shop',
      kind: 'manifest',
      difficulty: 1,
      concepts: ['Service', 'selector', 'targetPort'],
      goals: 2,
      maxScore: 3,
      file: `${PACK}/01-shop/passes.yaml`,
    });
    expect(json.chapters[0].levels[7]).toMatchObject({ id: 'who-answers', kind: 'predict', goals: 2 });
  });

  test('a pack with a broken level: the rest is listed, the problems go to stderr, exit 2', async () => {
    const pack = join(temp, 'broken');
    mkdirSync(join(pack, '01-shop'), { recursive: true });
    writeFileSync(join(pack, 'index.yaml'), 'format_version: 1\ntitle: Broken\nchapters:\n  - id: shop\n    title: The shop\n    folder: 01-shop\n    levels: [passes, bad-yaml]\n');
    cpSync(join(repoRoot, PACK, '01-shop/passes.yaml'), join(pack, '01-shop/passes.yaml'));
    const level = readFileSync(join(repoRoot, PACK, '01-shop/bad-yaml.yaml'), 'utf8').replace('title: Front and back', 'titel: Front and back');
    writeFileSync(join(pack, '01-shop/bad-yaml.yaml'), level);
    const { code, stdout, stderr } = await runCli(['levels', '--pack', 'broken'], { cwd: temp });
    expect(code).toBe(2);
    expect(stdout).toContain('   passes  ');
    expect(stdout).not.toContain('bad-yaml');
    expect(stderr).toContain(`01-shop/bad-yaml.yaml:${level.split('\n').findIndex((l) => l.startsWith('titel:')) + 1}:1: unknown field "titel"`);
    expect(stderr).toContain('kubequest pack validate broken');
  });

  test('a folder that is no pack (exit 2)', async () => {
    const { code, stderr } = await runCli(['levels', '--pack', join(repoRoot, 'test/fixtures/levels/01-shop')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^kubequest: cannot read the pack: .*index\.yaml/);
  });

  test('bad input: an argument, an unknown flag, a missing folder (exit 2)', async () => {
    for (const args of [['levels', 'extra'], ['levels', '--jsno'], ['levels', '--pack', 'no/such/dir']]) {
      const { code, stdout, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^kubequest: /);
    }
  });

  test('without --pack: the campaign in levels/ beside the code', async () => {
    const { stdout } = await runCli(['levels', '--json']);
    expect(JSON.parse(stdout).dir).toBe('levels');
  });

  test('the built binary finds the shipped levels/ from any working directory', async () => {
    const { stdout } = await spawnCli(['levels', '--json'], { cwd: temp });
    expect(JSON.parse(stdout).dir).toBe(join(repoRoot, 'levels'));
  });

  test('the built binary lists a pack given with --pack, relative to the working directory', async () => {
    const { code, stdout } = await spawnCli(['levels', '--pack', PACK]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Fixture shop: 8 levels in 1 chapter');
  });
});
