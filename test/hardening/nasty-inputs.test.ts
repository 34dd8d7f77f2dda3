/**
 * The corpus in test/fixtures/nasty/ through `validate`, `check` (as a
 * submission to the fixture level "passes") and `trace` (beside a small
 * cluster): each gives the documented exit code, a file:line:col where a
 * position exists, a plain message, no stack trace, and no raw control
 * character from the input on stdout or stderr. The file over the size
 * limit is made at test time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_INPUT_BYTES } from '../../src/cli/inputs.js';
import { repoRoot, runCli, spawnCli, type CliResult } from '../helpers/run-cli.js';
import { rawControlIn, withFiles } from './helpers.js';

const NASTY = join(repoRoot, 'test/fixtures/nasty');
const PACK = join(repoRoot, 'test/fixtures/levels');

/** Pods for `trace`: the shop's web pods (port http = 8080) and a client; the nasty file brings the Service. */
const CLUSTER = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - name: http
          containerPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: shop
spec:
  containers:
  - name: shell
    image: busybox
`;

type Case = {
  /** Exit codes of validate, check, trace. */
  readonly exits: readonly [number, number, number];
  /** `file:line:col` (a regex source, after the file name), when the input has a position. */
  readonly at?: string;
  /** The plain message, as a regex source. */
  readonly says?: string;
};

const CASES: Record<string, Case> = {
  'alias-bomb.yaml': { exits: [2, 1, 2], at: ':7:13', says: 'too many aliases \\(\\*name\\) expanded; kubequest expands at most 100 per document' },
  'deep-flow.yaml': { exits: [2, 1, 2], at: ':6:\\d+', says: 'the YAML nests more than 100 levels deep' },
  'deep-block.yaml': { exits: [2, 1, 2], at: ':\\d+:\\d+', says: 'the YAML nests more than 100 levels deep' },
  'binary.yaml': { exits: [2, 2, 2], at: ':2:118', says: 'is not text \\(it is not valid UTF-8' },
  'invalid-utf8.yaml': { exits: [2, 2, 2], at: ':4:10', says: 'is not text \\(it is not valid UTF-8: byte 0xc3 at ' },
  'bom.yaml': { exits: [0, 0, 0] },
  'crlf.yaml': { exits: [0, 0, 0] },
  'tabs.yaml': { exits: [2, 1, 2], at: ':4:1', says: 'this line is indented with a tab; YAML indentation must use spaces' },
  'duplicate-keys.yaml': { exits: [2, 1, 2], at: ':12:7', says: 'the key "port" appears twice in the same mapping' },
  'long-line.yaml': { exits: [2, 1, 2], at: ':10:40', says: 'nodePort may only be set when the Service type is NodePort or LoadBalancer' },
  'control-chars.yaml': { exits: [2, 1, 2], at: ':4:9', says: 'Service name "web\\\\x1b\\[2J\\\\x1b\\]0;pwned\\\\x07" is not valid' },
  'control-kind.yaml': { exits: [2, 1, 2], at: ':2:7', says: 'unknown kind "Serv\\\\x1b\\[2Jice"' },
  'ansi-escaped.yaml': { exits: [2, 1, 2], at: ':4:9', says: 'Service name "web\\\\x1b\\[2J\\\\x1b\\]0;pwned\\\\x07" is not valid' },
  'lookalike-kind.yaml': { exits: [2, 1, 2], at: ':2:7', says: 'unknown kind "Sеrvice": "е" \\(U\\+0435, a Cyrillic letter\\) only looks like "e"[^\\n]*\\n(.*\\n)*hint: did you mean Service\\?' },
  'lookalike-key.yaml': { exits: [2, 1, 2], at: ':11:7', says: 'unknown field "tаrgetPort" in spec.ports\\[0\\]: "а" \\(U\\+0430, a Cyrillic letter\\) only looks like "a"[^\\n]*\\n(.*\\n)*hint: did you mean targetPort\\?' },
  'fullwidth-colon.yaml': { exits: [2, 1, 2], at: ':3:1', says: 'YAML syntax: [^\\n]*\\n(.*\\n)*hint: this line has "：" \\(U\\+FF1A, a fullwidth character\\), which only looks like ":"' },
  'yaml-tags.yaml': { exits: [0, 1, 0] },
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-nasty-'));
  writeFileSync(join(dir, 'cluster.yaml'), CLUSTER);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function assertClean(r: CliResult, what: string): void {
  const out = r.stdout + r.stderr;
  expect(rawControlIn(out), `${what}: a raw control character reached the terminal`).toBeUndefined();
  expect(out, `${what}: a stack trace`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/u);
  expect(out, `${what}: a bug report`).not.toContain('hit a bug');
}

function assertSays(r: CliResult, file: string, c: Case, what: string): void {
  const out = r.stdout + r.stderr;
  if (c.at !== undefined) expect(out, what).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}${c.at}`, 'u'));
  if (c.says !== undefined) expect(out, what).toMatch(new RegExp(c.says, 'u'));
}

