/**
 * One controller's routing table, built the way ingress-nginx builds its
 * nginx servers (controller.createServers / getBackendServers), and one
 * request routed through it.
 *
 * Building, over the Ingresses the controller serves, oldest first
 * (creationTimestamp; at a tie, `namespace/name` descending, as
 * store.sortIngressSlice orders them):
 *
 * - The catch-all server `_` answers every Host no rule names. Its `/` goes
 *   to the controller's default backend (404), unless an Ingress with a
 *   `defaultBackend` and no rules takes it over (the first such one).
 * - Each host named by a rule gets a server. Its `/` goes to the
 *   `defaultBackend` of the first Ingress that names the host, or else to
 *   the controller's default backend. So an Ingress's defaultBackend only
 *   serves unmatched paths of its own hosts.
 * - Rules without a host add their paths to `_`.
 * - Every path is a location on its host's server; Ingresses for the same
 *   host merge. A path+pathType already there is kept (the first Ingress
 *   wins) unless it is a server's default `/`, which a Prefix `/` replaces.
 * - Paths whose backend is a `resource` are skipped.
 * - TLS: the first Ingress naming a host that has a `tls` section decides
 *   its certificate: the Secret listed for that host, or, when the host is
 *   not listed, the Secret is missing or has no name, the controller's
 *   self-signed "Fake Certificate".
 *
 * Routing a request (nginx): the server whose name equals Host, else the
 * wildcard server whose one label matches, else `_` (so once a Host matches
 * a named rule there is no fall-through to host-less rules); then the best
 * location by ./path-match.ts. Plain HTTP on a host with a certificate is
 * redirected to HTTPS with 308 unless the location's Ingress says
 * `nginx.ingress.kubernetes.io/ssl-redirect: "false"`;
 * `nginx.ingress.kubernetes.io/force-ssl-redirect: "true"` redirects even
 * without one. The Location drops a trailing slash (lua_ingress.lua), so
 * `http://a.com/` goes to `https://a.com`.
 */
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1.js';
import type { Labels, World } from '../model.js';
import { controllerServes, ingressName, type IngressController } from './controllers.js';
import { beats, matchHost, matchPath, normalizeHost, toPathType, type PathMatch, type PathType } from './path-match.js';

export const DEFAULT_SERVER = '_';

export type Location = {
  /** The Ingress the location comes from; undefined for the controller's own default backend. */
  readonly ingress?: Ingress;
  readonly path: string;
  /** The pathType as written. */
  readonly pathType: PathType;
  /** How the controller matches it (ImplementationSpecific → Prefix). */
  readonly matchAs: 'Exact' | 'Prefix';
  /** undefined: the controller's default backend. */
  readonly backend?: IngressBackend;
  /** Where in the Ingress it is written, e.g. `spec.rules[0].http.paths[1]`. */
  readonly field: string;
  /** A server's `/` made from a defaultBackend (an Ingress's or the controller's), not from a path. */
  readonly isDefault: boolean;
};

export type TlsChoice = {
  readonly ingress: Ingress;
  /** The Secret (`ns/name`) whose certificate is served; undefined: the fake certificate. */
  readonly secret?: string;
  readonly fallback?: 'host-not-listed' | 'no-secret-name' | 'secret-missing';
  /** The secretName written, when the fallback is `secret-missing`. */
  readonly secretName?: string;
};

export type Server = {
  /** The host, or `_` for the catch-all. */
  readonly hostname: string;
  readonly locations: Location[];
  tls?: TlsChoice;
};

export type SkippedPath = {
  readonly ingress: Ingress;
  readonly host: string;
  readonly path: string;
  readonly pathType: PathType;
  readonly field: string;
  readonly why: 'resource-backend' | 'duplicate';
  /** For a duplicate: the Ingress that already has it. */
  readonly keptFrom?: Ingress;
};

export type RoutingTable = {
  readonly controller: IngressController;
  /** Served Ingresses, in the order the controller applies them. */
  readonly ingresses: readonly Ingress[];
  readonly servers: ReadonlyMap<string, Server>;
  readonly skipped: readonly SkippedPath[];
};

