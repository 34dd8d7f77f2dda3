import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findLevel, lazyPack, loadPack, type Level } from '../../src/game/index.js';
import { createMemoryDraftStore, createMemoryProgressStore } from '../../src/store/index.js';
import { LevelScreen } from '../../src/ui/screens/level-screen.js';
import type { AppServices } from '../../src/ui/services.js';
import { themeFor } from '../../src/ui/theme.js';
import { KEY, press, waitFor, waitForFrame } from '../helpers/render.js';

const pack = loadPack(fileURLToPath(new URL('../fixtures/levels', import.meta.url))).pack!;
const passes = findLevel(pack, 'passes')!;

function setup(level: Level, draft?: string, overrides: Partial<AppServices> = {}, lesson = '', first = false) {
  const store = createMemoryProgressStore();
  const drafts = createMemoryDraftStore(draft === undefined ? {} : { [level.id]: draft });
  const services: AppServices = {
    pack: lazyPack(pack),
    store,
    drafts,
    openInEditor: () => ({ ok: true }),
    watchFile: () => () => undefined,
    ...overrides,
    now: () => 0,
    env: { NO_COLOR: '1' },
    banner: 'kubequest',
  };
  const instance = render(
    <LevelScreen level={level} services={services} theme={themeFor('dark', { NO_COLOR: '1' })} columns={100} rows={40} progress={undefined} hasNext lesson={lesson} firstInChapter={first} onBack={() => undefined} onNext={() => undefined} />,
  );
  return { instance, store, drafts };
}

describe('LevelScreen', () => {
  test('shows the briefing, the goals unchecked, and the cluster', async () => {
    const { instance } = setup(passes);
    const frame = await waitForFrame(instance, 'Goals');
    expect(frame).toContain(passes.title);
    for (const goal of passes.goals) expect(frame).toContain(`· ${goal.title}`);
    expect(frame).toMatch(/node-1 10\.0\.0\.11/);
  });

  test('check on the starter marks failing goals and says why, with expected and actual', async () => {
    const { instance } = setup(passes);
    await waitForFrame(instance, 'Goals');
    await press(instance, 'c');
    const frame = await waitForFrame(instance, '✗');
    expect(frame).toMatch(/expected /);
    expect(frame).toMatch(/got /);
  });

  test('typing in the editor saves the draft, and a right answer passes with the debrief', async () => {
    const { instance, drafts, store } = setup(passes, '');
    await waitForFrame(instance, 'Goals');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'stop editing');
    await press(instance, passes.solution);
    await waitFor(() => drafts.read(passes.id) === passes.solution);
    await press(instance, KEY.ctrlR);
    const frame = await waitForFrame(instance, '✓ Level passed');
    expect(frame).toContain(passes.debrief.trim().split('\n')[0]!.slice(0, 30));
    expect(store.get(passes.id)?.passedAt).toBeDefined();
  });

  test('keys typed right after Enter already reach the editor', async () => {
    const { instance, drafts } = setup(passes, 'ab');
    await waitForFrame(instance, 'Goals');
    instance.stdin.write(`${KEY.enter}${KEY.end}c`);
    await waitForFrame(instance, 'stop editing');
    await waitFor(() => drafts.read(passes.id) === 'abc');
  });

  test('h reveals hints in order, and s asks before showing the solution', async () => {
    const { instance, store } = setup(passes);
    await waitForFrame(instance, 'Goals');
    await press(instance, 'h');
    await waitForFrame(instance, 'hint 1:');
    await press(instance, 's');
    await waitForFrame(instance, 'See the solution?');
    expect(store.get(passes.id)?.solutionViewed).toBeFalsy();
    await press(instance, 'y');
    await waitForFrame(instance, 'Solution');
    expect(store.get(passes.id)?.solutionViewed).toBe(true);
  });
});

