/**
 * Challenges: a timed run through a pack whose result a teacher can trust,
 * because every claim in it is re-graded from the solutions it embeds.
 *
 * A result file (format_version 1):
 *
 * ```json
 * {
 *   "format_version": 1,
 *   "pack": { "title": "Networking quiz", "digest": "9f2c…" },
 *   "startedAt": "2025-03-01T10:00:00.000Z",
 *   "finishedAt": "2025-03-01T10:24:13.000Z",
 *   "minutes": 25,
 *   "levels": [
 *     { "id": "open-the-shop", "solution": "apiVersion: v1\n…", "passed": true, "score": 2, "hintsUsed": 1, "timeMs": 312000 }
 *   ],
 *   "score": 2,
 *   "digest": "4b1e…"
 * }
 * ```
 *
 * - A level's `score` is the points its solution earns minus one per hint
 *   used, never below 0; the result's `score` is their sum.
 * - `pack.digest` is the hash of the pack's canonical JSON (its levels as
 *   parsed, without file paths), so a result is re-graded only against the
 *   pack it was made for.
 * - `digest` is the hash of the canonical JSON (keys sorted, no spaces) of
 *   everything else in the file. It shows that the file was not changed
 *   after it was written; it is not a signature (anyone can recompute it).
 *   What makes a result trustworthy is `verifyChallengeResult`: it re-grades
 *   every embedded solution, so a result cannot claim what its solutions do
 *   not do. Hints and times are as reported by the game.
 *
 * Pure: the hash function is passed in (the CLI uses SHA-256 from node:crypto),
 * and times are given, never read from a clock.
 */
import { gradeLevel, type GradeReport } from './grade.js';
import { allLevels, type Pack } from './pack.js';

export const CHALLENGE_FORMAT_VERSION = 1;

/** Time allowed past the deadline before a result counts as late (saving, slow machines). */
export const CHALLENGE_GRACE_MS = 60_000;

/** A hash of text as a hex string (SHA-256 in the CLI). */
export type HashText = (text: string) => string;

export type ChallengeLevelResult = {
  readonly id: string;
  /** The submission: YAML for a manifest level, `question: answer` lines for a predict level. */
  readonly solution: string;
  readonly passed: boolean;
  /** Points earned minus one per hint used, never below 0. */
  readonly score: number;
  readonly hintsUsed: number;
  readonly timeMs: number;
};

