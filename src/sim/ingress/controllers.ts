/**
 * Ingress controllers as an operator finds them: pods running a known
 * controller, the Service in front of them, and which Ingresses each one
 * takes on (IngressClass, the default class, the legacy annotation).
 *
 * Recognising a controller (any one is enough):
 *
 * | controller    | image                                   | args / labels                                           | spec.controller it claims |
 * |---------------|-----------------------------------------|---------------------------------------------------------|---------------------------|
 * | ingress-nginx | registry.k8s.io/ingress-nginx/controller | /nginx-ingress-controller, --controller-class, label app.kubernetes.io/name=ingress-nginx + component=controller | --controller-class, default k8s.io/ingress-nginx |
 * | Traefik       | traefik, docker.io/traefik, traefik/traefik | --providers.kubernetesingress..., label app.kubernetes.io/name=traefik | traefik.io/ingress-controller |
 * | HAProxy       | haproxytech/kubernetes-ingress          | --ingress.class                                         | haproxy.org/ingress-controller/<class, default haproxy> |
 *
 * Its address: the Service named by its publish-service flag
 * (`--publish-service=ns/name`, Traefik's
 * `--providers.kubernetesingress.ingressendpoint.publishedservice`), or else
 * a LoadBalancer (preferred) or NodePort Service in its namespace selecting
 * its pods.
 *
 * Which Ingresses a controller serves (its "class"):
 *
 * 1. The Ingress's class: `spec.ingressClassName`; else the legacy
 *    `kubernetes.io/ingress.class` annotation; else, when an IngressClass
 *    has `ingressclass.kubernetes.io/is-default-class: "true"`, that class
 *    (the DefaultIngressClass admission plugin writes it into the Ingress at
 *    creation). With several defaults the plugin picks the newest
 *    (creationTimestamp), and at equal timestamps the lowest name (e2e
 *    "should choose the one with the later CreationTimestamp, if equal the
 *    one with the lower name when two ingressClasses are marked as default").
 * 2. ingress-nginx (store.GetIngressClass): a class name is served when that
 *    IngressClass exists and its `spec.controller` equals `--controller-class`
 *    (or, with `--ingress-class-by-name`, its name equals `--ingress-class`);
 *    the annotation is served when it equals `--ingress-class` (default
 *    `nginx`); no class at all only with `--watch-ingress-without-class`.
 *    `--watch-namespace` limits it to one namespace.
 * 3. Traefik: a class name whose IngressClass has controller
 *    `traefik.io/ingress-controller`; the annotation when it equals
 *    `--providers.kubernetesingress.ingressclass`, or, with that flag unset,
 *    when it is absent, empty or `traefik`.
 * 4. HAProxy: a class name whose IngressClass has its controller value; the
 *    annotation when it equals `--ingress.class`; no class when that flag is
 *    unset or `--empty-ingress-class` is given.
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import { tok, type Explanation } from '../explain.js';
import { matchesLabels } from '../labels.js';
import type { ObjectRef, Pod, Service, World } from '../model.js';
import { podKey } from '../model.js';
import { compareText } from '../order.js';

export type ControllerKind = 'ingress-nginx' | 'traefik' | 'haproxy';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export type IngressController = {
  readonly kind: ControllerKind;
  /** The workload that runs it (a Deployment, a DaemonSet, or a bare Pod). */
  readonly owner: ObjectRef;
  readonly namespace: string;
  readonly pods: readonly Pod[];
  /** What recognised it, for explanations. */
  readonly recognisedBy: string;
  /** The `spec.controller` value of the IngressClasses it takes. */
  readonly controllerValue: string;
  /** The legacy annotation value it takes (ingress-nginx `--ingress-class`). */
  readonly annotationClass?: string;
  readonly watchWithoutClass: boolean;
  readonly classByName: boolean;
  /** `--watch-namespace`, when it watches only one. */
  readonly watchNamespace?: string;
  /** `--publish-service`, as written. */
  readonly publishService?: string;
  /** `--default-backend-service` (ingress-nginx), as `ns/name`. */
  readonly defaultBackendService?: string;
  /** The Service that is its address, when there is one. */
  readonly service?: Service;
  readonly serviceVia?: 'publish-service' | 'selector';
};

