import { describe, expect, test } from 'vitest';
import { beats, matchHost, matchPath, type PathMatch, type PathType } from '../../../src/sim/index.js';

/** Which of several Ingress paths wins for a request (index), or undefined when none matches. */
function winner(paths: readonly (readonly [PathType, string])[], request: string): number | undefined {
  let best: { i: number; m: PathMatch } | undefined;
  paths.forEach(([type, path], i) => {
    const m = matchPath(type === 'Exact' ? 'Exact' : 'Prefix', path, request);
    if (m && (!best || beats(m, best.m))) best = { i, m };
  });
  return best?.i;
}

// The "Examples" table of https://kubernetes.io/docs/concepts/services-networking/ingress/#examples,
// row by row, in its order (the same rows are in src/sim/ingress/path-match.ts).
// [kind, paths, request, the path that wins (index) or undefined for "no match"]
const P = 'Prefix' as const;
const E = 'Exact' as const;
const rows: [string, (readonly [PathType, string])[], string, number | undefined][] = [
  ['Prefix / matches all paths', [[P, '/']], '/anything/at/all', 0],
  ['Exact /foo matches /foo', [[E, '/foo']], '/foo', 0],
  ['Exact /foo does not match /bar', [[E, '/foo']], '/bar', undefined],
  ['Exact /foo does not match /foo/', [[E, '/foo']], '/foo/', undefined],
  ['Exact /foo/ does not match /foo', [[E, '/foo/']], '/foo', undefined],
  ['Prefix /foo matches /foo', [[P, '/foo']], '/foo', 0],
  ['Prefix /foo matches /foo/', [[P, '/foo']], '/foo/', 0],
  ['Prefix /foo/ matches /foo', [[P, '/foo/']], '/foo', 0],
  ['Prefix /foo/ matches /foo/', [[P, '/foo/']], '/foo/', 0],
  ['Prefix /aaa/bb does not match /aaa/bbb', [[P, '/aaa/bb']], '/aaa/bbb', undefined],
  ['Prefix /aaa/bbb matches /aaa/bbb', [[P, '/aaa/bbb']], '/aaa/bbb', 0],
  ['Prefix /aaa/bbb/ matches /aaa/bbb, ignoring the trailing slash', [[P, '/aaa/bbb/']], '/aaa/bbb', 0],
  ['Prefix /aaa/bbb matches /aaa/bbb/, matching the trailing slash', [[P, '/aaa/bbb']], '/aaa/bbb/', 0],
  ['Prefix /aaa/bbb matches the subpath /aaa/bbb/ccc', [[P, '/aaa/bbb']], '/aaa/bbb/ccc', 0],
  ['Prefix /aaa/bbb does not match /aaa/bbbxyz: not a string prefix', [[P, '/aaa/bbb']], '/aaa/bbbxyz', undefined],
  ['Prefix /, /aaa: /aaa/ccc matches the /aaa prefix', [[P, '/'], [P, '/aaa']], '/aaa/ccc', 1],
  ['Prefix /, /aaa, /aaa/bbb: /aaa/bbb matches the /aaa/bbb prefix', [[P, '/'], [P, '/aaa'], [P, '/aaa/bbb']], '/aaa/bbb', 2],
  ['Prefix /, /aaa, /aaa/bbb: /ccc matches the / prefix', [[P, '/'], [P, '/aaa'], [P, '/aaa/bbb']], '/ccc', 0],
  ['Prefix /aaa: /ccc does not match (the default backend answers)', [[P, '/aaa']], '/ccc', undefined],
  ['Mixed /foo (Prefix), /foo (Exact): /foo prefers Exact', [[P, '/foo'], [E, '/foo']], '/foo', 1],
];

describe('path matching - the Ingress docs examples', () => {
  test.each(rows)('%s', (_title, paths, request, expected) => {
    expect(winner(paths, request)).toBe(expected);
  });

  test('ImplementationSpecific matches as Prefix (ingress-nginx rewrites it to Prefix)', () => {
    expect(winner([['ImplementationSpecific', '/foo']], '/foo/bar')).toBe(0);
    expect(winner([['ImplementationSpecific', '/foo']], '/foobar')).toBeUndefined();
  });

  test('the Exact match wins over a longer-looking Prefix on a different path', () => {
    expect(winner([[P, '/foo'], [E, '/foo/bar']], '/foo/bar')).toBe(1);
    expect(winner([[P, '/foo'], [E, '/foo/bar']], '/foo/bar/baz')).toBe(0);
  });
});

describe('host matching - exact and wildcard', () => {
  test.each([
    ['foo.bar.com', 'foo.bar.com', 'exact'],
    ['foo.bar.com', 'FOO.bar.com', 'exact'],
    ['foo.bar.com', 'foo.bar.com:8080', 'exact'],
    ['*.foo.com', 'bar.foo.com', 'wildcard'],
    ['*.foo.com', 'baz.bar.foo.com', 'none'],
    ['*.foo.com', 'foo.com', 'none'],
    ['foo.bar.com', 'bar.com', 'none'],
  ] as const)('rule host %s, Host %s: %s', (rule, host, expected) => {
    expect(matchHost(rule, host)).toBe(expected);
  });
});
