/**
 * `kubequest check --result FILE --pack P [--json]`: re-grade a challenge
 * result's embedded solutions against the pack (src/game/challenge.ts).
 *
 * ```
 * Challenge result result.json: "Networking basics", 25 minutes
 * ✓ open-the-shop  passed  score 2/3  hints 1  4m 10s
 * ✗ lock-the-db    failed  score 0/2  hints 0  9m 02s
 *
 * Verified: every claim matches its re-graded solution. Score 2/5.
 * 1 passed, 1 failed
 * ```
 *
 * A rejected result lists why, then `Rejected: ...` (exit 1). Exit 0 when
 * the result is verified (whatever its score), 2 when FILE cannot be read
 * or is not a result.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseChallengeResult, verifyChallengeResult, type Pack } from '../game/index.js';
import { safeText } from '../sim/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './errors.js';
import type { Io } from './io.js';
import { shownPath, toJson } from './packs.js';
import { summaryLine } from './check-workspace.js';
import { sha256 } from './workspace.js';

/** A result holds a pack's worth of solutions: small. */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Read and parse a result file; anything unreadable is a usage error (exit 2). */
export function readResultFile(path: string, shown: string) {
  let text: string;
  try {
    if (statSync(path).size > MAX_RESULT_BYTES) throw new UsageError(`${safeText(shown)} is larger than ${MAX_RESULT_BYTES / (1024 * 1024)} MiB; it is not a challenge result`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the result ${safeText(shown)}: ${safeText((error as NodeJS.ErrnoException).code ?? (error as Error).message)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${safeText(shown)} is not JSON, so not a challenge result: ${safeText((error as Error).message)}`);
  }
  const parsed = parseChallengeResult(value);
  if (!parsed.ok) throw new UsageError(`${safeText(shown)} is not a kubequest challenge result:\n${parsed.problems.slice(0, 10).map((p) => `  ${safeText(p)}`).join('\n')}`);
  return parsed;
}

export function checkResult(pack: Pack, options: { readonly result: string; readonly json: boolean }, io: Io): number {
  const path = isAbsolute(options.result) ? options.result : resolve(io.cwd, options.result);
  const shown = shownPath(path, io.cwd);
  const parsed = readResultFile(path, shown);
  const verdict = verifyChallengeResult(parsed, pack, sha256);
  const passed = verdict.levels.filter((l) => l.regraded.passed).length;
  const failed = verdict.levels.length - passed;

  if (options.json) {
    io.stdout.write(
      toJson({
        result: shown,
        verified: verdict.ok,
        problems: verdict.problems,
        score: verdict.score,
        maxScore: verdict.maxScore,
        levels: verdict.levels.map((l) => ({ id: l.id, ok: l.ok, claimed: l.claimed ?? null, regraded: l.regraded, hintsUsed: l.hintsUsed, timeMs: l.timeMs })),
      }),
    );
    return verdict.ok ? EXIT_OK : EXIT_FAILED;
  }
  const r = parsed.result;
  const lines = [`Challenge result ${safeText(shown)}: "${safeText(r.pack.title)}"${r.minutes === null ? ', untimed' : `, ${r.minutes} minutes`}`];
  const width = Math.max(...verdict.levels.map((l) => l.id.length), 2);
  for (const l of verdict.levels) {
    const mark = l.regraded.passed ? '✓' : '✗';
    lines.push(
      `${mark} ${l.id.padEnd(width)}  ${l.regraded.passed ? 'passed' : 'failed'}  score ${l.regraded.score}/${l.regraded.maxScore}  hints ${l.hintsUsed}  ${durationText(l.timeMs)}${l.ok ? '' : '  ← does not match the claim'}`,
    );
  }
  lines.push('');
  if (verdict.ok) {
    lines.push(`Verified: every claim matches its re-graded solution. Score ${verdict.score}/${verdict.maxScore}.`);
  } else {
    lines.push(...verdict.problems.map((p) => `✗ ${safeText(p)}`));
    lines.push(`Rejected: ${safeText(shown)} is not a faithful result (${verdict.problems.length} problem${verdict.problems.length === 1 ? '' : 's'} above). Re-graded score ${verdict.score}/${verdict.maxScore}.`);
  }
  lines.push(summaryLine(passed, failed));
  io.stdout.write(`${lines.join('\n')}\n`);
  return verdict.ok ? EXIT_OK : EXIT_FAILED;
}
