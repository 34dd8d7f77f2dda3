/**
 * An Ingress backend to the addresses the controller sends to.
 *
 * - `service.name` is a Service in the Ingress's own namespace: an Ingress
 *   cannot point across namespaces, so `other-ns/web` or a Service that only
 *   exists elsewhere is simply missing.
 * - `service.port.number` or `service.port.name` picks the Service port.
 *   ingress-nginx (controller.serviceEndpoints) takes the first Service port
 *   whose `port`, `targetPort` or `name` equals it.
 * - The controller reads the port's EndpointSlices itself and sends straight
 *   to ready endpoints (pod IP and resolved targetPort): kube-proxy and the
 *   ClusterIP are not on the path, so `internalTrafficPolicy` and session
 *   affinity of the Service do not apply.
 * - An ExternalName Service sends the request out to its DNS name.
 * - No Service, no such port, or no ready endpoint: the upstream is empty and
 *   ingress-nginx answers 503 Service Unavailable.
 * - `resource` backends (a TypedLocalObjectReference, for storage buckets and
 *   the like) are valid API but route nowhere in these controllers.
 */
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1.js';
import { tok, type Explanation } from '../explain.js';
import type { Endpoint, ObjectRef, Service, ServicePort, World } from '../model.js';
import { serviceKey } from '../services.js';

export type BackendFailure =
  | 'resource-backend'
  | 'backend-service-missing'
  | 'backend-port-missing'
  | 'backend-no-endpoints';

export type ResolvedBackend =
  | { readonly kind: 'endpoints'; readonly service: Service; readonly port: ServicePort; readonly endpoints: readonly Endpoint[]; readonly explanation: Explanation }
  | { readonly kind: 'external'; readonly service: Service; readonly host: string; readonly explanation: Explanation }
  | { readonly kind: 'unavailable'; readonly code: BackendFailure; readonly explanation: Explanation; readonly object?: ObjectRef; readonly field?: string };

export function backendText(backend: IngressBackend): string {
  if (backend.service) {
    const port = backend.service.port?.name ?? backend.service.port?.number;
    return `${backend.service.name}${port !== undefined ? `:${port}` : ''}`;
  }
  if (backend.resource) return `${backend.resource.kind}/${backend.resource.name}`;
  return '(empty backend)';
}

/** Resolve the backend of an Ingress (in its namespace); `field` is where it is written. */
export function resolveBackend(world: World, ing: Ingress, backend: IngressBackend, field: string): ResolvedBackend {
  const namespace = ing.metadata?.namespace || 'default';
  const ref: ObjectRef = { kind: 'Ingress', namespace, name: ing.metadata?.name ?? '' };
  if (!backend.service) {
    return {
      kind: 'unavailable',
      code: 'resource-backend',
      object: ref,
      field,
      explanation: [
        'the backend is a ',
        tok.field('resource'),
        ' (',
        tok.name(backendText(backend)),
        '), not a Service; the controller has nowhere to send it',
      ],
    };
  }
  const name = backend.service.name;
  const service = world.services.find((s) => s.namespace === namespace && s.name === name);
  if (!service) {
    const elsewhere = world.services.filter((s) => s.name === name).map((s) => s.namespace);
    return {
      kind: 'unavailable',
      code: 'backend-service-missing',
      object: ref,
      field: `${field}.service.name`,
      explanation: [
        'backend Service ',
        tok.service(`${namespace}/${name}`),
        ' does not exist',
        elsewhere.length > 0 ? ` (there is one in ${elsewhere.join(', ')}, but an Ingress can only use Services in its own namespace)` : '',
      ],
    };
  }
  const want = backend.service.port?.name ?? backend.service.port?.number;
  if (service.type === 'ExternalName') {
    const host = service.externalName ?? '';
    return { kind: 'external', service, host, explanation: ['backend ', tok.service(serviceKey(service)), ' is an ExternalName Service: the controller proxies to ', tok.name(host)] };
  }
  const port = service.ports.find(
    (p) => p.protocol === 'TCP' && want !== undefined && (String(p.port) === String(want) || String(p.targetPort) === String(want) || p.name === String(want)),
  );
  if (!port) {
    return {
      kind: 'unavailable',
      code: 'backend-port-missing',
      object: ref,
      field: `${field}.service.port`,
      explanation: [
        'backend Service ',
        tok.service(serviceKey(service)),
        ' has no port ',
        tok.port(String(want ?? '(none)')),
        ` (its ports: ${service.ports.map((p) => (p.name ? `${p.name}=${p.port}` : String(p.port))).join(', ') || 'none'})`,
      ],
    };
  }
  const portEndpoints = world.endpoints.get(serviceKey(service))?.ports.find((p) => p.portName === port.name && p.protocol === port.protocol);
  const all = portEndpoints?.endpoints ?? [];
  const ready = all.filter((e) => e.ready);
  if (ready.length === 0) {
    const because: Explanation =
      all.length > 0
        ? [`its ${all.length} endpoint(s) are not ready`]
        : service.selector
          ? ['its selector ', tok.field(Object.entries(service.selector).map(([k, v]) => `${k}=${v}`).join(',')), ' matches no pod with that port']
          : ['it has no selector and no EndpointSlice lists an address'];
    return {
      kind: 'unavailable',
      code: 'backend-no-endpoints',
      object: { kind: 'Service', namespace: service.namespace, name: service.name },
      field: 'spec.selector',
      explanation: ['backend Service ', tok.service(serviceKey(service)), ' has no ready endpoints: ', ...because],
    };
  }
  return {
    kind: 'endpoints',
    service,
    port,
    endpoints: ready,
    explanation: [
      'the controller reads the endpoints of ',
      tok.service(serviceKey(service)),
      ' port ',
      tok.port(port.name ? `${port.name} (${port.port})` : port.port),
      ' and sends straight to one of ',
      ...ready.flatMap((e, i) => [i > 0 ? ', ' : '', e.pod ? tok.pod(e.pod) : tok.ip(e.ip), ':', tok.port(e.port)]),
      ' (no kube-proxy, no ClusterIP)',
    ],
  };
}
