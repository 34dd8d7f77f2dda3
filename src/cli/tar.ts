/**
 * A small reader for gzip'd tar archives (`.tgz`, `.tar.gz`), enough for a
 * pack handed out as one file. Archives may come from strangers, so it
 * reads into memory only, and refuses rather than guesses:
 *
 * - links (symbolic or hard), devices and FIFOs: a pack is plain files;
 * - absolute paths, `..`, and names that are not plain (backslashes, NUL);
 * - more than `maxEntries` entries, more than `maxBytes` unpacked;
 * - headers whose checksum does not add up (a damaged or non-tar file).
 *
 * Understood: ustar (with its 155-byte prefix), pax extended headers
 * (`path=`, `size=`; global headers are skipped), GNU long names (`L`), and
 * the `._*` AppleDouble files macOS adds, which are dropped.
 */
import { createRequire } from 'node:module';

// zlib (with the stream modules it loads) takes a millisecond or two to load, and only archives need it.
const requireBuiltin = createRequire(import.meta.url);

export const TAR_LIMITS = {
  /** Unpacked bytes, all entries together. */
  maxBytes: 64 * 1024 * 1024,
  maxEntries: 5_000,
} as const;

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

const BLOCK = 512;

function text(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return Buffer.from(end === -1 ? slice : slice.subarray(0, end)).toString('utf8');
}

/** A numeric header field: octal text, or base-256 when the high bit of its first byte is set. */
function number(block: Uint8Array, offset: number, length: number): number {
  if ((block[offset]! & 0x80) !== 0) {
    let value = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  const digits = text(block, offset, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new ArchiveError('a tar header has a malformed number; the archive is damaged or not a tar file');
  return parseInt(digits, 8);
}

function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === number(header, 148, 8);
}

/** pax records: "LEN key=value\n" one after the other, LEN counting bytes. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const body = Buffer.from(data);
  let at = 0;
  while (at < body.length) {
    if (body[at] === 0) break;
    const space = body.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(body.subarray(at, space).toString('latin1'));
    if (!Number.isInteger(length) || length <= space - at || at + length > body.length) throw new ArchiveError('a pax header is malformed');
    const record = body.subarray(space + 1, at + length).toString('utf8').replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** A path inside the archive, normalised (`./a//b` → `a/b`), or an error for one that could leave the folder it is unpacked in. */
export function safeEntryPath(name: string): string {
  if (name.includes('\0') || name.includes('\\')) throw new ArchiveError(`the archive holds "${name}", which is not a plain file name`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw new ArchiveError(`the archive holds an absolute path, "${name}"; a pack's files must be relative`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new ArchiveError(`the archive holds "${name}", which leads out of its folder with ".."`);
  return parts.join('/');
}

/**
 * The regular files of a gzip'd tar archive, path → bytes. Folders are
 * implied by the paths. Throws ArchiveError for what it refuses.
 */
export function readTgz(compressed: Uint8Array, limits: { maxBytes: number; maxEntries: number } = TAR_LIMITS): Map<string, Uint8Array> {
  let tar: Buffer;
  try {
    const { gunzipSync } = requireBuiltin('node:zlib') as typeof import('node:zlib');
    tar = gunzipSync(compressed, { maxOutputLength: limits.maxBytes + 4 * BLOCK });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than|too large/i.test((error as Error).message)) {
      throw new ArchiveError(`the archive unpacks to more than ${limits.maxBytes / (1024 * 1024)} MiB; a pack is text and should be far smaller`);
    }
    throw new ArchiveError(`it is not a gzip'd tar archive (${(error as Error).message})`);
  }
  return readTar(tar, limits);
}

export function readTar(tar: Uint8Array, limits: { maxBytes: number; maxEntries: number } = TAR_LIMITS): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let entries = 0;
  let total = 0;
  let pending: { path?: string; size?: number } = {};
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new ArchiveError('a tar header is damaged (its checksum does not add up), or this is not a tar archive');
    entries += 1;
    if (entries > limits.maxEntries) throw new ArchiveError(`the archive has more than ${limits.maxEntries} entries; a pack needs far fewer`);
    const type = String.fromCharCode(header[156]!);
    const size = pending.size ?? number(header, 124, 12);
    const start = offset + BLOCK;
    const end = start + size;
    if (end > tar.length) throw new ArchiveError('the archive ends in the middle of a file; it is truncated');
    total += size;
    if (total > limits.maxBytes) throw new ArchiveError(`the archive unpacks to more than ${limits.maxBytes / (1024 * 1024)} MiB`);
    const data = tar.subarray(start, end);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const headerName = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
    const name = pending.path ?? headerName;
    switch (type) {
      case 'x': {
        const records = paxRecords(data);
        pending = {
          ...(records.has('path') ? { path: records.get('path')! } : {}),
          ...(records.has('size') ? { size: Number(records.get('size')) } : {}),
        };
        if (pending.size !== undefined && !(Number.isInteger(pending.size) && pending.size >= 0)) throw new ArchiveError('a pax header has a malformed size');
        continue;
      }
      case 'L':
        pending = { ...pending, path: Buffer.from(data).toString('utf8').replace(/\0+$/, '') };
        continue;
      case 'g':
      case 'K':
        continue;
      case '0':
      case '\0':
      case '7': {
        const path = safeEntryPath(name);
        const base = path.split('/').at(-1) ?? '';
        if (path !== '' && !base.startsWith('._')) files.set(path, data);
        break;
      }
      case '5':
        safeEntryPath(name);
        break;
      case '1':
      case '2':
        throw new ArchiveError(`the archive holds a ${type === '2' ? 'symbolic' : 'hard'} link, "${name}"; a pack may only hold plain files`);
      default:
        throw new ArchiveError(`the archive holds "${name}", which is not a plain file or folder (tar type "${type}")`);
    }
    pending = {};
  }
  return files;
}

/**
 * Where the pack is inside an archive: at its root (`index.yaml`), or in
 * its one top folder (`my-pack/index.yaml`, as `tar czf my-pack.tgz my-pack`
 * makes). Returns the files relative to the pack, or undefined when there
 * is no pack at either place.
 */
export function packFilesIn(files: ReadonlyMap<string, Uint8Array>, indexNames: readonly string[] = ['index.yaml', 'pack.yaml']): Map<string, Uint8Array> | undefined {
  if (indexNames.some((n) => files.has(n))) return new Map(files);
  const tops = new Set([...files.keys()].map((p) => p.split('/')[0]!));
  const withIndex = [...tops].filter((top) => indexNames.some((n) => files.has(`${top}/${n}`)));
  if (withIndex.length !== 1) return undefined;
  const prefix = `${withIndex[0]}/`;
  return new Map([...files].filter(([p]) => p.startsWith(prefix)).map(([p, d]) => [p.slice(prefix.length), d]));
}
