import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lazyPack, loadPack } from '../../src/game/index.js';
import { createMemoryDraftStore, createMemoryProgressStore } from '../../src/store/index.js';
import { App } from '../../src/ui/app.js';
import type { AppServices } from '../../src/ui/services.js';
import { KEY, press, waitFor, waitForFrame } from '../helpers/render.js';

const pack = loadPack(fileURLToPath(new URL('../fixtures/levels', import.meta.url))).pack!;

function setup(extra: Partial<AppServices> = {}) {
  const store = createMemoryProgressStore();
  const drafts = createMemoryDraftStore();
  const services: AppServices = {
    pack: lazyPack(pack),
    store,
    drafts,
    openInEditor: () => ({ ok: true }),
    watchFile: () => () => undefined,
    now: () => 0,
    env: { NO_COLOR: '1' },
    banner: 'KUBEQUEST',
    ...extra,
  };
  // ink-testing-library's stdout is 100 columns; rows default to 24.
  return { instance: render(<App services={services} />), store, drafts };
}

describe('App', () => {
  test('the menu shows the banner, progress and choices', async () => {
    const { instance } = setup();
    const frame = await waitForFrame(instance, 'Campaign');
    expect(frame).toContain('KUBEQUEST');
    expect(frame).toContain(`0 of ${pack.chapters.flatMap((c) => c.levels).length} levels done`);
    for (const item of ['Campaign', 'Sandbox', 'Settings', 'Quit']) expect(frame).toContain(item);
  });

  test("the pack's welcome is wrapped to the width, every line under the one before", async () => {
    const welcome = 'Welcome aboard. You are the new platform engineer at a small online shop. Its cluster runs, but traffic does not always go where it should. Each level is an incident or a task: read the briefing, look at the cluster, write the YAML that fixes it, and check.';
    const { instance } = setup({ pack: { ...lazyPack(pack), summary: { title: 'Shop', welcome, levelCount: 8 } } });
    const frame = await waitForFrame(instance, 'Campaign');
    const lines = frame.split('\n').filter((l) => /[a-z]/.test(l) && welcome.includes(l.trim()));
    expect(lines.map((l) => l.trim()).join(' ')).toBe(welcome);
    for (const line of lines) {
      expect(line).toMatch(/^ \S/);
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  test('the campaign map lists levels with only the first open', async () => {
    const { instance } = setup();
    await waitForFrame(instance, 'Campaign');
    await press(instance, KEY.enter);
    const frame = await waitForFrame(instance, 'The shop');
    expect(frame).toMatch(/▸ +Open the shop/);
    expect(frame).toMatch(/The orders API +\(locked\)/);
  });

  test('settings: unlocking all levels opens them on the map', async () => {
    const { instance, store } = setup();
    await waitForFrame(instance, 'Campaign');
    await press(instance, KEY.down);
    await waitForFrame(instance, '❯ Sandbox');
    await press(instance, KEY.down);
    await waitForFrame(instance, '❯ Settings');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'Unlock all levels: no');
    await press(instance, KEY.down);
    await waitForFrame(instance, '❯ Unlock all levels');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'Unlock all levels: yes');
    expect(store.snapshot().settings.unlockAll).toBe(true);
    await press(instance, KEY.escape);
    await waitForFrame(instance, 'Campaign');
    await press(instance, KEY.enter);
    const frame = await waitForFrame(instance, 'The shop');
    expect(frame).not.toContain('(locked)');
  });

  test('the sandbox keeps its own draft and runs the console on it', async () => {
    const { instance, drafts } = setup();
    await waitForFrame(instance, 'Campaign');
    await press(instance, KEY.down);
    await waitForFrame(instance, '❯ Sandbox');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'Sandbox ·');
    await waitFor(() => (drafts.read('sandbox') ?? '').includes('kind: Deployment'));
    await press(instance, ':');
    await waitForFrame(instance, 'kubectl on this cluster');
    await press(instance, 'kubectl exec client -- curl -sS http://web/', KEY.enter);
    await waitForFrame(instance, /web-[a-z0-9]+-[a-z0-9]+/);
  });
});

describe('App - challenge', () => {
  test('a countdown shows the time left on every screen, and when time is up', async () => {
    let clock = 0;
    const { instance } = setup({ deadline: 12 * 60_000 + 7_000, now: () => clock });
    await waitForFrame(instance, '12:07 left in the challenge');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'The shop');
    expect(instance.lastFrame()).toContain('12:07 left');
    clock = 13 * 60_000;
    await waitForFrame(instance, 'Time is up', 3000);
  });
});
