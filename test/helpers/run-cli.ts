/**
 * Two ways to run the CLI in tests:
 * - `runCli(args, options)`: in-process through `runCli` from src/cli/main.ts
 *   with fake streams (fast; use for nearly everything);
 * - `spawnCli(args, options)`: `node build/cli/bin.js` as a child process
 *   (the test script builds first, via pretest), for what only a real
 *   process shows: the shebang shim, exit codes, real stdin.
 */
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli as mainRunCli } from '../../src/cli/main.js';

export type CliResult = { readonly code: number; readonly stdout: string; readonly stderr: string };
export type CliOptions = {
  readonly stdin?: string | Uint8Array | Readable;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly isTTY?: boolean;
};

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = options.stdin instanceof Readable ? options.stdin : Readable.from(options.stdin === undefined ? [] : [options.stdin]);
  const code = await mainRunCli(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? repoRoot,
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}

export function spawnCli(args: readonly string[], options: Omit<CliOptions, 'stdin'> & { readonly stdin?: string | Uint8Array } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../../build/cli/bin.js', import.meta.url)), ...args], {
      cwd: options.cwd ?? repoRoot,
      // Caches the binary keeps for packs outside the package go to build/, not to the user's ~/.cache.
      env: { PATH: process.env['PATH'], XDG_CACHE_HOME: fileURLToPath(new URL('../../build/test-cache', import.meta.url)), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // The child may stop reading early (input too large): that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
  });
}
