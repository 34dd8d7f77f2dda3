/**
 * `kubequest [play [LEVEL]]`: the game. The only command that loads the UI,
 * through a dynamic import, so `check`, `trace` and `matrix` never pay for
 * React and Ink. The menu's first frame needs only the pack's index and a
 * quick read of the progress file: those modules are imported here
 * directly, and the code that reads levels (and workspaces) only once it
 * is needed (test/architecture.test.ts keeps it so).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAbsolute, resolve } from 'node:path';
import type { Pack } from '../../game/index.js';
import { findLevel, lazyPack, type LazyPack } from '../../game/pack.js';
import { safeText } from '../../sim/safe-text.js';
import type { DraftStore, ProgressStore } from '../../store/index.js';
import { createFileDraftStore } from '../../store/file-draft-store.js';
import { dataDir, progressFilePath } from '../../store/paths.js';
import { isProfileName } from '../../store/progress-rules.js';
import { deferProgressStore, readProgressQuickly } from '../../store/quick-snapshot.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import type { Command } from '../main.js';
import { usage } from '../main.js';
import { packagePath } from '../package-root.js';
import { PACK_OPTION_HELP, packDirFrom } from '../pack-dir.js';
import { packSummary } from '../pack-summary.js';

const help = `Usage: kubequest [play [LEVEL]] [--pack DIR] [--profile NAME] [--workspace WS]

Play kubequest in this terminal (at least 80x24). With LEVEL (a level id,
see "kubequest levels"), open that level directly.

${PACK_OPTION_HELP}
  --profile NAME      keep progress under this name (shared classroom machines)
  --workspace WS      keep your answers in a workspace made by "kubequest
                      workspace init" (one file per level, e.g. a class
                      repository you commit with git); its pack is the
                      default for --pack

Your drafts are files you may also edit in your own editor; the game reloads
them when they change. Set $VISUAL or $EDITOR for the "e" key.
`;

/** The editor to hand a draft to: the setting, then $VISUAL, then $EDITOR, then vi. */
function editorCommand(setting: string, env: NodeJS.ProcessEnv): string {
  return setting || env['VISUAL'] || env['EDITOR'] || 'vi';
}

export const playCommand: Command = {
  summary: 'play the game',
  help,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { pack: { type: 'string' }, profile: { type: 'string' }, workspace: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (!io.isTTY) {
      io.stderr.write(`${usage()}\nThe game needs an interactive terminal; the commands above work anywhere.\n`);
      return EXIT_USAGE;
    }
    if (values.profile !== undefined && !isProfileName(values.profile)) {
      throw new UsageError(`--profile "${safeText(values.profile)}" is not a profile name: use lowercase letters, digits, "-" and "_"`);
    }
    const workspace = values.workspace === undefined ? undefined : await workspacePack(values.workspace, values.pack, io);
    const dir = workspace?.pack ?? packDirFrom(values.pack, io);
    const initialLevel = positionals[0];
    const profile = values.profile ? { profile: values.profile } : {};
    // The menu needs only a snapshot of the progress file, read without conf;
    // the conf store opens once the first frame is drawn (or at the first
    // write). A file the quick read is unsure of is opened through conf at
    // once, so a broken one is still moved aside and reported on the menu.
    const file = progressFilePath(profile);
    const quick = readProgressQuickly(file);
    const openConf = async () => (await import('../../store/index.js')).createConfProgressStore(profile);
    const deferred = quick && deferProgressStore(file, quick, openConf);
    const store = deferred || (await openConf());
    // The compile cache is saved first, so that it holds what the first frame needs and no more.
    const afterFirstFrame = async () => {
      io.started?.();
      await deferred?.open();
    };
    try {
      await playPack(io, { dir, store, workspace, initialLevel, profile, afterFirstFrame });
    } catch (error) {
      await deferred?.settle().catch(() => undefined);
      throw error;
    }
    // What the player did before the store opened is saved now.
    await deferred?.settle();
    return EXIT_OK;
  },
};

type PlayOptions = {
  readonly dir: string;
  readonly store: ProgressStore;
  readonly workspace: { readonly dir: string } | undefined;
  readonly initialLevel: string | undefined;
  readonly profile: { readonly profile?: string };
  readonly afterFirstFrame: () => Promise<void>;
};

