/**
 * Which `apiVersion`/`kind` pairs kubequest reads, which real kinds it skips,
 * and what to say about the rest: a misspelt kind (`Sevice`), a kind under
 * the wrong group (`Deployment` in `v1`), or an API version Kubernetes has
 * removed (`extensions/v1beta1` Ingress).
 */
import { k8sFields } from './k8s-fields.generated.js';
import { suggest, withLookalike } from './suggest.js';

/** kind -> the apiVersion that serves it, for the kinds kubequest simulates. */
export const SUPPORTED_KINDS: ReadonlyMap<string, string> = new Map(
  Object.keys(k8sFields.roots).map((key) => {
    const slash = key.lastIndexOf('/');
    return [key.slice(slash + 1), key.slice(0, slash)] as const;
  }),
);

/** Kinds with no namespace. */
export const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'IngressClass']);

/** Real kinds kubequest does not simulate: skipped with a warning. */
const UNSUPPORTED = new Map<string, string>([
  ['Job', 'batch/v1'],
  ['CronJob', 'batch/v1'],
  ['ReplicationController', 'v1'],
  ['PodTemplate', 'v1'],
  ['PersistentVolume', 'v1'],
  ['PersistentVolumeClaim', 'v1'],
  ['ServiceAccount', 'v1'],
  ['LimitRange', 'v1'],
  ['ResourceQuota', 'v1'],
  ['Event', 'v1'],
  ['Binding', 'v1'],
  ['ComponentStatus', 'v1'],
  ['ControllerRevision', 'apps/v1'],
  ['HorizontalPodAutoscaler', 'autoscaling/v2'],
  ['PodDisruptionBudget', 'policy/v1'],
  ['Role', 'rbac.authorization.k8s.io/v1'],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1'],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['StorageClass', 'storage.k8s.io/v1'],
  ['CSIDriver', 'storage.k8s.io/v1'],
  ['VolumeAttachment', 'storage.k8s.io/v1'],
  ['PriorityClass', 'scheduling.k8s.io/v1'],
  ['RuntimeClass', 'node.k8s.io/v1'],
  ['Lease', 'coordination.k8s.io/v1'],
  ['CustomResourceDefinition', 'apiextensions.k8s.io/v1'],
  ['APIService', 'apiregistration.k8s.io/v1'],
  ['ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
  ['MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
  ['ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/v1'],
  ['CertificateSigningRequest', 'certificates.k8s.io/v1'],
  ['FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
  ['PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
  ['ServiceCIDR', 'networking.k8s.io/v1'],
  ['IPAddress', 'networking.k8s.io/v1'],
  ['Gateway', 'gateway.networking.k8s.io/v1'],
  ['GatewayClass', 'gateway.networking.k8s.io/v1'],
  ['HTTPRoute', 'gateway.networking.k8s.io/v1'],
  ['GRPCRoute', 'gateway.networking.k8s.io/v1'],
  ['AdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1'],
  ['BaselineAdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1'],
]);

/** kubectl's short names, which are not kinds (`kind: svc` fails on a real cluster). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  ns: 'Namespace',
  no: 'Node',
  po: 'Pod',
  deploy: 'Deployment',
  rs: 'ReplicaSet',
  sts: 'StatefulSet',
  ds: 'DaemonSet',
  svc: 'Service',
  ep: 'Endpoints',
  endpoint: 'Endpoints',
  ing: 'Ingress',
  netpol: 'NetworkPolicy',
  networkpolicies: 'NetworkPolicy',
  cm: 'ConfigMap',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  services: 'Service',
  pods: 'Pod',
  deployments: 'Deployment',
  ingresses: 'Ingress',
  ingressclasses: 'IngressClass',
  endpointslices: 'EndpointSlice',
  namespaces: 'Namespace',
  nodes: 'Node',
};

/** API versions Kubernetes has removed, per kind: [removed in, replacement]. */
const REMOVED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'extensions/v1beta1': { Deployment: '1.16', DaemonSet: '1.16', ReplicaSet: '1.16', NetworkPolicy: '1.16', Ingress: '1.22' },
  'apps/v1beta1': { Deployment: '1.16', StatefulSet: '1.16' },
  'apps/v1beta2': { Deployment: '1.16', StatefulSet: '1.16', DaemonSet: '1.16', ReplicaSet: '1.16' },
  'networking.k8s.io/v1beta1': { Ingress: '1.22', IngressClass: '1.22' },
  'discovery.k8s.io/v1beta1': { EndpointSlice: '1.25' },
};

export type KindVerdict =
  | { readonly verdict: 'supported'; readonly rootType: string }
  | { readonly verdict: 'list' }
  | { readonly verdict: 'unsupported'; readonly message: string }
  | { readonly verdict: 'unknown-kind'; readonly message: string; readonly hint?: string }
  | { readonly verdict: 'wrong-version'; readonly message: string; readonly hint: string };

export function classifyKind(apiVersion: string, kind: string): KindVerdict {
  const root = k8sFields.roots[`${apiVersion}/${kind}`];
  if (root !== undefined) return { verdict: 'supported', rootType: root };
  if (kind === 'List' || (kind.endsWith('List') && kind.length > 4)) return { verdict: 'list' };
  const served = SUPPORTED_KINDS.get(kind);
  if (served !== undefined) {
    const removedIn = REMOVED[apiVersion]?.[kind];
    if (removedIn !== undefined) {
      return {
        verdict: 'wrong-version',
        message: `${apiVersion} ${kind} was removed in Kubernetes ${removedIn}`,
        hint: `use apiVersion: ${served}`,
      };
    }
    return { verdict: 'wrong-version', message: `${kind} is not served by apiVersion ${apiVersion}`, hint: `use apiVersion: ${served}` };
  }
  if (UNSUPPORTED.has(kind)) {
    return { verdict: 'unsupported', message: `kubequest does not simulate ${kind}; it was skipped` };
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (group.includes('.') && !group.endsWith('.k8s.io')) {
    return { verdict: 'unsupported', message: `kubequest does not simulate ${kind} (${apiVersion}), a custom resource; it was skipped` };
  }
  const known = [...SUPPORTED_KINDS.keys(), ...UNSUPPORTED.keys()];
  const near = SHORT_NAMES[kind.toLowerCase()] ?? suggest(kind, known);
  return {
    verdict: 'unknown-kind',
    message: `unknown kind "${kind}"${withLookalike(kind)}`,
    ...(near !== undefined ? { hint: `did you mean ${near}?${SUPPORTED_KINDS.has(near) ? ` (apiVersion: ${SUPPORTED_KINDS.get(near)})` : ''}` } : {}),
  };
}
