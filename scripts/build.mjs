#!/usr/bin/env node
/**
 * The production build (`npm run build`), by esbuild into build/:
 *
 * - build/cli/bin.js, the file `bin` in package.json runs, and
 *   build/cli/kubequest.js, the program as one CommonJS script that bin.js
 *   runs through V8's code cache (PROGRAM_BUILD);
 * - build/sim, build/game, build/store: the layers as ES modules, for the
 *   benchmarks and tests (LAYERS_BUILD).
 * - React and everything else in production mode (process.env.NODE_ENV).
 * - Plugins: yoga's WebAssembly starts synchronously (yogaSync), Ink's
 *   DevTools bridge is left out (inkWithoutDevtools), and text is measured
 *   without ICU when it can be (lazyTextWidth).
 * - Files the program reads at run time (assets/, levels/) are found from the
 *   package root (src/cli/package-root.ts), wherever the bundle ends up.
 *
 * Type checking stays with tsc (`npm run typecheck`); vitest runs the sources.
 *
 *   node scripts/build.mjs              build
 *   node scripts/build.mjs --metafile   also write meta.json of the program (for esbuild's analyzer)
 *   node scripts/build.mjs --outdir DIR build elsewhere (e.g. to compare two builds)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * yoga-layout (Ink's layout engine) loads its WebAssembly with a top-level
 * await, which a CommonJS bundle cannot hold, and in Node it fetches the
 * bytes from a base64 data URL with fetch(), which loads Node's whole HTTP
 * client first (~20 ms). Here the bytes are decoded and compiled at once
 * (WebAssembly.Module is synchronous in Node), handed to yoga's Emscripten
 * loader through its `instantiateWasm` hook, which then starts the runtime
 * before it returns. Should a yoga-layout release change these files, the
 * build stops with this plugin's name rather than ship a broken game.
 */
const yogaSync = {
  name: 'yoga-sync',
  setup(build) {
    const DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
    const binaries = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
    const entry = /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/;
    build.onLoad({ filter: binaries }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const match = DATA_URL.exec(text);
      if (!match) throw new Error(`${args.path}: no WebAssembly data URL`);
      const contents = `${text.replace(DATA_URL, '"data:application/octet-stream;base64,"')}\nexport const wasmBase64 = ${JSON.stringify(match[1])};\n`;
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: entry }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const load = 'const Yoga = wrapAssembly(await loadYoga());';
      const importLine = "import loadYoga from '../binaries/yoga-wasm-base64-esm.js';";
      if (!text.includes(load) || !text.includes(importLine)) throw new Error(`${args.path}: yoga-layout no longer loads as this build expects`);
      const contents = text.replace(importLine, "import loadYoga, { wasmBase64 } from '../binaries/yoga-wasm-base64-esm.js';").replace(
        load,
        `const yogaModule = {
  instantiateWasm(imports, receive) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(wasmBase64, 'base64')), imports);
    receive(instance);
    return instance.exports;
  },
};
loadYoga(yogaModule);
if (!yogaModule.calledRun) throw new Error('yoga-layout did not start');
const Yoga = wrapAssembly(yogaModule);`,
      );
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Ink connects to React DevTools when DEV=true, through a top-level await
 * of an optional package; the bundle leaves that out (and so holds no
 * top-level await), as it did before: react-devtools-core is not shipped.
 */
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(build) {
    build.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const devtools = "if (isDev()) {\n    try {\n        await import('./devtools.js');";
      const packageJson = '? await loadPackageJson()';
      if (!text.includes(devtools) || !text.includes(packageJson)) throw new Error(`${args.path}: Ink no longer loads its devtools as this build expects`);
      const contents = text.replace(devtools, 'if (false) {\n    try {').replace(packageJson, '? undefined');
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Ink's text libraries make an Intl.Segmenter as they load (~10 ms for the
 * first: ICU's break rules), and string-width builds a regular expression
 * of every emoji sequence (~14 ms) the moment it loads; the menu needs
 * neither, its text being ASCII and one-column symbols. Here each
 * segmenter becomes a LazyGraphemeSegmenter, and every import of
 * string-width goes through oneColumnWidth first, loading string-width
 * itself only for text that needs it (src/ui/text-width.ts, whose tests
 * hold both to Intl.Segmenter's and string-width's answers). A release of
 * these libraries that stops matching only loses the speed.
 */
const lazyTextWidth = {
  name: 'lazy-text-width',
  setup(build) {
    const textWidth = join(root, 'src/ui/text-width.ts');
    // Each importer keeps the string-width it depends on (wrap-ansi has an older one of its own).
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await build.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-text-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-text-width' }, (args) => ({
      resolveDir: root,
      loader: 'js',
      contents: `import { oneColumnWidth } from ${JSON.stringify(textWidth)};
let full;
export default function stringWidth(text, options) {
  const width = options === undefined && typeof text === 'string' ? oneColumnWidth(text) : undefined;
  if (width !== undefined) return width;
  full ??= require(${JSON.stringify(args.path)}).default;
  return full(text, options);
}`,
    }));
    const segmenting = /(string-width[\\/]index|ansi-tokenize[\\/]build[\\/]tokenize|slice-ansi[\\/]tokenize-ansi)\.js$/;
    build.onLoad({ filter: segmenting }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('new Intl.Segmenter(')) return undefined;
      return {
        loader: 'js',
        resolveDir: dirname(args.path),
        contents: `import { LazyGraphemeSegmenter as __LazyGraphemeSegmenter } from ${JSON.stringify(textWidth)};\n${text.replaceAll('new Intl.Segmenter(', 'new __LazyGraphemeSegmenter(')}`,
      };
    });
  },
};

