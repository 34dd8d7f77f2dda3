import type { Trace } from '../../sim/index.js';

/** What one console line printed. */
export type ConsoleResult = {
  /** Plain text shaped like the real tool's output (no trailing newline, no control characters from input). */
  readonly output: string;
  /** True when the command failed (the real tool would exit non-zero). */
  readonly error?: boolean;
  /** Set when the command sent a request through the simulator, so the UI can show its hops. */
  readonly trace?: Trace;
};

export type ConsoleOptions = {
  /** The namespace commands use without `-n`, as the kubeconfig context's namespace. @default 'default' */
  readonly namespace?: string;
};