async function playPack(io: Io, { dir, store, workspace, initialLevel, profile, afterFirstFrame }: PlayOptions): Promise<void> {
  // The common case, the menu of a plain pack folder, needs only its index
  // before the first frame; the levels are read right after it is drawn.
  const summary = workspace || initialLevel !== undefined ? undefined : await packSummary(dir);
  if (summary) {
    const drafts = createFileDraftStore(dataDir({ env: io.env, ...profile }));
    const load = async () => (await import('../packs.js')).loadPackOrFail(dir).pack;
    await startGame(io, { pack: { summary, load }, store, drafts, afterFirstFrame });
    return;
  }
  const { loadPackOrFail } = await import('../packs.js');
  const { pack } = loadPackOrFail(dir);
  if (initialLevel !== undefined && !findLevel(pack, initialLevel)) {
    throw new UsageError(`there is no level "${safeText(initialLevel)}"; "kubequest levels" lists them`);
  }
  const drafts = workspace ? await workspaceDrafts(workspace.dir, pack) : createFileDraftStore(dataDir({ env: io.env, ...profile }));
  await startGame(io, { pack: lazyPack(pack), store, drafts, ...(initialLevel ? { initialLevel } : {}), afterFirstFrame });
}

async function workspaceDrafts(dir: string, pack: Pack): Promise<DraftStore> {
  return (await import('../../store/index.js')).createWorkspaceDraftStore(dir, pack);
}

/** The workspace folder, and its pack: --pack when given, else the one the workspace records. */
export async function workspacePack(flag: string, packFlag: string | undefined, io: Pick<Io, 'cwd'>): Promise<{ dir: string; pack: string }> {
  const { openWorkspace, recordedPack } = await import('../workspace.js');
  const { WORKSPACE_FILE } = await import('../../store/index.js');
  const dir = isAbsolute(flag) ? flag : resolve(io.cwd, flag);
  const info = openWorkspace(dir, flag);
  const pack = packFlag !== undefined ? packDirFrom(packFlag, io) : recordedPack(dir, info);
  if (pack === undefined) throw new UsageError(`${safeText(flag)} records no pack (no ${WORKSPACE_FILE}); give it: --pack DIR`);
  return { dir, pack };
}

export type GameOptions = {
  readonly pack: LazyPack;
  readonly store: ProgressStore;
  readonly drafts: DraftStore;
  readonly initialLevel?: string;
  /** A challenge's end, in epoch milliseconds: the game shows the time left. */
  readonly deadline?: number;
  /** Work to do once the first frame is on screen (opening a deferred progress store); a failure ends the game. */
  readonly afterFirstFrame?: () => void | Promise<void>;
};

/** Start the game (loading the UI only now); resolves when the player quits. */
export async function startGame(io: Io, options: GameOptions): Promise<void> {
  const { pack, store, drafts, initialLevel } = options;
  // Ink colours through chalk, which reads FORCE_COLOR when it loads (now):
  // NO_COLOR (https://no-color.org) and dumb terminals get no colour at all.
  if ((io.env['NO_COLOR'] ?? '') !== '' || io.env['TERM'] === 'dumb') process.env['FORCE_COLOR'] = '0';
  const { startApp } = await import('../../ui/index.js');
  await startApp(
    {
      pack,
      store,
      drafts,
      env: io.env,
      banner: readFileSync(packagePath('assets', 'banner.txt'), 'utf8'),
      now: () => Date.now(),
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(store.recovered ? { notice: `Your progress file was damaged; it was kept as ${store.recovered.backupPath} and progress starts afresh.` } : {}),
      openInEditor(path) {
        const command = editorCommand(store.snapshot().settings.editorCommand, io.env);
        const stdin = process.stdin;
        stdin.setRawMode?.(false);
        const result = spawnSync(`${command} "${path.replaceAll('"', '\\"')}"`, { stdio: 'inherit', shell: true });
        stdin.setRawMode?.(true);
        // The editor drew over the game; clear so the next frame starts clean.
        process.stdout.write('\u001b[2J\u001b[3J\u001b[H');
        if (result.error || (result.status !== 0 && result.status !== null)) {
          return { ok: false, error: `"${command}" did not run cleanly (${result.error?.message ?? `exit ${result.status}`}); set the editor in Settings or $EDITOR.` };
        }
        return { ok: true };
      },
      watchFile(path, onChange) {
        // Polling survives editors that save by renaming a new file over the old one.
        const listener = () => onChange();
        watchFile(path, { interval: 500 }, listener);
        return () => unwatchFile(path, listener);
      },
    },
    { ...(initialLevel ? { initialLevel } : {}), ...(options.afterFirstFrame ? { afterFirstFrame: options.afterFirstFrame } : {}) },
  );
}
