/**
 * `kubequest check --pack P --workspace DIR [--json] [--junit FILE]`: grade
 * every level of a pack from a workspace, for CI and autograders. The text
 * report is each level's checklist with points and what fails, then the
 * score, and last, alone on its line, `N passed, N failed` (N counts
 * levels). Hidden goals are graded and counted, never detailed.
 *
 * Exit 0 only when every level passes; 1 when one fails; 2 for bad input.
 */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { packDigest, type Pack } from '../game/index.js';
import { safeText } from '../sim/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.js';
import { junitDocument, junitSuite, reportToJson, reportToText } from './format-grade.js';
import type { Io } from './io.js';
import { formatProblems, shownPath, shownProblems, toJson } from './packs.js';
import { gradeWorkspace, openWorkspace, packMismatch, sha256, type WorkspaceLevel } from './workspace.js';

export type WorkspaceCheckOptions = { readonly workspace: string; readonly json: boolean; readonly junit?: string | undefined };

/** The last line of the text report: levels passed and failed. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}

export async function checkWorkspace(pack: Pack, options: WorkspaceCheckOptions, io: Io): Promise<number> {
  const dir = isAbsolute(options.workspace) ? options.workspace : resolve(io.cwd, options.workspace);
  const shown = shownPath(dir, io.cwd);
  const info = openWorkspace(dir, shown);
  const note = packMismatch(info, pack);
  if (note) io.stderr.write(`${note}\n`);
  const graded = gradeWorkspace(dir, pack);
  const withProblems = graded.map((g) => ({ ...g, problems: shownProblems(g.report.problems, io.cwd) }));
  const passed = graded.filter((g) => g.report.passed).length;
  const failed = graded.length - passed;
  const score = graded.reduce((sum, g) => sum + g.report.score, 0);
  const maxScore = graded.reduce((sum, g) => sum + g.report.maxScore, 0);

  if (options.json) {
    io.stdout.write(
      toJson({
        pack: { title: pack.title, digest: packDigest(pack, sha256) },
        workspace: shown,
        passed: failed === 0,
        score,
        maxScore,
        levelsPassed: passed,
        levelsFailed: failed,
        levels: withProblems.map((g) => ({ level: g.level.id, title: g.level.title, file: shownPath(g.file, io.cwd), missing: g.missing, ...reportToJson(g.report, g.problems) })),
      }),
    );
  } else {
    io.stdout.write(`${safeText(pack.title || 'Pack')}: ${graded.length} level${graded.length === 1 ? '' : 's'}, graded from ${safeText(shown)}\n`);
    for (const g of withProblems) io.stdout.write(`\n${levelText(g, io)}`);
    io.stdout.write(`\nScore: ${score}/${maxScore}\n${summaryLine(passed, failed)}\n`);
  }
  if (options.junit !== undefined) {
    const target = isAbsolute(options.junit) ? options.junit : resolve(io.cwd, options.junit);
    const xml = junitDocument(withProblems.map((g) => junitSuite(g.report, g.level, g.problems)));
    await writeFile(target, xml).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write the JUnit report to ${safeText(options.junit ?? '')}: ${error.code ?? error.message}`);
    });
  }
  return failed === 0 ? EXIT_OK : EXIT_FAILED;
}

function levelText(g: WorkspaceLevel & { problems: ReturnType<typeof shownProblems> }, io: Io): string {
  const file = shownPath(g.file, io.cwd);
  const where = g.missing ? `── ${safeText(file)} (missing: graded as empty)` : `── ${safeText(file)}`;
  const sources = new Map([[file, g.text]]);
  return `${where}\n${reportToText(g.report, g.level, formatProblems(g.problems, io.cwd, sources), { debrief: false })}`;
}
