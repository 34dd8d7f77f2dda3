/**
 * `kubequest challenge --pack P [--minutes N] [--workspace DIR] [--out FILE]`:
 * a timed run through a pack, ending in a result file a teacher re-grades
 * with `kubequest check --result FILE --pack P` (format: src/game/challenge.ts).
 *
 * - In a terminal: the game on the pack, with the answers kept in a
 *   workspace (DIR, or a new `kubequest-challenge-<time>` folder) and a
 *   deadline (default 30 minutes). Whatever the files hold at the deadline
 *   is what counts; hints revealed cost a point each, and a viewed solution
 *   costs all of that level's points. At the end the result is written.
 * - Without a terminal (CI): the workspace DIR is graded as a challenge
 *   submission (no hints, no times) and the result written, so a class
 *   repository's CI can produce it.
 *
 * Exit 0 when the result was written; 2 for bad usage or input.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allLevels, buildChallengeResult, lazyPack, packDigest, type ChallengeEntry, type ChallengeResult, type Pack } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import { createConfProgressStore, createWorkspaceDraftStore, isProfileName, WORKSPACE_FILE, type LevelEvent, type ProgressStore } from '../../store/index.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { PACK_OPTION_HELP, packDirFrom } from '../pack-dir.js';
import { loadPackOrFail, shownPath } from '../packs.js';
import { scaffoldWorkspace } from '../scaffold.js';
import { openWorkspace, packRelativeTo, readWorkspaceFile, sha256 } from '../workspace.js';
import { summaryLine } from '../check-workspace.js';

export const DEFAULT_CHALLENGE_MINUTES = 30;

const help = `Usage: kubequest challenge --pack PACK [--minutes N] [--workspace DIR] [--out FILE]

A timed run through a pack. In a terminal it starts the game with a
countdown; your answers are kept in a workspace (DIR, or a new folder
kubequest-challenge-<time>), and what the files hold at the deadline counts.
Each hint you reveal costs a point; viewing a solution costs all of that
level's points. At the end a result file is written: your solutions, score,
times, hints used and a digest. Your teacher re-grades it with
  kubequest check --result FILE --pack PACK
so a result can never claim more than its solutions do.

Without a terminal (in CI), the workspace DIR is graded as a challenge
submission and the result file written.

${PACK_OPTION_HELP.replace('default: the campaign that comes with kubequest', 'required')}
  --minutes N         the time allowed (default ${DEFAULT_CHALLENGE_MINUTES} in a terminal; none in CI)
  --workspace DIR     where the answers are (required without a terminal)
  --out FILE          the result file (default: challenge-result.json)
  --profile NAME      whose progress records the run (shared machines)
  -h, --help          show this help

Score: per level, the points its solution earns minus one per hint used
(never below 0); the total is their sum.

Exit codes: 0 the result was written, 2 bad usage or input.
`;

export const challengeCommand: Command = {
  summary: 'a timed run through a pack, ending in a result file',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        pack: { type: 'string' },
        minutes: { type: 'string' },
        workspace: { type: 'string' },
        out: { type: 'string' },
        profile: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`challenge takes no arguments (got "${safeText(positionals[0] ?? '')}")`);
    if (values.pack === undefined || values.pack === '') throw new UsageError('challenge needs the pack: kubequest challenge --pack PACK');
    if (values.profile !== undefined && !isProfileName(values.profile)) throw new UsageError(`--profile "${safeText(values.profile)}" is not a profile name`);
    const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
    if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0 && minutes <= 24 * 60)) {
      throw new UsageError(`--minutes must be a number of minutes above 0 and at most 1440, not "${safeText(values.minutes ?? '')}"`);
    }
    if (values.out === '') throw new UsageError('--out needs a file name');
    const packPath = packDirFrom(values.pack, io);
    const { pack } = loadPackOrFail(packPath);
    const out = resolve(io.cwd, values.out ?? 'challenge-result.json');

    if (!io.isTTY) {
      if (values.workspace === undefined) throw new UsageError('without a terminal, challenge grades a workspace: --workspace DIR');
      const dir = resolve(io.cwd, values.workspace);
      openWorkspace(dir, values.workspace);
      const now = new Date().toISOString();
      const entries = allLevels(pack).map((level): ChallengeEntry => ({ id: level.id, solution: readWorkspaceFile(dir, pack, level).text ?? '', hintsUsed: 0, timeMs: 0 }));
      const { result } = buildChallengeResult({ pack, startedAt: now, finishedAt: now, minutes: minutes ?? null, entries }, sha256);
      writeResult(out, result, io);
      return EXIT_OK;
    }

    const dir = values.workspace !== undefined ? resolve(io.cwd, values.workspace) : resolve(io.cwd, `kubequest-challenge-${stamp(new Date())}`);
    prepareWorkspace(dir, pack, packPath, io);
    const allowed = minutes ?? DEFAULT_CHALLENGE_MINUTES;
    const tally = new Map<string, { hints: number; timeMs: number; solutionViewed: boolean }>();
    const store = tallying(createConfProgressStore({ env: io.env, ...(values.profile ? { profile: values.profile } : {}) }), tally);
    const drafts = createWorkspaceDraftStore(dir, pack);
    const started = Date.now();
    const deadline = started + allowed * 60_000;
    const readAll = () => new Map(allLevels(pack).map((level) => [level.id, readWorkspaceFile(dir, pack, level).text ?? '']));
    let atDeadline: Map<string, string> | undefined;
    const timer = setTimeout(() => (atDeadline = readAll()), deadline - started);
    timer.unref();
    try {
      const { startGame } = await import('./play.js');
      await startGame(io, { pack: lazyPack(pack), store, drafts, deadline, afterFirstFrame: () => io.started?.() });
    } finally {
      clearTimeout(timer);
    }
    const finished = Math.min(Date.now(), deadline);
    const solutions = atDeadline ?? readAll();
    const entries = allLevels(pack).map((level): ChallengeEntry => {
      const t = tally.get(level.id);
      const maxScore = level.kind === 'predict' ? level.questions.length : level.goals.reduce((sum, g) => sum + g.points, 0);
      return {
        id: level.id,
        solution: solutions.get(level.id) ?? '',
        hintsUsed: t?.solutionViewed ? Math.max(maxScore, t.hints) : (t?.hints ?? 0),
        timeMs: Math.min(t?.timeMs ?? 0, finished - started),
      };
    });
    const { result } = buildChallengeResult(
      { pack, startedAt: new Date(started).toISOString(), finishedAt: new Date(finished).toISOString(), minutes: allowed, entries },
      sha256,
    );
    writeResult(out, result, io);
    return EXIT_OK;
  },
};

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Use a workspace as it is, or make one in a new or empty folder. */
function prepareWorkspace(dir: string, pack: Pack, packPath: string, io: Io): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    openWorkspace(dir, shownPath(dir, io.cwd));
    if (!existsSync(join(dir, WORKSPACE_FILE))) io.stderr.write(`note: ${safeText(shownPath(dir, io.cwd))} has no ${WORKSPACE_FILE}; its files are used as they are\n`);
    return;
  }
  const record = { pack: packRelativeTo(dir, isAbsolute(packPath) ? packPath : resolve(io.cwd, packPath)), title: pack.title, digest: packDigest(pack, sha256) };
  scaffoldWorkspace(dir, pack, record, record.pack);
  io.stderr.write(`Your answers are kept in ${safeText(shownPath(dir, io.cwd))}\n`);
}

