/**
 * The HTTP part of a trace, once a request has reached an ingress
 * controller's pod: which server and location answer it (and why the others
 * did not), an HTTPS redirect, the certificate for HTTPS, the backend
 * Service's endpoints, and delivery from the controller pod to a backend pod
 * (NetworkPolicy sees the controller pod as the source).
 */
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { tok, type Explanation } from '../explain.js';
import type { Pod } from '../model.js';
import { podKey } from '../model.js';
import type { PolicyEnd } from '../netpol/index.js';
import { deliverToAddress, deliverToEndpoint, recordDelivery, settle, type Ending, type TraceBuilder } from '../trace-context.js';
import { backendText, resolveBackend, type ResolvedBackend } from './backend.js';
import { controllerName, controllerServes, ingressName, ingressRef, type IngressController } from './controllers.js';
import { matchHost, normalizeHost } from './path-match.js';
import { buildRoutingTable, DEFAULT_SERVER, httpsRedirect, routeRequest, type Candidate, type Location, type Route, type RoutingTable } from './routing.js';

export type HttpRequest = {
  readonly scheme: 'http' | 'https';
  /** The Host header: the name or IP the client used. */
  readonly host: string;
  readonly path: string;
};

const KIND_NAME: Record<IngressController['kind'], string> = { 'ingress-nginx': 'ingress-nginx', traefik: 'Traefik', haproxy: 'HAProxy' };

function list(items: readonly Explanation[]): Explanation {
  return items.flatMap((item, i) => [i === 0 ? '' : i === items.length - 1 ? ' and ' : ', ', ...item]);
}

const ingTok = (ing: Ingress) => tok.object(ingressName(ing));

function locationText(l: Location): Explanation {
  return [tok.field(`${l.pathType} ${l.path}`), ' of Ingress ', ...(l.ingress ? [ingTok(l.ingress)] : ['(controller)'])];
}

/** Ingresses in the world that name this Host but that this controller does not serve. */
function unservedForHost(t: TraceBuilder, table: RoutingTable, host: string): Explanation[] {
  return t.world.ingresses
    .filter((ing) => !table.ingresses.includes(ing) && (ing.spec?.rules ?? []).some((r) => r.host && matchHost(r.host, host) !== 'none'))
    .map((ing) => ['Ingress ', ingTok(ing), ' names this host but has no effect here: ', ...controllerServes(t.world, table.controller, ing).reason]);
}

function hostHop(t: TraceBuilder, table: RoutingTable, route: Route, host: string): void {
  const name = normalizeHost(host);
  const server = route.server;
  let text: Explanation;
  if (route.serverMatch === 'exact') text = ['Host ', tok.name(name), ' matches the rules for host ', tok.name(server.hostname)];
  else if (route.serverMatch === 'wildcard') text = ['Host ', tok.name(name), ' matches wildcard host ', tok.name(server.hostname), ' (the * stands for exactly one label)'];
  else {
    const hostless = server.locations.some((l) => !l.isDefault) || server.locations[0]!.ingress !== undefined;
    const near = [...table.servers.keys()].filter((h) => h.startsWith('*.') && name.endsWith(h.slice(1)));
    text = [
      'no rule names Host ',
      tok.name(name),
      near.length > 0 ? ` (wildcard ${near.join(', ')} covers exactly one label, not "${name.slice(0, name.length - near[0]!.length + 1)}")` : '',
      hostless ? ', so the rules without a host answer it' : ', so the controller\'s catch-all server answers it',
    ];
  }
  const unserved = unservedForHost(t, table, host);
  t.hop('ingress', true, [...text, ...unserved.flatMap((u) => ['; ', ...u])], route.location.ingress ? ingressRef(route.location.ingress) : undefined);
}

function lostText(winner: Candidate, lost: readonly Candidate[]): Explanation {
  if (lost.length === 0) return [];
  return [
    '; it wins over ',
    ...list(
      lost.map((c) => [
        ...locationText(c.location),
        c.match.length < winner.match.length ? ' (shorter)' : winner.match.exact && !c.match.exact ? ' (Exact beats Prefix at equal length)' : ' (defined later)',
      ]),
    ),
  ];
}

