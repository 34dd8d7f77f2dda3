import { render } from 'ink';
import { createElement } from 'react';
import { App } from './app.js';
import type { AppServices } from './services.js';

export type { AppServices } from './services.js';
export { App, MIN_COLUMNS, MIN_ROWS } from './app.js';

/** Start the game; resolves when the player quits. */
export async function startApp(
  services: AppServices,
  options: { readonly initialLevel?: string; readonly stdin?: NodeJS.ReadStream; readonly stdout?: NodeJS.WriteStream } = {},
): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  // Ask the terminal to mark pastes, so pasted YAML keeps its own indentation.
  stdout.write(BRACKETED_PASTE_ON);
  const instance = render(createElement(App, { services, ...(options.initialLevel ? { initialLevel: options.initialLevel } : {}) }), {
    ...(options.stdin ? { stdin: options.stdin } : {}),
    stdout,
    exitOnCtrlC: true,
  });
  try {
    await instance.waitUntilExit();
  } finally {
    stdout.write(BRACKETED_PASTE_OFF);
  }
}

const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