/** `--flag=value`, `--flag value`, or a bare boolean `--flag`. */
export function readFlag(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    if (arg === name) {
      const next = args[i + 1];
      return next !== undefined && !next.startsWith('-') ? next : 'true';
    }
  }
  return undefined;
}

const isTrue = (v: string | undefined) => v !== undefined && v !== 'false';

/** The image's repository without registry tag or digest: `registry.k8s.io/ingress-nginx/controller:v1.10@sha...` → `registry.k8s.io/ingress-nginx/controller`. */
function imageRepo(image: string): string {
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return (colon === -1 ? noDigest : noDigest.slice(0, colon)).toLowerCase();
}

type Recognised = { kind: ControllerKind; by: string; args: readonly string[] };

/** Kubernetes expands `$(VAR)` in args from the container's env; controllers get POD_NAMESPACE and POD_NAME from the downward API. */
function expandArgs(pod: Pod, args: readonly string[]): string[] {
  return args.map((a) => a.replaceAll('$(POD_NAMESPACE)', pod.namespace).replaceAll('$(POD_NAME)', pod.name));
}

function recognise(pod: Pod): Recognised | undefined {
  const found = recogniseRaw(pod);
  return found ? { ...found, args: expandArgs(pod, found.args) } : undefined;
}

function recogniseRaw(pod: Pod): Recognised | undefined {
  for (const c of pod.containers) {
    const repo = c.image ? imageRepo(c.image) : '';
    if (repo.endsWith('ingress-nginx/controller') || repo.endsWith('ingress-nginx/controller-chroot')) {
      return { kind: 'ingress-nginx', by: `image ${repo}`, args: c.args };
    }
    if (c.args.some((a) => a === '/nginx-ingress-controller' || a.startsWith('--controller-class'))) {
      return { kind: 'ingress-nginx', by: 'its /nginx-ingress-controller args', args: c.args };
    }
    if (repo === 'traefik' || repo.endsWith('/traefik')) return { kind: 'traefik', by: `image ${repo}`, args: c.args };
    if (repo.endsWith('haproxytech/kubernetes-ingress')) return { kind: 'haproxy', by: `image ${repo}`, args: c.args };
  }
  const all = pod.containers.flatMap((c) => c.args);
  if (pod.labels['app.kubernetes.io/name'] === 'ingress-nginx' && pod.labels['app.kubernetes.io/component'] === 'controller') {
    return { kind: 'ingress-nginx', by: 'labels app.kubernetes.io/name=ingress-nginx, app.kubernetes.io/component=controller', args: all };
  }
  if (pod.labels['app.kubernetes.io/name'] === 'traefik') return { kind: 'traefik', by: 'label app.kubernetes.io/name=traefik', args: all };
  return undefined;
}

function addressService(world: World, namespace: string, pods: readonly Pod[], publish: string | undefined): Pick<IngressController, 'service' | 'serviceVia'> {
  if (publish) {
    const [ns, name] = publish.includes('/') ? publish.split('/', 2) : [namespace, publish];
    const service = world.services.find((s) => s.namespace === ns && s.name === name);
    if (service) return { service, serviceVia: 'publish-service' };
  }
  const selecting = world.services.filter(
    (s) => s.namespace === namespace && s.selector && (s.type === 'LoadBalancer' || s.type === 'NodePort') && pods.some((p) => matchesLabels(s.selector!, p.labels)),
  );
  const service = selecting.find((s) => s.type === 'LoadBalancer') ?? selecting[0];
  return service ? { service, serviceVia: 'selector' } : {};
}

