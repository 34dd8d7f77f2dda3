import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { FIXTURES } from '../helpers/world.js';

async function run(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([stdin]),
    env: {},
    cwd: FIXTURES,
    isTTY: false,
  };
  const code = await runCli(['matrix', ...args], io);
  return { code, stdout, stderr };
}

const XYZ = 'clusters/x-y-z.yaml';

describe('kubequest matrix', () => {
  test('text: one grid per port, rows from, columns to', async () => {
    const r = await run(['-f', XYZ, '-f', 'netpol/accidental-and.yaml', '--ports', '80/TCP', '--pods', 'x/a,y/a,y/b']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '80/TCP (rows: from, columns: to; . allowed, X denied)',
        '         1 2 3',
        '  1 x/a  . . .',
        '  2 y/a  X . .',
        '  3 y/b  . . .',
        '',
      ].join('\n'),
    );
  });

  test('--json prints the shape DESIGN.md fixes', async () => {
    const r = await run(['-f', XYZ, '-f', 'netpol/accidental-or.yaml', '--ports', '80,81/udp', '--pods', 'x/a,x/b,z/b', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      pods: ['x/a', 'x/b', 'z/b'],
      ports: ['80/TCP', '81/UDP'],
      allowed: {
        '80/TCP': [
          [true, true, true],
          [true, true, true],
          [false, true, true],
        ],
        '81/UDP': [
          [true, true, true],
          [true, true, true],
          [false, true, true],
        ],
      },
    });
  });

  test('defaults: every pod outside kube-system and every declared port', async () => {
    const r = await run(['-f', XYZ, '--json']);
    const m = JSON.parse(r.stdout) as { pods: string[]; ports: string[] };
    expect(m.pods).toEqual(['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c']);
    expect(m.ports).toEqual(['80/TCP', '80/UDP', '80/SCTP', '81/TCP', '81/UDP', '81/SCTP']);
  });

  test('--pods ns/* takes a whole namespace', async () => {
    const r = await run(['-f', XYZ, '--pods', 'y/*,x/a', '--ports', '80', '--json']);
    expect((JSON.parse(r.stdout) as { pods: string[] }).pods).toEqual(['y/a', 'y/b', 'y/c', 'x/a']);
  });

  test('manifests from stdin', async () => {
    const r = await run(['-f', '-', '--pods', 'x/a,x/b', '--ports', '80', '--json'], await import('node:fs').then((fs) => fs.readFileSync(`${FIXTURES}${XYZ}`, 'utf8')));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).allowed['80/TCP']).toEqual([
      [true, true],
      [true, true],
    ]);
  });

  test('--cni flannel: a note, and every pair allowed', async () => {
    const r = await run(['-f', XYZ, '-f', 'netpol/default-deny-ingress.yaml', '--cni', 'flannel', '--ports', '80', '--pods', 'x/a,y/a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'flannel does not enforce NetworkPolicy: every pair is allowed.',
        '',
        '80/TCP (rows: from, columns: to; . allowed, X denied)',
        '         1 2',
        '  1 x/a  . .',
        '  2 y/a  . .',
        '',
      ].join('\n'),
    );
  });

  test('--help describes the flags and the defaults', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kubequest matrix -f PATH... [--ports 80/TCP,81/UDP] [--pods ns/a,ns/b] [--json]');
    expect(r.stdout).toContain('default: every containerPort/protocol the pods declare, or 80/TCP');
    expect(r.stdout).toContain('default: every pod outside kube-system, sorted');
  });
});

describe('kubequest matrix - bad input exits 2 with a message', () => {
  test.each<[string, string[], RegExp]>([
    ['no -f', ['--ports', '80'], /give the manifests with -f PATH/],
    ['a port out of range', ['-f', XYZ, '--ports', '70000'], /--ports: "70000" is not a port/],
    ['a port that is not a number', ['-f', XYZ, '--ports', 'http'], /--ports: "http" is not a port/],
    ['an unknown protocol', ['-f', XYZ, '--ports', '80/ICMP'], /NetworkPolicy knows TCP, UDP and SCTP/],
    ['an empty port entry', ['-f', XYZ, '--ports', '80,,81'], /has an empty entry/],
    ['an unknown pod', ['-f', XYZ, '--pods', 'x/a,x/q'], /--pods: no pod x\/q in the manifests; x has x\/a, x\/b, x\/c/],
    ['a pod without namespace', ['-f', XYZ, '--pods', 'a'], /--pods: "a" is not ns\/name/],
    ['an empty namespace wildcard', ['-f', XYZ, '--pods', 'nope/*'], /namespace nope has no pods/],
    ['an unknown CNI', ['-f', XYZ, '--cni', 'canal'], /--cni "canal" is not a CNI plugin/],
    ['an unknown flag', ['-f', XYZ, '--port', '80'], /--port/],
    ['a missing file', ['-f', 'nope.yaml'], /no such file or directory: nope.yaml/],
  ])('%s', async (_name, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
