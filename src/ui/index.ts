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
  const instance = render(createElement(App, { services, ...(options.initialLevel ? { initialLevel: options.initialLevel } : {}) }), {
    ...(options.stdin ? { stdin: options.stdin } : {}),
    ...(options.stdout ? { stdout: options.stdout } : {}),
    exitOnCtrlC: true,
  });
  await instance.waitUntilExit();
}
