import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createConfProgressStore,
  createMemoryProgressStore,
  deferProgressStore,
  emptySnapshot,
  progressFilePath,
  readProgressQuickly,
  type ProgressStore,
} from '../../src/store/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-quick-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2025-03-01T10:00:00.000Z');
const file = () => progressFilePath({ cwd: dir });

function play(store: ProgressStore): void {
  store.record('pod-to-pod', { type: 'opened' });
  store.record('pod-to-pod', { type: 'hint', revealed: 1 });
  store.record('pod-to-pod', { type: 'checked', passed: true, score: 3 });
  store.record('service-basics', { type: 'opened' });
  store.record('service-basics', { type: 'solution-viewed' });
  store.setCurrent('service-basics');
  store.updateSettings({ theme: 'light', editorCommand: 'nano' });
}

/** The file as conf last wrote it, changed by `edit`. */
function rewrite(edit: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(file(), 'utf8'));
  edit(json);
  writeFileSync(file(), JSON.stringify(json));
}

describe('readProgressQuickly', () => {
  test('no file: a fresh start, as the conf store sees it', () => {
    expect(readProgressQuickly(file())).toEqual(emptySnapshot());
    expect(readProgressQuickly(file())).toEqual(createConfProgressStore({ cwd: dir }).snapshot());
  });

  test('a file the conf store wrote: the snapshot the conf store reads', () => {
    play(createConfProgressStore({ cwd: dir, now }));
    expect(readProgressQuickly(file())).toEqual(createConfProgressStore({ cwd: dir }).snapshot());
    expect(readProgressQuickly(file())?.current).toBe('service-basics');
  });

  test('a level without the per-run counter reads as conf reads it', () => {
    play(createConfProgressStore({ cwd: dir, now }));
    rewrite((json) => delete json['levels']['pod-to-pod']['runHints']);
    expect(readProgressQuickly(file())).toEqual(createConfProgressStore({ cwd: dir }).snapshot());
  });

  test.each<[string, (json: Record<string, any>) => void]>([
    ['a file from before migrations', (json) => delete json['__internal__']],
    ['an unknown field', (json) => (json['extra'] = true)],
    ['a level missing a counter', (json) => delete json['levels']['pod-to-pod']['checks']],
    ['a negative counter', (json) => (json['levels']['pod-to-pod']['attempts'] = -1)],
    ['four stars', (json) => (json['levels']['pod-to-pod']['stars'] = 4)],
    ['a date that is not ISO', (json) => (json['levels']['pod-to-pod']['passedAt'] = '1 March 2025')],
    ['a bad level id', (json) => (json['levels']['Pod To Pod'] = json['levels']['pod-to-pod'])],
    ['current: null', (json) => (json['current'] = null)],
    ['settings missing a field', (json) => delete json['settings']['theme']],
    ['an unknown theme', (json) => (json['settings']['theme'] = 'blue')],
    ['version 2', (json) => (json['version'] = 2)],
  ])('%s: undefined (the conf store decides)', (_, edit) => {
    play(createConfProgressStore({ cwd: dir, now }));
    rewrite(edit);
    expect(readProgressQuickly(file())).toBeUndefined();
  });

  test.each([['not JSON', '{"version": 1,'], ['a list', '[]'], ['a byte order mark', `\uFEFF{}`]])('%s: undefined', (_, text) => {
    writeFileSync(file(), text);
    expect(readProgressQuickly(file())).toBeUndefined();
  });
});

describe('deferProgressStore', () => {
  test('answers from the quick read before it is open, and opens the real store once, when asked or at the first change', async () => {
    const quick = emptySnapshot();
    let opened = 0;
    const real = createMemoryProgressStore({ now });
    const store = deferProgressStore('/somewhere/progress.json', quick, async () => {
      opened++;
      return real;
    });
    expect(store.path).toBe('/somewhere/progress.json');
    expect(store.snapshot()).toEqual(quick);
    expect(store.recovered).toBeUndefined();
    expect(opened).toBe(0);
    store.updateSettings({ theme: 'light' });
    expect(opened).toBe(1);
    expect(store.snapshot().settings.theme).toBe('light');
    await store.open();
    await store.open();
    expect(opened).toBe(1);
    expect(real.snapshot().settings.theme).toBe('light');
    play(store);
    expect(store.snapshot()).toEqual(real.snapshot());
  });

  test('what is done before the real store opens is shown at once and saved to the file once it opens', async () => {
    const profile = { cwd: dir, now };
    const conf = createConfProgressStore(profile);
    conf.record('pod-to-pod', { type: 'opened' });
    const quick = readProgressQuickly(file())!;
    const store = deferProgressStore(file(), quick, async () => createConfProgressStore(profile), now);
    play(store);
    const reference = createMemoryProgressStore({ now, initial: quick });
    play(reference);
    expect(store.snapshot()).toEqual(reference.snapshot());
    expect(store.get('pod-to-pod')?.stars).toBe(2);
    await store.open();
    expect(createConfProgressStore(profile).snapshot()).toEqual(reference.snapshot());
  });

  test('settle() saves what was done before the store opened, and opens nothing when nothing was', async () => {
    let opened = 0;
    const real = createMemoryProgressStore({ now });
    const open = async () => {
      opened++;
      return real;
    };
    await deferProgressStore('p', emptySnapshot(), open).settle();
    expect(opened).toBe(0);
    const store = deferProgressStore('p', emptySnapshot(), open, now);
    store.record('pod-to-pod', { type: 'opened' });
    await store.settle();
    expect(opened).toBe(1);
    expect(real.get('pod-to-pod')?.attempts).toBe(1);
  });

  test('a store that cannot be opened: open() rejects with the reason, and the changes stay in memory', async () => {
    const store = deferProgressStore('p', emptySnapshot(), async () => {
      throw new Error('permission denied');
    });
    store.setCurrent('pod-to-pod');
    expect(store.snapshot().current).toBe('pod-to-pod');
    await expect(store.open()).rejects.toThrow('permission denied');
  });
});
