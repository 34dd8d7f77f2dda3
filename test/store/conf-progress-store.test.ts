import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createConfProgressStore, createMemoryProgressStore, progressFilePath, type ProgressStore } from '../../src/store/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-progress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2025-03-01T10:00:00.000Z');

/** The same script of events, for the conf store and the memory store. */
function playScript(store: ProgressStore): void {
  store.record('pod-to-pod', { type: 'opened' });
  store.record('pod-to-pod', { type: 'hint', revealed: 1 });
  store.record('pod-to-pod', { type: 'checked', passed: false, score: 1 });
  store.record('pod-to-pod', { type: 'opened' });
  store.record('pod-to-pod', { type: 'checked', passed: true, score: 3 });
  store.record('pod-to-pod', { type: 'time', ms: 65_000 });
  store.record('service-basics', { type: 'opened' });
  store.record('service-basics', { type: 'solution-viewed' });
  store.record('service-basics', { type: 'checked', passed: true, score: 2 });
  store.setCurrent('service-basics');
  store.updateSettings({ theme: 'light' });
}

describe('createConfProgressStore', () => {
  test('.record() - the conf store and the memory store follow the same rules', () => {
    const onDisk = createConfProgressStore({ cwd: dir, now });
    const inMemory = createMemoryProgressStore({ now });
    playScript(onDisk);
    playScript(inMemory);
    expect(onDisk.snapshot()).toEqual(inMemory.snapshot());
    expect(onDisk.get('pod-to-pod')).toMatchObject({ stars: 3, attempts: 2, checks: 2, hintsUsed: 1, timeMs: 65_000 });
    expect(onDisk.get('service-basics')?.stars).toBe(2);
  });

  test('progress survives a new store on the same file', () => {
    playScript(createConfProgressStore({ cwd: dir, now }));
    const again = createConfProgressStore({ cwd: dir, now });
    expect(again.snapshot().current).toBe('service-basics');
    expect(again.get('pod-to-pod')?.passedAt).toBe('2025-03-01T10:00:00.000Z');
    expect(again.recovered).toBeUndefined();
  });

  test('the file holds a version and the migration it is at', () => {
    const store = createConfProgressStore({ cwd: dir });
    store.record('pod-to-pod', { type: 'opened' });
    expect(store.path).toBe(join(dir, 'progress.json'));
    const file = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(file.version).toBe(1);
    expect(file.__internal__.migrations.version).toBe('1.0.0');
  });

  test('migration - a file from before versions gains the fields it lacks', () => {
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ levels: { 'pod-to-pod': { passedAt: '2024-05-01T00:00:00.000Z', attempts: 4 } }, current: 'pod-to-pod' }));
    const store = createConfProgressStore({ cwd: dir });
    expect(store.recovered).toBeUndefined();
    expect(store.get('pod-to-pod')).toMatchObject({ passedAt: '2024-05-01T00:00:00.000Z', attempts: 4, checks: 0, stars: 1 });
    expect(JSON.parse(readFileSync(store.path, 'utf8')).version).toBe(1);
  });

  test.each([
    { name: 'broken JSON', text: '{"version": 1, "levels": {' },
    { name: 'an empty file', text: '' },
    { name: 'a hand edit of the wrong type', text: '{"version": 1, "levels": {"pod-to-pod": {"attempts": "three"}}, "settings": {}}' },
    { name: 'a newer version', text: '{"version": 2, "levels": {}, "settings": {}}' },
    { name: 'not an object', text: '[1, 2, 3]' },
  ])('a corrupt file ($name) is kept as a backup and the store starts empty', ({ text }) => {
    const file = join(dir, 'progress.json');
    writeFileSync(file, text);
    const store = createConfProgressStore({ cwd: dir, now });
    expect(store.snapshot().levels).toEqual({});
    const backup = store.recovered?.backupPath;
    expect(backup).toBe(`${file}.corrupt-2025-03-01T10-00-00-000Z.json`);
    expect(readFileSync(backup!, 'utf8')).toBe(text);
    expect(store.recovered?.reason).toMatch(/JSON|shape|object/);
    store.record('pod-to-pod', { type: 'opened' });
    expect(createConfProgressStore({ cwd: dir }).get('pod-to-pod')?.attempts).toBe(1);
  });

  test('a second backup on the same instant does not overwrite the first', () => {
    const file = join(dir, 'progress.json');
    writeFileSync(file, 'first');
    const a = createConfProgressStore({ cwd: dir, now });
    writeFileSync(file, 'second');
    const b = createConfProgressStore({ cwd: dir, now });
    expect(a.recovered?.backupPath).not.toBe(b.recovered?.backupPath);
    expect(readFileSync(a.recovered!.backupPath, 'utf8')).toBe('first');
    expect(readFileSync(b.recovered!.backupPath, 'utf8')).toBe('second');
  });

  test('a file broken while the game runs is backed up, and this game keeps what it knew', () => {
    const store = createConfProgressStore({ cwd: dir, now });
    store.record('pod-to-pod', { type: 'checked', passed: true, score: 3 });
    writeFileSync(store.path, '{oops');
    store.record('service-basics', { type: 'opened' });
    expect(store.recovered).toBeDefined();
    expect(Object.keys(store.snapshot().levels).sort()).toEqual(['pod-to-pod', 'service-basics']);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  test('two stores on one file, writing in turn, lose nothing', () => {
    const a = createConfProgressStore({ cwd: dir, now });
    const b = createConfProgressStore({ cwd: dir, now });
    for (let i = 0; i < 5; i++) {
      a.record('pod-to-pod', { type: 'opened' });
      b.record('pod-to-pod', { type: 'opened' });
      b.record('service-basics', { type: 'time', ms: 1000 });
    }
    a.record('pod-to-pod', { type: 'checked', passed: true, score: 3 });
    b.setCurrent('service-basics');
    a.updateSettings({ unlockAll: true });
    for (const store of [a, b, createConfProgressStore({ cwd: dir })]) {
      const s = store.snapshot();
      expect(s.levels['pod-to-pod']).toMatchObject({ attempts: 10, stars: 3 });
      expect(s.levels['service-basics']?.timeMs).toBe(5000);
      expect(s.current).toBe('service-basics');
      expect(s.settings.unlockAll).toBe(true);
    }
  });

  const built = fileURLToPath(new URL('../../build/store/index.js', import.meta.url));
  test.skipIf(!existsSync(built))('two processes writing at once lose nothing', async () => {
    const script = `
      const { createConfProgressStore } = await import(${JSON.stringify(built)});
      const store = createConfProgressStore({ cwd: process.argv[1] });
      for (let i = 0; i < 100; i++) store.record('pod-to-pod', { type: 'opened' });`;
    const runOne = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: 'inherit' });
        child.on('error', reject);
        child.on('close', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([runOne(), runOne()])).toEqual([0, 0]);
    expect(createConfProgressStore({ cwd: dir }).get('pod-to-pod')?.attempts).toBe(200);
    expect(existsSync(join(dir, 'progress.json.lock'))).toBe(false);
  });

  test('a lock left by a killed game does not block the next one', () => {
    writeFileSync(join(dir, 'progress.json.lock'), '999999999');
    const store = createConfProgressStore({ cwd: dir });
    const started = Date.now();
    store.record('pod-to-pod', { type: 'opened' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(join(dir, 'progress.json.lock'))).toBe(false);
  });

  test('.merge() - never lowers what is done', () => {
    const store = createConfProgressStore({ cwd: dir, now });
    store.record('pod-to-pod', { type: 'opened' });
    store.record('pod-to-pod', { type: 'checked', passed: true, score: 3 });
    store.merge({
      version: 1,
      levels: {
        'pod-to-pod': { attempts: 1, checks: 9, hintsUsed: 0, solutionViewed: false, timeMs: 0, bestScore: 0, stars: 0 },
        'dns-search': { passedAt: '2024-01-01T00:00:00.000Z', attempts: 2, checks: 2, hintsUsed: 1, solutionViewed: false, timeMs: 10, bestScore: 2, stars: 2 },
      },
      settings: { theme: 'dark', editorCommand: '', unlockAll: false },
    });
    expect(store.get('pod-to-pod')).toMatchObject({ stars: 3, checks: 9, passedAt: '2025-03-01T10:00:00.000Z' });
    expect(store.get('dns-search')?.stars).toBe(2);
  });

  test('.reset() - forgets progress, keeps settings', () => {
    const store = createConfProgressStore({ cwd: dir });
    playScript(store);
    store.reset();
    expect(store.snapshot()).toEqual({ version: 1, levels: {}, settings: { theme: 'light', editorCommand: '', unlockAll: false } });
  });

  test('profiles - one file each', () => {
    const alice = createConfProgressStore({ cwd: dir, profile: 'alice' });
    const bob = createConfProgressStore({ cwd: dir, profile: 'bob' });
    alice.record('pod-to-pod', { type: 'opened' });
    expect(alice.path).toBe(join(dir, 'progress-alice.json'));
    expect(bob.get('pod-to-pod')).toBeUndefined();
    expect(() => createConfProgressStore({ cwd: dir, profile: '../evil' })).toThrow(/profile/);
  });

  test('the default folder comes from the environment passed in', () => {
    expect(progressFilePath({ env: { XDG_CONFIG_HOME: dir } })).toBe(join(dir, 'kubequest', 'progress.json'));
    expect(progressFilePath({ env: { XDG_CONFIG_HOME: '/elsewhere', KUBEQUEST_HOME: dir }, profile: 'p1' })).toBe(join(dir, 'progress-p1.json'));
    const store = createConfProgressStore({ env: { KUBEQUEST_HOME: dir } });
    store.record('pod-to-pod', { type: 'opened' });
    expect(existsSync(join(dir, 'progress.json'))).toBe(true);
  });

  test('.record() - refuses an id that is not kebab-case', () => {
    const store = createConfProgressStore({ cwd: dir });
    expect(() => store.record('../x', { type: 'opened' })).toThrow(TypeError);
  });
});
