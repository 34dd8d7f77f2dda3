/**
 * startApp's promise: what a failure after the first frame (opening the
 * progress store, reading the levels) does to the game. Each must end the
 * game and reach the caller, which prints it (src/cli/main.ts).
 */
import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lazyPack, loadPack } from '../../src/game/index.js';
import { createMemoryDraftStore, createMemoryProgressStore } from '../../src/store/index.js';
import { startApp, type AppServices } from '../../src/ui/index.js';

// Ink routes console output through a console of its own; vitest's console lacks the constructor.
(console as { Console?: typeof Console }).Console ??= Console;

const pack = loadPack(fileURLToPath(new URL('../fixtures/levels', import.meta.url))).pack!;

/** A terminal as Ink sees one: a TTY 100x30 that keeps what is written. */
class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 30;
  output = '';
  write(text: string): boolean {
    this.output += text;
    return true;
  }
}

/** Keys as Ink reads them (as ink-testing-library's stdin does). */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

function services(pack: AppServices['pack']): AppServices {
  return {
    pack,
    store: createMemoryProgressStore(),
    drafts: createMemoryDraftStore(),
    openInEditor: () => ({ ok: true }),
    watchFile: () => () => undefined,
    now: () => 0,
    env: { NO_COLOR: '1' },
    banner: 'KUBEQUEST',
  };
}

const streams = () => ({ stdout: new FakeStdout() as unknown as NodeJS.WriteStream, stdin: new FakeStdin() as unknown as NodeJS.ReadStream });

describe('startApp', () => {
  test('work after the first frame that fails ends the game with its error, after the menu was drawn', async () => {
    const io = streams();
    const run = startApp(services(lazyPack(pack)), { ...io, afterFirstFrame: async () => Promise.reject(new Error('cannot open the progress file')) });
    await expect(run).rejects.toThrow('cannot open the progress file');
    expect((io.stdout as unknown as FakeStdout).output).toContain('Campaign');
  });

  test('levels that fail to load after the menu end the game with the reason', async () => {
    const io = streams();
    const broken = { summary: { title: 't', welcome: '', levelCount: 3 }, load: () => Promise.reject(new Error('cannot read the pack: 01-shop/passes.yaml:3:1')) };
    await expect(startApp(services(broken), io)).rejects.toThrow('cannot read the pack: 01-shop/passes.yaml:3:1');
  });
});
