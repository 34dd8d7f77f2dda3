/**
 * src/cli/tar.ts: the small .tgz reader behind `--pack FILE.tgz`. It reads
 * what tar tools write (ustar, pax, GNU long names) and refuses what a
 * hostile archive could use to escape or exhaust.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { packFilesIn, readTar, readTgz, safeEntryPath } from '../../src/cli/tar.js';
import { tar, tgz } from '../helpers/tar.js';

const text = (files: Map<string, Uint8Array>) => Object.fromEntries([...files].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));

/** A pax record "LEN key=value\n", LEN counting its own digits. */
function pax(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
  return `${length}${body}`;
}

describe('readTgz', () => {
  test('regular files and folders; ./ prefixes and AppleDouble ._ files dropped', () => {
    const files = readTgz(tgz([{ name: './pack/', type: '5' }, { name: './pack/index.yaml', data: 'a: 1\n' }, { name: 'pack/._index.yaml', data: 'junk' }, { name: 'pack/01/x.yaml', data: '' }]));
    expect(text(files)).toEqual({ 'pack/index.yaml': 'a: 1\n', 'pack/01/x.yaml': '' });
  });

  test('a pax header sets the next entry path; a GNU long name too; data across blocks stays whole', () => {
    const long = `${'d'.repeat(120)}/level.yaml`;
    const big = 'x'.repeat(1500);
    const files = readTgz(
      tgz([
        { name: 'PaxHeader', type: 'x', data: pax('path', long) },
        { name: 'short-name', data: big },
        { name: '././@LongLink', type: 'L', data: `${long}.2\0` },
        { name: 'cut', data: 'two' },
      ]),
    );
    expect(text(files)).toEqual({ [long]: big, [`${long}.2`]: 'two' });
  });

  test.each([
    ['a symbolic link', [{ name: 'index.yaml', type: '2' as const, link: '../../etc/passwd' }], /symbolic link/],
    ['a hard link', [{ name: 'index.yaml', type: '1' as const, link: 'other' }], /hard link/],
    ['an absolute path', [{ name: '/etc/index.yaml', data: 'x' }], /absolute path/],
    ['..', [{ name: 'a/../../index.yaml', data: 'x' }], /"\.\."/],
  ])('refuses %s', (_name, entries, message) => {
    expect(() => readTgz(tgz(entries))).toThrow(message);
  });

  test('refuses a damaged header, too many entries, and too many bytes', () => {
    const archive = tar([{ name: 'index.yaml', data: 'x' }]);
    archive[0] = 'j'.charCodeAt(0);
    expect(() => readTar(archive)).toThrow(/checksum/);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' }));
    expect(() => readTgz(tgz(many), { maxBytes: 1e6, maxEntries: 10 })).toThrow(/more than 10 entries/);
    expect(() => readTgz(tgz([{ name: 'big', data: 'x'.repeat(5000) }]), { maxBytes: 4096, maxEntries: 10 })).toThrow(/more than/);
    expect(() => readTgz(gzipSync(Buffer.alloc(10 * 1024 * 1024)), { maxBytes: 1024 * 1024, maxEntries: 10 })).toThrow(/unpacks to more than 1 MiB/);
    expect(() => readTgz(Buffer.from('not gzip'))).toThrow(/not a gzip'd tar archive/);
  });

  test('safeEntryPath normalises and refuses', () => {
    expect(safeEntryPath('./a//b/./c')).toBe('a/b/c');
    expect(() => safeEntryPath('C:/x')).toThrow(/absolute/);
    expect(() => safeEntryPath('a\\b')).toThrow(/not a plain file name/);
  });
});

describe('packFilesIn', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  test('the pack at the root, or in the one top folder holding an index.yaml', () => {
    expect([...packFilesIn(new Map([['index.yaml', bytes('')], ['01/x.yaml', bytes('')]]))!.keys()]).toEqual(['index.yaml', '01/x.yaml']);
    expect([...packFilesIn(new Map([['p/index.yaml', bytes('')], ['p/01/x.yaml', bytes('')], ['other.txt', bytes('')]]))!.keys()]).toEqual(['index.yaml', '01/x.yaml']);
    expect(packFilesIn(new Map([['a/index.yaml', bytes('')], ['b/index.yaml', bytes('')]]))).toBeUndefined();
    expect(packFilesIn(new Map([['a/b/index.yaml', bytes('')]]))).toBeUndefined();
  });
});
