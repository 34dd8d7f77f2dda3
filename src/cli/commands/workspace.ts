/**
 * `kubequest workspace init DIR --pack P`: a student's workspace for a pack,
 * one file per level in the pack's chapter folders (the starter of a
 * manifest level; `question: ` lines, commented with the prompts, for a
 * predict level), a README for students and `.kubequest-workspace.yaml`
 * recording the pack. The game played with `--workspace DIR` edits these
 * files, so students commit their work with git as usual.
 *
 * ```
 * $ kubequest workspace init class-repo --pack pack
 * Created a workspace for "Networking basics" in class-repo:
 *   class-repo/01-first-steps/open-the-shop.yaml
 *   class-repo/README.md
 *   class-repo/.kubequest-workspace.yaml
 * ```
 *
 * Exit 0; 2 for bad usage, a pack that cannot be read, or a DIR that is not empty.
 */
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packDigest } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { Command } from '../main.js';
import { PACK_OPTION_HELP } from '../pack-dir.js';
import { loadPackOrFail, shownPath } from '../packs.js';
import { assertEmptyFolder, scaffoldWorkspace } from '../scaffold.js';
import { packRelativeTo, sha256 } from '../workspace.js';

const help = `Usage: kubequest workspace init DIR --pack PACK

Make a workspace for a pack in DIR (new or empty), e.g. the template of a
class repository: one file per level, CHAPTER-FOLDER/LEVEL-ID.yaml, holding
the level's starter (LEVEL-ID.answers.yaml for a prediction level: one
"question: " line per question, with the prompt as a comment), a README for
students, and .kubequest-workspace.yaml recording the pack.

Students then play in it and commit their files with git as usual:
  kubequest play --workspace DIR
and the teacher grades it:
  kubequest check --pack PACK --workspace DIR

${PACK_OPTION_HELP.replace('default: the campaign that comes with kubequest', 'required')}
  -h, --help          show this help

Exit codes: 0 created, 2 bad usage, a pack that cannot be read, or DIR not empty.
`;

export const workspaceCommand: Command = {
  summary: 'make a workspace (one file per level) for a pack',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], options: { pack: { type: 'string' } }, allowPositionals: true, strict: true });
    const [sub, dir, ...extra] = positionals;
    if (sub !== 'init') {
      throw new UsageError(sub === undefined ? 'workspace needs a subcommand: kubequest workspace init DIR --pack PACK' : `unknown workspace subcommand "${safeText(sub)}"; use: kubequest workspace init DIR --pack PACK`);
    }
    if (dir === undefined) throw new UsageError('workspace init needs a folder: kubequest workspace init DIR --pack PACK');
    if (extra.length > 0) throw new UsageError(`workspace init takes one folder, not also "${safeText(extra[0] ?? '')}"`);
    if (values.pack === undefined || values.pack === '') throw new UsageError('workspace init needs the pack: kubequest workspace init DIR --pack PACK');

    const full = isAbsolute(dir) ? dir : resolve(io.cwd, dir);
    const shown = shownPath(full, io.cwd);
    const packPath = isAbsolute(values.pack) ? values.pack : resolve(io.cwd, values.pack);
    const { pack, problems } = loadPackOrFail(packPath);
    if (problems.some((p) => p.severity === 'error')) {
      throw new UsageError(`the pack has problems; fix them first (kubequest pack validate ${safeText(shownPath(packPath, io.cwd))})`);
    }
    assertEmptyFolder(full, shown, 'workspace init');
    const record = { pack: packRelativeTo(full, packPath), title: pack.title, digest: packDigest(pack, sha256) };
    const files = scaffoldWorkspace(full, pack, record, record.pack);
    io.stdout.write(
      `Created a workspace for "${safeText(pack.title)}" in ${safeText(shown)}:\n${files.map((f) => `  ${safeText(shown)}/${f}\n`).join('')}\n` +
        `Students play in it with:  kubequest play --workspace ${safeText(shown)}\n` +
        `Grade it with:             kubequest check --pack ${safeText(shownPath(packPath, io.cwd))} --workspace ${safeText(shown)}\n`,
    );
    return EXIT_OK;
  },
};
