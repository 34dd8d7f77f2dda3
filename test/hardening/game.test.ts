/**
 * The real game in a pseudo-terminal, treated badly: killed with SIGKILL
 * mid-edit, run twice at once on one home, started on a hand-broken
 * progress file, run without colour, and resized while a level is open.
 * Uses the fixture pack so campaign edits do not move the keys.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KEYS, newHome, startGame, type Game } from '../helpers/pty.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { withFiles } from './helpers.js';

const PACK = ['--pack', 'test/fixtures/levels'];
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;:]*m/u;
let games: Game[] = [];

afterEach(() => {
  for (const g of games) g.kill();
  games = [];
});

function start(home: string, options: { env?: Record<string, string>; columns?: number; rows?: number } = {}): Game {
  const g = startGame(PACK, { home, ...options });
  games.push(g);
  return g;
}

/** From the menu into the level titled `title` in the first chapter, at its brief. */
async function openLevel(g: Game, title: string): Promise<void> {
  const menu = await g.waitFor('Campaign');
  // With progress, the menu starts at "Continue: ..."; the campaign map is the next item.
  if (menu.includes('Continue:')) await g.type(KEYS.down);
  await g.type(KEYS.enter);
  await g.waitFor(/❯\s+[▸·✓]/u);
  // The map starts at the next level to play: go to the top, then down to the title.
  const cursorRow = () => g.screen().split('\n').find((l) => l.includes('❯')) ?? '';
  await g.type(KEYS.pageUp);
  for (let i = 0; i < 12 && !cursorRow().includes(title); i++) {
    const before = cursorRow();
    g.pty.write(KEYS.down);
    for (let t = 0; t < 80 && cursorRow() === before; t++) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await g.type(KEYS.enter);
  await g.waitForLevel();
  expect(g.screen()).toContain(title);
}

async function quit(g: Game): Promise<number> {
  g.pty.write(KEYS.ctrlC);
  return g.exited();
}

/** The environment startGame gives the game, for the CLI to find the same files. */
const envOf = (home: string) => ({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), KUBEQUEST_HOME: join(home, 'kubequest') });

const progressOf = async (home: string): Promise<{ levels: Record<string, { passedAt?: string; checks?: number; attempts?: number }> }> => {
  const r = await runCli(['progress', 'export'], { env: envOf(home) });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { levels: Record<string, { passedAt?: string }> };
};

describe('drafts', () => {
  test('a game killed with SIGKILL mid-edit keeps what was typed; the draft is back on restart', async () => {
    const home = newHome();
    const game = start(home);
    await openLevel(game, 'Open the shop');
    await game.type(KEYS.enter);
    await game.waitFor('stop editing');
    await game.type('# typed-before-the-crash');
    await game.type(KEYS.enter);
    await game.waitFor('# typed-before-the-crash');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    game.pty.kill('SIGKILL');
    await game.exited();

    const draft = readFileSync(join(home, 'kubequest', 'drafts', 'passes.yaml'), 'utf8');
    expect(draft.startsWith('# typed-before-the-crash\napiVersion: v1\n')).toBe(true);

    const again = start(home);
    await again.waitFor('Continue: Open the shop');
    await again.type(KEYS.enter);
    await again.waitForLevel();
    await again.type(KEYS.enter);
    expect(await again.waitFor('# typed-before-the-crash')).toContain('# typed-before-the-crash');
    expect(await quit(again)).toBe(0);
  });
});

describe('two games at once on one home', () => {
  test('each checks a different level, in turns: both exit, and the progress file holds every check of both', async () => {
    const home = newHome();
    // The first level passed already, so the second is open.
    const seed = join(home, 'seed.json');
    writeFileSync(seed, JSON.stringify({ version: 1, levels: { passes: { passedAt: '2025-01-01T00:00:00.000Z', attempts: 1, checks: 1, stars: 1 } } }));
    expect((await runCli(['progress', 'import', seed], { env: envOf(home) })).code).toBe(0);

    const a = start(home);
    const b = start(home);
    await Promise.all([openLevel(a, 'The orders API'), openLevel(b, 'Open the shop')]);
    for (let round = 0; round < 2; round++) {
      await a.type('c');
      await a.waitFor(/[✓✗] /u);
      await b.type('c');
      await b.waitFor(/[✓✗] /u);
    }
    expect(await quit(a)).toBe(0);
    expect(await quit(b)).toBe(0);

    const { levels } = await progressOf(home);
    expect(levels['passes']?.passedAt, JSON.stringify(levels)).toBe('2025-01-01T00:00:00.000Z');
    expect(levels['passes']?.checks, JSON.stringify(levels)).toBe(3);
    expect(levels['fails-probe']?.checks, JSON.stringify(levels)).toBe(2);
  });
});