/** Every ingress controller running in the world, one per workload, in `namespace/name` order. */
export function findIngressControllers(world: World): IngressController[] {
  const groups = new Map<string, { pods: Pod[]; rec: Recognised; owner: ObjectRef }>();
  for (const pod of world.pods) {
    const rec = recognise(pod);
    if (!rec) continue;
    const key = `${pod.owner.kind}/${pod.owner.namespace ?? pod.namespace}/${pod.owner.name}`;
    const group = groups.get(key) ?? { pods: [], rec, owner: pod.owner };
    group.pods.push(pod);
    groups.set(key, group);
  }
  const out: IngressController[] = [];
  for (const { pods, rec, owner } of groups.values()) {
    const namespace = pods[0]!.namespace;
    const args = rec.args;
    const common = { owner, namespace, pods, recognisedBy: rec.by };
    if (rec.kind === 'ingress-nginx') {
      const publishService = readFlag(args, '--publish-service');
      const watchNamespace = readFlag(args, '--watch-namespace');
      const defaultBackendService = readFlag(args, '--default-backend-service');
      out.push({
        ...common,
        kind: 'ingress-nginx',
        controllerValue: readFlag(args, '--controller-class') ?? 'k8s.io/ingress-nginx',
        annotationClass: readFlag(args, '--ingress-class') ?? 'nginx',
        watchWithoutClass: isTrue(readFlag(args, '--watch-ingress-without-class')),
        classByName: isTrue(readFlag(args, '--ingress-class-by-name')),
        ...(publishService ? { publishService } : {}),
        ...(watchNamespace ? { watchNamespace } : {}),
        ...(defaultBackendService ? { defaultBackendService } : {}),
        ...addressService(world, namespace, pods, publishService),
      });
    } else if (rec.kind === 'traefik') {
      const cls = readFlag(args, '--providers.kubernetesingress.ingressclass');
      const publishService = readFlag(args, '--providers.kubernetesingress.ingressendpoint.publishedservice');
      out.push({
        ...common,
        kind: 'traefik',
        controllerValue: 'traefik.io/ingress-controller',
        ...(cls ? { annotationClass: cls } : {}),
        watchWithoutClass: !cls,
        classByName: false,
        ...(publishService ? { publishService } : {}),
        ...addressService(world, namespace, pods, publishService),
      });
    } else {
      const cls = readFlag(args, '--ingress.class');
      const publishService = readFlag(args, '--publish-service');
      out.push({
        ...common,
        kind: 'haproxy',
        controllerValue: `haproxy.org/ingress-controller/${cls || 'haproxy'}`,
        ...(cls ? { annotationClass: cls } : {}),
        watchWithoutClass: !cls || isTrue(readFlag(args, '--empty-ingress-class')),
        classByName: false,
        ...(publishService ? { publishService } : {}),
        ...addressService(world, namespace, pods, publishService),
      });
    }
  }
  return out.sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.owner.name, b.owner.name));
}

export function controllerName(c: IngressController): string {
  return `${c.namespace}/${c.owner.name}`;
}

export function controllerOfPod(controllers: readonly IngressController[], pod: Pod): IngressController | undefined {
  return controllers.find((c) => c.pods.some((p) => podKey(p) === podKey(pod)));
}

export const ingressRef = (ing: Ingress): ObjectRef => ({ kind: 'Ingress', namespace: ing.metadata?.namespace || 'default', name: ing.metadata?.name ?? '' });
export const ingressName = (ing: Ingress): string => `${ing.metadata?.namespace || 'default'}/${ing.metadata?.name ?? ''}`;

/** The class an Ingress ends up with, and where it came from. */
export type IngressClassChoice =
  | { readonly via: 'ingressClassName'; readonly name: string; readonly ingressClass?: IngressClass }
  | { readonly via: 'annotation'; readonly name: string }
  | { readonly via: 'default-class'; readonly name: string; readonly ingressClass: IngressClass }
  | { readonly via: 'none' };

function classTimestamp(c: IngressClass): string {
  const t = (c.metadata as { creationTimestamp?: unknown } | undefined)?.creationTimestamp;
  return typeof t === 'string' ? t : t instanceof Date ? t.toISOString() : '';
}

/** The IngressClasses marked default, in the admission plugin's order: newest first, then by name. */
export function defaultIngressClasses(world: World): IngressClass[] {
  return world.ingressClasses
    .filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) => {
      const ta = classTimestamp(a);
      const tb = classTimestamp(b);
      if (ta !== tb) return ta > tb ? -1 : 1;
      const na = a.metadata?.name ?? '';
      const nb = b.metadata?.name ?? '';
      return na < nb ? -1 : na > nb ? 1 : 0;
    });
}

