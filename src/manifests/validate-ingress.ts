/**
 * Ingress and IngressClass rules, after ValidateIngress in
 * pkg/apis/networking/validation (networking.k8s.io/v1): rules or a
 * defaultBackend, hosts (a DNS name, `*.` wildcard allowed, no IP), paths
 * and pathType, backends (a service or a resource, a port number or name).
 */
import { formatPath, int, list, rec, str, type ObjectContext, type Path } from './context.js';
import { checkDns1123Subdomain, isIP } from './names.js';
import { checkEnum, checkName, checkPortNameAt, checkPortNumber } from './validate-meta.js';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
/** Refused in Exact and Prefix paths (validateHTTPIngressPath). */
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export function validateIngress(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const spec = rec(obj['spec']);
  const rules = list(spec?.['rules']);
  const defaultBackend = spec?.['defaultBackend'];
  if (rules.length === 0 && (defaultBackend === undefined || defaultBackend === null)) {
    ctx.report('MISSING_FIELD', spec ? ['spec', 'rules'] : ['spec'], 'an Ingress needs rules or a defaultBackend', { at: 'key' });
  }
  if (!spec) return;
  const className = str(spec['ingressClassName']);
  if (className !== undefined && className !== '') checkName(ctx, ['spec', 'ingressClassName'], className, 'ingressClassName', 'dns1123-subdomain');
  // ValidateIngressCreate: the legacy annotation, when also written, must name the same class.
  const annotation = rec(rec(obj['metadata'])?.['annotations'])?.[LEGACY_CLASS_ANNOTATION];
  if (typeof annotation === 'string' && className !== undefined && annotation !== className) {
    ctx.report('INVALID_VALUE', ['metadata', 'annotations', LEGACY_CLASS_ANNOTATION], `annotation ${LEGACY_CLASS_ANNOTATION} "${annotation}" must match ingressClassName "${className}" when both are set`, {
      hint: `remove the ${LEGACY_CLASS_ANNOTATION} annotation; spec.ingressClassName replaces it`,
    });
  }
  if (defaultBackend !== undefined && defaultBackend !== null) validateBackend(ctx, ['spec', 'defaultBackend'], defaultBackend);
  rules.forEach((ruleItem, i) => {
    const rule = rec(ruleItem);
    if (!rule) return;
    const at: Path = ['spec', 'rules', i];
    const host = str(rule['host']);
    if (host !== undefined && host !== '') checkHost(ctx, [...at, 'host'], host);
    const http = rec(rule['http']);
    if (rule['http'] !== undefined && rule['http'] !== null && http) {
      const paths = list(http['paths']);
      if (paths.length === 0) ctx.report('MISSING_FIELD', [...at, 'http', 'paths'], `${formatPath([...at, 'http'])} needs at least one path`, { at: 'key' });
      paths.forEach((pathItem, j) => validatePath(ctx, [...at, 'http', 'paths', j], pathItem));
    }
  });
  list(spec['tls']).forEach((tlsItem, i) => {
    const tls = rec(tlsItem);
    if (!tls) return;
    list(tls['hosts']).forEach((h, j) => {
      // Unlike a rule's host, a TLS host is only checked as a (wildcard) DNS subdomain: "203.0.113.10" passes.
      if (typeof h === 'string') checkHost(ctx, ['spec', 'tls', i, 'hosts', j], h, false);
    });
    const secret = str(tls['secretName']);
    if (secret !== undefined && secret !== '') checkName(ctx, ['spec', 'tls', i, 'secretName'], secret, 'secretName', 'dns1123-subdomain');
  });
}

