#!/usr/bin/env node
/**
 * The production build (`npm run build`): src/cli/bin.ts bundled by esbuild
 * into build/, the file `bin` in package.json runs.
 *
 * - ESM with code splitting: every `import()` in the sources (the commands in
 *   src/cli/main.ts, the UI in play.ts) becomes a chunk of its own that loads
 *   only when that import runs, so `check`, `trace`, `matrix` and `validate`
 *   never load React or Ink.
 * - React and everything else in production mode (process.env.NODE_ENV).
 * - yoga's WebAssembly is handed to its loader as bytes (yogaWithoutFetch).
 * - Ink's optional React DevTools bridge (react-devtools-core, ws) is left
 *   external: it sits in a chunk Ink imports only under DEV=true, and then Ink
 *   itself reports react-devtools-core missing.
 * - Files the program reads at run time (assets/, levels/) are found from the
 *   package root (src/cli/package-root.ts), wherever the chunks end up.
 *
 * Type checking stays with tsc (`npm run typecheck`); vitest runs the sources.
 *
 *   node scripts/build.mjs              build
 *   node scripts/build.mjs --metafile   also write meta.json (for esbuild's analyzer)
 *   node scripts/build.mjs --outdir DIR build elsewhere (e.g. to compare two builds)
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * yoga-layout (Ink's layout engine) carries its WebAssembly as a base64 data
 * URL and, in Node, loads it with fetch(), which loads Node's whole HTTP
 * client (undici) first: about 20 ms of every game start. Here the bytes
 * are decoded and handed to yoga's loader (its `wasmBinary` option), so no
 * fetch runs. Should a yoga-layout release change these files, the patterns
 * stop matching and its own loader is used: slower, never broken.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    const DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
    const binaries = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
    const entry = /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/;
    build.onLoad({ filter: binaries }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const match = DATA_URL.exec(text);
      if (!match) return undefined;
      const contents = `${text.replace(DATA_URL, '"data:application/octet-stream;base64,"')}\nexport const wasmBase64 = ${JSON.stringify(match[1])};\n`;
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: entry }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const load = 'await loadYoga()';
      const binaryText = await readFile(join(dirname(args.path), '../binaries/yoga-wasm-base64-esm.js'), 'utf8');
      if (!text.includes(load) || !DATA_URL.test(binaryText)) return undefined;
      const contents = text
        .replace(load, "await loadYoga({ wasmBinary: Buffer.from(wasmBase64, 'base64') })")
        .replace("import loadYoga from '../binaries/yoga-wasm-base64-esm.js';", "import loadYoga, { wasmBase64 } from '../binaries/yoga-wasm-base64-esm.js';");
      if (!contents.includes('{ wasmBase64 }')) return undefined;
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** The options, shared with scripts/bench.mjs so it measures the code that ships. */
export const BUILD_OPTIONS = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outbase: 'src',
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  jsx: 'automatic', // as tsconfig's "react-jsx": react/jsx-runtime, its production build
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['react-devtools-core', 'ws'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __kqCreateRequire } from 'node:module'; const require = __kqCreateRequire(import.meta.url);" },
  plugins: [yogaWithoutFetch],
  logLevel: 'warning',
};

/**
 * The binary, plus the layers as modules of their own (build/sim/index.js, ...)
 * for scripts/bench.mjs and for tests that run two real processes against the
 * store; the binary never loads these files, only the chunks they share.
 */
export const ENTRY_POINTS = ['src/cli/bin.ts', 'src/sim/index.ts', 'src/game/index.ts', 'src/store/index.ts'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = resolve(at > 0 ? process.argv[at + 1] : `${root}build`);
  const result = await build({ ...BUILD_OPTIONS, entryPoints: ENTRY_POINTS, outdir, metafile: true });
  // Chunk names carry a hash of their content, so files are replaced, never
  // emptied first: a game already running keeps finding the chunks it loads
  // late (the simulator, the level screen) unless their code changed.
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => resolve(root, f)));
  for (const file of filesUnder(outdir)) if (!written.has(file)) rmSync(file);
  removeEmptyFolders(outdir);
  if (process.argv.includes('--metafile')) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
}

function removeEmptyFolders(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeEmptyFolders(join(dir, e.name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
