/**
 * `kubequest progress show | export [FILE] | import FILE | reset [--yes] | path`,
 * each with `--profile NAME` (a player on a shared classroom machine).
 *
 * `show` prints the levels played, in campaign order, and a total:
 *
 * ```
 * LEVEL              TITLE                     STARS  ATTEMPTS  TIME
 * pod-ips            Every pod has an address  ★★☆           1  3m 05s
 * across-nodes       No NAT between pods       ★★★           1  42s
 * sidecar-localhost  The sidecar next door     ☆☆☆           2  -
 *
 * 2 of 22 levels passed, 5 of 66 stars, 3m 47s played
 * ```
 *
 * Exit codes: 0 done, 2 bad usage or an import file that is not progress.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allLevels, loadPack } from '../../game/index.js';
import { compareText, safeText } from '../../sim/index.js';
import {
  createConfProgressStore,
  emptySnapshot,
  isProfileName,
  parseSnapshotJson,
  progressFilePath,
  snapshotToJson,
  type ProgressSnapshot,
  type ProgressStore,
} from '../../store/index.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { readInputs } from '../inputs.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { defaultPackDir } from '../pack-dir.js';

/** Progress files are small; anything bigger is not one. */
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const help = `Usage: kubequest progress show|export|import|reset|path [options]

Your progress: levels passed, stars, attempts and time, kept per profile.

  show [--json]       a table of the levels you played and a total line;
                      --json prints the same JSON as export
  export [FILE]       write your progress as JSON to FILE (default: stdout)
  import FILE         merge progress from a JSON file written by export (- for
                      stdin); it never lowers what is done: a level passed in
                      either stays passed, with the better stars
  reset [--yes]       forget all progress (settings stay); asks first on a
                      terminal, needs --yes otherwise
  path                print where the progress file is

  --profile NAME      a separate progress file for one player on a shared
                      machine (lowercase letters, digits, - and _)
  -h, --help          show this help

The progress file lives in $XDG_CONFIG_HOME/kubequest (or ~/.config/kubequest;
on macOS ~/Library/Preferences/kubequest; on Windows %APPDATA%\\kubequest\\Config),
or in $KUBEQUEST_HOME when that is set.

Export shape:
  {"version": 1, "levels": {"LEVEL-ID": {"passedAt", "attempts", "checks",
   "hintsUsed", "solutionViewed", "timeMs", "bestScore", "stars"}},
   "current": "LEVEL-ID", "settings": {"theme", "editorCommand", "unlockAll"}}

Examples:
  kubequest progress show
  kubequest progress export progress-backup.json
  kubequest progress import progress-backup.json --profile alice
  kubequest progress reset --yes --profile bob

Exit codes: 0 done, 2 bad usage or a file that is not kubequest progress.
`;

const ACTIONS = ['show', 'export', 'import', 'reset', 'path'] as const;
type Action = (typeof ACTIONS)[number];

