/**
 * `kubequest challenge` in a terminal, with the game replaced by a script
 * (the UI is tested on its own): the game gets the workspace as its drafts
 * and the deadline; hints it records cost points; what the files hold at
 * the deadline is what counts; the result re-grades as verified.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { GameOptions } from '../../src/cli/commands/play.js';
import { runCli } from '../helpers/run-cli.js';

const game = vi.hoisted(() => ({ script: async (_options: GameOptions): Promise<void> => undefined, seen: [] as GameOptions[] }));
vi.mock('../../src/cli/commands/play.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/commands/play.js')>()),
  startGame: async (_io: unknown, options: GameOptions) => {
    game.seen.push(options);
    await game.script(options);
  },
}));

const SOLUTION = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: http\n';

let root: string;
const env = () => ({ KUBEQUEST_HOME: join(root, 'home') });
const tty = (args: readonly string[]) => runCli(args, { cwd: root, env: env(), isTTY: true });

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kubequest-challenge-'));
  game.seen = [];
  expect((await runCli(['pack', 'new', 'pack'], { cwd: root })).code).toBe(0);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the game edits the workspace under a deadline; hints cost points; the result verifies', async () => {
  game.script = async ({ drafts, store }) => {
    drafts.write('open-the-shop', SOLUTION);
    store.record('open-the-shop', { type: 'opened' });
    store.record('open-the-shop', { type: 'hint', revealed: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    store.record('open-the-shop', { type: 'time', ms: 20 });
  };
  const before = Date.now();
  const { code, stdout, stderr } = await tty(['challenge', '--pack', 'pack', '--minutes', '10', '--workspace', 'run', '--out', 'result.json']);
  expect(stderr).toBe('Your answers are kept in run\n');
  expect(code).toBe(0);
  expect(stdout).toContain('Challenge result written to result.json: score 3 (after 1 hint)');
  const deadline = game.seen[0]!.deadline!;
  expect(deadline).toBeGreaterThanOrEqual(before + 10 * 60_000);
  expect(deadline).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
  expect(game.seen[0]!.drafts.pathOf('open-the-shop')).toBe(join(root, 'run/01-first-steps/open-the-shop.yaml'));
  expect(readFileSync(join(root, 'run/01-first-steps/open-the-shop.yaml'), 'utf8')).toBe(SOLUTION);

  const result = JSON.parse(readFileSync(join(root, 'result.json'), 'utf8'));
  expect(result).toMatchObject({ minutes: 10, score: 3, levels: [{ id: 'open-the-shop', solution: SOLUTION, passed: true, score: 3, hintsUsed: 1, timeMs: 20 }] });
  const checked = await runCli(['check', '--result', 'result.json', '--pack', 'pack'], { cwd: root });
  expect(checked.stdout).toContain('Verified');
  expect(checked.code).toBe(0);
});

test('what the files hold at the deadline counts, not what is written after it', async () => {
  game.script = async ({ drafts }) => {
    drafts.write('open-the-shop', SOLUTION);
    await new Promise((resolve) => setTimeout(resolve, 400));
    drafts.write('open-the-shop', 'too late\n');
  };
  const { code } = await tty(['challenge', '--pack', 'pack', '--minutes', '0.002', '--workspace', 'run', '--out', 'result.json']);
  expect(code).toBe(0);
  const result = JSON.parse(readFileSync(join(root, 'result.json'), 'utf8'));
  expect(result.levels[0]).toMatchObject({ solution: SOLUTION, passed: true });
  expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBeLessThanOrEqual(120);
  expect((await runCli(['check', '--result', 'result.json', '--pack', 'pack'], { cwd: root })).code).toBe(0);
});

test('viewing the solution costs all of the level’s points', async () => {
  game.script = async ({ drafts, store }) => {
    store.record('open-the-shop', { type: 'solution-viewed' });
    drafts.write('open-the-shop', SOLUTION);
  };
  expect((await tty(['challenge', '--pack', 'pack', '--workspace', 'run', '--out', 'result.json'])).code).toBe(0);
  const result = JSON.parse(readFileSync(join(root, 'result.json'), 'utf8'));
  expect(result).toMatchObject({ minutes: 30, score: 0, levels: [{ passed: true, score: 0, hintsUsed: 4 }] });
});
