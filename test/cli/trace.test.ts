import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { OUTCOMES } from '../../src/sim/index.js';
import { runCli, spawnCli } from '../helpers/run-cli.js';

const SHOP = 'test/fixtures/trace/shop.yaml';

describe('kubequest trace', () => {
  test('text output: one hop a line, then the outcome and why', async () => {
    const { code, stdout } = await runCli(['trace', '-f', SHOP, '--from', 'shop/client', '--to', 'http://web/']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^from pod shop\/client \(/);
    expect(lines.some((l) => /^ {2}✓ dns +web → web\.shop\.svc\.cluster\.local → /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^delivered: any of 2 pods may receive it/);
  });

  test('--json prints DESIGN.md\'s trace object', async () => {
    const { code, stdout } = await runCli(['trace', '-f', SHOP, '--from', 'shop/client', '--to', 'http://web.shop/', '--json']);
    expect(code).toBe(0);
    const trace = JSON.parse(stdout);
    expect(trace).toMatchObject({ from: 'shop/client', to: 'http://web.shop/', outcome: 'delivered', port: 8080 });
    expect(trace.reach).toHaveLength(2);
    expect([...trace.reach].sort()).toEqual(trace.reach);
    expect(trace.endpoints.every((e: { outcome: string; port: number }) => e.outcome === 'delivered' && e.port === 8080)).toBe(true);
    expect(trace.hops.map((h: { step: string }) => h.step)).toEqual(['source', 'dns', 'service', 'kube-proxy', 'pod', 'pod']);
    expect(typeof trace.reason).toBe('string');
    expect(OUTCOMES).toContain(trace.outcome);
  });

  test('a failed request is still a successful trace (exit 0), unless --expect says otherwise', async () => {
    const args = ['trace', '-f', SHOP, '--from', 'shop/client', '--to', 'tcp://web:8080'];
    const plain = await runCli(args);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^unreachable: /m);
    expect((await runCli([...args, '--expect', 'delivered'])).code).toBe(1);
    expect((await runCli([...args, '--expect', 'unreachable'])).code).toBe(0);
  });

  test('NodePort from outside, on any node', async () => {
    const { stdout } = await runCli(['trace', '-f', SHOP, '--from', 'external', '--to', 'tcp://10.0.0.13:30080', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'delivered', port: 8080 });
  });

  test('reads manifests from stdin and from a directory', async () => {
    const text = readFileSync(SHOP, 'utf8');
    const fromStdin = await runCli(['trace', '-f', '-', '--from', 'shop/client', '--to', 'http://web/', '--json'], { stdin: text });
    expect(JSON.parse(fromStdin.stdout).outcome).toBe('delivered');
    const fromDir = await runCli(['trace', '-f', 'test/fixtures/trace', '--from', 'shop/client', '--to', 'http://web/', '--json']);
    expect(JSON.parse(fromDir.stdout).outcome).toBe('delivered');
  });

  test('--cni and --pod-cidr change the world', async () => {
    const { stdout } = await runCli(['trace', '-f', SHOP, '--from', 'shop/client', '--to', 'http://web/', '--json', '--pod-cidr', '10.200.0.0/16']);
    expect(JSON.parse(stdout).endpoints.every((e: { ip: string }) => e.ip.startsWith('10.200.'))).toBe(true);
  });

  test.each([
    [['--from', 'shop/client'], /needs --to/],
    [['--to', 'http://web/'], /needs --from/],
    [['--from', 'shop/nobody', '--to', 'http://web/'], /no pod shop\/nobody/],
    [['--from', 'shop/client', '--to', 'gopher://web/'], /not a target scheme/],
    [['--from', 'shop/client', '--to', 'http://web/', '--cni', 'flanel'], /--cni "flanel"/],
    [['--from', 'shop/client', '--to', 'http://web/', '--expect', 'ok'], /not an outcome/],
    [['--from', 'shop/client', '--to', 'http://web/', '--frm', 'x'], /Unknown option '--frm'/],
  ])('bad usage %j exits 2 with a plain message', async (extra, message) => {
    const { code, stderr, stdout } = await runCli(['trace', '-f', SHOP, ...extra]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  test('invalid manifests stop the trace with file:line:col', async () => {
    const { code, stderr } = await runCli(['trace', '-f', '-', '--from', 'external', '--to', 'tcp://10.0.0.11:80'], {
      stdin: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - port: 80\n    targetport: 8080\n',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^<stdin>:7:5: /m);
  });

  test('control characters from the input never reach the terminal raw', async () => {
    const { stderr } = await runCli(['trace', '-f', SHOP, '--from', 'shop/\u001b[31mevil', '--to', 'http://web/']);
    expect(stderr).not.toContain('\u001b');
    expect(stderr).toContain('\\x1b');
  });

  test('--help documents the sources and targets', async () => {
    const { code, stdout } = await runCli(['trace', '--help']);
    expect(code).toBe(0);
    for (const word of ['--from SRC', '--to TARGET', 'external:IP', 'node/NAME', 'http://HOST', '--json', '--cni']) expect(stdout).toContain(word);
  });

  test('the built binary traces (spawned)', async () => {
    const { code, stdout } = await spawnCli(['trace', '-f', SHOP, '--from', 'shop/client', '--to', 'http://web/', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBe('delivered');
  });
});

describe('kubequest', () => {
  test('without a terminal, prints help and exits 2', async () => {
    const { code, stderr } = await spawnCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  test('an unknown command exits 2 and points at --help', async () => {
    const { code, stderr } = await runCli(['tracee']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "tracee"/);
  });
});
