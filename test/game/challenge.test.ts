/**
 * src/game/challenge.ts: results built from solutions, hints costing
 * points, canonical JSON and digests, and the re-grade that rejects any
 * claim the embedded solutions do not back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  archivePackSource,
  buildChallengeResult,
  canonicalJson,
  CHALLENGE_GRACE_MS,
  findLevel,
  loadPack,
  loadPackFrom,
  packDigest,
  parseChallengeResult,
  resultDigest,
  verifyChallengeResult,
  type ChallengeResult,
  type Pack,
} from '../../src/game/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const PACK_DIR = join(repoRoot, 'test/fixtures/levels');
const pack = loadPack(PACK_DIR).pack!;
const submission = (id: string) => readFileSync(join(PACK_DIR, 'submissions', `${id}.yaml`), 'utf8');
const solution = (id: string) => findLevel(pack, id)!.solution;

/** A run in which `passes` is solved with 2 hints, `who-answers` with none, the rest left as submitted. */
function run(): ChallengeResult {
  return buildChallengeResult(
    {
      pack,
      startedAt: '2025-03-01T10:00:00.000Z',
      finishedAt: '2025-03-01T10:20:00.000Z',
      minutes: 25,
      entries: [
        { id: 'passes', solution: solution('passes'), hintsUsed: 2, timeMs: 300_000 },
        { id: 'who-answers', solution: solution('who-answers'), hintsUsed: 0, timeMs: 60_000 },
        { id: 'fails-probe', solution: submission('fails-probe'), hintsUsed: 5, timeMs: 1_000 },
      ],
    },
    sha256,
  ).result;
}

function verify(value: unknown, against: Pack = pack) {
  const parsed = parseChallengeResult(JSON.parse(JSON.stringify(value)));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return verifyChallengeResult(parsed, against, sha256);
}

describe('canonicalJson', () => {
  test('sorts keys at every depth, keeps array order, drops undefined, has no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: undefined, b: null }, 2], c: -0 })).toBe('{"a":[{"b":null,"d":"x"},2],"b":1,"c":0}');
  });

  test('equal values give equal text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: 'é' } })).toBe(canonicalJson({ y: { q: 'é', p: true }, x: 1 }));
  });
});

describe('packDigest', () => {
  test('is the same for the pack read from its folder or from an archive in memory, and changes with the content', () => {
    const files = new Map<string, Uint8Array>();
    const add = (name: string) => files.set(name, readFileSync(join(PACK_DIR, name)));
    add('index.yaml');
    add('01-shop/README.md');
    for (const level of pack.chapters[0]!.levels) {
      add(`01-shop/${level.id}.yaml`);
      if (level.id === 'fails-probe') add('01-shop/fails-probe.solution.yaml');
    }
    const fromArchive = loadPackFrom(archivePackSource('/somewhere/else.tgz', files)).pack!;
    expect(packDigest(fromArchive, sha256)).toBe(packDigest(pack, sha256));
    const retitled = { ...pack, title: 'Another title' };
    expect(packDigest(retitled, sha256)).not.toBe(packDigest(pack, sha256));
  });
});

describe('buildChallengeResult', () => {
  test('grades every level of the pack; hints cost a point each, never below 0; the total sums them', () => {
    const result = run();
    const byId = Object.fromEntries(result.levels.map((l) => [l.id, l]));
    expect(result.levels.map((l) => l.id)).toEqual(pack.chapters[0]!.levels.map((l) => l.id));
    expect(byId['passes']).toMatchObject({ passed: true, score: 3 - 2, hintsUsed: 2, timeMs: 300_000 });
    expect(byId['who-answers']).toMatchObject({ passed: true, score: 2, hintsUsed: 0 });
    expect(byId['fails-probe']).toMatchObject({ passed: false, score: 0, hintsUsed: 5 });
    expect(byId['sticky-cart']).toMatchObject({ solution: '', passed: false, hintsUsed: 0, timeMs: 0 });
    expect(result.score).toBe(result.levels.reduce((sum, l) => sum + l.score, 0));
    expect(result.pack).toEqual({ title: 'Fixture shop', digest: packDigest(pack, sha256) });
    expect(result.digest).toBe(resultDigest(result, sha256));
    expect(result.digest).toBe(sha256(canonicalJson({ ...result, digest: undefined })));
  });
});

