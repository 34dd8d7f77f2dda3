/**
 * Where kubequest keeps its files, as env-paths (which conf uses) would put
 * them, plus one override for tests and classrooms:
 *
 * |               | progress (config)                       | drafts (data)                                    |
 * | ------------- | --------------------------------------- | ------------------------------------------------ |
 * | KUBEQUEST_HOME set | `$KUBEQUEST_HOME`                  | `$KUBEQUEST_HOME/drafts`                         |
 * | Linux & other | `${XDG_CONFIG_HOME:-~/.config}/kubequest` | `${XDG_DATA_HOME:-~/.local/share}/kubequest/drafts` |
 * | macOS         | `~/Library/Preferences/kubequest`       | `~/Library/Application Support/kubequest/drafts` |
 * | Windows       | `%APPDATA%\kubequest\Config`            | `%LOCALAPPDATA%\kubequest\Data\drafts`           |
 *
 * The environment is passed in (the CLI hands over its `io.env`), so a test
 * never reaches the real home.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isProfileName } from './progress-rules.js';

export type PathOptions = {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform;
  /** @default os.homedir() */
  readonly home?: string;
  /** The folder name under the platform's directories. @default 'kubequest' */
  readonly projectName?: string;
  /** A player profile on a shared machine: drafts go in `drafts-NAME`. */
  readonly profile?: string;
};

type Dirs = { readonly config: string; readonly data: string };

function platformDirs(options: PathOptions): Dirs {
  const env = options.env ?? process.env;
  const name = options.projectName ?? 'kubequest';
  const override = env['KUBEQUEST_HOME'];
  if (override) return { config: override, data: override };
  const home = () => options.home ?? homedir();
  switch (options.platform ?? process.platform) {
    case 'darwin':
      return { config: join(home(), 'Library', 'Preferences', name), data: join(home(), 'Library', 'Application Support', name) };
    case 'win32': {
      const appData = env['APPDATA'] || join(home(), 'AppData', 'Roaming');
      const localAppData = env['LOCALAPPDATA'] || join(home(), 'AppData', 'Local');
      return { config: join(appData, name, 'Config'), data: join(localAppData, name, 'Data') };
    }
    default:
      return {
        config: join(env['XDG_CONFIG_HOME'] || join(home(), '.config'), name),
        data: join(env['XDG_DATA_HOME'] || join(home(), '.local', 'share'), name),
      };
  }
}

/** The folder holding progress files (`progress.json`, `progress-NAME.json`). */
export function configDir(options: PathOptions = {}): string {
  return platformDirs(options).config;
}

/** The default drafts folder: one `<level-id>.yaml` per level. */
export function dataDir(options: PathOptions = {}): string {
  if (options.profile !== undefined && !isProfileName(options.profile)) throw new TypeError(profileMessage(options.profile));
  return join(platformDirs(options).data, options.profile === undefined ? 'drafts' : `drafts-${options.profile}`);
}

export function profileMessage(profile: string): string {
  return `profile ${JSON.stringify(profile)} is not a profile name: use lowercase letters, digits, "-" and "_" (at most 64)`;
}

export type ProgressFileOptions = {
  /** The folder holding the progress file. @default configDir({env}) */
  readonly cwd?: string;
  /** A player on a shared machine: `progress-NAME.json`. @default none: `progress.json` */
  readonly profile?: string;
  /** The folder name under the config directory. @default 'kubequest' */
  readonly projectName?: string;
  /** The environment the default folder is found from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
};

/** The file a profile's progress lives in, without opening (or creating) it. */
export function progressFilePath(options: ProgressFileOptions = {}): string {
  if (options.profile !== undefined && !isProfileName(options.profile)) throw new TypeError(profileMessage(options.profile));
  const cwd = options.cwd ?? configDir({ projectName: options.projectName ?? 'kubequest', ...(options.env ? { env: options.env } : {}) });
  return join(cwd, options.profile === undefined ? 'progress.json' : `progress-${options.profile}.json`);
}
