import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { allLevels, loadPack } from '../../src/game/index.js';
import { createConfProgressStore } from '../../src/store/index.js';
import { repoRoot, runCli, spawnCli } from '../helpers/run-cli.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kubequest-cli-progress-'));
  env = { XDG_CONFIG_HOME: home, KUBEQUEST_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const run = (args: readonly string[], extra: { stdin?: string | Readable; isTTY?: boolean } = {}) => runCli(['progress', ...args], { env, cwd: home, ...extra });

/** The shipped campaign as `progress show` reads it (the levels are content, still growing). */
const campaign = (() => {
  const { pack } = loadPack(join(repoRoot, 'levels'));
  return pack ? allLevels(pack) : [];
})();
/** Two ids to play: the campaign's first levels, so `show` finds their titles. */
const [FIRST, SECOND] = [campaign[0]?.id ?? 'across-nodes', campaign[1]?.id ?? 'pod-ips'];

/** Progress as a game would leave it: FIRST passed (a hint used), SECOND tried twice. */
function seed(profile?: string): void {
  const store = createConfProgressStore({ env, ...(profile ? { profile } : {}), now: () => new Date('2025-03-01T10:00:00.000Z') });
  store.record(FIRST, { type: 'opened' });
  store.record(FIRST, { type: 'hint', revealed: 1 });
  store.record(FIRST, { type: 'checked', passed: true, score: 3 });
  store.record(FIRST, { type: 'time', ms: 185_000 });
  store.record(SECOND, { type: 'opened' });
  store.record(SECOND, { type: 'opened' });
  store.setCurrent(SECOND);
}

describe('kubequest progress', () => {
  test('path prints the file, under KUBEQUEST_HOME, without creating it', async () => {
    const { code, stdout } = await run(['path']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(home, 'progress.json')}\n`);
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
    expect((await run(['path', '--profile', 'alice'])).stdout).toBe(`${join(home, 'progress-alice.json')}\n`);
  });

  test('show prints a table with titles from the campaign, stars and a total line', async () => {
    seed();
    const { code, stdout } = await run(['show']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LEVEL +TITLE +STARS +ATTEMPTS +TIME$/);
    const title = (i: number) => (campaign[i] ? ` +${escape(campaign[i].title)}` : '');
    expect(lines[1]).toMatch(new RegExp(`^${FIRST}${title(0)} +★★☆ +1 +3m 05s$`));
    expect(lines[2]).toMatch(new RegExp(`^${SECOND}${title(1)} +☆☆☆ +2 +-$`));
    const of = campaign.length > 0 ? ` of ${campaign.length}` : '';
    const ofStars = campaign.length > 0 ? ` of ${campaign.length * 3}` : '';
    expect(lines.at(-1)).toBe(`1${of} levels passed, 2${ofStars} stars, 3m 05s played`);
  });

  test('show with no progress says so', async () => {
    const { code, stdout } = await run(['show']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No progress yet/);
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
  });

  test('show --json and export print the documented snapshot', async () => {
    seed();
    const shown = await run(['show', '--json']);
    const exported = await run(['export']);
    expect(shown.stdout).toBe(exported.stdout);
    const json = JSON.parse(exported.stdout);
    expect(Object.keys(json)).toEqual(['version', 'levels', 'current', 'settings']);
    expect(json.version).toBe(1);
    expect(json.current).toBe(SECOND);
    expect(json.levels[FIRST]).toEqual({
      passedAt: '2025-03-01T10:00:00.000Z',
      attempts: 1,
      checks: 1,
      hintsUsed: 1,
      solutionViewed: false,
      timeMs: 185_000,
      bestScore: 3,
      stars: 2,
    });
  });

  test('export to a file, then import on a fresh profile, restores everything', async () => {
    seed();
    expect((await run(['export', 'backup.json'])).code).toBe(0);
    const imported = await run(['import', 'backup.json', '--profile', 'fresh']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 2 levels/);
    const a = (await run(['export'])).stdout;
    const b = (await run(['export', '--profile', 'fresh'])).stdout;
    expect(b).toBe(a);
  });

  test('import never lowers what is done', async () => {
    seed();
    const lower = {
      version: 1,
      levels: { [FIRST]: { attempts: 0, stars: 0 }, [SECOND]: { passedAt: '2025-01-01T00:00:00Z', stars: 3, attempts: 1 } },
    };
    writeFileSync(join(home, 'other.json'), JSON.stringify(lower));
    expect((await run(['import', 'other.json'])).code).toBe(0);
    const json = JSON.parse((await run(['export'])).stdout);
    expect(json.levels[FIRST]).toMatchObject({ stars: 2, attempts: 1, passedAt: '2025-03-01T10:00:00.000Z' });
    expect(json.levels[SECOND]).toMatchObject({ stars: 3, attempts: 2, passedAt: '2025-01-01T00:00:00.000Z' });
  });

  test.each([
    { name: 'not JSON', text: '{"version": 1,', problem: /not JSON/ },
    { name: 'a wrong version', text: '{"version": 7, "levels": {}}', problem: /version: must be 1, got 7/ },
    { name: 'a counter of the wrong type', text: '{"version": 1, "levels": {"pod-ips": {"attempts": "three"}}}', problem: /levels\["pod-ips"\]\.attempts: expected a number >= 0, got "three"/ },
    { name: 'a level id that is a path', text: '{"version": 1, "levels": {"../x": {}}}', problem: /levels\["\.\.\/x"\]: "\.\.\/x" is not a level id/ },
    { name: 'control characters', text: '{"version": 1, "levels": {"a\\u001b[31m": {}}}', problem: /a\\u001b\[31m/ },
  ])('import refuses $name with the problem and exit 2', async ({ text, problem }) => {
    writeFileSync(join(home, 'bad.json'), text);
    const { code, stderr } = await run(['import', 'bad.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.json is not kubequest progress/);
    expect(stderr).toMatch(problem);
    expect(stderr).not.toContain('\u001b');
  });

  test('import of a missing file is a usage error', async () => {
    const { code, stderr } = await run(['import', 'nope.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.json/);
  });

  test('reset without a terminal refuses unless --yes', async () => {
    seed();
    const refused = await run(['reset']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(JSON.parse((await run(['export'])).stdout).levels[FIRST]).toBeDefined();
    expect((await run(['reset', '--yes'])).code).toBe(0);
    expect(JSON.parse((await run(['export'])).stdout).levels).toEqual({});
  });

  test('reset on a terminal asks, and only "y" resets', async () => {
    seed();
    const no = await run(['reset'], { isTTY: true, stdin: '\n' });
    expect(no.stdout).toMatch(/\[y\/N\] Nothing was reset\./);
    expect(Object.keys(JSON.parse((await run(['export'])).stdout).levels)).toHaveLength(2);
    const yes = await run(['reset'], { isTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toMatch(/Progress reset/);
    expect(JSON.parse((await run(['export'])).stdout).levels).toEqual({});
  });

  test('a corrupt progress file is kept as a backup and the player is told', async () => {
    writeFileSync(join(home, 'progress.json'), '{"version": 1, "levels": {"pod-ips": {"attempts": "three"}}}');
    const { code, stdout, stderr } = await run(['show']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No progress yet/);
    expect(stderr).toMatch(/could not be read/);
    expect(stderr).toMatch(/kubequest progress import .*progress\.json\.corrupt-.*\.json/);
    expect(readdirSync(home).some((f) => /^progress\.json\.corrupt-.+\.json$/.test(f))).toBe(true);
  });

  test.each([
    { args: [], message: /needs an action/ },
    { args: ['frobnicate'], message: /not a progress action/ },
    { args: ['show', '--profile', '../etc'], message: /not a profile name/ },
    { args: ['path', 'extra'], message: /takes no arguments/ },
    { args: ['export', '--yes'], message: /--yes goes with/ },
    { args: ['import'], message: /needs FILE/ },
  ])('usage errors exit 2: $args', async ({ args, message }) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('profiles keep separate progress', async () => {
    seed('alice');
    expect(JSON.parse((await run(['export', '--profile', 'alice'])).stdout).levels[FIRST]).toBeDefined();
    expect(JSON.parse((await run(['export'])).stdout).levels).toEqual({});
  });

  test('the built binary: export, reset --yes and import round-trip through real stdin', async () => {
    seed();
    const exported = await spawnCli(['progress', 'export'], { env });
    expect(exported.code).toBe(0);
    expect((await spawnCli(['progress', 'reset'], { env })).code).toBe(2);
    expect((await spawnCli(['progress', 'reset', '--yes'], { env })).code).toBe(0);
    const imported = await spawnCli(['progress', 'import', '-'], { env, stdin: exported.stdout });
    expect(imported.code).toBe(0);
    expect((await spawnCli(['progress', 'export'], { env })).stdout).toBe(exported.stdout);
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toMatch(/"version": 1/);
  });

  test('help lists the actions', async () => {
    const { code, stdout } = await runCli(['progress', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/show \[--json\]/);
    expect((await runCli(['--help'])).stdout).toMatch(/kubequest progress show\|export\|import\|reset\|path/);
  });
});
