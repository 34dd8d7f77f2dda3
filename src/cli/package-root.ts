/**
 * Where kubequest is installed: the folder holding its package.json, and so
 * its `assets/` and `levels/`. Found by walking up from this module, which
 * works from the sources (src/cli/, when tests run them) and from the bundle
 * (build/ and its chunks, at whatever depth the bundler puts this code).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function packageRoot(): string {
  if (found !== undefined) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isKubequest(manifest)) return (found = dir);
    if (dirname(dir) === dir) throw new Error(`kubequest's package.json is not in ${start} or any folder above it`);
  }
}

function isKubequest(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'kubequest';
  } catch {
    return false;
  }
}

/** A file or folder of the installed package, e.g. `packagePath('assets', 'banner.txt')`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/**
 * A file of `assets/` in the installed package (beside `build/`, like
 * `levels/`): the pack template, the JSON Schemas.
 */
export function assetPath(name: string): string {
  return packagePath('assets', ...name.split('/'));
}