/**
 * React is CommonJS, and esbuild gives each ES module that imports it its
 * own ES-module view of it, copying every export (43 of Ink's modules and
 * ours import React: some 2,000 property copies before the first frame).
 * Here `react` is one ES module that re-exports React's exports, listed
 * from React itself at build time, so the view is made once.
 */
const reactOnce = {
  name: 'react-once',
  setup(build) {
    const react = createRequire(join(root, 'package.json')).resolve('react');
    build.onResolve({ filter: /^react$/ }, (args) => (args.namespace === 'react-once' ? { path: react } : { path: 'react', namespace: 'react-once' }));
    build.onLoad({ filter: /.*/, namespace: 'react-once' }, () => {
      const names = Object.keys(createRequire(join(root, 'package.json'))('react')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      return {
        resolveDir: root,
        loader: 'js',
        contents: `import React from 'react';\nexport default React;\nexport const { ${names.join(', ')} } = React;\n`,
      };
    });
  },
};

const COMMON = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  jsx: 'automatic', // as tsconfig's "react-jsx": react/jsx-runtime, its production build
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

/**
 * The program: build/cli/kubequest.js, the whole program as one CommonJS
 * script, which build/cli/bin.js runs through V8's code cache
 * (src/cli/compile-cache.ts; Node 20 caches no ES module code). Every
 * `import()` in the sources (the commands in src/cli/main.ts, the UI in
 * play.ts) becomes a module that is set up only when that import runs, so
 * `check`, `trace`, `matrix` and `validate` never start React or Ink.
 */
export const PROGRAM_BUILD = {
  ...COMMON,
  format: 'cjs',
  // Only src/cli/package-root.ts asks where it is; in the bundle, that is the bundle.
  define: { ...COMMON.define, 'import.meta.url': 'importMetaUrl' },
  inject: [join(root, 'scripts/import-meta-url.js')],
  plugins: [yogaSync, inkWithoutDevtools, lazyTextWidth, reactOnce],
};

/**
 * build/cli/bin.js and build/cli/kubequest.js from `program` (a module
 * exporting `main`, as src/cli/program.ts does). The loader is built second,
 * with a hash of the program as its build id: the compile cache and the
 * data cache trust nothing made by another build, and sizes and times
 * cannot tell builds apart (package managers give every release the same
 * times). Returns the files written, and esbuild's metafile of the program.
 */
export async function buildBinary(outdir, program = 'src/cli/program.ts') {
  const bundle = join(outdir, 'cli/kubequest.js');
  const main = await build({ ...PROGRAM_BUILD, entryPoints: [program], outfile: bundle, metafile: true });
  const bytes = readFileSync(bundle);
  // The loader reads the bundle as latin1, which is only right for ASCII (esbuild's default charset).
  const nonAscii = bytes.findIndex((byte) => byte > 0x7f);
  if (nonAscii >= 0) throw new Error(`${bundle} has a non-ASCII byte at offset ${nonAscii}; the loader reads it as latin1`);
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  const loader = await build({
    ...COMMON,
    format: 'cjs',
    entryPoints: ['src/cli/bin.ts'],
    outfile: join(outdir, 'cli/bin.js'),
    define: { ...COMMON.define, KUBEQUEST_BUILD: JSON.stringify(id) },
    metafile: true,
  });
  // The package is an ES module package; the binary's folder holds CommonJS.
  writeFileSync(join(outdir, 'cli/package.json'), '{ "type": "commonjs" }\n');
  const files = [...Object.keys(main.metafile.outputs), ...Object.keys(loader.metafile.outputs)].map((f) => resolve(root, f));
  return { files: [...files, join(outdir, 'cli/package.json')], metafile: main.metafile };
}

/**
 * The layers as ES modules of their own (build/sim/index.js, ...) for
 * scripts/bench.mjs and for tests that run two real processes against the
 * store; the binary never loads these files.
 */
export const LAYERS_BUILD = {
  ...COMMON,
  format: 'esm',
  splitting: true,
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  entryPoints: ['src/sim/index.ts', 'src/game/index.ts', 'src/store/index.ts'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __kqCreateRequire } from 'node:module'; const require = __kqCreateRequire(import.meta.url);" },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = resolve(at > 0 ? process.argv[at + 1] : `${root}build`);
  const [binary, layers] = await Promise.all([buildBinary(outdir), build({ ...LAYERS_BUILD, outdir, metafile: true })]);
  // Chunk names carry a hash of their content, so files are replaced, never
  // emptied first: a process already running keeps finding the chunks it
  // loads late. The caches stay (what another build made is not used).
  const written = new Set([...binary.files, ...Object.keys(layers.metafile.outputs).map((f) => resolve(root, f))]);
  for (const file of filesUnder(outdir)) if (!written.has(file) && !file.includes(`${sep}.cache${sep}`)) rmSync(file);
  removeEmptyFolders(outdir);
  if (process.argv.includes('--metafile')) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(binary.metafile));
}

function removeEmptyFolders(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeEmptyFolders(join(dir, e.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
