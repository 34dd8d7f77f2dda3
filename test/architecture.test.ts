import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The dependency direction of STYLE.md, checked from the import lines of
 * every file under src/. A failure names the file, the import and the rule.
 */
const SRC = resolve(import.meta.dirname, '..', 'src');

type Layer = 'sim' | 'manifests' | 'game' | 'store' | 'ui' | 'cli';

const ALLOWED_LAYERS: Record<Layer, readonly Layer[]> = {
  sim: [],
  manifests: ['sim'],
  game: ['sim', 'manifests'],
  store: ['game'],
  ui: ['sim', 'game', 'store'],
  cli: ['sim', 'manifests', 'game', 'store', 'ui'],
};

const ALLOWED_PACKAGES: Record<Layer, RegExp> = {
  sim: /^kubernetes-types\//,
  manifests: /^(yaml|kubernetes-types\/.*)$/,
  game: /^(yaml|kubernetes-types\/.*)$/,
  store: /^(conf|node:.*)$/,
  ui: /^(ink|react|react\/.*|ink-select-input|node:.*)$/,
  cli: /.*/,
};

/**
 * Modules the game's first frame needs, which the modules it loads import
 * directly instead of through their layer's index.ts: an index loads the
 * whole layer (the simulator, the level parser, the grader, conf) before the menu.
 */
const FIRST_FRAME_MODULES = [
  'sim/safe-text.ts',
  'game/pack.ts',
  'game/pack-index.ts',
  'store/file-draft-store.ts',
  'store/paths.ts',
  'store/progress-rules.ts',
  'store/quick-snapshot.ts',
].map((f) => join(SRC, f));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

type Import = { readonly file: string; readonly specifier: string; readonly typeOnly: boolean; readonly dynamic: boolean };

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    found.push({ file, specifier: m[3]!, typeOnly: Boolean(m[2]), dynamic: false });
  }
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push({ file, specifier: m[1]!, typeOnly: false, dynamic: false });
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push({ file, specifier: m[1]!, typeOnly: false, dynamic: true });
  return found;
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0] as Layer;
const files = filesUnder(SRC);
const imports = files.flatMap(importsOf);

describe('architecture', () => {
  test('every folder imports only the layers below it, through their index.ts', () => {
    const violations: string[] = [];
    for (const imp of imports) {
      if (!imp.specifier.startsWith('.')) continue;
      const from = layerOf(imp.file);
      const target = resolve(dirname(imp.file), imp.specifier);
      const to = layerOf(target);
      if (to === from) continue;
      const where = relative(SRC, imp.file);
      if (!ALLOWED_LAYERS[from]?.includes(to)) violations.push(`${where} imports ${imp.specifier}: ${from} may not import ${to}`);
      else if (target !== join(SRC, to, 'index.js') && !FIRST_FRAME_MODULES.includes(target.replace(/\.js$/, '.ts'))) {
        violations.push(`${where} imports ${imp.specifier}: import ${to} through its index.ts`);
      }
      else if (from === 'cli' && to === 'ui' && !imp.dynamic) violations.push(`${where} imports ui statically: only a dynamic import() may load the game`);
      else if (from === 'store' && !imp.typeOnly) violations.push(`${where} imports ${to} for more than types`);
    }
    expect(violations).toEqual([]);
  });

  test('each folder uses only the packages its layer may', () => {
    const violations = imports
      .filter((imp) => !imp.specifier.startsWith('.'))
      .filter((imp) => {
        const layer = layerOf(imp.file);
        if (layer === 'game' && imp.specifier.startsWith('node:')) return !imp.file.endsWith('level-files.ts') && !imp.file.endsWith('pack-index.ts');
        return !ALLOWED_PACKAGES[layer].test(imp.specifier) && !(layer === 'sim' && imp.typeOnly && imp.specifier.startsWith('kubernetes-types'));
      })
      .map((imp) => `${relative(SRC, imp.file)} imports ${imp.specifier}`);
    expect(violations).toEqual([]);
  });

  test("the game's first frame loads only what the menu needs: no simulator, level parser, grader or conf", () => {
    const byFile = new Map<string, Import[]>();
    for (const imp of imports) byFile.set(imp.file, [...(byFile.get(imp.file) ?? []), imp]);
    const resolveSource = (from: string, specifier: string) => {
      const target = resolve(dirname(from), specifier);
      return [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')].find((f) => files.includes(f)) ?? target;
    };
    // Everything loaded before the first frame: the static imports of the program, the play command and the UI it starts.
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const imp of byFile.get(file) ?? []) {
        if (imp.typeOnly || imp.dynamic) continue;
        if (imp.specifier.startsWith('.')) visit(resolveSource(file, imp.specifier));
        else packages.add(imp.specifier);
      }
    };
    visit(join(SRC, 'cli/program.ts'));
    visit(join(SRC, 'cli/commands/play.ts'));
    visit(join(SRC, 'ui/index.ts'));
    const heavy = [...loaded]
      .map((f) => relative(SRC, f))
      .filter((f) => /^(sim\/(?!safe-text)|manifests|game\/(?!pack\.ts|pack-index\.ts|level\.ts)|store\/(conf|progress-json|workspace)|ui\/screens\/(?!menu-screen|load-after-menu)|ui\/components\/(?!key-help|countdown|text-block))/.test(f));
    expect(heavy).toEqual([]);
    expect([...packages].filter((p) => !/^(node:.*|ink|ink-select-input|react|react\/.*)$/.test(p))).toEqual([]);
  });

  test('the simulator has no clock and no randomness', () => {
    const impure = files
      .filter((f) => layerOf(f) === 'sim')
      .filter((f) => /\b(Date\.now|new Date|Math\.random|performance\.now|process\.)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(impure).toEqual([]);
  });
});