function checkHost(ctx: ObjectContext, at: Path, host: string, refuseIP = true): void {
  if (refuseIP && isIP(host)) {
    ctx.report('INVALID_VALUE', at, `host "${host}" must be a DNS name, not an IP address`, {
      hint: 'leave host out to match requests for any host, including an IP',
    });
    return;
  }
  const name = host.startsWith('*.') ? host.slice(2) : host;
  const bad = name.includes('*') ? 'may use "*" only as a whole first label ("*.example.com")' : checkDns1123Subdomain(name);
  if (bad) {
    ctx.report('INVALID_VALUE', at, `host "${host}" is not valid: it ${bad}`, {
      hint: /[:/]/u.test(host) ? 'write only the host name, without scheme, port or path' : undefined,
    });
  }
}

function validatePath(ctx: ObjectContext, at: Path, value: unknown): void {
  const p = rec(value);
  if (!p) return;
  const pathType = p['pathType'];
  if (pathType === undefined || pathType === null) {
    ctx.report('MISSING_FIELD', [...at, 'pathType'], `${formatPath(at)} needs a pathType (Exact, Prefix or ImplementationSpecific)`, {
      at: 'key',
      hint: 'pathType: Prefix matches the path and everything under it',
    });
  } else checkEnum(ctx, [...at, 'pathType'], pathType, PATH_TYPES, 'pathType');
  const path = str(p['path']);
  if (path !== undefined && path !== '' && !path.startsWith('/')) {
    ctx.report('INVALID_VALUE', [...at, 'path'], `path "${path}" must start with "/"`, { hint: `write /${path}` });
  } else if ((pathType === 'Exact' || pathType === 'Prefix') && (path === undefined || path === '')) {
    ctx.report('MISSING_FIELD', [...at, 'path'], `${pathType === 'Exact' ? 'an' : 'a'} ${pathType} path needs a path starting with "/"`, { at: 'key' });
  }
  if ((pathType === 'Exact' || pathType === 'Prefix') && path !== undefined && path !== '') {
    const bad = INVALID_PATH_SEQUENCES.filter((seq) => path.includes(seq)).map((seq) => `must not contain "${seq}"`);
    bad.push(...INVALID_PATH_SUFFIXES.filter((suffix) => path.endsWith(suffix)).map((suffix) => `must not end with "${suffix}"`));
    if (bad.length > 0) {
      ctx.report('INVALID_VALUE', [...at, 'path'], `${pathType} path "${path}" ${bad.join(' and ')}`, {
        hint: 'write the path as requests use it: single slashes, no "." or ".." segments, no encoded "/"',
      });
    }
  }
  if (p['backend'] === undefined || p['backend'] === null) {
    ctx.report('MISSING_FIELD', [...at, 'backend'], `${formatPath(at)} needs a backend`, { at: 'key' });
  } else validateBackend(ctx, [...at, 'backend'], p['backend']);
}

function validateBackend(ctx: ObjectContext, at: Path, value: unknown): void {
  const b = rec(value);
  if (!b) return;
  const service = rec(b['service']);
  const resource = rec(b['resource']);
  if (service && resource) {
    ctx.report('FORBIDDEN_FIELD', [...at, 'resource'], 'a backend may have a service or a resource, not both', { at: 'key' });
    return;
  } else if (!service && !resource) {
    ctx.report('MISSING_FIELD', at, 'a backend needs a service (name and port)', { at: 'key' });
  }
  if (resource) {
    for (const field of ['kind', 'name'] as const) {
      const v = str(resource[field]);
      if (v === undefined || v === '') ctx.report('MISSING_FIELD', [...at, 'resource', field], `a resource backend needs ${field}`, { at: 'key' });
      else if (v === '.' || v === '..' || /[/%]/u.test(v)) ctx.report('INVALID_VALUE', [...at, 'resource', field], `resource ${field} "${v}" may not be "." or ".." or contain "/" or "%"`);
    }
    const group = str(resource['apiGroup']);
    if (group !== undefined) {
      const bad = checkDns1123Subdomain(group);
      if (bad) ctx.report('INVALID_VALUE', [...at, 'resource', 'apiGroup'], `apiGroup "${group}" ${bad}`);
    }
  }
  if (!service) return;
  const sat: Path = [...at, 'service'];
  const name = str(service['name']);
  if (name === undefined || name === '') ctx.report('MISSING_FIELD', [...sat, 'name'], 'a backend service needs a name', { at: 'key' });
  else checkName(ctx, [...sat, 'name'], name, 'Service name', 'dns1035-label');
  const port = rec(service['port']);
  if (!port) {
    ctx.report('MISSING_FIELD', [...sat, 'port'], 'a backend service needs a port (number or name)', { at: 'key' });
    return;
  }
  // number 0 is the same as no number (the field is a plain int32).
  const hasNumber = port['number'] !== undefined && port['number'] !== null && port['number'] !== 0;
  const portName = str(port['name']);
  const hasName = portName !== undefined && portName !== '';
  if (hasNumber && hasName) {
    ctx.report('FORBIDDEN_FIELD', [...sat, 'port'], 'a backend port has a number or a name, not both', { at: 'key' });
  } else if (!hasNumber && !hasName) {
    ctx.report('MISSING_FIELD', [...sat, 'port'], 'a backend port needs a number or a name', { at: 'key' });
  }
  if (hasNumber) checkPortNumber(ctx, [...sat, 'port', 'number'], int(port['number']), 'port');
  if (hasName && portName !== undefined) checkPortNameAt(ctx, [...sat, 'port', 'name'], portName);
}

