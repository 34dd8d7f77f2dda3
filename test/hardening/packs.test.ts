/**
 * Packs come from strangers: they are data only. No file reference leaves
 * the pack's folder (`..`, absolute paths, symlinks), files and level counts
 * are limited, YAML tags are never evaluated, and each refusal is a clear
 * error naming the file, through the loader and through the CLI.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPack } from '../../src/game/index.js';
import { MAX_LEVEL_FILE_BYTES, MAX_PACK_LEVELS } from '../../src/game/pack-index.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { rawControlIn, withFiles } from './helpers.js';

const LEVEL = readFileSync(join(repoRoot, 'test/fixtures/levels/01-shop/passes.yaml'), 'utf8');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-PACK';

const index = (folder: string, levels: readonly string[]): string =>
  `format_version: 1\ntitle: Stranger's pack\nchapters:\n  - id: one\n    title: One\n    folder: ${folder}\n    levels: [${levels.map((l) => JSON.stringify(l)).join(', ')}]\n`;

/** A pack folder `pack/` beside an `outside/` folder holding a valid level and a secret. */
async function withPack<T>(files: Record<string, string>, run: (packDir: string, root: string) => Promise<T> | T): Promise<T> {
  return withFiles({ 'outside/passes.yaml': LEVEL, 'outside/secret.yaml': `secret: ${SECRET}\n`, ...files }, (root) => run(join(root, 'pack'), root));
}

function messages(dir: string): string[] {
  return loadPack(dir).problems.map((p) => `${p.code} ${p.file}: ${p.message}`);
}

async function levelsCli(dir: string): Promise<{ code: number; out: string }> {
  const r = await runCli(['levels', '--pack', dir]);
  return { code: r.code, out: r.stdout + r.stderr };
}

describe('no file reference leaves the pack', () => {
  test.each([
    ['a chapter folder with ..', index('../outside', ['passes'])],
    ['a level id with ..', index('01', ['../../outside/passes'])],
    ['an absolute chapter folder', index('/etc', ['passwd'])],
    ['an absolute level id', index('01', ['/etc/passwd'])],
    ['a backslash path', index('01', ['..\\\\outside\\\\passes'])],
  ])('%s is refused, naming the file', async (_, text) => {
    await withPack({ 'pack/index.yaml': text, 'pack/01/README.md': '# one\n' }, async (dir) => {
      const problems = messages(dir);
      // The problem names index.yaml, where the reference is, with its line; never the file it points at.
      expect(problems.join('\n')).toMatch(/^INVALID_NAME \S*\/pack\/index\.yaml: ".*" is not a plain file name inside the pack \(no "\.\.", no absolute paths\)/u);
      expect(loadPack(dir).problems.every((p) => p.file === join(dir, 'index.yaml') && p.line === 4)).toBe(true);
      const cli = await levelsCli(dir);
      expect(cli.code).toBe(2);
      expect(cli.out).toContain('is not a plain file name inside the pack');
      expect(cli.out).not.toContain(SECRET);
      expect(cli.out).not.toMatch(/\n\s+at /u);
    });
  });

  test('a level file that is a symlink out of the pack is refused, naming it', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']) }, async (dir, root) => {
      mkdirSync(join(dir, '01'));
      symlinkSync(join(root, 'outside/passes.yaml'), join(dir, '01/passes.yaml'));
      expect(messages(dir)).toEqual([`INVALID_NAME ${join(dir, '01/passes.yaml')}: ${join(dir, '01/passes.yaml')} leads outside the pack (a symlink to ../outside/passes.yaml); packs may only use their own files`]);
      const cli = await levelsCli(dir);
      expect(cli.code).toBe(2);
      expect(cli.out).toContain('leads outside the pack');
    });
  });

  test('a chapter folder that is a symlink out of the pack is refused', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']) }, async (dir, root) => {
      symlinkSync(join(root, 'outside'), join(dir, '01'));
      expect(messages(dir).join('\n')).toContain('leads outside the pack (a symlink to ../outside/passes.yaml)');
    });
  });

  test('index.yaml as a symlink out of the pack is refused', async () => {
    await withPack({ 'outside/index.yaml': index('01', ['passes']) }, async (dir, root) => {
      mkdirSync(dir);
      symlinkSync(join(root, 'outside/index.yaml'), join(dir, 'index.yaml'));
      expect(messages(dir).join('\n')).toContain(`${join(dir, 'index.yaml')} leads outside the pack`);
      expect((await levelsCli(dir)).code).toBe(2);
    });
  });

  test('a README.md lesson that is a symlink to a secret is not read', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': LEVEL }, async (dir, root) => {
      symlinkSync(join(root, 'outside/secret.yaml'), join(dir, '01/README.md'));
      const loaded = loadPack(dir);
      expect(JSON.stringify(loaded.pack)).not.toContain(SECRET);
      expect(loaded.problems.map((p) => p.message).join('\n')).toContain('leads outside the pack');
    });
  });

  test('a symlink that stays inside the pack is fine', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/shared/passes.yaml': LEVEL }, async (dir) => {
      mkdirSync(join(dir, '01'));
      symlinkSync('../shared/passes.yaml', join(dir, '01/passes.yaml'));
      const loaded = loadPack(dir);
      expect(loaded.problems).toEqual([]);
      expect(loaded.pack?.chapters[0]?.levels.map((l) => l.id)).toEqual(['passes']);
    });
  });
});

