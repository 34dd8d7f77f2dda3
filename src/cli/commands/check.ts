/**
 * `kubequest check LEVEL FILE... [--pack DIR] [--json] [--junit FILE]`:
 * grade files against a level exactly as the game grades a draft. With
 * `--workspace DIR`, every level of the pack from a workspace
 * (src/cli/check-workspace.ts); with `--result FILE`, a challenge result
 * re-graded (src/cli/check-result.ts). Several
 * FILEs (or a directory) form one submission, as if written one after the
 * other with `---` between them; problems keep their own file and line.
 *
 * Exit 0 when every goal passes and the submission has no errors, 1 when it
 * was graded and something fails (a goal, or an error in the submission),
 * 2 for bad input: an unknown level, a file that cannot be read, a bad flag.
 */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allLevels, findLevel, gradeLevel, type Level, type Pack } from '../../game/index.js';
import type { Problem } from '../../manifests/index.js';
import { safeText } from '../../sim/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import { reportToJson, reportToJunit, reportToText } from '../format-grade.js';
import { readInputs, type InputText } from '../inputs.js';
import type { Command } from '../main.js';
import { PACK_OPTION_HELP, packDirFrom } from '../pack-dir.js';
import { closeIds, formatProblems, loadPackLevelCached, loadPackOrFail, shownPath, shownProblems, toJson } from '../packs.js';

const help = `Usage: kubequest check LEVEL FILE... [--pack DIR] [--json] [--junit FILE]
       kubequest check --pack DIR --workspace WS [--json] [--junit FILE]
       kubequest check --pack DIR --result FILE [--json]

Grade your YAML against a level, as the game does: problems in the files
first (file:line:col), then the level's goals one by one; for each failing
check, what was expected, what happened, where the request broke and a hint.

  LEVEL               a level id (see "kubequest levels")
  FILE                your manifests: files, a directory (its *.yaml, *.yml and
                      *.json files) or - for standard input; together they form
                      one submission. For a predict level: "questionId: answer" lines.
                      (A FILE is required: grading the game's saved draft
                      without one is not supported yet.)
${PACK_OPTION_HELP}
  --workspace WS      grade every level of the pack from a workspace (see
                      "kubequest workspace init"): per-goal points, then
                      "N passed, N failed" (levels) alone on the last line
  --result FILE       re-grade a challenge result's solutions against the pack;
                      a result whose digest or claims do not match is rejected
  --json              print the report as JSON
  --junit FILE        also write a JUnit XML report to FILE (one testsuite per
                      level, one testcase per goal)
  -h, --help          show this help

Examples:
  kubequest check fails-probe orders-service.yaml
  kubequest check lock-the-database policies/ --json
  cat service.yaml | kubequest check open-the-shop - --junit report.xml
  kubequest check --pack pack --workspace . --junit report.xml
  kubequest check --pack pack --result result.json

Exit codes: 0 every goal passes (with --workspace: every level; with
--result: the result is verified), 1 a goal fails or the submission has
errors (a level fails; the result is rejected), 2 bad input (unknown level,
unreadable file, bad flag).
`;

type Segment = { readonly file: string; readonly firstLine: number; readonly lines: number };

/** Several inputs as one YAML stream, and where each one's lines went. */
export function joinInputs(inputs: readonly InputText[]): { text: string; file: string; segments: Segment[] } {
  if (inputs.length === 1) return { text: inputs[0]!.text, file: inputs[0]!.file, segments: [] };
  const segments: Segment[] = [];
  let text = '';
  let line = 1;
  for (const input of inputs) {
    const body = input.text.endsWith('\n') || input.text === '' ? input.text : `${input.text}\n`;
    const lines = body.split('\n').length - 1;
    if (segments.length > 0) {
      text += '---\n';
      line += 1;
    }
    segments.push({ file: input.file, firstLine: line, lines });
    text += body;
    line += lines;
  }
  return { text, file: '<submission>', segments };
}

/** A problem of the joined text, back in the file and line it came from. */
function locate(p: Problem, joinedFile: string, segments: readonly Segment[]): Problem {
  if (segments.length === 0 || p.file !== joinedFile) return p;
  const segment = [...segments].reverse().find((s) => p.line >= s.firstLine) ?? segments[0]!;
  const line = Math.min(Math.max(1, p.line - segment.firstLine + 1), Math.max(1, segment.lines));
  return { ...p, file: segment.file, line };
}

