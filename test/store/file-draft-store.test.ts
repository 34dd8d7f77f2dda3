import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFileDraftStore, createMemoryDraftStore, dataDir } from '../../src/store/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-drafts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createFileDraftStore', () => {
  test('.write() then .read() - one file per level, created on first write', () => {
    const drafts = createFileDraftStore(join(dir, 'drafts'));
    expect(drafts.read('pod-to-pod')).toBeUndefined();
    drafts.write('pod-to-pod', 'kind: Service\n');
    drafts.write('pod-to-pod', 'kind: NetworkPolicy\n');
    expect(drafts.pathOf('pod-to-pod')).toBe(join(dir, 'drafts', 'pod-to-pod.yaml'));
    expect(drafts.read('pod-to-pod')).toBe('kind: NetworkPolicy\n');
    expect(readdirSync(join(dir, 'drafts'))).toEqual(['pod-to-pod.yaml']);
  });

  test('a temp file left by a crash never replaces the draft', () => {
    const drafts = createFileDraftStore(dir);
    drafts.write('pod-to-pod', 'complete: true\n');
    // What a SIGKILL between write and rename leaves behind:
    writeFileSync(join(dir, '.pod-to-pod.yaml.0123456789ab.tmp'), 'half a wri');
    expect(drafts.read('pod-to-pod')).toBe('complete: true\n');
    drafts.write('pod-to-pod', 'next: true\n');
    expect(drafts.read('pod-to-pod')).toBe('next: true\n');
    expect(existsSync(join(dir, '.pod-to-pod.yaml.0123456789ab.tmp'))).toBe(true);
  });

  test('a failed write throws and leaves no temp file behind', () => {
    const drafts = createFileDraftStore(dir);
    // The draft's name is taken by a folder that is not empty: the rename fails.
    mkdirSync(join(dir, 'pod-to-pod.yaml'));
    writeFileSync(join(dir, 'pod-to-pod.yaml', 'x'), '');
    expect(() => drafts.write('pod-to-pod', 'x: 1\n')).toThrow();
    expect(readdirSync(dir)).toEqual(['pod-to-pod.yaml']);
  });

  test.each(['../escape', '/etc/passwd', 'a/b', 'Pod-To-Pod', '', '..', 'a--b', 'x.yaml'])('level id %j is refused, never used as a path', (id) => {
    const drafts = createFileDraftStore(dir);
    expect(() => drafts.write(id, 'x')).toThrow(TypeError);
    expect(() => drafts.read(id)).toThrow(TypeError);
    expect(() => drafts.pathOf(id)).toThrow(TypeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('createMemoryDraftStore', () => {
  test('.write() then .read() - kept in memory, ids checked the same way', () => {
    const drafts = createMemoryDraftStore({ 'pod-to-pod': 'a: 1\n' });
    expect(drafts.read('pod-to-pod')).toBe('a: 1\n');
    drafts.write('dns-search', 'b: 2\n');
    expect(drafts.read('dns-search')).toBe('b: 2\n');
    expect(() => drafts.write('../x', '')).toThrow(TypeError);
  });
});

describe('dataDir', () => {
  test.each([
    { env: { KUBEQUEST_HOME: '/k', XDG_DATA_HOME: '/x' }, platform: 'linux', want: '/k/drafts' },
    { env: { XDG_DATA_HOME: '/x' }, platform: 'linux', want: '/x/kubequest/drafts' },
    { env: {}, platform: 'linux', want: '/home/p/.local/share/kubequest/drafts' },
    { env: {}, platform: 'darwin', want: '/home/p/Library/Application Support/kubequest/drafts' },
    { env: { LOCALAPPDATA: '/L' }, platform: 'win32', want: '/L/kubequest/Data/drafts' },
  ] as const)('dataDir - $platform with $env', ({ env, platform, want }) => {
    expect(dataDir({ env, platform, home: '/home/p' })).toBe(want);
  });

  test('dataDir - a profile has its own drafts, and its name is checked', () => {
    expect(dataDir({ env: { KUBEQUEST_HOME: '/k' }, profile: 'alice' })).toBe('/k/drafts-alice');
    expect(() => dataDir({ env: { KUBEQUEST_HOME: '/k' }, profile: '../x' })).toThrow(/profile/);
  });
});
