/**
 * Reads the manifests a command was given (`-f PATH` or FILE arguments):
 *
 * - a file, whatever its name;
 * - a directory: its *.yaml, *.yml and *.json files, sorted by name, not
 *   recursive (sub-directories and other files are ignored);
 * - `-`: standard input (once).
 *
 * Limits, checked before anything is parsed: at most `MAX_INPUT_BYTES`
 * (5 MiB) per input and `MAX_TOTAL_BYTES` (10 MiB) in all. A file is
 * measured before it is read; stdin stops being read as soon as it passes
 * the limit. Text must be UTF-8 (a BOM is fine; UTF-16 with a BOM, as
 * Windows PowerShell writes, is decoded too); binary input (NUL bytes,
 * invalid UTF-8) is refused. Every refusal is a `UsageError` (exit 2) with a
 * plain message naming the input.
 *
 * Files are read synchronously: a command reads a few small files, and
 * waiting on the thread pool would cost more than the reads.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { safeText } from '../sim/index.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/iu;

export type InputText = {
  /** The name to show in messages: the path as given (joined with the entry name for a directory), or `<stdin>`. */
  readonly file: string;
  readonly text: string;
};

export type InputLimits = { readonly perInput?: number; readonly total?: number };

export async function readInputs(paths: readonly string[], io: Pick<Io, 'stdin' | 'cwd'>, limits: InputLimits = {}): Promise<InputText[]> {
  const perInput = limits.perInput ?? MAX_INPUT_BYTES;
  const totalLimit = limits.total ?? MAX_TOTAL_BYTES;
  if (paths.length === 0) throw new UsageError('no manifest files given');
  const results: InputText[] = [];
  const seen = new Set<string>();
  let total = 0;
  let stdinUsed = false;

  const add = (file: string, bytes: Uint8Array): void => {
    total += bytes.length;
    if (total > totalLimit) {
      throw new UsageError(`the manifests are too large: more than ${mib(totalLimit)} in all (reading ${safeText(file)}); kubequest reads at most ${mib(totalLimit)}`);
    }
    results.push({ file, text: decode(file, bytes) });
  };

  for (const path of paths) {
    if (path === '-') {
      if (stdinUsed) throw new UsageError('"-" (standard input) may be given only once');
      stdinUsed = true;
      add('<stdin>', await readStream(io.stdin, perInput));
      continue;
    }
    const full = resolve(io.cwd, path);
    let info: Stats;
    try {
      info = statSync(full);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new UsageError(code === 'ENOENT' ? `no such file or directory: ${safeText(path)}` : `cannot read ${safeText(path)}: ${code ?? message}`);
    }
    if (info.isDirectory()) {
      const entries = readdirSync(full, { withFileTypes: true })
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && MANIFEST_FILE.test(e.name))
        .map((e) => e.name)
        .sort();
      if (entries.length === 0) throw new UsageError(`no *.yaml, *.yml or *.json files in ${safeText(path)}`);
      for (const name of entries) {
        const entryFull = join(full, name);
        if (seen.has(entryFull)) continue;
        seen.add(entryFull);
        add(join(path, name), readLimitedFile(entryFull, join(path, name), perInput));
      }
      continue;
    }
    if (seen.has(full)) continue;
    seen.add(full);
    add(path, readLimitedFile(full, path, perInput));
  }
  return results;
}

function readLimitedFile(full: string, shown: string, limit: number): Uint8Array {
  let info: Stats | undefined;
  try {
    info = statSync(full);
  } catch {
    info = undefined;
  }
  if (!info?.isFile()) throw new UsageError(`cannot read ${safeText(shown)}: not a regular file`);
  if (info.size > limit) throw tooLarge(shown, info.size, limit);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UsageError(`cannot read ${safeText(shown)}: ${code ?? message}`);
  }
  if (bytes.length > limit) throw tooLarge(shown, bytes.length, limit);
  return bytes;
}

/** Reads a stream up to `limit` bytes; past it, stops reading and refuses. */
async function readStream(stream: NodeJS.ReadableStream, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<string | Uint8Array>) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > limit) {
      const destroy = (stream as { destroy?: () => void }).destroy;
      if (typeof destroy === 'function') destroy.call(stream);
      throw tooLarge('<stdin>', undefined, limit);
    }
    chunks.push(bytes);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function tooLarge(file: string, size: number | undefined, limit: number): UsageError {
  const measured = size === undefined ? `more than ${mib(limit)}` : mib(size);
  return new UsageError(`${safeText(file)} is too large (${measured}); kubequest reads at most ${mib(limit)} per input`);
}

function mib(bytes: number): string {
  const v = bytes / 1024 / 1024;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} MiB`;
}

/** UTF-8 (with or without BOM), or UTF-16 with a BOM; binary is refused. */
function decode(file: string, bytes: Uint8Array): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new UsageError(`${safeText(file)} is not text (it is not valid UTF-16); kubequest reads YAML or JSON manifests`);
    const at = firstInvalidUtf8(bytes);
    const where = at < bytes.length ? `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at ${positionOf(file, bytes, at)}` : 'it ends inside a character';
    throw new UsageError(`${safeText(file)} is not text (it is not valid UTF-8: ${where}); kubequest reads YAML or JSON manifests saved as UTF-8`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    const col = nul - before.lastIndexOf('\n');
    throw new UsageError(`${safeText(file)} looks binary (it contains NUL bytes, the first at ${safeText(file)}:${line}:${col}); kubequest reads YAML or JSON manifests`);
  }
  return text;
}

/** The offset of the first byte that breaks UTF-8 (bytes.length when the text ends inside a character). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const c = bytes[i + k]!;
      // Overlong forms, surrogates and code points past U+10FFFF are refused as TextDecoder refuses them.
      const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** `file:line:col` of a byte offset; the column counts characters of the (valid) text before it. */
function positionOf(file: string, bytes: Uint8Array, offset: number): string {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const line = before.split('\n').length;
  const col = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return `${safeText(file)}:${line}:${col}`;
}
