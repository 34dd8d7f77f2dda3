import { describe, expect, test } from 'vitest';
import { isEmptySelector, matchesLabels, matchesSelector, selectorToString, type LabelSelector } from '../../src/sim/labels.js';

const web = { app: 'web', tier: 'frontend' };
const db = { app: 'db' };
const bare = {};

describe('matchesSelector', () => {
  test.each<[string, LabelSelector | undefined, boolean, boolean, boolean]>([
    // name, selector, matches web, matches db, matches a pod without labels
    ['absent (null) selector matches nothing', undefined, false, false, false],
    ['empty selector {} matches everything', {}, true, true, true],
    ['empty matchLabels and matchExpressions match everything', { matchLabels: {}, matchExpressions: [] }, true, true, true],
    ['matchLabels', { matchLabels: { app: 'web' } }, true, false, false],
    ['matchLabels with two keys are ANDed', { matchLabels: { app: 'web', tier: 'backend' } }, false, false, false],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] }, true, true, false],
    ['NotIn also matches objects without the key', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false, true, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true, false, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false, true, true],
    [
      'matchLabels and matchExpressions are ANDed',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
      false,
      false,
      false,
    ],
    ['an unknown operator matches nothing', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, false, false, false],
  ])('%s', (_name, selector, onWeb, onDb, onBare) => {
    expect(matchesSelector(selector, web)).toBe(onWeb);
    expect(matchesSelector(selector, db)).toBe(onDb);
    expect(matchesSelector(selector, bare)).toBe(onBare);
  });

  test('a label value is compared exactly, case and all', () => {
    expect(matchesSelector({ matchLabels: { app: 'Web' } }, web)).toBe(false);
    expect(matchesSelector({ matchLabels: { app: '' } }, { app: '' })).toBe(true);
  });

  test('keys inherited from Object.prototype are not labels', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, bare)).toBe(false);
    expect(matchesLabels({ constructor: 'x' }, bare)).toBe(false);
  });
});

describe('matchesLabels', () => {
  test('every key must be set to exactly its value', () => {
    expect(matchesLabels({ app: 'web' }, web)).toBe(true);
    expect(matchesLabels({ app: 'web', tier: 'frontend' }, web)).toBe(true);
    expect(matchesLabels({ app: 'web', tier: 'backend' }, web)).toBe(false);
    expect(matchesLabels({ app: 'web' }, db)).toBe(false);
  });

  test('an empty map matches everything (a Service treats it as no selector; its caller decides)', () => {
    expect(matchesLabels({}, bare)).toBe(true);
  });
});

test('isEmptySelector - no requirement at all', () => {
  expect(isEmptySelector({})).toBe(true);
  expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
  expect(isEmptySelector({ matchExpressions: [{ key: 'a', operator: 'Exists' }] })).toBe(false);
});

test('selectorToString - as kubectl writes selectors', () => {
  expect(selectorToString({})).toBe('{}');
  expect(
    selectorToString({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'team', operator: 'Exists' },
        { key: 'debug', operator: 'DoesNotExist' },
      ],
    }),
  ).toBe('app=web,tier in (a, b),env notin (dev),team,!debug');
});
