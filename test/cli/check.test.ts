/**
 * `kubequest check LEVEL FILE...`: every fixture outcome graded through the
 * CLI, in process, with the exit code, the JSON shape, the text a learner
 * reads and the JUnit file a CI server reads; and once through the built
 * binary.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli, spawnCli, repoRoot } from '../helpers/run-cli.js';

const PACK = 'test/fixtures/levels';
const sub = (id: string) => `${PACK}/submissions/${id}.yaml`;
const check = (args: string[], stdin?: string) => runCli(['check', ...args, '--pack', PACK], stdin === undefined ? {} : { stdin });

const temp = mkdtempSync(join(tmpdir(), 'kubequest-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

type JsonProbe = { from: string; to: string; passed: boolean; expected: string; actual: string; outcome: string | null; reach: string[]; brokenHop: { step: string; detail: string } | null };
type JsonGoal = { id: string; title?: string; passed: boolean; points: number; earned: number; hidden: boolean; probes?: JsonProbe[]; constraints?: { kind: string; passed: boolean }[] };
type JsonReport = {
  level: string;
  passed: boolean;
  score: number;
  maxScore: number;
  problems: { file: string; line: number; col: number; code: string; severity: string; message: string; hint: string | null }[];
  goals: JsonGoal[];
  hints: { text: string; goal: string | null; when: string | null }[];
};

async function checkJson(id: string, file = sub(id)): Promise<{ code: number; report: JsonReport }> {
  const r = await check([id, file, '--json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

describe('kubequest check - one fixture per grading outcome', () => {
  test.each([
    ['passes', 0, [], [true, true]],
    ['fails-probe', 1, [], [false, true]],
    ['fails-constraint', 1, [], [true, false]],
    ['bad-yaml', 1, ['YAML_SYNTAX'], [true, false]],
    ['disallowed-kind', 1, ['DISALLOWED_KIND'], [true, true]],
    ['name-collision', 1, ['NAME_COLLISION'], [true, true]],
    ['sticky-cart', 0, [], [true, true]],
    ['who-answers', 1, [], [true, false]],
  ] as const)('%s - exit %i, problems %j, goals %j', async (id, exit, codes, goals) => {
    const { code, report } = await checkJson(id);
    expect(code).toBe(exit);
    expect(report.level).toBe(id);
    expect(report.passed).toBe(exit === 0);
    expect(report.problems.map((p) => p.code)).toEqual(codes);
    expect(report.goals.map((g) => g.passed)).toEqual(goals);
  });

  test('--json - the shape of the report, goal, probe and broken hop', async () => {
    const { report } = await checkJson('fails-probe');
    expect(Object.keys(report).sort()).toEqual(['goals', 'hints', 'level', 'maxScore', 'passed', 'problems', 'score']);
    expect(report).toMatchObject({ level: 'fails-probe', passed: false, score: 1, maxScore: 2 });
    const [failing] = report.goals;
    expect(failing).toMatchObject({ id: 'orders-answer', title: 'tcp://orders.shop:80 reaches exactly the orders pods', passed: false, points: 1, earned: 0, hidden: false, constraints: [] });
    expect(failing!.probes).toEqual([
      {
        from: 'shop/client',
        to: 'tcp://orders.shop:80',
        passed: false,
        expected: expect.any(String),
        actual: expect.any(String),
        outcome: 'refused',
        cause: 'not-listening',
        reach: [],
        brokenHop: { step: 'pod', detail: expect.stringContaining('80/TCP') },
      },
    ]);
    expect(report.hints.map((h) => [h.goal, h.when])).toEqual([
      ['orders-answer', null],
      [null, 'not-listening'],
      [null, 'refused'],
    ]);
  });

  test('--json - a delivered probe lists the pods it reached and has no broken hop', async () => {
    const { report } = await checkJson('passes');
    expect(report.goals[0]!.probes![0]).toMatchObject({ passed: true, outcome: 'delivered', brokenHop: null });
    expect(report.goals[0]!.probes![0]!.reach).toHaveLength(2);
    expect(report.goals[1]!.constraints).toEqual([{ kind: 'Service', field: 'spec.type', passed: true, expected: expect.any(String), actual: expect.any(String) }]);
    expect(report).toMatchObject({ score: 3, maxScore: 3, hints: [] });
  });

  test('--json - problems carry file, line and column in the file given', async () => {
    const { report } = await checkJson('bad-yaml');
    const text = readFileSync(join(repoRoot, sub('bad-yaml')), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('protocol: TCP')) + 1;
    expect(report.problems).toEqual([
      { file: sub('bad-yaml'), line, col: 1, code: 'YAML_SYNTAX', severity: 'error', message: expect.any(String), hint: expect.any(String) },
    ]);
  });

  test('--json - predict levels report the answer given and the right one', async () => {
    const { report } = await checkJson('who-answers');
    expect(report.goals[1]).toMatchObject({ id: 'search', passed: false, answer: { given: 'dns-failure', correct: 'no-endpoints' } });
  });
});

describe('kubequest check - text', () => {
  test('a goal checklist with points, then one line per failing probe with the broken hop and the fitting hint', async () => {
    const { code, stdout, stderr } = await check(['fails-probe', sub('fails-probe')]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('fails-probe: The orders API');
    expect(lines).toContainEqual(expect.stringMatching(/^✗ tcp:\/\/orders\.shop:80 reaches exactly the orders pods +0\/1$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ nothing answers on port 9090 of the Service +1\/1$/));
    const probe = lines.findIndex((l) => l.startsWith('✗ shop/client → tcp://orders.shop:80: expected delivered to exactly the ready pods with app=orders'));
    expect(probe).toBeGreaterThan(0);
    expect(lines[probe]).toContain(', got refused: ');
    expect(lines[probe + 1]).toMatch(/^ {4}broke at pod: no container in shop\/orders-\S+ listens on 80\/TCP/);
    // The hint tied to what happened (not-listening) is the one shown under the probe.
    expect(lines[probe + 2]).toBe('    hint: The connection is refused because nothing listens where the Service sends it. targetPort defaults to port.');
    expect(lines.at(-2)).toBe('Not yet: 1 of 2 goals pass, score 1/2.');
  });

  test('problems come first, as file:line:col with the source line and a caret', async () => {
    const { code, stdout } = await check(['bad-yaml', sub('bad-yaml')]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[2]).toMatch(new RegExp(`^${sub('bad-yaml')}:22:1: YAML syntax`));
    expect(lines[3]).toBe('       protocol: TCP');
    expect(lines[4]).toBe('    ^');
    expect(lines.findIndex((l) => l.startsWith('✓ http://web.shop/'))).toBeGreaterThan(4);
  });

  test('a failing constraint gets its own line', async () => {
    const { stdout } = await check(['fails-constraint', sub('fails-constraint')]);
    expect(stdout).toContain('✗ Service: expected every Service has spec.type = ClusterIP, got Service inventory has spec.type = LoadBalancer\n');
  });

  test('a pass ends with the score and the debrief', async () => {
    const { code, stdout } = await check(['passes', sub('passes')]);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ Passed: all 2 goals pass, score 3/3.\n');
    expect(stdout).toContain('targetPort is where the pods listen');
  });
});

describe('kubequest check - inputs', () => {
  test('several FILEs are one submission; problems keep their own file and line', async () => {
    const web = join(temp, 'web.yaml');
    const api = join(temp, 'api.yaml');
    const solution = readFileSync(join(repoRoot, sub('bad-yaml')), 'utf8').split('---\n');
    writeFileSync(web, solution[0]!);
    writeFileSync(api, solution[1]!);
    expect((await check(['bad-yaml', web, api, '--json'])).code).toBe(1);
    const { code, stdout } = await runCli(['check', 'bad-yaml', 'web.yaml', 'api.yaml', '--pack', join(repoRoot, PACK), '--json'], { cwd: temp });
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(1);
    expect(report.problems).toMatchObject([{ file: 'api.yaml', line: solution[1]!.split('\n').findIndex((l) => l.includes('protocol')) + 1, code: 'YAML_SYNTAX' }]);
    // Fixed, the two files pass together.
    writeFileSync(api, solution[1]!.replace('  - port: 80\n   protocol: TCP', '  - port: 80\n    protocol: TCP'));
    expect((await runCli(['check', 'bad-yaml', 'web.yaml', 'api.yaml', '--pack', join(repoRoot, PACK)], { cwd: temp })).code).toBe(0);
  });

  test('a directory is read like validate reads it', async () => {
    const dir = join(temp, 'sticky');
    mkdirSync(dir);
    cpSync(join(repoRoot, sub('sticky-cart')), join(dir, 'cart-service.yaml'));
    expect((await check(['sticky-cart', dir])).code).toBe(0);
  });

  test('- reads the submission from standard input', async () => {
    const { code, stdout } = await check(['passes', '-', '--json'], readFileSync(join(repoRoot, sub('passes')), 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ passed: true });
  });

  test('an empty submission is graded, and fails', async () => {
    const empty = join(temp, 'empty.yaml');
    writeFileSync(empty, '');
    const { code, report } = await checkJson('passes', empty);
    expect(code).toBe(1);
    expect(report.goals.map((g) => g.passed)).toEqual([false, false]);
  });
});

describe('kubequest check - JUnit', () => {
  test('--junit FILE: one testcase per goal, the failure message is expected vs actual', async () => {
    const file = join(temp, 'fails-probe.xml');
    const { code } = await check(['fails-probe', sub('fails-probe'), '--junit', file]);
    expect(code).toBe(1);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kubequest check" tests="2" failures="1" errors="0">/);
    expect(xml).toContain('<testsuite name="fails-probe: The orders API" tests="2" failures="1" errors="0">');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain('<testcase classname="kubequest.fails-probe" name="nothing answers on port 9090 of the Service"/>');
    expect(xml).toMatch(/<testcase classname="kubequest.fails-probe" name="tcp:\/\/orders.shop:80 reaches exactly the orders pods">\n {6}<failure message="expected delivered to exactly the ready pods with app=orders in shop \([^"]*\), got refused: [^"]*" type="goal">/);
    expect(xml).toContain('broke at pod: no container in shop/orders-');
  });

  test('--junit: a submission with errors fails one more testcase; text still goes to stdout', async () => {
    const file = join(temp, 'disallowed.xml');
    const { code, stdout } = await check(['disallowed-kind', sub('disallowed-kind'), '--junit', file]);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ the web pods can connect to the database');
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('tests="3" failures="1"');
    expect(xml).toContain('name="the submission is valid">');
    expect(xml).toContain(`${sub('disallowed-kind')}:18:1: this level is about NetworkPolicy`);
  });

  test('--junit: text from the level is escaped', async () => {
    const file = join(temp, 'passes.xml');
    await check(['passes', sub('passes'), '--junit', file]);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('name="the client reaches every web pod, and only them, at http://web.shop/"/>');
    expect(xml).not.toMatch(/<failure/);
  });
});

describe('kubequest check - hidden goals', () => {
  const pack = join(temp, 'hidden-pack');
  mkdirSync(join(pack, '01-shop'), { recursive: true });
  writeFileSync(join(pack, 'index.yaml'), 'format_version: 1\ntitle: Hidden\nchapters:\n  - id: shop\n    folder: 01-shop\n    levels: [fails-constraint]\n');
  const level = readFileSync(join(repoRoot, PACK, '01-shop/fails-constraint.yaml'), 'utf8').replace('    points: 2\n', '    points: 2\n    hidden: true\n');
  writeFileSync(join(pack, '01-shop/fails-constraint.yaml'), level);

  test('--json: a hidden goal is graded, but only its verdict and points are shown, and no hint tied to it', async () => {
    const { code, stdout } = await runCli(['check', 'fails-constraint', sub('fails-constraint'), '--pack', pack, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.goals[1]).toEqual({ id: 'not-public', passed: false, points: 2, earned: 0, hidden: true });
    expect(report.hints).toEqual([]);
    expect(report).toMatchObject({ score: 1, maxScore: 3 });
  });

  test('text: a hidden goal shows no title and no details', async () => {
    const { stdout } = await runCli(['check', 'fails-constraint', sub('fails-constraint'), '--pack', pack]);
    expect(stdout).toMatch(/^✗ \(hidden goal\) +0\/2$/m);
    expect(stdout).not.toContain('LoadBalancer');
  });
});

describe('kubequest check - bad input (exit 2)', () => {
  test('an unknown level id names close ids', async () => {
    const { code, stdout, stderr } = await check(['pases', sub('passes')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/no level "pases" in test\/fixtures\/levels; did you mean passes\?/);
  });

  test.each([
    ['no LEVEL', []],
    ['no FILE', ['passes']],
    ['a FILE that does not exist', ['passes', 'no-such.yaml']],
    ['an unknown flag', ['passes', sub('passes'), '--jsno']],
  ])('%s', async (_name, args) => {
    const { code, stdout, stderr } = await check([...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubequest: /);
  });

  test('a pack folder that is not a pack', async () => {
    const { code, stderr } = await runCli(['check', 'passes', sub('passes'), '--pack', 'test/fixtures/manifests']);
    expect(code).toBe(2);
    expect(stderr).toContain('index.yaml');
  });
});

describe('kubequest check - the built binary', () => {
  test('grades a failing probe: exit 1 and the JSON report', async () => {
    const { code, stdout, stderr } = await spawnCli(['check', 'fails-probe', sub('fails-probe'), '--pack', PACK, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ level: 'fails-probe', passed: false, goals: [{ passed: false, probes: [{ outcome: 'refused' }] }, { passed: true }] });
  });

  test('grades standard input: exit 0 on a pass', async () => {
    const { code, stdout } = await spawnCli(['check', 'sticky-cart', '-', '--pack', PACK], { stdin: readFileSync(join(repoRoot, sub('sticky-cart'))) });
    expect(code).toBe(0);
    expect(stdout).toContain('✓ Passed');
  });

  test('a level edited between two checks is graded as it now is, not as the cache kept it', async () => {
    const pack = join(temp, 'edited-pack');
    cpSync(join(repoRoot, PACK), pack, { recursive: true });
    const level = join(pack, '01-shop/sticky-cart.yaml');
    // Files changed just before a read are never cached (they may change during it): these were written long ago.
    const longAgo = new Date('2025-01-01T00:00:00Z');
    for (const file of ['.', ...readdirSync(pack, { recursive: true, encoding: 'utf8' })]) utimesSync(join(pack, file), longAgo, longAgo);
    const run = () => spawnCli(['check', 'sticky-cart', join(repoRoot, sub('sticky-cart')), '--pack', pack]);
    const first = await run();
    expect(first.code).toBe(0);
    const cached = () => readdirSync(join(repoRoot, 'build/test-cache/kubequest')).filter((f) => f.startsWith('level-sticky-cart-'));
    expect(cached().length).toBeGreaterThan(0);
    expect((await run()).stdout).toBe(first.stdout);
    const title = /^title: (.*)$/m.exec(readFileSync(level, 'utf8'))![1]!;
    writeFileSync(level, readFileSync(level, 'utf8').replace(`title: ${title}`, 'title: Renamed for this test'));
    utimesSync(level, longAgo, new Date('2025-01-02T00:00:00Z'));
    const edited = await run();
    expect(edited.stdout).toContain('sticky-cart: Renamed for this test');
    expect(edited.stdout).not.toContain(title);
  });

  test('an unknown level: exit 2, the message on stderr, no stack trace', async () => {
    const { code, stdout, stderr } = await spawnCli(['check', 'sticky-kart', sub('sticky-cart'), '--pack', PACK]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('did you mean sticky-cart?');
    expect(stderr).not.toMatch(/\bat \S+ \(/);
  });
});

describe('kubequest check - help', () => {
  test('--help prints the usage, exit 0; the command list names levels, check and pack validate', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: kubequest check LEVEL FILE... [--pack DIR] [--json] [--junit FILE]');
    const usage = await runCli(['--help']);
    expect(usage.stdout).toMatch(/^ {2}kubequest levels \[--pack DIR\] +list the chapters and levels$/m);
    expect(usage.stdout).toMatch(/^ {2}kubequest check LEVEL FILE\.\.\. +grade your YAML against a level, as the game does$/m);
    expect(usage.stdout).toMatch(/^ {2}kubequest pack validate DIR +check a pack of levels/m);
  });
});
