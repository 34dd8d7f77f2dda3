/**
 * Ingress: controllers found in the world and the Ingresses each serves
 * (controllers.ts), how a Host and path match a rule (path-match.ts), one
 * controller's merged routing table and a request routed through it
 * (routing.ts), backends to endpoints (backend.ts), public DNS names
 * (publish.ts), and the trace from a controller pod on (through-controller.ts).
 */
export {
  DEFAULT_CLASS_ANNOTATION,
  LEGACY_CLASS_ANNOTATION,
  controllerName,
  controllerOfPod,
  controllerServes,
  defaultIngressClasses,
  findIngressControllers,
  ingressClassOf,
  readFlag,
  servingControllers,
  type ControllerKind,
  type IngressClassChoice,
  type IngressController,
  type Serving,
} from './controllers.js';
export { beats, matchHost, matchPath, normalizeHost, toPathType, type HostMatch, type PathMatch, type PathType } from './path-match.js';
export {
  DEFAULT_SERVER,
  FORCE_SSL_REDIRECT,
  SSL_REDIRECT,
  buildRoutingTable,
  findServer,
  hasCertificateFor,
  httpsRedirect,
  routeRequest,
  sortIngresses,
  type Location,
  type Redirect,
  type Route,
  type RoutingTable,
  type Server,
  type SkippedPath,
  type TlsChoice,
} from './routing.js';
export { backendText, resolveBackend, type BackendFailure, type ResolvedBackend } from './backend.js';
export { EXTERNAL_DNS_HOSTNAME, nodePortHint, publishedAddress, type Publication } from './publish.js';
export { throughIngressController, type HttpRequest } from './through-controller.js';
