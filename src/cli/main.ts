import { EXIT_BUG, EXIT_USAGE, UsageError } from './errors.js';
import type { Io } from './io.js';
import { safeText } from '../sim/safe-text.js';

export type Command = {
  /** One line for the command list. */
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: Io): Promise<number>;
};

/** Loaded on demand, so `trace` never pays for the game's imports. */
const commands: Record<string, () => Promise<Command>> = {
  play: async () => (await import('./commands/play.js')).playCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  trace: async () => (await import('./commands/trace.js')).traceCommand,
  matrix: async () => (await import('./commands/matrix.js')).matrixCommand,
  progress: async () => (await import('./commands/progress.js')).progressCommand,
  levels: async () => (await import('./commands/levels.js')).levelsCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  pack: async () => (await import('./commands/pack.js')).packCommand,
  workspace: async () => (await import('./commands/workspace.js')).workspaceCommand,
  challenge: async () => (await import('./commands/challenge.js')).challengeCommand,
};

export function usage(): string {
  return `kubequest - learn Kubernetes networking by doing

Usage:
  kubequest                      play the game (needs a terminal)
  kubequest play [LEVEL]         play, starting at a level
  kubequest validate FILE...     check manifests as the API server and kubectl would
  kubequest trace -f PATH... --from SRC --to TARGET
                                 follow one request through DNS, Services and pods
  kubequest matrix -f PATH...    which pods NetworkPolicy lets talk to which
  kubequest progress show|export|import|reset|path
                                 your progress: a table, a JSON backup, a fresh start
  kubequest levels [--pack DIR]  list the chapters and levels
  kubequest check LEVEL FILE...  grade your YAML against a level, as the game does
  kubequest check --pack DIR --workspace WS
                                 grade every level of a pack from a workspace (CI)
  kubequest check --pack DIR --result FILE
                                 re-grade a challenge result
  kubequest pack new DIR         start a pack of your own levels
  kubequest pack validate DIR    check a pack of levels: solvable, and not already solved
  kubequest workspace init DIR --pack DIR
                                 one file per level of a pack, for students
  kubequest challenge --pack DIR [--minutes N]
                                 a timed run through a pack, ending in a result file
  kubequest COMMAND --help       more about one command

Exit codes: 0 success, 1 an objective failed, 2 bad input or usage.
`;
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      if (!io.isTTY) {
        io.stderr.write(`${usage()}\nThe game needs an interactive terminal.\n`);
        return EXIT_USAGE;
      }
      return await (await commands['play']!()).run([], io);
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(usage());
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write('kubequest 0.1.0\n');
      return 0;
    }
    // `kubequest --pack DIR` is `kubequest play --pack DIR`.
    if (name.startsWith('--') && io.isTTY) return await (await commands['play']!()).run(argv, io);
    const load = commands[name];
    if (!load) throw new UsageError(`unknown command "${safeText(name)}". Run "kubequest --help" to see the commands.`);
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.help);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // Messages quote input; safeText again so no command can forget (it leaves escaped text as it is).
      io.stderr.write(`kubequest: ${safeText(error.message)}\n`);
      return EXIT_USAGE;
    }
    if (isParseArgsError(error)) {
      io.stderr.write(`kubequest: ${safeText(error.message)}\nRun "kubequest ${safeText(name ?? '')} --help" to see its options.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(
      `kubequest hit a bug, sorry. Please report it with the command you ran.\n${safeText(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
    );
    return EXIT_BUG;
  }
}

/** node:util parseArgs reports unknown or malformed flags with these codes. */
function isParseArgsError(error: unknown): error is Error {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
