import { describe, expect, test } from 'vitest';
import { formatProblem, parseManifests, sortProblems, suggest, type Problem } from '../../src/manifests/index.js';

describe('formatProblem', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n    targetport: 8080\n';
  const [problem] = parseManifests(text, 'web.yaml').problems;

  test('file:line:col, the source line, a caret under the column, the hint', () => {
    expect(problem && formatProblem(problem, text)).toBe(
      [
        'web.yaml:8:5: unknown field "targetport" in spec.ports[0]',
        '        targetport: 8080',
        '        ^',
        'hint: did you mean targetPort?',
      ].join('\n'),
    );
  });

  test('without the source: the first line and the hint', () => {
    expect(problem && formatProblem(problem)).toBe('web.yaml:8:5: unknown field "targetport" in spec.ports[0]\nhint: did you mean targetPort?');
  });

  test('warnings say so', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n';
    const [warning] = parseManifests(job, 'job.yaml').problems;
    expect(warning && formatProblem(warning)).toBe('job.yaml:2:7: warning: kubequest does not simulate Job; it was skipped');
  });

  test('control characters from the input never reach the output raw', () => {
    const evil = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "web\\e[31m\\u202e"\nspec:\n  ports:\n  - port: 80\n';
    const problems = parseManifests(evil, 'evil\u001b]0;title\u0007.yaml').problems;
    expect(problems.map((p) => p.code)).toEqual(['INVALID_NAME']);
    const out = problems.map((p) => formatProblem(p, evil)).join('\n');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/u);
    expect(out).toContain('\\x1b');
  });

  test('the caret lines up under a value after a control character', () => {
    const text2 = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {"k\u0001": v, tier: -x-}\n';
    const p = parseManifests(text2, 'a.yaml').problems.find((q) => q.message.includes('-x-'));
    const lines = (p && formatProblem(p, text2).split('\n')) ?? [];
    expect(lines[1]).toContain('\\x01');
    expect(lines[2]?.indexOf('^')).toBe(lines[1]?.indexOf('-x-'));
  });
});

describe('suggest - did you mean', () => {
  test.each([
    ['targetport', ['port', 'targetPort', 'nodePort'], 'targetPort'],
    ['selectr', ['selector', 'ports', 'type'], 'selector'],
    ['Sevice', ['Service', 'Secret'], 'Service'],
    ['conatiners', ['containers', 'volumes'], 'containers'],
    ['ip', ['id', 'ipBlock'], undefined],
    ['foo', ['selector'], undefined],
  ])('%s -> %s', (word, candidates, expected) => {
    expect(suggest(word, candidates)).toBe(expected);
  });
});

describe('sortProblems', () => {
  test('groups by file in first-seen order, then line and column', () => {
    const p = (file: string, line: number, col: number): Problem => ({ code: 'YAML_SYNTAX', severity: 'error', message: 'x', file, line, col });
    const sorted = sortProblems([p('b.yaml', 3, 1), p('a.yaml', 1, 1), p('b.yaml', 1, 5), p('b.yaml', 1, 2)]);
    expect(sorted.map((q) => `${q.file}:${q.line}:${q.col}`)).toEqual(['b.yaml:1:2', 'b.yaml:1:5', 'b.yaml:3:1', 'a.yaml:1:1']);
  });
});