/** The progress store, also counting this run's hints, time and solution views per level. */
export function tallying(inner: ProgressStore, tally: Map<string, { hints: number; timeMs: number; solutionViewed: boolean }>): ProgressStore {
  const note = (level: string, event: LevelEvent) => {
    const t = tally.get(level) ?? { hints: 0, timeMs: 0, solutionViewed: false };
    if (event.type === 'hint') t.hints += 1;
    else if (event.type === 'time') t.timeMs += event.ms;
    else if (event.type === 'solution-viewed') t.solutionViewed = true;
    tally.set(level, t);
  };
  return {
    snapshot: () => inner.snapshot(),
    get: (level) => inner.get(level),
    record(level, event) {
      note(level, event);
      return inner.record(level, event);
    },
    setCurrent: (level) => inner.setCurrent(level),
    updateSettings: (patch) => inner.updateSettings(patch),
    merge: (other) => inner.merge(other),
    reset: () => inner.reset(),
    get path() {
      return inner.path;
    },
    ...(inner.recovered ? { recovered: inner.recovered } : {}),
  };
}

function writeResult(out: string, result: ChallengeResult, io: Io): void {
  try {
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write the result to ${safeText(shownPath(out, io.cwd))}: ${safeText((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`);
  }
  const passed = result.levels.filter((l) => l.passed).length;
  const hints = result.levels.reduce((sum, l) => sum + l.hintsUsed, 0);
  io.stdout.write(
    `Challenge result written to ${safeText(shownPath(out, io.cwd))}: score ${result.score}${hints > 0 ? ` (after ${hints} hint${hints === 1 ? '' : 's'})` : ''}\n` +
      `Your teacher checks it with: kubequest check --result ${safeText(shownPath(out, io.cwd))} --pack PACK\n` +
      `${summaryLine(passed, result.levels.length - passed)}\n`,
  );
}
