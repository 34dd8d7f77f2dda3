/**
 * What became of a request, in DESIGN.md's words. A trace's outcome is
 * `delivered` when at least one candidate endpoint delivers.
 */
export const OUTCOMES = [
  'delivered',
  'denied',
  'refused',
  'no-endpoints',
  'dns-failure',
  'unreachable',
  'http-404',
  'http-503',
  'http-redirect',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}