export function ingressClassOf(world: World, ing: Ingress): IngressClassChoice {
  const byName = (name: string) => world.ingressClasses.find((c) => c.metadata?.name === name);
  const className = ing.spec?.ingressClassName;
  if (className) {
    const ingressClass = byName(className);
    return { via: 'ingressClassName', name: className, ...(ingressClass ? { ingressClass } : {}) };
  }
  const annotation = ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (annotation !== undefined) return { via: 'annotation', name: annotation };
  const chosen = defaultIngressClasses(world)[0];
  if (chosen) return { via: 'default-class', name: chosen.metadata?.name ?? '', ingressClass: chosen };
  return { via: 'none' };
}

export type Serving = { readonly serves: boolean; readonly reason: Explanation };

/** Whether one controller takes on one Ingress, and why (see the rules above). */
export function controllerServes(world: World, controller: IngressController, ing: Ingress): Serving {
  const ns = ing.metadata?.namespace || 'default';
  if (controller.watchNamespace && controller.watchNamespace !== ns) {
    return { serves: false, reason: ['it only watches namespace ', tok.name(controller.watchNamespace), ' (', tok.field('--watch-namespace'), ')'] };
  }
  const choice = ingressClassOf(world, ing);
  switch (choice.via) {
    case 'ingressClassName':
    case 'default-class': {
      const how: Explanation = choice.via === 'default-class' ? ['the default IngressClass ', tok.name(choice.name)] : [tok.field('ingressClassName'), ' ', tok.name(choice.name)];
      if (!choice.ingressClass) return { serves: false, reason: [...how, ' names no IngressClass that exists'] };
      const claimed = choice.ingressClass.spec?.controller ?? '';
      if (claimed === controller.controllerValue) return { serves: true, reason: [...how, ' has ', tok.field(`controller: ${claimed}`)] };
      if (controller.classByName && choice.name === controller.annotationClass) {
        return { serves: true, reason: [...how, ' matches ', tok.field(`--ingress-class=${choice.name}`), ' (', tok.field('--ingress-class-by-name'), ')'] };
      }
      return { serves: false, reason: [...how, ' has ', tok.field(`controller: ${claimed || '(none)'}`), `, not ${controller.controllerValue}`] };
    }
    case 'annotation': {
      const ok =
        choice.name === controller.annotationClass || (controller.kind === 'traefik' && !controller.annotationClass && (choice.name === '' || choice.name === 'traefik'));
      const want = controller.annotationClass ?? (controller.kind === 'traefik' ? 'traefik' : '(none)');
      return ok
        ? { serves: true, reason: ['annotation ', tok.field(`${LEGACY_CLASS_ANNOTATION}: ${choice.name}`), ' is its class'] }
        : { serves: false, reason: ['annotation ', tok.field(`${LEGACY_CLASS_ANNOTATION}: ${choice.name}`), ` is not its class (${want})`] };
    }
    case 'none': {
      return controller.watchWithoutClass
        ? { serves: true, reason: ['it has no class, and this controller takes Ingresses without one'] }
        : {
            serves: false,
            reason: ['it has no ', tok.field('ingressClassName'), ', no class annotation, and no IngressClass is marked ', tok.field(`${DEFAULT_CLASS_ANNOTATION}: "true"`)],
          };
    }
  }
}

/** The controllers that serve an Ingress; when none does, why not. */
export function servingControllers(world: World, ing: Ingress, controllers = findIngressControllers(world)): { controllers: IngressController[]; reason: Explanation } {
  const serving = controllers.filter((c) => controllerServes(world, c, ing).serves);
  if (serving.length > 0) return { controllers: serving, reason: [] };
  const choice = ingressClassOf(world, ing);
  if (controllers.length === 0) return { controllers: [], reason: ['no ingress controller runs in this cluster, so Ingress ', tok.object(ingressName(ing)), ' has no effect'] };
  const why =
    choice.via === 'none'
      ? controllerServes(world, controllers[0]!, ing).reason
      : choice.via === 'annotation'
        ? ['its class annotation ', tok.name(choice.name), ' is taken by no running controller']
        : !('ingressClass' in choice) || !choice.ingressClass
          ? [tok.field('ingressClassName'), ' ', tok.name(choice.name), ' names no IngressClass that exists']
          : ['IngressClass ', tok.name(choice.name), ' has ', tok.field(`controller: ${choice.ingressClass.spec?.controller ?? ''}`), ', which no running controller claims'];
  return { controllers: [], reason: ['no controller serves Ingress ', tok.object(ingressName(ing)), ': ', ...why, ', so it has no effect'] };
}