export function validateIngressClass(ctx: ObjectContext, obj: Record<string, unknown>): void {
  const spec = rec(obj['spec']);
  const controller = str(spec?.['controller']);
  if (controller === undefined || controller === '') {
    ctx.report('MISSING_FIELD', spec ? ['spec', 'controller'] : ['spec'], 'an IngressClass needs spec.controller, e.g. k8s.io/ingress-nginx', { at: 'key' });
    return;
  }
  if (controller.length > 250) ctx.report('INVALID_VALUE', ['spec', 'controller'], 'controller must be at most 250 characters');
  const slash = controller.indexOf('/');
  const domain = slash > 0 ? controller.slice(0, slash) : '';
  if (slash <= 0 || checkDns1123Subdomain(domain) !== undefined || slash === controller.length - 1 || !HTTP_PATH.test(controller.slice(slash + 1))) {
    ctx.report('INVALID_VALUE', ['spec', 'controller'], `controller "${controller}" must be a domain-prefixed path, like k8s.io/ingress-nginx`);
  }
  const params = rec(spec?.['parameters']);
  if (!params) return;
  const pat: Path = ['spec', 'parameters'];
  for (const field of ['kind', 'name'] as const) {
    const v = str(params[field]);
    if (v === undefined || v === '') ctx.report('MISSING_FIELD', [...pat, field], `spec.parameters needs ${field}`, { at: 'key' });
    else if (v === '.' || v === '..' || /[/%]/u.test(v)) ctx.report('INVALID_VALUE', [...pat, field], `parameters ${field} "${v}" may not be "." or ".." or contain "/" or "%"`);
  }
  // v1 defaults scope to Cluster.
  const scope = params['scope'] ?? 'Cluster';
  checkEnum(ctx, [...pat, 'scope'], scope, ['Cluster', 'Namespace'], 'parameters scope');
  const ns = params['namespace'];
  if (scope === 'Namespace' && (ns === undefined || ns === null)) {
    ctx.report('MISSING_FIELD', [...pat, 'namespace'], 'spec.parameters needs a namespace when scope is Namespace', { at: 'key' });
  } else if (scope === 'Namespace' && typeof ns === 'string') {
    checkName(ctx, [...pat, 'namespace'], ns, 'namespace', 'dns1123-label');
  } else if (scope === 'Cluster' && ns !== undefined && ns !== null) {
    ctx.report('FORBIDDEN_FIELD', [...pat, 'namespace'], 'spec.parameters.namespace may only be set when scope is Namespace', { at: 'key' });
  }
}

/** The path part of a domain-prefixed path (IsDomainPrefixedPath). */
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/u;