function pathHop(t: TraceBuilder, route: Route, path: string): void {
  const l = route.location;
  const winner: Candidate = { location: l, match: route.match };
  const skipped: Explanation = route.skipped.flatMap((s) =>
    s.why === 'resource-backend'
      ? ['; ', tok.field(`${s.pathType} ${s.path}`), ' of Ingress ', ingTok(s.ingress), ' is skipped: its backend is a ', tok.field('resource'), ', not a Service, so it routes nowhere']
      : ['; ', tok.field(`${s.pathType} ${s.path}`), ' of Ingress ', ingTok(s.ingress), ' is ignored: Ingress ', ingTok(s.keptFrom!), ' already has that path for this host'],
  );
  let text: Explanation;
  if (!l.isDefault) {
    text = [
      'path ',
      tok.name(path),
      ' matches ',
      ...locationText(l),
      l.pathType === 'ImplementationSpecific' ? ' (ImplementationSpecific, matched as Prefix)' : '',
      ' → backend ',
      tok.service(backendText(l.backend!)),
      ...lostText(winner, route.lost),
    ];
  } else if (l.ingress && l.backend) {
    text = [
      'no path matches ',
      tok.name(path),
      route.server.hostname === DEFAULT_SERVER ? '; Ingress ' : '; the first Ingress for this host, ',
      ingTok(l.ingress),
      route.server.hostname === DEFAULT_SERVER ? ' has only a ' : ', has ',
      tok.field('spec.defaultBackend'),
      ' → ',
      tok.service(backendText(l.backend)),
    ];
  } else {
    text = ['no path matches ', tok.name(path), ' on this host, so the controller\'s default backend takes it'];
  }
  t.hop('ingress', true, [...text, ...skipped], l.ingress ? ingressRef(l.ingress) : undefined, l.ingress ? l.field || undefined : undefined);
}

function tlsHop(t: TraceBuilder, table: RoutingTable, route: Route): void {
  const tls = route.server.hostname === DEFAULT_SERVER ? undefined : route.server.tls;
  let text: Explanation;
  if (!tls) text = ['no Ingress lists this host under ', tok.field('tls'), ': the controller presents its self-signed default certificate, which clients will not trust'];
  else if (tls.secret) text = ['TLS for this host uses Secret ', tok.object(tls.secret), ' (', tok.field('tls'), ' of Ingress ', ingTok(tls.ingress), ')'];
  else if (tls.fallback === 'secret-missing') {
    text = ['Ingress ', ingTok(tls.ingress), ' names TLS Secret ', tok.object(`${tls.ingress.metadata?.namespace || 'default'}/${tls.secretName}`), ', which does not exist: the controller serves its self-signed fake certificate instead'];
  } else if (tls.fallback === 'no-secret-name') text = ['the ', tok.field('tls'), ' section of Ingress ', ingTok(tls.ingress), ' has no secretName: the controller serves its self-signed fake certificate'];
  else text = ['Ingress ', ingTok(tls.ingress), ' has a ', tok.field('tls'), ' section that does not list this host: the controller serves its self-signed fake certificate'];
  t.hop('ingress', true, text, tls ? ingressRef(tls.ingress) : undefined, tls ? 'spec.tls' : undefined);
  void table;
}

function notFound(t: TraceBuilder, table: RoutingTable, route: Route, request: HttpRequest): Ending {
  const unserved = unservedForHost(t, table, request.host);
  const explanation: Explanation = [
    route.serverMatch === 'catch-all' ? 'no Ingress rule matches Host ' : 'no path of the rules for Host ',
    tok.name(normalizeHost(request.host)),
    route.serverMatch === 'catch-all' ? '' : ' matches ',
    route.serverMatch === 'catch-all' ? '' : tok.name(request.path),
    ': the controller\'s default backend answers ',
    tok.verdict('404 Not Found'),
    ...unserved.flatMap((u) => ['; ', ...u]),
    ...route.skipped.filter((s) => s.why === 'resource-backend').flatMap((s) => ['; ', tok.field(`${s.pathType} ${s.path}`), ' of Ingress ', ingTok(s.ingress), ' has a resource backend, which routes nowhere']),
  ];
  t.hop('ingress-backend', false, explanation, { kind: 'Pod', namespace: table.controller.namespace, name: table.controller.owner.name });
  return { outcome: 'http-404', cause: 'ingress-default-backend', explanation };
}

function unavailable(t: TraceBuilder, backend: Extract<ResolvedBackend, { kind: 'unavailable' }>): Ending {
  const explanation: Explanation = [...backend.explanation, ': the controller answers ', tok.verdict('503 Service Unavailable')];
  t.hop('ingress-backend', false, explanation, backend.object, backend.field);
  return { outcome: 'http-503', cause: backend.code, explanation };
}

