/** What a command may touch of the outside world; tests pass their own. */
export type Io = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly isTTY: boolean;
  /** Called once the program is up (the game: its first frame is on screen); the binary then saves its compile cache. */
  readonly started?: () => void;
};