export const progressCommand: Command = {
  summary: 'show, export, import or reset your progress',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        profile: { type: 'string' },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [action, ...operands] = positionals;
    if (action === undefined) throw new UsageError(`progress needs an action: ${ACTIONS.join(', ')}`);
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`"${safeText(action)}" is not a progress action; use one of ${ACTIONS.join(', ')}`);
    }
    const profile = values.profile;
    if (profile !== undefined && !isProfileName(profile)) {
      throw new UsageError(`--profile "${safeText(profile)}" is not a profile name: use lowercase letters, digits, "-" and "_" (at most 64)`);
    }
    const most = action === 'export' || action === 'import' ? 1 : 0;
    if (operands.length > most) throw new UsageError(`progress ${action} takes ${most === 0 ? 'no' : 'one'} argument${most === 0 ? 's' : ''}; got "${safeText(operands.join(' '))}"`);
    if (values.json && action !== 'show') throw new UsageError('--json goes with "progress show"');
    if (values.yes && action !== 'reset') throw new UsageError('--yes goes with "progress reset"');

    const where = { env: io.env, ...(profile === undefined ? {} : { profile }) };
    const file = progressFilePath(where);
    const open = (): ProgressStore => {
      const store = createConfProgressStore(where);
      if (store.recovered) {
        const backup = safeText(store.recovered.backupPath);
        io.stderr.write(
          `kubequest: the progress file could not be read: ${safeText(store.recovered.reason)}.\n` +
            `It was kept as ${backup} and progress starts empty.\n` +
            `Fix it, then run: kubequest progress import ${backup}${profile === undefined ? '' : ` --profile ${profile}`}\n`,
        );
      }
      return store;
    };
    /** Reading never creates the file: a player who never played has empty progress. */
    const read = (): ProgressSnapshot => (existsSync(file) ? open().snapshot() : emptySnapshot());

    switch (action as Action) {
      case 'path':
        io.stdout.write(`${file}\n`);
        return EXIT_OK;
      case 'show': {
        const snapshot = read();
        io.stdout.write(values.json ? snapshotToJson(snapshot) : showTable(snapshot));
        return EXIT_OK;
      }
      case 'export': {
        const json = snapshotToJson(read());
        const target = operands[0];
        if (target === undefined || target === '-') io.stdout.write(json);
        else {
          const full = resolve(io.cwd, target);
          try {
            writeFileSync(full, json);
          } catch (error) {
            throw new UsageError(`cannot write ${safeText(target)}: ${safeText((error as Error).message)}`);
          }
          io.stderr.write(`Progress written to ${safeText(target)}\n`);
        }
        return EXIT_OK;
      }
      case 'import': {
        const source = operands[0];
        if (source === undefined) throw new UsageError('progress import needs FILE: a JSON file written by "kubequest progress export" (- for stdin)');
        const inputs = await readInputs([source], io, { perInput: MAX_IMPORT_BYTES, total: MAX_IMPORT_BYTES });
        if (inputs.length !== 1) throw new UsageError(`progress import takes one JSON file; ${safeText(source)} is a folder`);
        const parsed = parseSnapshotJson(inputs[0]!.text);
        if (!parsed.ok) {
          const shown = parsed.problems.slice(0, 10).map((p) => `  ${safeText(p)}`);
          if (parsed.problems.length > 10) shown.push(`  ... and ${parsed.problems.length - 10} more`);
          throw new UsageError(`${safeText(source)} is not kubequest progress:\n${shown.join('\n')}`);
        }
        const store = open();
        store.merge(parsed.snapshot);
        const after = store.snapshot();
        io.stdout.write(`Imported ${Object.keys(parsed.snapshot.levels).length} levels from ${safeText(source)} into ${file}\n${totalLine(after, undefined)}\n`);
        return EXIT_OK;
      }
      case 'reset': {
        if (!values.yes) {
          if (!io.isTTY) throw new UsageError(`progress reset forgets all progress in ${file}; without a terminal to confirm, pass --yes`);
          io.stdout.write(`Forget all progress in ${file}? Settings stay. [y/N] `);
          const answer = (await readLine(io.stdin)).trim().toLowerCase();
          if (answer !== 'y' && answer !== 'yes') {
            io.stdout.write('Nothing was reset.\n');
            return EXIT_OK;
          }
        }
        open().reset();
        io.stdout.write(`Progress reset (${file}).\n`);
        return EXIT_OK;
      }
    }
  },
};

type Titles = { readonly order: readonly string[]; readonly titles: ReadonlyMap<string, string> };

/** The campaign's level order and titles, when it can be read; progress is shown without them otherwise. */
function campaign(): Titles | undefined {
  try {
    const { pack } = loadPack(defaultPackDir());
    if (!pack) return undefined;
    const levels = allLevels(pack);
    return { order: levels.map((l) => l.id), titles: new Map(levels.map((l) => [l.id, l.title])) };
  } catch {
    return undefined;
  }
}

export function starsText(stars: number): string {
  const n = Math.max(0, Math.min(3, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(3 - n);
}

export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

function totalLine(snapshot: ProgressSnapshot, known: Titles | undefined): string {
  const levels = Object.values(snapshot.levels);
  const passed = levels.filter((l) => l.passedAt !== undefined).length;
  const stars = levels.reduce((sum, l) => sum + l.stars, 0);
  const time = levels.reduce((sum, l) => sum + l.timeMs, 0);
  const of = known ? ` of ${known.order.length}` : '';
  const ofStars = known ? ` of ${known.order.length * 3}` : '';
  return `${passed}${of} levels passed, ${stars}${ofStars} stars, ${durationText(time)} played`;
}

function showTable(snapshot: ProgressSnapshot): string {
  const known = campaign();
  const ids = Object.keys(snapshot.levels);
  if (ids.length === 0) return `No progress yet. Run "kubequest" to play.\n${totalLine(snapshot, known)}\n`;
  const rank = new Map(known?.order.map((id, i) => [id, i]));
  ids.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || compareText(a, b));
  const rows = ids.map((id) => {
    const level = snapshot.levels[id]!;
    const title = safeText(known?.titles.get(id) ?? (known ? '(not in the campaign)' : ''));
    return [id, title, starsText(level.stars), String(level.attempts), level.timeMs > 0 ? durationText(level.timeMs) : '-'];
  });
  const header = ['LEVEL', 'TITLE', 'STARS', 'ATTEMPTS', 'TIME'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)));
  const right = new Set([3]);
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : c === r.length - 1 ? cell : cell.padEnd(widths[c]! + (cell.length - [...cell].length))))
      .join('  ')
      .trimEnd();
  return `${all.map(line).join('\n')}\n\n${totalLine(snapshot, known)}\n`;
}

/** One line from stdin (the answer to a y/N question); the stream is paused afterwards so the process can exit. */
function readLine(stream: Io['stdin']): Promise<string> {
  return new Promise((resolveLine) => {
    let text = '';
    const done = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', done);
      stream.pause();
      resolveLine(text.split('\n')[0] ?? '');
    };
    const onData = (chunk: string | Uint8Array) => {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.includes('\n')) done();
    };
    stream.on('data', onData);
    stream.once('end', done);
    stream.resume();
  });
}