function timestamp(ing: Ingress): string {
  const t = (ing.metadata as { creationTimestamp?: unknown } | undefined)?.creationTimestamp;
  return typeof t === 'string' ? t : t instanceof Date ? t.toISOString() : '';
}

/** Oldest first; at equal (or no) creationTimestamp, `namespace/name` descending. */
export function sortIngresses(ingresses: readonly Ingress[]): Ingress[] {
  return [...ingresses].sort((a, b) => {
    const ta = timestamp(a);
    const tb = timestamp(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    // Go compares the strings byte by byte (in > jn), not by locale.
    const na = ingressName(a);
    const nb = ingressName(b);
    return na > nb ? -1 : na < nb ? 1 : 0;
  });
}

const annotationsOf = (ing: Ingress | undefined): Labels => (ing?.metadata?.annotations ?? {}) as Labels;

export function buildRoutingTable(world: World, controller: IngressController): RoutingTable {
  const ingresses = sortIngresses(world.ingresses.filter((ing) => controllerServes(world, controller, ing).serves));
  const servers = new Map<string, Server>();
  const skipped: SkippedPath[] = [];
  const root = (backend: IngressBackend | undefined, ingress: Ingress | undefined, field: string): Location => ({
    ...(ingress ? { ingress } : {}),
    ...(backend ? { backend } : {}),
    path: '/',
    pathType: 'Prefix',
    matchAs: 'Prefix',
    field,
    isDefault: true,
  });
  servers.set(DEFAULT_SERVER, { hostname: DEFAULT_SERVER, locations: [root(undefined, undefined, '')] });

  for (const ing of ingresses) {
    const defaultBackend = ing.spec?.defaultBackend?.service ? ing.spec.defaultBackend : undefined;
    const rules = ing.spec?.rules ?? [];
    if (defaultBackend && rules.length === 0) {
      const catchAll = servers.get(DEFAULT_SERVER)!;
      if (catchAll.locations[0]!.ingress === undefined) catchAll.locations[0] = root(defaultBackend, ing, 'spec.defaultBackend');
    }
    for (const rule of rules) {
      const host = rule.host ? rule.host.toLowerCase() : DEFAULT_SERVER;
      if (servers.has(host)) continue;
      servers.set(host, { hostname: host, locations: [defaultBackend ? root(defaultBackend, ing, 'spec.defaultBackend') : root(undefined, ing, '')] });
    }
  }

  for (const ing of ingresses) {
    (ing.spec?.rules ?? []).forEach((rule, r) => {
      const host = rule.host ? rule.host.toLowerCase() : DEFAULT_SERVER;
      const server = servers.get(host)!;
      (rule.http?.paths ?? []).forEach((p, i) => {
        const field = `spec.rules[${r}].http.paths[${i}]`;
        const path = p.path || '/';
        const pathType = toPathType(p.pathType);
        if (!p.backend?.service) {
          skipped.push({ ingress: ing, host, path, pathType, field, why: 'resource-backend' });
          return;
        }
        const matchAs = pathType === 'Exact' ? 'Exact' : 'Prefix';
        const same = server.locations.findIndex((l) => l.path === path && l.matchAs === matchAs);
        const location: Location = { ingress: ing, path, pathType, matchAs, backend: p.backend, field, isDefault: false };
        if (same === -1) server.locations.push(location);
        else if (server.locations[same]!.isDefault) server.locations[same] = location;
        else skipped.push({ ingress: ing, host, path, pathType, field, why: 'duplicate', keptFrom: server.locations[same]!.ingress! });
      });
    });
  }

  for (const ing of ingresses) {
    const tls = ing.spec?.tls ?? [];
    for (const rule of ing.spec?.rules ?? []) {
      if (!rule.host) continue;
      const server = servers.get(rule.host.toLowerCase())!;
      if (server.tls || tls.length === 0) continue;
      const ns = ing.metadata?.namespace || 'default';
      const host = rule.host.toLowerCase();
      const listed =
        tls.find((t) => (t.hosts ?? []).some((h) => h.toLowerCase() === host)) ??
        // A wildcard TLS host stands for a certificate whose SAN covers the host.
        tls.find((t) => t.secretName && (t.hosts ?? []).some((h) => h.startsWith('*.') && matchHost(h, host) === 'wildcard'));
      if (!listed) server.tls = { ingress: ing, fallback: 'host-not-listed' };
      else if (!listed.secretName) server.tls = { ingress: ing, fallback: 'no-secret-name' };
      else if (!world.secrets.has(`${ns}/${listed.secretName}`)) server.tls = { ingress: ing, fallback: 'secret-missing', secretName: listed.secretName };
      else server.tls = { ingress: ing, secret: `${ns}/${listed.secretName}` };
    }
  }
  return { controller, ingresses, servers, skipped };
}

export type Candidate = { readonly location: Location; readonly match: PathMatch };

export type Route = {
  readonly server: Server;
  readonly serverMatch: 'exact' | 'wildcard' | 'catch-all';
  /** The winning location. */
  readonly location: Location;
  readonly match: PathMatch;
  /** Other locations that matched too, and lost. */
  readonly lost: readonly Candidate[];
  /** Skipped paths on this server that would have matched. */
  readonly skipped: readonly SkippedPath[];
};

export function findServer(table: RoutingTable, host: string): { server: Server; serverMatch: Route['serverMatch'] } {
  const name = normalizeHost(host);
  const exact = table.servers.get(name);
  if (exact && name !== DEFAULT_SERVER) return { server: exact, serverMatch: 'exact' };
  for (const server of table.servers.values()) {
    if (server.hostname.startsWith('*.') && matchHost(server.hostname, name) === 'wildcard') return { server, serverMatch: 'wildcard' };
  }
  return { server: table.servers.get(DEFAULT_SERVER)!, serverMatch: 'catch-all' };
}

/** The server and location a request lands on. */
export function routeRequest(table: RoutingTable, host: string, path: string): Route {
  const { server, serverMatch } = findServer(table, host);
  const requestPath = path.split('?')[0]!.split('#')[0]!;
  const candidates: Candidate[] = server.locations.flatMap((location) => {
    const match = matchPath(location.matchAs, location.path, requestPath);
    return match ? [{ location, match }] : [];
  });
  let best = candidates[0]!;
  for (const c of candidates.slice(1)) if (beats(c.match, best.match)) best = c;
  const skipped = table.skipped.filter((s) => s.host === server.hostname && matchPath(s.pathType === 'Exact' ? 'Exact' : 'Prefix', s.path, requestPath));
  return { server, serverMatch, location: best.location, match: best.match, lost: candidates.filter((c) => c !== best), skipped };
}

/** Whether some server has a certificate for this Host, as ingress-nginx's certificate lookup asks. */
export function hasCertificateFor(table: RoutingTable, host: string): Server | undefined {
  const name = normalizeHost(host);
  const exact = table.servers.get(name);
  if (exact?.tls && name !== DEFAULT_SERVER) return exact;
  const wildcard = name.includes('.') ? `*.${name.slice(name.indexOf('.') + 1)}` : undefined;
  const ws = wildcard ? table.servers.get(wildcard) : undefined;
  return ws?.tls ? ws : undefined;
}

export type Redirect = { readonly location: string; readonly because: 'tls' | 'force-ssl-redirect'; readonly server?: Server };

export const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
export const FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

/** ingress-nginx's redirect_to_https for a plain-HTTP request (undefined: no redirect). */
export function httpsRedirect(table: RoutingTable, route: Route, host: string, path: string): Redirect | undefined {
  if (table.controller.kind !== 'ingress-nginx') return undefined;
  const annotations = annotationsOf(route.location.ingress);
  const uri = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path === '/' ? '' : path;
  const target = `https://${normalizeHost(host)}${uri}`;
  if (annotations[FORCE_SSL_REDIRECT] === 'true') return { location: target, because: 'force-ssl-redirect' };
  if (annotations[SSL_REDIRECT] === 'false') return undefined;
  const server = hasCertificateFor(table, host);
  return server ? { location: target, because: 'tls', server } : undefined;
}
