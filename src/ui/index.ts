import { render } from 'ink';
import { createElement } from 'react';
import { App } from './app.js';
import type { AppServices } from './services.js';
import { loadAfterMenu } from './screens/load-after-menu.js';

export type { AppServices } from './services.js';
export { App, MIN_COLUMNS, MIN_ROWS } from './app.js';

/**
 * Start the game; resolves when the player quits. `afterFirstFrame` runs once
 * the first frame is on screen; should it throw or reject, the game ends and
 * startApp throws that error.
 */
export async function startApp(
  services: AppServices,
  options: {
    readonly initialLevel?: string;
    readonly stdin?: NodeJS.ReadStream;
    readonly stdout?: NodeJS.WriteStream;
    readonly afterFirstFrame?: () => void | Promise<void>;
  } = {},
): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  // A level opened from the command line is the first frame: its screen must be ready for it.
  if (options.initialLevel) await loadAfterMenu();
  // Ask the terminal to mark pastes, so pasted YAML keeps its own indentation.
  stdout.write(BRACKETED_PASTE_ON);
  const instance = render(createElement(App, { services, ...(options.initialLevel ? { initialLevel: options.initialLevel } : {}) }), {
    ...(options.stdin ? { stdin: options.stdin } : {}),
    stdout,
    exitOnCtrlC: true,
  });
  // Ink writes the first render before render() returns, so this runs once
  // the first frame is on screen, and before the app's own work after it.
  let failure: { readonly error: unknown } | undefined;
  new Promise<void>((done) => done(options.afterFirstFrame?.())).catch((error: unknown) => {
    failure ??= { error };
    instance.unmount();
  });
  try {
    await instance.waitUntilExit();
  } finally {
    stdout.write(BRACKETED_PASTE_OFF);
  }
  if (failure) throw failure.error;
}

const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
