import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, spawnCli } from '../helpers/run-cli.js';

const fixtures = 'test/fixtures/manifests';
let dir: string;

const valid = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubequest-validate-'));
  writeFileSync(join(dir, 'web.yaml'), valid);
  writeFileSync(join(dir, 'job.yaml'), 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n');
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'manifests', 'b.yml'), valid.replace('name: web', 'name: api'));
  writeFileSync(join(dir, 'manifests', 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }));
  writeFileSync(join(dir, 'manifests', 'notes.txt'), 'not a manifest');
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('name: caf\xe9\n', 'latin1'));
});

describe('kubequest validate', () => {
  test('valid manifests: a check mark, exit 0', async () => {
    const r = await runCli(['validate', 'web.yaml', 'manifests'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '✓ 3 objects in 3 files are valid\n', stderr: '' });
  });

  test('a mistake: file:line:col, source line, caret, hint, summary; exit 2', async () => {
    const r = await runCli(['validate', `${fixtures}/targetport-typo.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      [
        `${fixtures}/targetport-typo.yaml:11:5: unknown field "targetport" in spec.ports[0]`,
        '        targetport: 8080',
        '        ^',
        'hint: did you mean targetPort?',
        '',
        '1 error in 1 object from 1 file',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  test('warnings alone do not fail', async () => {
    const r = await runCli(['validate', 'job.yaml', 'web.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('job.yaml:2:7: warning: kubequest does not simulate Job');
    expect(r.stdout).toMatch(/✓ 1 object in 2 files is valid \(1 warning\)\n$/u);
  });

  test('errors across files: summary counts errors and warnings', async () => {
    const r = await runCli(['validate', '-f', `${fixtures}/nodeport-used-twice.yaml`, `${fixtures}/unsupported-kind-job.yaml`, `${fixtures}/kind-misspelt.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/\n2 errors, 1 warning in 2 objects from 3 files\n$/u);
    // In the order the files were given.
    expect(r.stdout.indexOf('nodeport-used-twice')).toBeLessThan(r.stdout.indexOf('unsupported-kind-job'));
  });

  test('--json: valid, objects, problems with file, line, col, code, severity, message, hint', async () => {
    const r = await runCli(['validate', '--json', `${fixtures}/selector-under-port.yaml`]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: false,
      objects: 1,
      problems: [
        {
          file: `${fixtures}/selector-under-port.yaml`,
          line: 10,
          col: 5,
          code: 'UNKNOWN_FIELD',
          severity: 'error',
          message: 'unknown field "selector" in spec.ports[0]',
          hint: 'selector belongs under spec, not inside a spec.ports item',
        },
      ],
    });
  });

  test('--json for valid input', async () => {
    const r = await runCli(['validate', `${fixtures}/kubectl-get-output.yaml`, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, objects: 4, problems: [] });
  });

  test('- reads standard input', async () => {
    const r = await runCli(['validate', '-'], { stdin: valid.replace('targetPort', 'targetport') });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('<stdin>:10:5: unknown field "targetport"');
  });

  test('a directory reads its *.yaml, *.yml and *.json files in name order', async () => {
    const r = await runCli(['validate', '--json', 'manifests'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, objects: 2 });
  });

  test.each([
    [['validate'], /no files to validate/u],
    [['validate', 'nope.yaml'], /no such file or directory: nope\.yaml/u],
    [['validate', 'empty'], /no \*\.yaml, \*\.yml or \*\.json files in empty/u],
    [['validate', 'binary.yaml'], /binary\.yaml looks binary/u],
    [['validate', 'latin1.yaml'], /latin1\.yaml is not text/u],
    [['validate', '--frobnicate', 'web.yaml'], /Unknown option '--frobnicate'/u],
  ])('%j: a clear message on stderr, exit 2', async (args, message) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });

  test('a 30 MB stream on stdin is refused before parsing, quickly', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a: b\n');
    let sent = 0;
    const stdin = new Readable({
      read() {
        sent++;
        this.push(sent <= 30 ? chunk : null);
      },
    });
    const start = performance.now();
    const r = await runCli(['validate', '-'], { stdin });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin> is too large \(more than 5 MiB\); kubequest reads at most 5 MiB per input/u);
    expect(sent).toBeLessThan(30);
  });

  test('a file over the limit is refused by its size, before reading', async () => {
    writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(6 * 1024 * 1024, 'a: b\n'));
    const r = await runCli(['validate', 'huge.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.yaml is too large \(6 MiB\)/u);
  });

  test('more than 10 MiB in all is refused', async () => {
    const four = Buffer.alloc(4 * 1024 * 1024, '# x\n');
    for (const n of [1, 2, 3]) writeFileSync(join(dir, `part${n}.yaml`), four);
    const r = await runCli(['validate', 'part1.yaml', 'part2.yaml', 'part3.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too large: more than 10 MiB in all/u);
  });

  test('control characters in names and file names never reach the output raw', async () => {
    const evil = valid.replace('name: web', 'name: "web\\e]0;pwned\\a\\u009b2J"');
    const name = 'evil\u001b[2J.yaml';
    writeFileSync(join(dir, name), evil);
    for (const args of [['validate', name], ['validate', '--json', name]]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    }
    const missing = await runCli(['validate', 'gone\u001b[2J.yaml'], { cwd: dir });
    expect(missing.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
  });

  test('--help', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kubequest validate FILE\.\.\. \[--json\]/u);
    expect(r.stdout).toContain('5 MiB per input, 10 MiB in all');
  });
});

describe('kubequest validate - the built binary', () => {
  test('reads stdin, prints problems, exits 2', async () => {
    const r = await spawnCli(['validate', '-'], { stdin: valid.replace('port: 80', 'port: "80"') });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('<stdin>:9:11: spec.ports[0].port must be a whole number, not a string');
    expect(r.stderr).toBe('');
  });

  test('valid files exit 0; a missing file exits 2 without a stack trace', async () => {
    const ok = await spawnCli(['validate', `${fixtures}/kubectl-get-output.yaml`, `${fixtures}/kubectl-get-pod.yaml`]);
    expect(ok).toEqual({ code: 0, stdout: '✓ 5 objects in 2 files are valid\n', stderr: '' });
    const missing = await spawnCli(['validate', 'no-such.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('kubequest: no such file or directory: no-such.yaml\n');
  });
});