describe('LevelScreen - pasting', () => {
  test('a bracketed paste keeps the YAML as pasted, without auto-indent', async () => {
    const { instance, drafts } = setup(passes, '');
    await waitForFrame(instance, 'Goals');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'stop editing');
    const yaml = 'spec:\r  ports:\r  - port: 80\r    targetPort: http';
    await press(instance, '\u001b[200~', yaml, '\u001b[201~');
    await waitFor(() => drafts.read(passes.id) === 'spec:\n  ports:\n  - port: 80\n    targetPort: http');
  });

  test('a paste the terminal sends without markers arrives as one chunk and keeps its lines too', async () => {
    const { instance, drafts } = setup(passes, '');
    await waitForFrame(instance, 'Goals');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'stop editing');
    await press(instance, 'a:\r  b: 1');
    await waitFor(() => drafts.read(passes.id) === 'a:\n  b: 1');
  });
});

describe('LevelScreen - editing outside the game', () => {
  test('e hands the draft to the editor and checks what comes back', async () => {
    const drafts = createMemoryDraftStore({ [passes.id]: passes.starter });
    const { instance } = setup(passes, undefined, {
      drafts,
      openInEditor: () => {
        drafts.write(passes.id, passes.solution);
        return { ok: true };
      },
    });
    await waitForFrame(instance, 'Goals');
    await press(instance, 'e');
    await waitForFrame(instance, '✓ Level passed');
  });

  test('a draft changed on disk by another editor is reloaded and checked', async () => {
    let changed: (() => void) | undefined;
    const drafts = createMemoryDraftStore({ [passes.id]: passes.starter });
    const { instance } = setup(passes, undefined, {
      drafts,
      watchFile: (_path, onChange) => {
        changed = onChange;
        return () => undefined;
      },
    });
    await waitForFrame(instance, 'Goals');
    drafts.write(passes.id, passes.solution);
    changed!();
    await waitForFrame(instance, '✓ Level passed');
  });

  test('an editor that fails to start says so, and the draft is untouched', async () => {
    const { instance, drafts } = setup(passes, 'kind: Service', { openInEditor: () => ({ ok: false, error: 'nano not found' }) });
    await waitForFrame(instance, 'Goals');
    await press(instance, 'e');
    await waitForFrame(instance, 'nano not found');
    expect(drafts.read(passes.id)).toBe('kind: Service');
  });
});

describe('LevelScreen - the chapter lesson', () => {
  const lesson = '# Services\n\nA Service gives pods one name.\n\n    apiVersion: v1\n    kind: Service';

  test('comes before the first level of a chapter, keeping its YAML as written; Enter goes on', async () => {
    const { instance } = setup(passes, undefined, {}, lesson, true);
    const frame = await waitForFrame(instance, 'A Service gives pods one name.');
    expect(frame).toContain('    apiVersion: v1');
    await press(instance, KEY.enter);
    await waitForFrame(instance, 'Goals');
  });

  test('is one key away from any level of the chapter', async () => {
    const { instance } = setup(passes, undefined, {}, lesson, false);
    await waitForFrame(instance, 'Goals');
    await press(instance, 'l');
    await waitForFrame(instance, 'A Service gives pods one name.');
  });
});

describe('LevelScreen - console', () => {
  test('the console explores the cluster as the draft makes it', async () => {
    const { instance } = setup(passes, passes.solution);
    await waitForFrame(instance, 'Goals');
    await press(instance, ':');
    await waitForFrame(instance, 'kubectl on this cluster');
    await press(instance, 'kubectl get svc -n shop', KEY.enter);
    expect(await waitForFrame(instance, 'CLUSTER-IP')).toMatch(/^web\s+ClusterIP/m);
  });

  test('without the draft\'s Service, the console has none', async () => {
    const { instance } = setup(passes, '');
    await waitForFrame(instance, 'Goals');
    await press(instance, ':');
    await waitForFrame(instance, 'kubectl on this cluster');
    await press(instance, 'kubectl get svc -n shop', KEY.enter);
    await waitForFrame(instance, 'No resources found in shop namespace.');
  });
});
