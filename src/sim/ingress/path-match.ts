/**
 * How a request's Host and path meet an Ingress rule, per the Ingress API
 * reference (https://kubernetes.io/docs/concepts/services-networking/ingress/).
 *
 * Hosts
 *
 * | rule host     | Host header       | match? |
 * |---------------|-------------------|--------|
 * | foo.bar.com   | foo.bar.com       | yes (case-insensitive; a :port is ignored) |
 * | *.foo.com     | bar.foo.com       | yes: the wildcard is exactly one DNS label |
 * | *.foo.com     | baz.bar.foo.com   | no: more than one label |
 * | *.foo.com     | foo.com           | no: no label at all |
 * | (none)        | anything          | yes, but only when no named host matched |
 *
 * An exact host beats a wildcard (ingress-nginx renders exact `server_name`s
 * and one-label regex names; nginx tries exact names first).
 *
 * Paths: the docs' "Examples" table, row by row (test/sim/ingress/path-match.test.ts
 * runs the same rows in the same order):
 *
 * | kind   | path(s)             | request   | match?                              |
 * |--------|---------------------|-----------|-------------------------------------|
 * | Prefix | /                   | (all)     | yes                                 |
 * | Exact  | /foo                | /foo      | yes                                 |
 * | Exact  | /foo                | /bar      | no                                  |
 * | Exact  | /foo                | /foo/     | no                                  |
 * | Exact  | /foo/               | /foo      | no                                  |
 * | Prefix | /foo                | /foo, /foo/ | yes                               |
 * | Prefix | /foo/               | /foo, /foo/ | yes                               |
 * | Prefix | /aaa/bb             | /aaa/bbb  | no                                  |
 * | Prefix | /aaa/bbb            | /aaa/bbb  | yes                                 |
 * | Prefix | /aaa/bbb/           | /aaa/bbb  | yes, ignores trailing slash         |
 * | Prefix | /aaa/bbb            | /aaa/bbb/ | yes, matches trailing slash         |
 * | Prefix | /aaa/bbb            | /aaa/bbb/ccc | yes, matches subpath             |
 * | Prefix | /aaa/bbb            | /aaa/bbbxyz | no, not a string prefix           |
 * | Prefix | /, /aaa             | /aaa/ccc  | yes, the /aaa prefix                |
 * | Prefix | /, /aaa, /aaa/bbb   | /aaa/bbb  | yes, the /aaa/bbb prefix            |
 * | Prefix | /, /aaa, /aaa/bbb   | /ccc      | yes, the / prefix                   |
 * | Prefix | /aaa                | /ccc      | no, uses the default backend        |
 * | Mixed  | /foo (Prefix), /foo (Exact) | /foo | yes, prefers Exact              |
 *
 * - Exact: the request path equals the path, character for character.
 * - Prefix: split both on '/', drop empty elements (so a trailing slash does
 *   not matter); every element of the path must equal the request's element
 *   at the same position. `/foo` matches `/foo`, `/foo/` and `/foo/bar`, never
 *   `/foobar`.
 * - ImplementationSpecific: up to the controller. ingress-nginx rewrites it to
 *   Prefix before it renders anything (k8s.SetDefaultNGINXPathType); Traefik
 *   and HAProxy also treat it as a prefix, so the simulator does the same.
 *
 * Precedence when several paths match: the longest matching path wins (for
 * Prefix, counted in elements), and at equal length Exact beats Prefix. This
 * is what ingress-nginx's `location = /foo` plus `location /foo/` pair gives.
 * (One ingress-nginx quirk is not modelled: nginx answers `/foo` with a 301 to
 * `/foo/` when the only Prefix is `/foo/`; the API says it simply matches.)
 */

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** Lower-case, without a trailing dot or a :port, as nginx matches server names. */
export function normalizeHost(host: string): string {
  const noPort = /^[^:]+:\d+$/.test(host) ? host.slice(0, host.lastIndexOf(':')) : host;
  return noPort.toLowerCase().replace(/\.$/, '');
}

export type HostMatch = 'exact' | 'wildcard' | 'none';

/** Whether a rule's host (never empty here) matches the Host header. */
export function matchHost(ruleHost: string, requestHost: string): HostMatch {
  const rule = ruleHost.toLowerCase();
  const host = normalizeHost(requestHost);
  if (rule === host) return 'exact';
  if (rule.startsWith('*.')) {
    const suffix = rule.slice(1); // ".foo.com"
    if (!host.endsWith(suffix)) return 'none';
    const label = host.slice(0, host.length - suffix.length);
    return label !== '' && !label.includes('.') ? 'wildcard' : 'none';
  }
  return 'none';
}

function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/** How long a match is, for precedence; undefined when the path does not match. */
export type PathMatch = { readonly length: number; readonly exact: boolean };

/** Whether one Ingress path matches a request path (see the table above). */
export function matchPath(pathType: PathType, path: string, requestPath: string): PathMatch | undefined {
  if (pathType === 'Exact') return path === requestPath ? { length: elements(path).length, exact: true } : undefined;
  const want = elements(path);
  const got = elements(requestPath);
  if (want.length > got.length) return undefined;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return undefined;
  return { length: want.length, exact: false };
}

/** True when `a` should win over `b` (longest first, then Exact over Prefix). */
export function beats(a: PathMatch, b: PathMatch): boolean {
  if (a.length !== b.length) return a.length > b.length;
  return a.exact && !b.exact;
}

/** The API's pathType, read leniently (validation reports bad values elsewhere). */
export function toPathType(value: unknown): PathType {
  return value === 'Exact' || value === 'Prefix' ? value : 'ImplementationSpecific';
}
