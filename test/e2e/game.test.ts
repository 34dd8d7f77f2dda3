import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KEYS, newHome, startGame, type Game } from '../helpers/pty.js';

/**
 * The built game in a pseudo-terminal, played as a person would: keys in,
 * screen out. Uses the fixture pack so the test does not follow campaign edits.
 */
const PACK = ['--pack', 'test/fixtures/levels'];
let game: Game | undefined;

afterEach(() => {
  game?.kill();
  game = undefined;
});

async function openFirstLevel(g: Game): Promise<void> {
  await g.waitFor('Campaign');
  await g.type(KEYS.enter);
  await g.waitFor('Open the shop');
  await g.type(KEYS.enter);
  await g.waitForLevel();
}

describe('the game in a terminal', () => {
  test('play a level: edit, check, pass; progress and draft survive a restart', async () => {
    const home = newHome();
    game = startGame(PACK, { home });
    await openFirstLevel(game);

    // A wrong answer first: the starter's Service sends port 80 to port 80.
    await game.type('c');
    const failing = await game.waitFor('✗ shop/client');
    expect(failing).toMatch(/got refused/);

    // Fix it in the built-in editor: add targetPort under the port.
    await game.type(KEYS.enter);
    await game.waitFor('stop editing');
    for (let i = 0; i < 9; i++) await game.type(KEYS.down);
    await game.type(KEYS.end);
    await game.type(KEYS.enter);
    await game.type('targetPort: http');
    await game.type(KEYS.ctrlR);
    await game.waitFor('✓ Level passed');

    const draft = readFileSync(join(home, 'kubequest', 'drafts', 'passes.yaml'), 'utf8');
    expect(draft).toMatch(/- port: 80\n\s+targetPort: http/);

    await game.type(KEYS.escape);
    await game.waitFor('✓ ★★★  Open the shop');
    await game.type(KEYS.escape);
    await game.waitFor('Campaign');
    await game.type('q');
    expect(await game.exited()).toBe(0);

    // Start again: the level is done and Continue resumes it with the draft.
    game = startGame(PACK, { home });
    await game.waitFor('Continue: Open the shop');
    expect(game.screen()).toContain('1 of 8 levels done');
    await game.type(KEYS.enter);
    await game.waitForLevel();
    await game.type(KEYS.enter);
    expect(await game.waitFor('targetPort: http')).toContain('targetPort: http');
  });

  test('a window too small asks for more room, and resizing brings the game back', async () => {
    game = startGame(PACK, { columns: 60, rows: 20 });
    await game.waitFor('at least 80×24');
    game.resize(100, 30);
    await game.waitFor('Campaign');
  });

  test('Ctrl-C leaves the terminal as it found it', async () => {
    game = startGame(PACK);
    await game.waitFor('Campaign');
    game.pty.write(KEYS.ctrlC);
    expect(await game.exited()).toBe(0);
    // The cursor Ink hid while the game ran is shown again.
    const raw = game.raw();
    expect(raw.lastIndexOf('\u001b[?25h')).toBeGreaterThan(raw.lastIndexOf('\u001b[?25l'));
  });
});
