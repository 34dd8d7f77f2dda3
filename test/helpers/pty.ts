/**
 * The built game in a real pseudo-terminal (node-pty), its screen read back
 * through a headless xterm, so tests see what a player sees.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import { spawn, type IPty } from 'node-pty';

const BIN = fileURLToPath(new URL('../../build/cli/bin.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export type Game = {
  readonly pty: IPty;
  readonly home: string;
  screen(): string;
  /** Everything the game wrote, escape sequences included. */
  raw(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Wait for a level's screen, going past the chapter's lesson when it comes first. */
  waitForLevel(): Promise<string>;
  /** Send keys, then wait until the screen has settled. */
  type(keys: string): Promise<void>;
  resize(columns: number, rows: number): void;
  exited(): Promise<number>;
  kill(): void;
};

/** A fresh player: an empty home, progress and drafts inside it. */
export function newHome(): string {
  return mkdtempSync(join(tmpdir(), 'kubequest-e2e-'));
}

export function startGame(args: readonly string[], options: { home?: string; columns?: number; rows?: number; env?: Record<string, string> } = {}): Game {
  const home = options.home ?? newHome();
  const columns = options.columns ?? 100;
  const rows = options.rows ?? 30;
  const term = new xterm.Terminal({ cols: columns, rows, allowProposedApi: true });
  const pty = spawn(process.execPath, [BIN, ...args], {
    // node-pty sets TERM from `name`, over env: pass a test's TERM (e.g. dumb) through.
    name: options.env?.['TERM'] ?? 'xterm-256color',
    cols: columns,
    rows,
    cwd: REPO,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local/share'),
      KUBEQUEST_HOME: join(home, 'kubequest'),
      TERM: 'xterm-256color',
      ...options.env,
    },
  });
  let exitCode: number | undefined;
  const exitWaiters: ((code: number) => void)[] = [];
  let raw = '';
  pty.onData((data) => {
    raw += data;
    term.write(data);
  });
  pty.onExit(({ exitCode: code }) => {
    exitCode = code;
    for (const w of exitWaiters) w(code);
  });

  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.slice(buffer.baseY, buffer.baseY + rows).join('\n');
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // A screen is drawn before the game has subscribed the new screen's keys:
  // wait until it has stopped changing for a few polls before typing on.
  const settle = async (last: string) => {
    for (let quiet = 0; quiet < 4; ) {
      await sleep(25);
      const now = screen();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    return last;
  };
  const waitFor = async (text: string | RegExp, timeoutMs = 8000) => {
    const started = Date.now();
    for (;;) {
      const now = screen();
      if (typeof text === 'string' ? now.includes(text) : text.test(now)) return settle(now);
      if (exitCode !== undefined) throw new Error(`the game exited (${exitCode}) before showing ${String(text)}:\n${now}`);
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; the screen:\n${now}`);
      await sleep(25);
    }
  };
  return {
    pty,
    home,
    screen,
    raw: () => raw,
    waitFor,
    async waitForLevel() {
      const shown = await waitFor(/Goals|on to the level/u);
      if (!shown.includes('on to the level')) return shown;
      pty.write('\r');
      return waitFor('Goals');
    },
    async type(keys) {
      pty.write(keys);
      // Let the game read and redraw: wait until the screen stops changing.
      let last = '';
      for (let i = 0; i < 40; i++) {
        await sleep(25);
        const now = screen();
        if (now === last) return;
        last = now;
      }
    },
    resize(c, r) {
      pty.resize(c, r);
      term.resize(c, r);
    },
    exited: () => (exitCode !== undefined ? Promise.resolve(exitCode) : new Promise((resolve) => exitWaiters.push(resolve))),
    kill: () => pty.kill(),
  };
}

export const KEYS = {
  enter: '\r',
  escape: '\u001b',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  end: '\u001b[F',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
} as const;
