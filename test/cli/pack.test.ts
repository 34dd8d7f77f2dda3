/**
 * `kubequest pack validate DIR`: a pack's levels proven fair before players
 * see them; each broken fixture pack fails for its own reason.
 */
import { describe, expect, test } from 'vitest';
import { runCli, spawnCli } from '../helpers/run-cli.js';

describe('kubequest pack validate', () => {
  test('a valid pack: a summary, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['pack', 'validate', 'test/fixtures/levels']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('✓ 8 levels in 1 chapter: the pack is valid\n');
  });

  test.each([
    ['unsolvable', 'UNFAIR_LEVEL', 'test/fixtures/packs/unsolvable/01-shop/open-the-shop.yaml'],
    ['starter-passes', 'UNFAIR_LEVEL', 'test/fixtures/packs/starter-passes/01-shop/open-the-shop.yaml'],
    ['duplicate-id', 'DUPLICATE_LEVEL_ID', 'test/fixtures/packs/duplicate-id/02-more/open-the-shop.yaml'],
  ])('%s - %s in %s, exit 2', async (pack, problemCode, file) => {
    const json = await runCli(['pack', 'validate', `test/fixtures/packs/${pack}`, '--json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ valid: false, problems: [{ code: problemCode, file, severity: 'error' }] });
    expect(report.problems).toHaveLength(1);

    const text = await runCli(['pack', 'validate', `test/fixtures/packs/${pack}`]);
    expect(text.code).toBe(2);
    const { line, col } = report.problems[0];
    expect(text.stdout.startsWith(`${file}:${line}:${col}: `)).toBe(true);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 problem in 1 file \(\d levels? checked\)$/);
  });

  test('the unsolvable pack says which goal the reference solution fails', async () => {
    const { stdout } = await runCli(['pack', 'validate', 'test/fixtures/packs/unsolvable']);
    expect(stdout).toContain('http://web.shop/ reaches exactly the web pods');
  });

  test.each([
    ['no subcommand', ['pack']],
    ['an unknown subcommand', ['pack', 'check', 'levels']],
    ['no folder', ['pack', 'validate']],
    ['two folders', ['pack', 'validate', 'a', 'b']],
  ])('%s is a usage error (exit 2)', async (_name, args) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubequest: .*pack validate DIR/);
  });

  test('a folder without index.yaml is not a pack (exit 2)', async () => {
    const { code, stdout } = await runCli(['pack', 'validate', 'test/fixtures/manifests', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ valid: false, levels: 0, problems: [{ code: 'MISSING_FILE' }] });
  });

  test('the built binary: a valid pack exits 0, an unsolvable one 2', async () => {
    expect((await spawnCli(['pack', 'validate', 'test/fixtures/levels'])).code).toBe(0);
    const broken = await spawnCli(['pack', 'validate', 'test/fixtures/packs/unsolvable']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^test\/fixtures\/packs\/unsolvable\/01-shop\/open-the-shop\.yaml:\d+:\d+: /);
  });
});
