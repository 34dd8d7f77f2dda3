import type { render } from 'ink-testing-library';

type Rendered = ReturnType<typeof render>;

/**
 * Wait until the last frame contains `text` (or matches it), polling, never
 * sleeping a fixed time. Fails with the last frame when it never shows.
 */
export async function waitForFrame(instance: Rendered, text: string | RegExp, timeoutMs = 3000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = instance.lastFrame() ?? '';
    if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) {
      // The frame is drawn before React runs effects, where Ink subscribes the
      // new input handlers; let them run so the next key meets this screen.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return frame;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; last frame:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Type keys one event at a time, letting Ink render between them. */
export async function press(instance: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    instance.stdin.write(key);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const KEY = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  end: '\u001b[F',
  backspace: '\u007f',
  ctrlR: '\u0012',
} as const;

/** Wait until a condition holds (a draft saved, a store updated), polling. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