function findOrFail(pack: Pack, id: string, packProblems: readonly Problem[], io: { stderr: { write(t: string): unknown }; cwd: string }, dir: string): Level {
  const level = findLevel(pack, id);
  if (level) return level;
  const own = packProblems.filter((p) => p.file.endsWith(`/${id}.yaml`) || p.file === `${id}.yaml`);
  if (own.length > 0) {
    io.stderr.write(formatProblems(shownProblems(own, io.cwd), io.cwd));
    throw new UsageError(`level "${safeText(id)}" has problems, so it cannot be graded; fix the level file (kubequest pack validate ${safeText(shownPath(dir, io.cwd))})`);
  }
  const close = closeIds(id, allLevels(pack).map((l) => l.id));
  const where = `in ${safeText(shownPath(dir, io.cwd))}`;
  throw new UsageError(
    `no level "${safeText(id)}" ${where}${close.length > 0 ? `; did you mean ${close.join(' or ')}?` : ''}\nRun "kubequest levels${dir === packDirFrom(undefined, io) ? '' : ` --pack ${safeText(shownPath(dir, io.cwd))}`}" to see the level ids.`,
  );
}

function findInPack(dir: string, id: string, io: { stderr: { write(t: string): unknown }; cwd: string }): Level {
  const { pack, problems } = loadPackOrFail(dir);
  return findOrFail(pack, id, problems, io, dir);
}

export const checkCommand: Command = {
  summary: 'grade your YAML against a level, as the game does',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        pack: { type: 'string' },
        json: { type: 'boolean', default: false },
        junit: { type: 'string' },
        workspace: { type: 'string' },
        result: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.junit === '') throw new UsageError('--junit needs a file name');
    if (values.workspace !== undefined || values.result !== undefined) {
      if (values.workspace !== undefined && values.result !== undefined) throw new UsageError('check takes --workspace or --result, not both');
      const flag = values.workspace !== undefined ? '--workspace' : '--result';
      if (positionals.length > 0) throw new UsageError(`check ${flag} grades the whole pack; it takes no LEVEL or FILE (got "${safeText(positionals[0] ?? '')}")`);
      if (values.pack === undefined) throw new UsageError(`check ${flag} needs the pack to grade against: --pack DIR (or a .tgz)`);
      const { pack } = loadPackOrFail(packDirFrom(values.pack, io));
      if (values.workspace !== undefined) {
        if (values.workspace === '') throw new UsageError('--workspace needs a folder');
        // Loaded only here: workspaces bring the progress store (conf), which grading one level never needs.
        const { checkWorkspace } = await import('../check-workspace.js');
        return checkWorkspace(pack, { workspace: values.workspace, json: values.json, junit: values.junit }, io);
      }
      if (values.junit !== undefined) throw new UsageError('--junit goes with a LEVEL or --workspace, not --result');
      const { checkResult } = await import('../check-result.js');
      return checkResult(pack, { result: values.result ?? '', json: values.json }, io);
    }
    const [id, ...files] = positionals;
    if (id === undefined) throw new UsageError('check needs a LEVEL id and the FILE(s) to grade: kubequest check LEVEL FILE... (see "kubequest levels" for the ids), or a whole pack: kubequest check --pack DIR --workspace WS');
    if (files.length === 0) {
      throw new UsageError(
        `check needs the FILE(s) to grade: kubequest check ${safeText(id)} FILE... (or - for standard input); grading the game's saved draft without a FILE is not supported yet`,
      );
    }
    const dir = packDirFrom(values.pack, io);
    // The level alone when that is certain (fast: one file, not the campaign); otherwise the whole pack, for its problems and "did you mean".
    const level = loadPackLevelCached(dir, id) ?? findInPack(dir, id, io);

    const inputs = await readInputs(files, io);
    const joined = joinInputs(inputs);
    const report = gradeLevel(level, { text: joined.text, file: joined.file });
    const problems = shownProblems(
      report.problems.map((p) => locate(p, joined.file, joined.segments)),
      io.cwd,
    );

    if (values.json) io.stdout.write(toJson(reportToJson(report, problems)));
    else {
      const sources = new Map(inputs.map((i) => [shownPath(i.file, io.cwd), i.text]));
      io.stdout.write(reportToText(report, level, formatProblems(problems, io.cwd, sources)));
    }
    if (values.junit !== undefined) {
      const target = isAbsolute(values.junit) ? values.junit : resolve(io.cwd, values.junit);
      await writeFile(target, reportToJunit(report, level, problems)).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot write the JUnit report to ${safeText(values.junit ?? '')}: ${error.code ?? error.message}`);
      });
    }
    return report.passed ? EXIT_OK : EXIT_FAILED;
  },
};
