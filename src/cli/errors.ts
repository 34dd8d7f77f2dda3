/** Exit codes, as DESIGN.md fixes them. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Not ours to plan for: a bug in kubequest itself. */
export const EXIT_BUG = 70;

/** A mistake in how kubequest was called or in what it was given; shown as is, without a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
