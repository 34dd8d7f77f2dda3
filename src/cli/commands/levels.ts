/**
 * `kubequest levels [--pack DIR] [--json]`: the chapters and levels of a
 * pack, in the order of play.
 *
 * ```
 * Fixture shop: 8 levels in 1 chapter
 *
 * 1. The shop
 *    passes            ●○○○○  Open the shop     Service, selector, targetPort
 *    who-answers       ●○○○○  Who answers? (predict)  Service, endpoints, DNS
 * ```
 *
 * Exit 0; 2 when the pack cannot be read or has problems (they are printed
 * on stderr after the list of what did load; `kubequest pack validate DIR`
 * tells more).
 */
import { parseArgs } from 'node:util';
import type { Level, Pack } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import type { Command } from '../main.js';
import { PACK_OPTION_HELP, packDirFrom } from '../pack-dir.js';
import { formatProblems, loadPackOrFail, problemToJson, shownPath, shownProblems, toJson } from '../packs.js';

const help = `Usage: kubequest levels [--pack DIR] [--json]

List the chapters and levels of a pack in the order they are played: each
level's id (what "kubequest check" and "kubequest play" take), difficulty
(1 to 5), title and the concepts it teaches.

${PACK_OPTION_HELP}
  --json              print {title, dir, chapters: [{id, title, levels: [...]}], problems}
  -h, --help          show this help

Exit codes: 0 listed, 2 the pack cannot be read or has problems
(run "kubequest pack validate DIR" for details).
`;

export const levelsCommand: Command = {
  summary: 'list the chapters and levels of a pack',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { pack: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`levels takes no arguments (got "${safeText(positionals[0] ?? '')}"); use --pack DIR for another pack`);
    const dir = packDirFrom(values.pack, io);
    const { pack, problems: raw } = loadPackOrFail(dir);
    const problems = shownProblems(raw, io.cwd);
    if (values.json) {
      io.stdout.write(toJson(packToJson(pack, io.cwd, problems.map(problemToJson))));
    } else {
      io.stdout.write(packToText(pack));
    }
    if (problems.length > 0) {
      if (!values.json) io.stderr.write(`\n${formatProblems(problems, io.cwd)}`);
      io.stderr.write(`kubequest: the pack has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; run "kubequest pack validate ${safeText(shownPath(dir, io.cwd))}" for details\n`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  },
};

function levelToJson(level: Level, cwd: string): object {
  return {
    id: level.id,
    title: level.title,
    kind: level.kind,
    difficulty: level.difficulty,
    concepts: level.concepts,
    goals: level.kind === 'predict' ? level.questions.length : level.goals.length,
    maxScore: level.kind === 'predict' ? level.questions.length : level.goals.reduce((sum, g) => sum + g.points, 0),
    file: shownPath(level.file, cwd),
  };
}

export function packToJson(pack: Pack, cwd: string, problems: readonly object[]): object {
  return {
    title: pack.title,
    dir: shownPath(pack.dir, cwd),
    chapters: pack.chapters.map((c) => ({ id: c.id, title: c.title, levels: c.levels.map((l) => levelToJson(l, cwd)) })),
    problems,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ●●○○○ for difficulty 2 of 5. */
function dots(difficulty: number): string {
  const n = Math.max(0, Math.min(5, Math.round(difficulty)));
  return '●'.repeat(n) + '○'.repeat(5 - n);
}

export function packToText(pack: Pack): string {
  const levels = pack.chapters.flatMap((c) => c.levels);
  const idWidth = Math.max(2, ...levels.map((l) => l.id.length));
  const titleOf = (l: Level) => safeText(l.title) + (l.kind === 'predict' ? ' (predict)' : '');
  const titleWidth = Math.max(5, ...levels.map((l) => titleOf(l).length));
  const lines = [`${safeText(pack.title || 'Levels')}: ${plural(levels.length, 'level')} in ${plural(pack.chapters.length, 'chapter')}`];
  pack.chapters.forEach((chapter, i) => {
    lines.push('', `${i + 1}. ${safeText(chapter.title)}`);
    if (chapter.levels.length === 0) lines.push('   (no levels)');
    for (const level of chapter.levels) {
      const concepts = level.concepts.map(safeText).join(', ');
      lines.push(`   ${level.id.padEnd(idWidth)}  ${dots(level.difficulty)}  ${titleOf(level).padEnd(titleWidth)}  ${concepts}`.trimEnd());
    }
  });
  return `${lines.join('\n')}\n`;
}