test('every file of the corpus has a case, and every case a file', () => {
  expect(readdirSync(NASTY).filter((f) => f.endsWith('.yaml')).sort()).toEqual(Object.keys(CASES).sort());
});

describe.each(Object.entries(CASES))('%s', (name, c) => {
  const file = `test/fixtures/nasty/${name}`;

  test(`validate exits ${c.exits[0]}`, async () => {
    const r = await runCli(['validate', file]);
    expect(r.code, r.stdout + r.stderr).toBe(c.exits[0]);
    assertClean(r, 'validate');
    assertSays(r, file, c, 'validate');
    const json = await runCli(['validate', '--json', file]);
    assertClean(json, 'validate --json');
    if (json.stdout !== '') expect(JSON.parse(json.stdout)).toHaveProperty('valid', c.exits[0] === 0);
  });

  test(`check (a submission to "passes") exits ${c.exits[1]}`, async () => {
    const r = await runCli(['check', 'passes', file, '--pack', PACK]);
    expect(r.code, r.stdout + r.stderr).toBe(c.exits[1]);
    assertClean(r, 'check');
    if (c.exits[1] !== 0) assertSays(r, file, c, 'check');
    const json = await runCli(['check', 'passes', file, '--pack', PACK, '--json']);
    assertClean(json, 'check --json');
  });

  test(`trace exits ${c.exits[2]}`, async () => {
    const r = await runCli(['trace', '-f', join(dir, 'cluster.yaml'), '-f', file, '--from', 'shop/client', '--to', 'http://web.shop/']);
    expect(r.code, r.stdout + r.stderr).toBe(c.exits[2]);
    assertClean(r, 'trace');
    if (c.exits[2] !== 0) assertSays(r, file, c, 'trace');
  });
});

test('CRLF simply works: the Service validates clean and its trace is delivered', async () => {
  const validate = await runCli(['validate', 'test/fixtures/nasty/crlf.yaml']);
  expect(validate.stdout).toBe('✓ 1 object in 1 file is valid\n');
  const trace = await runCli(['trace', '-f', join(dir, 'cluster.yaml'), '-f', 'test/fixtures/nasty/crlf.yaml', '--from', 'shop/client', '--to', 'http://web.shop/', '--json']);
  expect(JSON.parse(trace.stdout)).toMatchObject({ outcome: 'delivered' });
  expect(trace.stdout).not.toContain('\r');
});