describe('verifyChallengeResult', () => {
  test('an untouched result is verified, with the re-graded score', () => {
    const result = run();
    const verdict = verify(result);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.score).toBe(result.score);
    expect(verdict.levels.every((l) => l.ok)).toBe(true);
  });

  test('formatting does not matter: the digest is over canonical JSON', () => {
    const result = run();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(result).reverse())));
    expect(Object.keys(reordered)[0]).toBe('digest');
    expect(verify(reordered).ok).toBe(true);
  });

  test.each([
    ['a claimed pass', (r: Mutable) => (r.levels[1]!.passed = !r.levels[1]!.passed), /claims a (pass|fail), but its solution/],
    ['a raised score', (r: Mutable) => (r.levels[0]!.score += 1), /claims a score of \d+, but its solution earns/],
    ['an edited solution', (r: Mutable) => (r.levels[0]!.solution = ''), /"passes" claims a pass, but its solution fails/],
    ['fewer hints (a higher score is then unearned)', (r: Mutable) => (r.levels[0]!.hintsUsed = 0), /claims a score of 1, but its solution earns 3/],
    ['the total', (r: Mutable) => (r.score += 10), /total score/],
    ['a dropped level', (r: Mutable) => r.levels.pop(), /is missing from the result/],
    ['an extra level', (r: Mutable) => r.levels.push({ ...r.levels[0]!, id: 'not-in-pack' }), /"not-in-pack" is not in the pack/],
    ['a repeated level', (r: Mutable) => r.levels.push({ ...r.levels[0]! }), /appears more than once/],
    ['a run longer than allowed', (r: Mutable) => (r.finishedAt = new Date(Date.parse(r.startedAt) + 25 * 60_000 + CHALLENGE_GRACE_MS + 1000).toISOString()), /more than the 25 allowed/],
  ])('%s: rejected, digest kept or recomputed', (_name, change, message) => {
    const tampered = structuredClone(run()) as Mutable;
    change(tampered);
    const kept = verify(tampered);
    expect(kept.ok).toBe(false);
    expect(kept.problems).toContain('the digest does not match the contents: the result was changed after kubequest wrote it');
    tampered.digest = resultDigest(tampered, sha256);
    const recomputed = verify(tampered);
    expect(recomputed.ok).toBe(false);
    expect(recomputed.problems.join('\n')).toMatch(message);
    expect(recomputed.problems.join('\n')).not.toMatch(/digest does not match/);
  });

  test('a result for another pack is rejected', () => {
    const other = { ...pack, title: 'Another pack' };
    expect(verify(run(), other).problems).toContain('the result was made for another pack, or another version of it ("Fixture shop"), not for the pack "Another pack" given here');
  });
});

describe('parseChallengeResult', () => {
  test('says what is wrong and where', () => {
    const parsed = parseChallengeResult({ format_version: 2, pack: {}, startedAt: 'soon', finishedAt: '2025-01-01T00:00:00Z', minutes: 0, levels: [{ id: 1, passed: 'yes' }], score: -1 });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'format_version: expected 1, got 2',
      'pack: expected {"title": string, "digest": string}',
      'startedAt: expected an ISO time',
      'minutes: expected a number > 0, or null',
      'score: expected a number >= 0',
      'digest: expected a string',
      'levels[0].id: expected a string',
      'levels[0].solution: expected a string',
      'levels[0].passed: expected true or false',
      'levels[0].score: expected a number >= 0',
      'levels[0].hintsUsed: expected a number >= 0',
      'levels[0].timeMs: expected a number >= 0',
    ]);
    expect(parseChallengeResult([]).ok).toBe(false);
  });
});

type Mutable = { -readonly [K in keyof ChallengeResult]: K extends 'levels' ? { -readonly [P in keyof ChallengeResult['levels'][number]]: ChallengeResult['levels'][number][P] }[] : ChallengeResult[K] } & { digest: string };
