import { render } from 'ink';
import { createElement } from 'react';
import { App } from './app.js';
import type { AppServices } from './services.js';

export type { AppServices } from './services.js';
export { App, MIN_COLUMNS, MIN_ROWS } from './app.js';

/**
 * Start the game; resolves when the player quits. `afterFirstFrame` runs once
 * the first frame is on screen (or at the end, should the player quit before
 * that); should it throw, the game ends and startApp throws that error.
 */
export async function startApp(
  services: AppServices,
  options: {
    readonly initialLevel?: string;
    readonly stdin?: NodeJS.ReadStream;
    readonly stdout?: NodeJS.WriteStream;
    readonly afterFirstFrame?: () => void;
  } = {},
): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  // Ask the terminal to mark pastes, so pasted YAML keeps its own indentation.
  stdout.write(BRACKETED_PASTE_ON);
  const instance = render(createElement(App, { services, ...(options.initialLevel ? { initialLevel: options.initialLevel } : {}) }), {
    ...(options.stdin ? { stdin: options.stdin } : {}),
    stdout,
    exitOnCtrlC: true,
  });
  // Ink writes the first render before render() returns, so this timer runs
  // after the first frame is on screen.
  let pending = options.afterFirstFrame;
  const runPending = () => {
    const run = pending;
    pending = undefined;
    run?.();
  };
  let failure: { readonly error: unknown } | undefined;
  const timer = setTimeout(() => {
    try {
      runPending();
    } catch (error) {
      failure = { error };
      instance.unmount();
    }
  }, 0);
  try {
    await instance.waitUntilExit();
  } finally {
    clearTimeout(timer);
    stdout.write(BRACKETED_PASTE_OFF);
  }
  if (failure) throw failure.error;
  // The player quit before the timer ran: it still runs, once.
  runPending();
}

const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
