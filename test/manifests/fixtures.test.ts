/**
 * Every fixture in test/fixtures/manifests is named after one mistake a
 * learner makes, and ends with the problems it must produce:
 *
 *   # expect: CODE LINE:COL [warning] ["text the message or hint must contain"]
 *
 * The test checks the exact set: each expected problem at its position, and
 * nothing else (so a rule that starts firing on the wrong line fails).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseManifests, validateObjects } from '../../src/manifests/index.js';

const dir = new URL('../fixtures/manifests/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('kubectl-get'))
  .sort();

type Expectation = { code: string; line: number; col: number; severity: string; text?: string };

function expectations(text: string): Expectation[] {
  return [...text.matchAll(/^# expect: (\w+) (\d+):(\d+)( warning)?(?: "(.*)")?$/gmu)].map((m) => ({
    code: m[1] ?? '',
    line: Number(m[2]),
    col: Number(m[3]),
    severity: m[4] ? 'warning' : 'error',
    ...(m[5] !== undefined ? { text: m[5] } : {}),
  }));
}

describe('fixtures - each mistake gives its problem at its line:col', () => {
  test('there is a fixture for every mistake', () => {
    expect(fixtures.length).toBeGreaterThan(80);
  });

  test.each(fixtures)('%s', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const expected = expectations(text);
    expect(expected.length, 'the fixture declares its expected problems').toBeGreaterThan(0);
    const { objects, problems } = parseManifests(text, name);
    const all = [...problems, ...validateObjects(objects)];
    expect(all.map((p) => `${p.code} ${p.line}:${p.col} ${p.severity}`).sort()).toEqual(
      expected.map((e) => `${e.code} ${e.line}:${e.col} ${e.severity}`).sort(),
    );
    for (const e of expected.filter((x) => x.text !== undefined)) {
      const p = all.find((q) => q.code === e.code && q.line === e.line && q.col === e.col);
      expect(`${p?.message}\n${p?.hint ?? ''}`).toContain(e.text);
    }
    for (const p of all) expect(p.file).toBe(name);
  });
});
