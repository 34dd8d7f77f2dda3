/**
 * `kubequest pack new DIR [--title T]`: a new pack from the template (see
 * src/cli/scaffold.ts), valid out of the box.
 *
 * `kubequest pack validate DIR [--json]`: prove every level of a pack fair
 * (after rustlings' `dev check`): it parses, ids are unique, every pod and
 * namespace a probe names exists, there are hints, the reference solution
 * passes, the starter and trivial answers fail. Each problem is printed as
 * file:line:col, then a summary:
 *
 * ```
 * test/fixtures/packs/unsolvable/01-shop/open-the-shop.yaml:1:1: the reference solution does not pass: ...
 *
 * 1 problem in 1 level
 * ```
 *
 * Exit 0 when the pack is valid, 2 when it has problems or cannot be read.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { allLevels, validatePack } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { formatProblems, problemToJson, readPack, shownPath, shownProblems, toJson } from '../packs.js';
import { assertEmptyFolder, scaffoldPack } from '../scaffold.js';

const help = `Usage: kubequest pack new DIR [--title TITLE]
       kubequest pack validate DIR [--json]

new: start a pack in DIR (which must be new or empty): index.yaml, a
chapter with its README, an example level with its reference solution, a
README for students, and the JSON Schemas in .schema/ so editors running
yaml-language-server complete and check the files. It is valid as written:
run "kubequest pack validate DIR", then make it yours.

  --title TITLE       the pack's title (default: the folder's name)

validate: check a pack of levels (a folder with an index.yaml) before players see it:
every level parses, ids are unique, every pod and namespace a probe names
exists, each level has hints, its reference solution passes every goal, and
its starter, an empty answer and an allow-everything answer all fail.

  DIR                 the pack folder, e.g. levels/ or my-class-pack/, or a .tgz of one
  --json              print {"valid", "levels", "problems": [...]} instead of text
  -h, --help          show this help

Exit codes: 0 the pack is valid (or was created), 2 it has problems, cannot
be read, or DIR is not empty.
`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const packCommand: Command = {
  summary: 'check a pack of levels: every level solvable, and not already solved',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean', default: false }, title: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [sub, dir, ...extra] = positionals;
    if (sub !== 'validate' && sub !== 'new') {
      throw new UsageError(
        sub === undefined
          ? 'pack needs a subcommand: kubequest pack new DIR, or kubequest pack validate DIR'
          : `unknown pack subcommand "${safeText(sub)}"; use: kubequest pack new DIR, or kubequest pack validate DIR`,
      );
    }
    if (dir === undefined) throw new UsageError(`pack ${sub} needs the pack folder: kubequest pack ${sub} DIR`);
    if (extra.length > 0) throw new UsageError(`pack ${sub} takes one folder, not also "${safeText(extra[0] ?? '')}": kubequest pack ${sub} DIR`);
    if (sub === 'new') {
      if (values.json) throw new UsageError('--json goes with "pack validate"');
      return newPack(dir, values.title, io);
    }
    if (values.title !== undefined) throw new UsageError('--title goes with "pack new"');

    const full = isAbsolute(dir) ? dir : resolve(io.cwd, dir);
    const loaded = readPack(full);
    const problems = shownProblems([...loaded.problems, ...(loaded.pack ? validatePack(loaded.pack) : [])], io.cwd);
    const levels = loaded.pack ? allLevels(loaded.pack).length : 0;
    const errors = problems.filter((p) => p.severity === 'error').length;

    if (values.json) {
      io.stdout.write(toJson({ valid: loaded.pack !== undefined && errors === 0, levels, problems: problems.map(problemToJson) }));
    } else {
      if (problems.length > 0) io.stdout.write(`${formatProblems(problems, io.cwd)}\n`);
      const files = new Set(problems.map((p) => p.file)).size;
      io.stdout.write(
        !loaded.pack
          ? `${safeText(shownPath(full, io.cwd))} is not a pack that kubequest can read\n`
          : errors === 0
            ? `✓ ${plural(levels, 'level')} in ${plural(loaded.pack.chapters.length, 'chapter')}: the pack is valid${problems.length > 0 ? ` (${plural(problems.length, 'warning')})` : ''}\n`
            : `${plural(errors, 'problem')} in ${plural(files, 'file')} (${plural(levels, 'level')} checked)\n`,
      );
    }
    return loaded.pack !== undefined && errors === 0 ? EXIT_OK : EXIT_USAGE;
  },
};

function newPack(dir: string, title: string | undefined, io: Io): number {
  const full = isAbsolute(dir) ? dir : resolve(io.cwd, dir);
  const shown = shownPath(full, io.cwd);
  const name = title ?? basename(full);
  if (name.trim() === '' || /[\u0000-\u001f\u007f-\u009f]/u.test(name)) throw new UsageError('--title must be one line of text');
  assertEmptyFolder(full, shown, 'pack new');
  const files = scaffoldPack(full, name.trim());
  io.stdout.write(
    `Created the pack "${safeText(name.trim())}" in ${safeText(shown)}:\n${files.map((f) => `  ${safeText(shown)}/${f}\n`).join('')}\n` +
      `Next: edit the example level, add your own (list each in index.yaml), then run\n  kubequest pack validate ${safeText(shown)}\n`,
  );
  return EXIT_OK;
}