describe('a hand-broken progress file', () => {
  test.each([
    ['not JSON', '{"version": 1, "levels": {"passes": {"stars": 3,'],
    ['the wrong shape', '{"version": 1, "levels": "all of them", "settings": 42}'],
  ])('%s: the game starts, says where the backup went, and the backup is beside the file', async (_, text) => {
    const home = newHome();
    mkdirSync(join(home, 'kubequest'), { recursive: true });
    writeFileSync(join(home, 'kubequest', 'progress.json'), text);
    const game = start(home);
    const screen = await game.waitFor('Campaign');
    const flat = screen.replace(/\s+/gu, ' ');
    expect(flat).toMatch(/progress file was damaged; it was kept as .*progress\.json\.corrupt-/u);
    const backups = readdirSync(join(home, 'kubequest')).filter((f) => /^progress\.json\.corrupt-.+\.json$/u.test(f));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(home, 'kubequest', backups[0]!), 'utf8')).toBe(text);
    expect(await quit(game)).toBe(0);
    // The fresh file is valid: the CLI reads it.
    expect((await progressOf(home)).levels).toEqual({});
  });
});

describe('terminals', () => {
  async function noColourOnScreens(env: Record<string, string>): Promise<void> {
    const game = start(newHome(), { env });
    await openLevel(game, 'Open the shop');
    await game.type('c');
    await game.waitFor('✗ shop/client');
    const raw = game.raw();
    const sgr = SGR.exec(raw);
    expect(sgr, sgr ? JSON.stringify(raw.slice(Math.max(0, sgr.index - 40), sgr.index + 20)) : '').toBeNull();
    expect(await quit(game)).toBe(0);
  }

  test('TERM=dumb: no colour escape sequences on the menu, the map or a level', () => noColourOnScreens({ TERM: 'dumb' }));

  test('NO_COLOR=1: no colour escape sequences on the menu, the map or a level', () => noColourOnScreens({ NO_COLOR: '1' }));

  test('with colour allowed, the same screens do use colour (the check above can fail)', async () => {
    const game = start(newHome());
    await game.waitFor('Campaign');
    expect(game.raw()).toMatch(SGR);
  });

  test.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }],
    ['TERM=dumb', { TERM: 'dumb' }],
  ])('%s: CLI output has no colour either', async (_, env) => {
    for (const args of [
      ['check', 'fails-probe', 'test/fixtures/levels/submissions/fails-probe.yaml', ...PACK],
      ['validate', 'test/fixtures/nasty/control-chars.yaml'],
      ['trace', '-f', 'test/fixtures/trace/shop.yaml', '--from', 'shop/client', '--to', 'http://web.shop/'],
      ['levels', ...PACK],
    ]) {
      const r = await runCli(args, { env, isTTY: true });
      expect(r.stdout + r.stderr, args.join(' ')).not.toMatch(SGR);
    }
  });

  test('a very small window gets the polite message', async () => {
    const game = start(newHome(), { columns: 40, rows: 10 });
    const screen = (await game.waitFor(/please make it larger/u)).replace(/\s+/gu, ' ');
    expect(screen).toContain('at least 80×24');
    expect(screen).not.toContain('Campaign');
  });

  test('resizing while a level is open never garbles: the title and the footer once each', async () => {
    const game = start(newHome());
    await openLevel(game, 'Open the shop');
    const footerOf = (screen: string) => screen.split('\n').filter((l) => l.trim() !== '').at(-1)!.trim();
    const footer = footerOf(game.screen());
    for (const [c, r] of [[120, 40], [81, 25], [100, 30], [90, 28], [130, 35], [100, 30]] as const) {
      game.resize(c, r);
      await game.type('');
    }
    const screen = await game.waitForLevel();
    const count = (text: string) => screen.split(text).length - 1;
    expect(count('Open the shop'), screen).toBe(1);
    expect(count(footer), screen).toBe(1);
    expect(footerOf(screen)).toBe(footer);
    // Shrinking below the minimum and back restores the level, not a mix of both.
    game.resize(60, 20);
    await game.waitFor('at least 80×24');
    game.resize(100, 30);
    const back = await game.waitForLevel();
    expect(back).not.toContain('at least 80×24');
    expect(back.split('Open the shop').length - 1, back).toBe(1);
  });
});


describe('text from a pack never reaches the terminal raw', () => {
  // A pack titled "Evil \e]0;pwned\a pack" must not set the terminal's window title (or anything else).
  test('a pack and a level titled with escape sequences: menu, map and level show them escaped', async () => {
    const level = readFileSync(join(repoRoot, 'test/fixtures/levels/01-shop/passes.yaml'), 'utf8').replace('title: Open the shop', 'title: "Open \\e]0;pwned\\a the shop"');
    const index = 'format_version: 1\ntitle: "Evil \\e]0;pwned\\a pack"\nchapters:\n  - {id: one, title: "One \\e[2J", folder: one, levels: [passes]}\n';
    await withFiles({ 'pack/index.yaml': index, 'pack/one/passes.yaml': level }, async (root) => {
      const game = startGame(['--pack', join(root, 'pack')], { home: newHome() });
      games.push(game);
      await game.waitFor('Campaign');
      await game.type(KEYS.enter);
      await game.waitFor('Evil');
      await game.type(KEYS.enter);
      await game.waitForLevel();
      expect(game.screen()).toContain('Open \\x1b]0;pwned\\x07 the shop');
      expect(game.raw()).not.toContain('\u001b]0;pwned');
      expect(game.raw()).not.toContain('One \u001b[2J');
    });
  });
});