/** From a controller pod that accepted the connection, to the backend pods (or a 404/503/redirect). */
export function throughIngressController(t: TraceBuilder, controller: IngressController, pod: Pod, request: HttpRequest): Ending {
  const table = buildRoutingTable(t.world, controller);
  t.hop(
    'ingress',
    true,
    [
      tok.pod(podKey(pod)),
      ' is ',
      KIND_NAME[controller.kind],
      ' controller ',
      tok.pod(controllerName(controller)),
      ` (recognised by ${controller.recognisedBy})`,
      table.ingresses.length === 0 ? '; it serves no Ingress' : `; it serves ${table.ingresses.length} Ingress(es): `,
      ...list(table.ingresses.map((ing) => [ingTok(ing)])),
    ],
    controller.owner,
  );
  const route = routeRequest(table, request.host, request.path);
  hostHop(t, table, route, request.host);
  pathHop(t, route, request.path);

  if (request.scheme === 'http') {
    const redirect = httpsRedirect(table, route, request.host, request.path);
    if (redirect) {
      const explanation: Explanation =
        redirect.because === 'force-ssl-redirect'
          ? ['annotation ', tok.field('nginx.ingress.kubernetes.io/force-ssl-redirect: "true"'), ' sends plain HTTP to ', tok.name(redirect.location), ' (', tok.verdict('308 Permanent Redirect'), ')']
          : [
              'host ',
              tok.name(redirect.server!.hostname),
              ' has TLS (Ingress ',
              ingTok(redirect.server!.tls!.ingress),
              '), so plain HTTP is redirected to ',
              tok.name(redirect.location),
              ' (',
              tok.verdict('308 Permanent Redirect'),
              '); annotation ',
              tok.field('nginx.ingress.kubernetes.io/ssl-redirect: "false"'),
              ' turns that off',
            ];
      t.hop('ingress', false, explanation, route.location.ingress ? ingressRef(route.location.ingress) : undefined, 'metadata.annotations');
      return { outcome: 'http-redirect', cause: 'ingress-redirect', explanation, location: redirect.location };
    }
  } else {
    tlsHop(t, table, route);
  }

  const location = route.location;
  let backend: ResolvedBackend;
  if (location.backend && location.ingress) {
    backend = resolveBackend(t.world, location.ingress, location.backend, location.isDefault ? 'spec.defaultBackend' : `${location.field}.backend`);
  } else if (controller.defaultBackendService) {
    const [ns, name] = controller.defaultBackendService.includes('/') ? controller.defaultBackendService.split('/', 2) : [controller.namespace, controller.defaultBackendService];
    const owner = { metadata: { namespace: ns!, name: '--default-backend-service' } } as Ingress;
    const service = t.world.services.find((s) => s.namespace === ns && s.name === name);
    backend = resolveBackend(t.world, owner, { service: { name: name!, port: { number: service?.ports[0]?.port ?? 80 } } }, '--default-backend-service');
  } else {
    return notFound(t, table, route, request);
  }

  if (backend.kind === 'unavailable') return unavailable(t, backend);
  t.hop('ingress-backend', true, backend.explanation, { kind: 'Service', namespace: backend.service.namespace, name: backend.service.name });
  // ingress-nginx opens its own connection from the controller pod: that is the source NetworkPolicy sees.
  const from: PolicyEnd = pod.hostNetwork ? { ip: pod.ip } : { ip: pod.ip, pod };
  if (backend.kind === 'external') {
    // An outside name: egress policy is checked against an address no ipBlock of the cluster holds.
    const result = deliverToAddress(t, from, '0.0.0.0', request.scheme === 'https' ? 443 : 80, 'TCP');
    if (result.outcome === 'denied') {
      t.hop('network-policy', false, result.explanation);
      return { outcome: 'denied', cause: 'policy-denied', explanation: result.explanation, endpoints: [] };
    }
    const explanation: Explanation = ['the controller proxies the request out of the cluster to ', tok.name(backend.host)];
    t.hop('external', true, explanation);
    return { outcome: 'delivered', cause: 'external', explanation, external: backend.host };
  }
  const results = backend.endpoints.map((ep) => deliverToEndpoint(t, from, ep, 'TCP'));
  recordDelivery(t, results);
  return settle(results);
}