describe('limits', () => {
  test(`a level file over ${MAX_LEVEL_FILE_BYTES / 1024} KiB is refused before it is read, naming it`, async () => {
    const big = `${LEVEL}\n# ${'x'.repeat(MAX_LEVEL_FILE_BYTES)}\n`;
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': big }, async (dir) => {
      const file = join(dir, '01/passes.yaml');
      expect(messages(dir)).toEqual([`TOO_LARGE ${file}: ${file} is ${Math.ceil(Buffer.byteLength(big) / 1024)} KiB; files in a pack may be at most ${MAX_LEVEL_FILE_BYTES / 1024} KiB`]);
      const cli = await levelsCli(dir);
      expect(cli.code).toBe(2);
      expect(cli.out).toContain(`files in a pack may be at most ${MAX_LEVEL_FILE_BYTES / 1024} KiB`);
    });
  });

  test(`a pack listing more than ${MAX_PACK_LEVELS} levels is refused before any level is read`, async () => {
    const ids = Array.from({ length: MAX_PACK_LEVELS + 1 }, (_, i) => `level-${i}`);
    await withPack({ 'pack/index.yaml': index('01', ids) }, async (dir) => {
      const started = Date.now();
      expect(messages(dir)).toEqual([`TOO_LARGE ${join(dir, 'index.yaml')}: index.yaml lists ${MAX_PACK_LEVELS + 1} levels; a pack may have at most ${MAX_PACK_LEVELS}, so it was not loaded`]);
      expect(Date.now() - started).toBeLessThan(2000);
      const cli = await levelsCli(dir);
      expect(cli.code).toBe(2);
      expect(cli.out).toContain(`a pack may have at most ${MAX_PACK_LEVELS}`);
    });
  });

  test(`more than ${MAX_PACK_LEVELS} chapters of one level each is refused too`, async () => {
    const chapters = Array.from({ length: MAX_PACK_LEVELS + 1 }, (_, i) => `  - {id: c${i}, title: C, folder: c${i}, levels: [a]}`).join('\n');
    await withPack({ 'pack/index.yaml': `format_version: 1\ntitle: Many\nchapters:\n${chapters}\n` }, (dir) => {
      expect(messages(dir).join('\n')).toContain(`index.yaml lists ${MAX_PACK_LEVELS + 1} levels; a pack may have at most ${MAX_PACK_LEVELS}`);
    });
  });

  test('an alias bomb in a level file is refused, not expanded', async () => {
    let bomb = 'lol: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) bomb += `l${i}: &${String.fromCharCode(97 + i)} [${Array.from({ length: 10 }, () => `*${String.fromCharCode(96 + i)}`).join(', ')}]\n`;
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': LEVEL.replace('debrief: |', `${bomb}debrief: |`) }, async (dir) => {
      const started = Date.now();
      const loaded = loadPack(dir);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(loaded.problems.length).toBeGreaterThan(0);
    });
  });
});

