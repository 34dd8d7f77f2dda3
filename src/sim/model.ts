/**
 * The normalized cluster model: what the simulator reasons about once
 * Kubernetes objects are read, defaulted and expanded (Deployments into pods,
 * Services into allocated IPs and endpoints). Every field is already defaulted,
 * so the rest of `sim` never re-applies API defaults.
 */
import type { NetworkPolicy as ApiNetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { Ingress as ApiIngress, IngressClass as ApiIngressClass } from 'kubernetes-types/networking/v1.js';

/** A Kubernetes object as the API serves it: any kind, loosely typed. */
export type KubeObject = {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
};

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export type Labels = Readonly<Record<string, string>>;

/** Which object a fact came from, so every verdict can name it. */
export type ObjectRef = {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
};

export type CniName = 'calico' | 'flannel' | 'weave' | 'cilium';

export type ClusterSettings = {
  /** The CNI plugin. calico, cilium and weave enforce NetworkPolicy; flannel does not. @default 'calico' */
  readonly cni: CniName;
  /** The pod network; each node gets a /24 of it. @default calico 192.168.0.0/16, flannel 10.244.0.0/16 */
  readonly podCidr: string;
  /** Where ClusterIPs come from. @default '10.96.0.0/12' */
  readonly serviceCidr: string;
  /** @default 'cluster.local' */
  readonly clusterDomain: string;
  /** @default { min: 30000, max: 32767 } */
  readonly nodePortRange: { readonly min: number; readonly max: number };
  /** Whether a cloud controller gives LoadBalancer Services an external IP. @default false */
  readonly cloudLoadBalancer: boolean;
};

export type Namespace = {
  readonly name: string;
  readonly labels: Labels;
};

export type Node = {
  readonly name: string;
  readonly internalIP: string;
  /** The slice of the pod network this node hands out, e.g. 192.168.1.0/24. */
  readonly podCidr: string;
  readonly labels: Labels;
};

export type ContainerPort = {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
  /** The port the node opens for this container port (the CNI's portmap), when set. */
  readonly hostPort?: number;
};

export type Container = {
  readonly name: string;
  readonly image?: string;
  readonly args: readonly string[];
  readonly ports: readonly ContainerPort[];
};

/** `status.phase`. Succeeded and Failed pods have finished: no endpoints, nothing listens. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/**
 * `spec.dnsPolicy`. ClusterFirst (the default) uses cluster DNS, except for a
 * hostNetwork pod, which then gets its node's resolver as with Default;
 * ClusterFirstWithHostNet gives a hostNetwork pod cluster DNS; None takes
 * everything from `spec.dnsConfig`.
 */
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/** `spec.dnsConfig`, merged into the resolv.conf the policy makes. */
export type PodDnsConfig = {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  /** The `ndots` option, when set. */
  readonly ndots?: number;
};

export type Pod = {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly nodeName: string;
  /** The pod's IP; a hostNetwork pod has its node's IP; '' for a Pending pod not given one yet. */
  readonly ip: string;
  readonly hostNetwork: boolean;
  readonly ready: boolean;
  readonly phase: PodPhase;
  /** `metadata.deletionTimestamp` is set: the pod is shutting down. */
  readonly terminating: boolean;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig?: PodDnsConfig;
  /** `spec.hostAliases`: extra lines kubelet writes into the pod's /etc/hosts. */
  readonly hostAliases?: readonly { readonly ip: string; readonly hostnames: readonly string[] }[];
  /** `spec.hostname` / `spec.subdomain`, which give a pod a DNS name under a headless Service. */
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly containers: readonly Container[];
  /** The workload that made the pod, or the Pod object itself. */
  readonly owner: ObjectRef;
};

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export type ServicePort = {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  /** A number, or the name of a container port resolved per pod. */
  readonly targetPort: number | string;
  readonly nodePort?: number;
};

export type Service = {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly type: ServiceType;
  /** undefined for ExternalName; 'None' for a headless Service. */
  readonly clusterIP?: string;
  /** undefined when the Service has no selector (its endpoints are written by hand). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly externalName?: string;
  /** The load balancer's address, once a cloud gave one; undefined while pending. */
  readonly loadBalancerIP?: string;
  readonly externalTrafficPolicy: TrafficPolicy;
  readonly internalTrafficPolicy: TrafficPolicy;
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly publishNotReadyAddresses: boolean;
  /** `spec.externalIPs`: addresses kube-proxy also answers on for the Service's ports. */
  readonly externalIPs: readonly string[];
  readonly annotations: Labels;
};

/**
 * One address behind one Service port, as the endpoints controller or a
 * hand-written slice gives it, with the EndpointSlice conditions: `ready`
 * (nil reads as true), `serving` (nil reads as true) and `terminating` (nil
 * reads as false). The controller sets serving = the pod is Ready,
 * terminating = the pod is being deleted, ready = serving and not terminating
 * (or always, with publishNotReadyAddresses). Absent here: serving as
 * `ready` says, not terminating.
 */
export type Endpoint = {
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
  /** `namespace/name` of the pod behind the address, when there is one. */
  readonly pod?: string;
  readonly nodeName?: string;
};

/** The endpoints of one Service port (the simulator's view of its EndpointSlices). */
export type ServicePortEndpoints = {
  readonly portName: string;
  readonly protocol: Protocol;
  readonly endpoints: readonly Endpoint[];
  /** Pods the selector matched that were left out of this port, and why. */
  readonly skipped: readonly { readonly pod: string; readonly reason: 'no-ip' | 'named-port-missing' | 'terminal' }[];
};

export type ServiceEndpoints = {
  readonly service: string;
  /** 'controller' when made from the selector, 'manual' from hand-written Endpoints/EndpointSlices. */
  readonly source: 'controller' | 'manual';
  readonly ports: readonly ServicePortEndpoints[];
};

export type World = {
  readonly settings: ClusterSettings;
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  /** Keyed by `namespace/name` of the Service. */
  readonly endpoints: ReadonlyMap<string, ServiceEndpoints>;
  readonly networkPolicies: readonly ApiNetworkPolicy[];
  readonly ingresses: readonly ApiIngress[];
  readonly ingressClasses: readonly ApiIngressClass[];
  /** `namespace/name` of each Secret and ConfigMap, which other objects may refer to. */
  readonly secrets: ReadonlySet<string>;
  readonly configMaps: ReadonlySet<string>;
};

export function podKey(pod: { readonly namespace: string; readonly name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}
