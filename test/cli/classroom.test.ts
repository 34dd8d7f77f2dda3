/**
 * The classroom flow of issue 8, end to end through the CLI, in a temp
 * folder: a teacher makes a pack (`pack new`), validates it, hands out a
 * workspace (folder and .tgz), a student writes partial answers, CI grades
 * them (text, JSON, JUnit), a challenge result is written and re-graded,
 * and tampered results are rejected. Then progress carried between profiles.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canonicalJson, loadPack } from '../../src/game/index.js';
import { createConfProgressStore, createWorkspaceDraftStore } from '../../src/store/index.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';
import { entriesOf, tgz } from '../helpers/tar.js';
import { elements, xmlProblems } from '../helpers/xml.js';

let root: string;
const at = (...parts: string[]) => join(root, ...parts);
const run = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: root, env });
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The scaffolded pack's hidden goal: its title must never reach a student. */
const HIDDEN_TITLE = 'the admin pod, too, reaches exactly the web pods';

const SHOP_SOLUTION = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kubequest-classroom-'));
  // The teacher: a new pack, then two fixture levels added to it (a predict
  // level and a NetworkPolicy level), listed in index.yaml.
  const made = await run(['pack', 'new', 'pack', '--title', 'Networking: a class']);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  for (const file of ['who-answers.yaml', 'fails-constraint.yaml']) {
    copyFileSync(join(repoRoot, 'test/fixtures/levels/01-shop', file), at('pack/01-first-steps', file));
  }
  const index = readFileSync(at('pack/index.yaml'), 'utf8');
  writeFileSync(at('pack/index.yaml'), index.replace('      - open-the-shop\n', '      - open-the-shop\n      - who-answers\n      - fails-constraint\n'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a teacher makes a pack', () => {
  test('pack new scaffolds a pack that validates as written, with schemas for editors', async () => {
    const { code, stdout } = await run(['pack', 'new', 'fresh']);
    expect(code).toBe(0);
    for (const file of ['index.yaml', 'README.md', '01-first-steps/README.md', '01-first-steps/open-the-shop.yaml', '01-first-steps/open-the-shop.solution.yaml', '.schema/pack.schema.json', '.schema/level.schema.json']) {
      expect(existsSync(at('fresh', file)), file).toBe(true);
      expect(stdout).toContain(`fresh/${file}`);
    }
    expect(readFileSync(at('fresh/index.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=.schema/pack.schema.json');
    expect(readFileSync(at('fresh/01-first-steps/open-the-shop.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../.schema/level.schema.json');
    expect(readFileSync(at('fresh/index.yaml'), 'utf8')).toContain('title: "fresh"');
    const validated = await run(['pack', 'validate', 'fresh']);
    expect(validated.stdout).toBe('✓ 1 level in 1 chapter: the pack is valid\n');
    expect(validated.code).toBe(0);
  });

  test('pack new refuses a folder that is not empty (exit 2), and writes nothing', async () => {
    mkdirSync(at('busy'));
    writeFileSync(at('busy/notes.txt'), 'mine');
    const { code, stdout, stderr } = await run(['pack', 'new', 'busy']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubequest: busy is not empty/);
    expect(existsSync(at('busy/index.yaml'))).toBe(false);
  });

  test('the pack with the added levels validates', async () => {
    const { code, stdout } = await run(['pack', 'validate', 'pack']);
    expect(stdout).toBe('✓ 3 levels in 1 chapter: the pack is valid\n');
    expect(code).toBe(0);
  });

  test('a .tgz of the pack (pack at its root, or in one top folder) works wherever --pack does', async () => {
    writeFileSync(at('pack.tgz'), tgz(entriesOf(at('pack'), 'pack')));
    writeFileSync(at('flat.tgz'), tgz(entriesOf(at('pack'))));
    for (const archive of ['pack.tgz', 'flat.tgz']) {
      expect((await run(['pack', 'validate', archive])).stdout).toBe('✓ 3 levels in 1 chapter: the pack is valid\n');
      const levels = await run(['levels', '--pack', archive, '--json']);
      expect(levels.code).toBe(0);
      expect(JSON.parse(levels.stdout).chapters[0].levels.map((l: { id: string }) => l.id)).toEqual(['open-the-shop', 'who-answers', 'fails-constraint']);
      const checked = await run(['check', 'open-the-shop', '-', '--pack', archive]);
      expect(checked.code).toBe(1);
    }
  });

  test.each([
    ['a symlink', [{ name: 'index.yaml', type: '2' as const, link: '/etc/passwd' }], /symbolic link/],
    ['an absolute path', [{ name: '/tmp/index.yaml', data: 'format_version: 1' }], /absolute path/],
    ['a path with ..', [{ name: 'pack/../../index.yaml', data: 'format_version: 1' }], /\.\./],
    ['no index.yaml', [{ name: 'notes.txt', data: 'hello' }], /no index\.yaml/],
  ])('an archive with %s is refused (exit 2)', async (_name, entries, message) => {
    writeFileSync(at('bad.tgz'), tgz(entries));
    const { code, stdout } = await run(['pack', 'validate', 'bad.tgz']);
    expect(code).toBe(2);
    expect(stdout).toMatch(message);
  });

  test('a file that is not a gzip archive is refused (exit 2)', async () => {
    writeFileSync(at('not.tgz'), 'plain text');
    const { code, stderr } = await run(['levels', '--pack', 'not.tgz']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a gzip'd tar archive/);
  });
});

describe('a workspace for students, graded in CI', () => {
  beforeAll(async () => {
    const made = await run(['workspace', 'init', 'ws', '--pack', 'pack']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
  });

  test('workspace init writes a file per level, answers files for predict levels, a README and the record', () => {
    const starter = readFileSync(at('ws/01-first-steps/open-the-shop.yaml'), 'utf8');
    expect(starter).toContain('kind: Service');
    expect(starter).not.toContain('targetPort');
    const answers = readFileSync(at('ws/01-first-steps/who-answers.answers.yaml'), 'utf8');
    expect(answers).toContain('# Which pods receive http://web.shop/ from shop/client?');
    expect(answers).toMatch(/^web-pods: $/m);
    expect(answers).toMatch(/^search: $/m);
    expect(readFileSync(at('ws/README.md'), 'utf8')).toContain('kubequest check --pack ../pack --workspace .');
    const record = readFileSync(at('ws/.kubequest-workspace.yaml'), 'utf8');
    expect(record).toContain('pack: "../pack"');
    expect(record).toMatch(/digest: "[0-9a-f]{64}"/);
  });

  test('the game played with --workspace edits the workspace files themselves', async () => {
    const { workspacePack } = await import('../../src/cli/commands/play.js');
    const found = await workspacePack('ws', undefined, { cwd: root });
    expect(found).toEqual({ dir: at('ws'), pack: at('pack') });
    const pack = loadPack(found.pack).pack!;
    const drafts = createWorkspaceDraftStore(found.dir, pack);
    expect(drafts.pathOf('open-the-shop')).toBe(at('ws/01-first-steps/open-the-shop.yaml'));
    expect(drafts.pathOf('who-answers')).toBe(at('ws/01-first-steps/who-answers.answers.yaml'));
    expect(drafts.read('open-the-shop')).toBe(readFileSync(at('ws/01-first-steps/open-the-shop.yaml'), 'utf8'));
    expect(() => drafts.pathOf('../../etc/passwd')).toThrow(/not a level id/);
    expect(() => drafts.pathOf('not-in-pack')).toThrow(/not in the pack/);
    // Without a terminal, play says it needs one, with or without a workspace.
    expect((await run(['play', '--workspace', 'ws'])).code).toBe(2);
  });

  test('workspace init refuses a folder that is not empty (exit 2)', async () => {
    const { code, stderr } = await run(['workspace', 'init', 'ws', '--pack', 'pack']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/ws is not empty/);
  });

  test('a fresh workspace: every level fails, exit 1', async () => {
    const { code, stdout } = await run(['check', '--pack', 'pack', '--workspace', 'ws']);
    expect(code).toBe(1);
    expect(lastLine(stdout)).toBe('0 passed, 3 failed');
  });

  describe("a student's partial answers", () => {
    beforeAll(() => {
      mkdirSync(at('student/01-first-steps'), { recursive: true });
      copyFileSync(at('ws/.kubequest-workspace.yaml'), at('student/.kubequest-workspace.yaml'));
      writeFileSync(at('student/01-first-steps/open-the-shop.yaml'), SHOP_SOLUTION);
      writeFileSync(at('student/01-first-steps/who-answers.answers.yaml'), 'web-pods: shop/web-1, shop/web-2\nsearch: dns-failure\n');
      // fails-constraint.yaml is missing: graded as empty.
    });

    test('text: per-goal points, hidden goals without details, "N passed, N failed" alone last', async () => {
      const { code, stdout, stderr } = await run(['check', '--pack', 'pack', '--workspace', 'student']);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      const lines = stdout.trimEnd().split('\n');
      expect(lines.at(-1)).toBe('1 passed, 2 failed');
      expect(lines.at(-2)).toBe('Score: 7/9');
      expect(stdout).toMatch(/^✓ the client reaches every web pod, and only them, at http:\/\/web\.shop\/\s+2\/2$/m);
      expect(stdout).toMatch(/^✓ \(hidden goal\)\s+1\/1$/m);
      expect(stdout).toContain('── student/01-first-steps/fails-constraint.yaml (missing: graded as empty)');
      expect(stdout).not.toContain(HIDDEN_TITLE);
    });

    test('--json: levels → goals → points, documented shape', async () => {
      const { code, stdout } = await run(['check', '--pack', 'pack', '--workspace', 'student', '--json']);
      expect(code).toBe(1);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({ pack: { title: 'Networking: a class' }, workspace: 'student', passed: false, score: 7, maxScore: 9, levelsPassed: 1, levelsFailed: 2 });
      expect(report.pack.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(report.levels.map((l: { level: string; passed: boolean; missing: boolean }) => [l.level, l.passed, l.missing])).toEqual([
        ['open-the-shop', true, false],
        ['who-answers', false, false],
        ['fails-constraint', false, true],
      ]);
      const shop = report.levels[0];
      expect(shop).toMatchObject({ title: 'Open the shop', file: 'student/01-first-steps/open-the-shop.yaml', score: 4, maxScore: 4 });
      expect(shop.goals.map((g: { id: string; points: number; earned: number }) => [g.id, g.points, g.earned])).toEqual([
        ['web-reachable', 2, 2],
        ['cluster-ip', 1, 1],
        ['from-admin', 1, 1],
      ]);
      expect(shop.goals[2]).toEqual({ id: 'from-admin', passed: true, points: 1, earned: 1, hidden: true });
      expect(stdout).not.toContain(HIDDEN_TITLE);
    });

    test('--junit: well-formed XML, one testsuite per level, one testcase per goal, right counts', async () => {
      const json = JSON.parse((await run(['check', '--pack', 'pack', '--workspace', 'student', '--json'])).stdout);
      const { code } = await run(['check', '--pack', 'pack', '--workspace', 'student', '--junit', 'report.xml']);
      expect(code).toBe(1);
      const xml = readFileSync(at('report.xml'), 'utf8');
      expect(xmlProblems(xml)).toEqual([]);
      const suites = elements(xml, 'testsuite');
      expect(suites.map((s) => s['name'])).toEqual(['open-the-shop: Open the shop', 'who-answers: Who answers?', 'fails-constraint: Inside only']);
      type Level = { goals: { passed: boolean }[]; problems: { severity: string }[] };
      const expected = (json.levels as Level[]).map((l) => {
        const invalid = l.problems.some((p) => p.severity === 'error') ? 1 : 0;
        return { tests: l.goals.length + invalid, failures: l.goals.filter((g) => !g.passed).length + invalid };
      });
      expect(suites.map((s) => ({ tests: Number(s['tests']), failures: Number(s['failures']) }))).toEqual(expected);
      const [all] = elements(xml, 'testsuites');
      expect(Number(all!['tests'])).toBe(expected.reduce((n, e) => n + e.tests, 0));
      expect(Number(all!['failures'])).toBe(expected.reduce((n, e) => n + e.failures, 0));
      expect(elements(xml, 'testcase')).toHaveLength(Number(all!['tests']));
      expect(elements(xml, 'failure')).toHaveLength(Number(all!['failures']));
      expect(xml).toContain('name="hidden goal from-admin"');
      expect(xml).not.toContain(HIDDEN_TITLE);
      expect(xml).toMatch(/<failure message="expected no-endpoints, got dns-failure"/);
    });

    test('the same grades from the .tgz of the pack', async () => {
      const folder = JSON.parse((await run(['check', '--pack', 'pack', '--workspace', 'student', '--json'])).stdout);
      const archive = JSON.parse((await run(['check', '--pack', 'pack.tgz', '--workspace', 'student', '--json'])).stdout);
      expect(archive.pack).toEqual(folder.pack);
      expect(archive.levels.map((l: { score: number }) => l.score)).toEqual(folder.levels.map((l: { score: number }) => l.score));
    });

    test('every level passing exits 0', async () => {
      mkdirSync(at('perfect/01-first-steps'), { recursive: true });
      writeFileSync(at('perfect/01-first-steps/open-the-shop.yaml'), SHOP_SOLUTION);
      writeFileSync(at('perfect/01-first-steps/who-answers.answers.yaml'), 'web-pods: shop/web-1, shop/web-2\nsearch: no-endpoints\n');
      const level = readFileSync(at('pack/01-first-steps/fails-constraint.yaml'), 'utf8');
      const solution = /^solution: \|\n((?: {2}.*\n|\n)+)/m.exec(level)![1]!.replace(/^ {2}/gm, '');
      writeFileSync(at('perfect/01-first-steps/fails-constraint.yaml'), solution);
      const { code, stdout } = await run(['check', '--pack', 'pack', '--workspace', 'perfect']);
      expect(lastLine(stdout)).toBe('3 passed, 0 failed');
      expect(code).toBe(0);
    });
  });

  test.each([
    ['no --pack', ['check', '--workspace', 'ws'], /needs the pack/],
    ['a LEVEL as well', ['check', 'open-the-shop', '--pack', 'pack', '--workspace', 'ws'], /takes no LEVEL/],
    ['a missing workspace', ['check', '--pack', 'pack', '--workspace', 'nowhere'], /not a folder/],
    ['--workspace and --result', ['check', '--pack', 'pack', '--workspace', 'ws', '--result', 'r.json'], /not both/],
  ])('check with %s is a usage error (exit 2)', async (_name, args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('a challenge result, re-graded', () => {
  let result: Record<string, unknown> & { levels: Record<string, unknown>[] };

  beforeAll(async () => {
    // The student workspace of the previous block: one level passes.
    mkdirSync(at('challenge/01-first-steps'), { recursive: true });
    writeFileSync(at('challenge/01-first-steps/open-the-shop.yaml'), SHOP_SOLUTION);
    writeFileSync(at('challenge/01-first-steps/who-answers.answers.yaml'), 'web-pods: shop/web-1, shop/web-2\nsearch: dns-failure\n');
    const made = await run(['challenge', '--pack', 'pack', '--workspace', 'challenge', '--minutes', '20', '--out', 'result.json']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(lastLine(made.stdout)).toBe('1 passed, 2 failed');
    result = JSON.parse(readFileSync(at('result.json'), 'utf8'));
  });

  const tampered = (change: (r: typeof result) => void, file = 'tampered.json') => {
    const copy = structuredClone(result);
    change(copy);
    writeFileSync(at(file), JSON.stringify(copy, null, 2));
    return run(['check', '--result', file, '--pack', 'pack']);
  };

  test('the result holds the solutions, scores, hints, times and digests', () => {
    expect(result).toMatchObject({ format_version: 1, pack: { title: 'Networking: a class' }, minutes: 20, score: 7 });
    expect(result['digest']).toMatch(/^[0-9a-f]{64}$/);
    expect(result.levels.map((l) => [l['id'], l['passed'], l['score'], l['hintsUsed']])).toEqual([
      ['open-the-shop', true, 4, 0],
      ['who-answers', false, 1, 0],
      ['fails-constraint', false, 2, 0],
    ]);
    expect(result.levels[0]!['solution']).toBe(SHOP_SOLUTION);
  });

  test('check --result verifies it: exit 0, the levels, "N passed, N failed" last', async () => {
    const { code, stdout } = await run(['check', '--result', 'result.json', '--pack', 'pack']);
    expect(stdout).toContain('Verified: every claim matches its re-graded solution. Score 7/9.');
    expect(stdout).toMatch(/^✓ open-the-shop\s+passed\s+score 4\/4/m);
    expect(lastLine(stdout)).toBe('1 passed, 2 failed');
    expect(code).toBe(0);
    const json = JSON.parse((await run(['check', '--result', 'result.json', '--pack', 'pack.tgz', '--json'])).stdout);
    expect(json).toMatchObject({ verified: true, problems: [], score: 7, maxScore: 9 });
  });

  test('a claimed pass its solution does not earn is rejected (digest kept as it was)', async () => {
    const { code, stdout } = await tampered((r) => {
      r.levels[1]!['passed'] = true;
    });
    expect(code).toBe(1);
    expect(stdout).toContain('the digest does not match the contents');
    expect(stdout).toContain('level "who-answers" claims a pass, but its solution fails');
    expect(stdout).toMatch(/^Rejected: /m);
  });

  test('an edited solution is rejected (digest kept as it was)', async () => {
    const { code, stdout } = await tampered((r) => {
      r.levels[0]!['solution'] = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n';
    });
    expect(code).toBe(1);
    expect(stdout).toContain('the digest does not match the contents');
    expect(stdout).toContain('level "open-the-shop" claims a pass, but its solution fails');
  });

  test('an edited score is rejected (digest kept as it was)', async () => {
    const { code, stdout } = await tampered((r) => {
      r.levels[1]!['score'] = 2;
      r['score'] = 8;
    });
    expect(code).toBe(1);
    expect(stdout).toContain('level "who-answers" claims a score of 2, but its solution earns 1');
  });

  test('even with the digest recomputed, a claim the solutions do not back is rejected', async () => {
    const { code, stdout } = await tampered((r) => {
      r.levels[2]!['passed'] = true;
      r.levels[2]!['score'] = 3;
      r['score'] = 9;
      const { digest: _d, ...rest } = r;
      r['digest'] = sha256(canonicalJson(rest));
    });
    expect(code).toBe(1);
    expect(stdout).not.toContain('digest does not match');
    expect(stdout).toContain('level "fails-constraint" claims a pass, but its solution fails');
  });

  test('a result for another pack is rejected', async () => {
    const { code, stdout } = await run(['check', '--result', 'result.json', '--pack', 'test/fixtures/levels'.replace(/^/, `${repoRoot}/`)]);
    expect(code).toBe(1);
    expect(stdout).toContain('the result was made for another pack');
  });

  test.each([
    ['a missing file', 'nothing.json', undefined, /cannot read the result nothing\.json: ENOENT/],
    ['not JSON', 'broken.json', '{"format_version": 1,', /broken\.json is not JSON/],
    ['another shape', 'shape.json', '{"format_version": 1, "levels": 3}', /shape\.json is not a kubequest challenge result:\n {2}pack: /],
  ])('%s is exit 2', async (_name, file, text, message) => {
    if (text !== undefined) writeFileSync(at(file), text);
    const { code, stderr } = await run(['check', '--result', file, '--pack', 'pack']);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('challenge without a terminal needs a workspace (exit 2)', async () => {
    const { code, stderr } = await run(['challenge', '--pack', 'pack']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--workspace DIR/);
  });
});

describe('progress on shared classroom machines', () => {
  const env = () => ({ KUBEQUEST_HOME: at('home') });

  test('export, then import on a fresh profile, restores everything; import never lowers', async () => {
    const alice = createConfProgressStore({ env: env(), profile: 'alice', now: () => new Date('2025-03-01T10:00:00.000Z') });
    alice.record('open-the-shop', { type: 'opened' });
    alice.record('open-the-shop', { type: 'hint', revealed: 1 });
    alice.record('open-the-shop', { type: 'checked', passed: true, score: 4 });
    alice.record('open-the-shop', { type: 'time', ms: 95_000 });
    alice.record('who-answers', { type: 'opened' });
    alice.setCurrent('who-answers');

    expect((await run(['progress', 'export', 'alice.json', '--profile', 'alice'], env())).code).toBe(0);
    expect((await run(['progress', 'import', 'alice.json', '--profile', 'alice-laptop'], env())).code).toBe(0);
    const exported = (await run(['progress', 'export', '--profile', 'alice'], env())).stdout;
    expect((await run(['progress', 'export', '--profile', 'alice-laptop'], env())).stdout).toBe(exported);

    // On the laptop alice did better (3 stars, more time); the old export must not undo it.
    const laptop = createConfProgressStore({ env: env(), profile: 'alice-laptop', now: () => new Date('2025-03-02T10:00:00.000Z') });
    laptop.record('open-the-shop', { type: 'opened' });
    laptop.record('open-the-shop', { type: 'checked', passed: true, score: 4 });
    laptop.record('open-the-shop', { type: 'time', ms: 200_000 });
    const before = JSON.parse((await run(['progress', 'export', '--profile', 'alice-laptop'], env())).stdout);
    expect((await run(['progress', 'import', 'alice.json', '--profile', 'alice-laptop'], env())).code).toBe(0);
    const after = JSON.parse((await run(['progress', 'export', '--profile', 'alice-laptop'], env())).stdout);
    expect(after).toEqual(before);
    expect(after.levels['open-the-shop']).toMatchObject({ stars: 3, passedAt: '2025-03-01T10:00:00.000Z', attempts: 2 });
  });
});
