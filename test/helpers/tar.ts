/**
 * A tiny tar writer for tests: ustar headers, regular files, folders and,
 * for refusal tests, links; gzip'd with node:zlib. Enough to hand
 * `--pack x.tgz` archives (and hostile ones) to the CLI without a tar binary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export type TarEntry = { readonly name: string; readonly data?: string | Uint8Array; readonly type?: '0' | '1' | '2' | '5' | 'x' | 'L'; readonly link?: string };

function header(entry: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (text: string, at: number, length: number) => h.write(text.slice(0, length), at, length, 'utf8');
  const octal = (n: number, length: number) => `${n.toString(8).padStart(length - 1, '0')}\0`;
  put(entry.name, 0, 100);
  put(octal(entry.type === '5' ? 0o755 : 0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put('        ', 148, 8);
  put(entry.type ?? '0', 156, 1);
  if (entry.link) put(entry.link, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

export function tar(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data ?? []);
    blocks.push(header(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function tgz(entries: readonly TarEntry[]): Buffer {
  return gzipSync(tar(entries));
}

/** Every file under `dir` as entries named `prefix/relative-path` (folders first, as tar does). */
export function entriesOf(dir: string, prefix = ''): TarEntry[] {
  const walk = (d: string): TarEntry[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => {
      const full = join(d, e.name);
      const name = (prefix ? `${prefix}/` : '') + relative(dir, full).split('\\').join('/');
      return e.isDirectory() ? [{ name: `${name}/`, type: '5' as const }, ...walk(full)] : [{ name, data: readFileSync(full) }];
    });
  return [...(prefix ? [{ name: `${prefix}/`, type: '5' as const }] : []), ...walk(dir)];
}