export type ChallengeResult = {
  readonly format_version: 1;
  readonly pack: { readonly title: string; readonly digest: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The time allowed, or null for an untimed submission. */
  readonly minutes: number | null;
  readonly levels: readonly ChallengeLevelResult[];
  readonly score: number;
  readonly digest: string;
};

/** What the player did in one level: their solution, and the hints and time the game counted. */
export type ChallengeEntry = {
  readonly id: string;
  readonly solution: string;
  readonly hintsUsed: number;
  readonly timeMs: number;
};

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace;
 * `undefined` members are left out, as JSON.stringify does. Two equal values
 * always give the same text, so the text can be hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    if (Object.is(value, -0)) return '0';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === 'function' ? 'null' : canonicalJson(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** The pack's fingerprint: its title, texts and levels as parsed, without where its files lie. */
export function packDigest(pack: Pack, hash: HashText): string {
  return hash(
    canonicalJson({
      title: pack.title,
      welcome: pack.welcome,
      final: pack.final,
      chapters: pack.chapters.map((c) => ({
        id: c.id,
        title: c.title,
        folder: c.folder,
        lesson: c.lesson,
        levels: c.levels.map(({ file: _file, ...level }) => level),
      })),
    }),
  );
}

/** A level's challenge score: points earned minus one per hint, never below 0. */
export function challengeScore(report: Pick<GradeReport, 'score'>, hintsUsed: number): number {
  return Math.max(0, report.score - hintsUsed);
}

/** The digest a result must carry: the hash of everything in it but `digest`. */
export function resultDigest(result: object, hash: HashText): string {
  const { digest: _digest, ...rest } = result as Record<string, unknown>;
  return hash(canonicalJson(rest));
}

export type ChallengeInput = {
  readonly pack: Pack;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly minutes: number | null;
  /** One per level played; a level of the pack without an entry is graded as an empty solution. */
  readonly entries: readonly ChallengeEntry[];
};

/** The file name problems of a challenge solution are reported under. */
const fileOf = (id: string) => `<challenge>/${id}`;

/** Grade every level of the pack and write the result, digest included. */
export function buildChallengeResult(input: ChallengeInput, hash: HashText): { result: ChallengeResult; reports: ReadonlyMap<string, GradeReport> } {
  const byId = new Map(input.entries.map((e) => [e.id, e]));
  const reports = new Map<string, GradeReport>();
  const levels = allLevels(input.pack).map((level): ChallengeLevelResult => {
    const entry = byId.get(level.id);
    const solution = entry?.solution ?? '';
    const hintsUsed = Math.max(0, Math.floor(entry?.hintsUsed ?? 0));
    const report = gradeLevel(level, { text: solution, file: fileOf(level.id) });
    reports.set(level.id, report);
    return { id: level.id, solution, passed: report.passed, score: challengeScore(report, hintsUsed), hintsUsed, timeMs: Math.max(0, Math.round(entry?.timeMs ?? 0)) };
  });
  const unsigned = {
    format_version: CHALLENGE_FORMAT_VERSION,
    pack: { title: input.pack.title, digest: packDigest(input.pack, hash) },
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    minutes: input.minutes,
    levels,
    score: levels.reduce((sum, l) => sum + l.score, 0),
  } as const;
  return { result: { ...unsigned, digest: resultDigest(unsigned, hash) }, reports };
}

export type ParsedChallengeResult =
  | { readonly ok: true; readonly result: ChallengeResult; readonly raw: object }
  | { readonly ok: false; readonly problems: readonly string[] };

const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Check a parsed JSON value has the shape of a result; `problems` say what is wrong and where. */
export function parseChallengeResult(value: unknown): ParsedChallengeResult {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problems: ['expected a JSON object'] };
  const v = value as Record<string, unknown>;
  if (v['format_version'] !== CHALLENGE_FORMAT_VERSION) problems.push(`format_version: expected ${CHALLENGE_FORMAT_VERSION}, got ${JSON.stringify(v['format_version'])}`);
  const pack = v['pack'] as Record<string, unknown> | undefined;
  if (pack === null || typeof pack !== 'object' || typeof pack['title'] !== 'string' || typeof pack['digest'] !== 'string') {
    problems.push('pack: expected {"title": string, "digest": string}');
  }
  if (!isTime(v['startedAt'])) problems.push('startedAt: expected an ISO time');
  if (!isTime(v['finishedAt'])) problems.push('finishedAt: expected an ISO time');
  if (v['minutes'] !== null && !(isCount(v['minutes']) && (v['minutes'] as number) > 0)) problems.push('minutes: expected a number > 0, or null');
  if (!isCount(v['score'])) problems.push('score: expected a number >= 0');
  if (typeof v['digest'] !== 'string') problems.push('digest: expected a string');
  const levels = v['levels'];
  if (!Array.isArray(levels)) problems.push('levels: expected a list');
  else {
    levels.forEach((l: unknown, i) => {
      const at = `levels[${i}]`;
      if (l === null || typeof l !== 'object' || Array.isArray(l)) {
        problems.push(`${at}: expected an object`);
        return;
      }
      const level = l as Record<string, unknown>;
      if (typeof level['id'] !== 'string') problems.push(`${at}.id: expected a string`);
      if (typeof level['solution'] !== 'string') problems.push(`${at}.solution: expected a string`);
      if (typeof level['passed'] !== 'boolean') problems.push(`${at}.passed: expected true or false`);
      for (const key of ['score', 'hintsUsed', 'timeMs']) if (!isCount(level[key])) problems.push(`${at}.${key}: expected a number >= 0`);
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, result: value as ChallengeResult, raw: value };
}

export type ChallengeLevelCheck = {
  readonly id: string;
  readonly title: string;
  readonly claimed?: { readonly passed: boolean; readonly score: number };
  readonly regraded: { readonly passed: boolean; readonly score: number; readonly earned: number; readonly maxScore: number };
  readonly hintsUsed: number;
  readonly timeMs: number;
  /** The claim matches the re-grade. */
  readonly ok: boolean;
};

export type ChallengeVerdict = {
  /** The digest matches, the pack is the same, the time was kept and every claim matches its re-grade. */
  readonly ok: boolean;
  /** Why the result is rejected, one plain sentence each. */
  readonly problems: readonly string[];
  readonly levels: readonly ChallengeLevelCheck[];
  /** The re-graded score (after hints) and the most it could be. */
  readonly score: number;
  readonly maxScore: number;
};

/**
 * Re-grade a result against the pack. The result is rejected when its digest
 * does not match its contents, when it was made for another pack, when it
 * took longer than its minutes (plus a minute's grace), when a level of the
 * pack is missing or one is unknown, or when a claimed pass or score differs
 * from what the embedded solution earns.
 */
export function verifyChallengeResult(parsed: Extract<ParsedChallengeResult, { ok: true }>, pack: Pack, hash: HashText): ChallengeVerdict {
  const { result, raw } = parsed;
  const problems: string[] = [];
  if (resultDigest(raw, hash) !== result.digest) problems.push('the digest does not match the contents: the result was changed after kubequest wrote it');
  const expectedPack = packDigest(pack, hash);
  if (result.pack.digest !== expectedPack) {
    problems.push(`the result was made for another pack, or another version of it ("${result.pack.title}"), not for the pack "${pack.title}" given here`);
  }
  const started = Date.parse(result.startedAt);
  const finished = Date.parse(result.finishedAt);
  if (finished < started) problems.push('finishedAt is before startedAt');
  else if (result.minutes !== null && finished - started > result.minutes * 60_000 + CHALLENGE_GRACE_MS) {
    problems.push(`the run took ${Math.round((finished - started) / 60_000)} minutes, more than the ${result.minutes} allowed`);
  }

  const packLevels = allLevels(pack);
  const known = new Set(packLevels.map((l) => l.id));
  const seen = new Set<string>();
  for (const l of result.levels) {
    if (!known.has(l.id)) problems.push(`level "${l.id}" is not in the pack`);
    else if (seen.has(l.id)) problems.push(`level "${l.id}" appears more than once`);
    seen.add(l.id);
  }
  const levels = packLevels.map((level): ChallengeLevelCheck => {
    const claim = result.levels.find((l) => l.id === level.id);
    const hintsUsed = claim?.hintsUsed ?? 0;
    const report = gradeLevel(level, { text: claim?.solution ?? '', file: fileOf(level.id) });
    const regraded = { passed: report.passed, score: challengeScore(report, hintsUsed), earned: report.score, maxScore: report.maxScore };
    if (!claim) {
      problems.push(`level "${level.id}" is missing from the result`);
      return { id: level.id, title: level.title, regraded, hintsUsed, timeMs: 0, ok: false };
    }
    const ok = claim.passed === regraded.passed && claim.score === regraded.score;
    if (claim.passed !== regraded.passed) {
      problems.push(`level "${level.id}" claims ${claim.passed ? 'a pass' : 'a fail'}, but its solution ${regraded.passed ? 'passes' : 'fails'}`);
    } else if (claim.score !== regraded.score) {
      problems.push(`level "${level.id}" claims a score of ${claim.score}, but its solution earns ${regraded.score} (${report.score} points, ${hintsUsed} hint${hintsUsed === 1 ? '' : 's'} used)`);
    }
    return { id: level.id, title: level.title, claimed: { passed: claim.passed, score: claim.score }, regraded, hintsUsed, timeMs: claim.timeMs, ok };
  });
  const claimedTotal = result.levels.reduce((sum, l) => sum + l.score, 0);
  if (result.score !== claimedTotal) problems.push(`the total score ${result.score} is not the sum of the levels' scores (${claimedTotal})`);
  return {
    ok: problems.length === 0,
    problems,
    levels,
    score: levels.reduce((sum, l) => sum + l.regraded.score, 0),
    maxScore: levels.reduce((sum, l) => sum + l.regraded.maxScore, 0),
  };
}