describe('nothing in a pack is executed', () => {
  const marker = '__kubequest_pwned__';
  const evil = [
    `  f: !!js/function "function () { globalThis.${marker} = 1; return 1 }"`,
    `  u: !<tag:yaml.org,2002:js/undefined> ""`,
    `  r: !!js/regexp /(a+)+$/`,
    `  p: !!python/object/apply:os.system ["touch /tmp/${marker}"]`,
  ].join('\n');

  test.each([
    ['in a level field', (level: string) => level.replace('concepts: [Service, selector, targetPort]', `concepts: [Service, selector, targetPort]\nextra:\n${evil}`)],
    ['as the briefing', (level: string) => level.replace(/briefing: \|[\s\S]*?(?=cluster:)/u, `briefing: !!js/function "function () { globalThis.${marker} = 1 }"\n`)],
    ['in the cluster manifests', (level: string) => level.replace('    kind: Namespace\n    metadata:\n      name: shop\n', `    kind: Namespace\n    metadata:\n      name: shop\n      annotations:\n        a: !!js/function "function () { globalThis.${marker} = 1 }"\n`)],
  ])('a YAML tag %s is data or refused, never evaluated', async (_, edit) => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': edit(LEVEL) }, async (dir) => {
      const loaded = loadPack(dir);
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
      for (const level of loaded.pack?.chapters.flatMap((c) => c.levels) ?? []) {
        JSON.stringify(level, (_k, v: unknown) => {
          expect(typeof v).not.toBe('function');
          return v;
        });
      }
      const cli = await runCli(['levels', '--pack', dir]);
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
      expect(rawControlIn(cli.stdout + cli.stderr)).toBeUndefined();
    });
  });

  test('the loader only reads: loading a pack changes nothing in its folder', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': LEVEL }, async (dir) => {
      const snapshot = () => readdirSync(dir, { recursive: true }).map(String).sort().map((f) => `${f} ${statSync(join(dir, f)).mtimeMs}`);
      const before = snapshot();
      loadPack(dir);
      await runCli(['levels', '--pack', dir]);
      expect(snapshot()).toEqual(before);
    });
  });
});

describe('control characters in a pack never reach the terminal raw', () => {
  test('a title, a level title and an id carrying escapes are shown escaped', async () => {
    const level = LEVEL.replace('title: Open the shop', 'title: "Open \\e[2J\\e]0;pwned\\a the shop"');
    await withPack({ 'pack/index.yaml': index('01', ['passes']).replace("title: Stranger's pack", 'title: "Evil \\e[31m pack"'), 'pack/01/passes.yaml': level }, async (dir) => {
      for (const args of [['levels', '--pack', dir], ['levels', '--pack', dir, '--json'], ['check', 'passes', join(repoRoot, 'test/fixtures/levels/submissions/passes.yaml'), '--pack', dir]]) {
        const r = await runCli(args);
        expect(rawControlIn(r.stdout + r.stderr), args.join(' ')).toBeUndefined();
      }
    });
  });

  test('a file name in the index carrying an escape is refused and shown escaped', async () => {
    await withPack({ 'pack/index.yaml': index('01', ['pa\u001b[2Jsses']) }, async (dir) => {
      const r = await levelsCli(dir);
      expect(r.code).toBe(2);
      expect(rawControlIn(r.out)).toBeUndefined();
    });
  });
});

test('a folder that is not a pack, and a missing one, get a clear message', async () => {
  await withFiles({ 'empty/.keep': '' }, async (root) => {
    const none = await levelsCli(join(root, 'empty'));
    expect(none.code).toBe(2);
    expect(none.out).toContain('has no index.yaml, so it is not a kubequest pack');
    const missing = await levelsCli(join(root, 'missing'));
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('no such pack folder');
  });
});

test('a folder named 01 is the folder 01, not the number 1', async () => {
  await withPack({ 'pack/index.yaml': index('01', ['passes']), 'pack/01/passes.yaml': LEVEL }, (dir) => {
    const loaded = loadPack(dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.pack?.chapters[0]?.folder).toBe('01');
  });
});