test('a BOM is not part of the first key', async () => {
  const r = await runCli(['check', 'passes', 'test/fixtures/nasty/bom.yaml', '--pack', PACK]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Passed');
});

test('YAML tags are data: the ConfigMap holds the text, nothing ran', async () => {
  const r = await runCli(['validate', '--json', 'test/fixtures/nasty/yaml-tags.yaml']);
  expect(JSON.parse(r.stdout)).toEqual({ valid: true, objects: 1, problems: [] });
});

describe('over the size limit', () => {
  test(`a file over ${MAX_INPUT_BYTES / 1024 / 1024} MiB is refused before it is read, by every command, quickly`, async () => {
    const big = Buffer.alloc(MAX_INPUT_BYTES + 1, 'a: b\n');
    await withFiles({ 'big.yaml': big }, async (bigDir) => {
      const file = join(bigDir, 'big.yaml');
      for (const args of [
        ['validate', file],
        ['check', 'passes', file, '--pack', PACK],
        ['trace', '-f', file, '--from', 'shop/client', '--to', 'http://web.shop/'],
      ]) {
        const started = Date.now();
        const r = await runCli(args);
        expect(r.code, args[0]).toBe(2);
        expect(r.stderr).toContain(`big.yaml is too large (5.0 MiB); kubequest reads at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB per input`);
        expect(r.stdout).toBe('');
        assertClean(r, args[0]!);
        expect(Date.now() - started).toBeLessThan(2000);
      }
    });
  });
});

describe('control characters in arguments and file names', () => {
  test('a file name carrying escapes is shown escaped', async () => {
    await withFiles({ 'evil\u001b[2J\u0007.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n' }, async (d) => {
      for (const args of [['validate', 'evil\u001b[2J\u0007.yaml'], ['validate', 'nope\u001b[31m.yaml'], ['check', 'passes', 'evil\u001b[2J\u0007.yaml', '--pack', PACK]]) {
        const r = await runCli(args, { cwd: d });
        assertClean(r, args.join(' '));
        expect(r.stdout + r.stderr).toMatch(/evil\\x1b\[2J\\x07\.yaml|nope\\x1b\[31m\.yaml/u);
      }
    });
  });

  test.each([
    [['validate', '--js\u001bon', 'x.yaml']],
    [['trace', '-f', 'test/fixtures/trace/shop.yaml', '--from', 'shop/cl\u001b[2Jient', '--to', 'http://web.shop/']],
    [['trace', '-f', 'test/fixtures/trace/shop.yaml', '--from', 'shop/client', '--to', 'http://w\u009beb.shop/']],
    [['check', 'pa\u001bsses', 'x.yaml', '--pack', PACK]],
    [['vali\u001bdate']],
    [['matrix', '-f', 'test/fixtures/trace/shop.yaml', '--pods', 'shop/\u001b[2J']],
  ])('%j: a plain message, exit 2, escapes shown escaped', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    assertClean(r, args.join(' '));
    expect(r.stderr).toMatch(/^kubequest: /u);
  });
});

describe('through the real binary', () => {
  test.each(['binary.yaml', 'control-chars.yaml', 'control-kind.yaml', 'lookalike-kind.yaml', 'alias-bomb.yaml'])('validate %s: exit 2, clean output', async (name) => {
    const r = await spawnCli(['validate', `test/fixtures/nasty/${name}`]);
    expect(r.code).toBe(2);
    assertClean(r, name);
  });

  test('crlf.yaml on stdin validates clean', async () => {
    const r = await spawnCli(['validate', '-'], { stdin: readFileSync(join(NASTY, 'crlf.yaml')) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✓ 1 object in 1 file is valid\n');
  });

  test('raw escapes on stdin through trace: exit 2, shown escaped', async () => {
    const r = await spawnCli(['trace', '-f', '-', '--from', 'external', '--to', 'http://web.shop/'], { stdin: readFileSync(join(NASTY, 'control-chars.yaml')) });
    expect(r.code).toBe(2);
    assertClean(r, 'trace -f -');
    expect(r.stderr).toContain('<stdin>:4:9');
  });

  test('a stream over the limit on stdin is refused: exit 2', async () => {
    const r = await spawnCli(['validate', '-'], { stdin: Buffer.alloc(MAX_INPUT_BYTES + 1024, 'a: b\n') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin> is too large');
  });
});
