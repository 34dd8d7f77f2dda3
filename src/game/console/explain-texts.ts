/**
 * Our own short texts for the fields a learner meets, for `kubectl explain`.
 * Each says what the field does in the cluster (not only its type), names
 * the default, and links the API reference page it condenses. Paths are
 * lower-case resource + field path, as typed after `kubectl explain`.
 */
export type ExplainText = {
  readonly path: string;
  /** The field's type as kubectl explain prints it: `<string>`, `<[]ServicePort>`. */
  readonly type: string;
  readonly text: string;
  readonly ref: string;
};

export type ExplainKind = { readonly kind: string; readonly group?: string; readonly version: string };

const API = 'https://kubernetes.io/docs/reference/kubernetes-api';
const SERVICE = `${API}/service-resources/service-v1/`;
const ENDPOINTS = `${API}/service-resources/endpoints-v1/`;
const SLICE = `${API}/service-resources/endpoint-slice-v1/`;
const INGRESS = `${API}/service-resources/ingress-v1/`;
const INGRESS_CLASS = `${API}/service-resources/ingress-class-v1/`;
const NETPOL = `${API}/policy-resources/network-policy-v1/`;
const POD = `${API}/workload-resources/pod-v1/`;

export const EXPLAIN_KINDS: Readonly<Record<string, ExplainKind>> = {
  service: { kind: 'Service', version: 'v1' },
  endpoints: { kind: 'Endpoints', version: 'v1' },
  endpointslice: { kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1' },
  ingress: { kind: 'Ingress', group: 'networking.k8s.io', version: 'v1' },
  ingressclass: { kind: 'IngressClass', group: 'networking.k8s.io', version: 'v1' },
  networkpolicy: { kind: 'NetworkPolicy', group: 'networking.k8s.io', version: 'v1' },
  pod: { kind: 'Pod', version: 'v1' },
};

const PEER_POD_SELECTOR =
  'Selects pods by label. Alone, it selects pods in the policy\'s own namespace. Together with namespaceSelector in the same peer (one list item), it selects those pods in the namespaces namespaceSelector selects: both must match (AND). An empty selector {} selects every pod. Two list items ("- podSelector" and "- namespaceSelector") are two peers, either of which is allowed (OR).';
const PEER_NS_SELECTOR =
  'Selects namespaces by their labels; every namespace carries kubernetes.io/metadata.name=<its name>, so you can select one by name. Alone, it allows every pod in the selected namespaces; {} selects all namespaces. Combined with podSelector in the same peer, only the matching pods in those namespaces.';
const PEER_IP_BLOCK =
  'A CIDR range (cidr) minus optional sub-ranges (except). Meant for addresses outside the cluster: pod IPs are ephemeral, and traffic from a node or through a load balancer may carry a rewritten source address, so select pods with podSelector instead.';
const NP_PORTS =
  'The ports (and protocols) the rule allows. Each item: port (a number or a named container port on the destination pod), protocol (TCP by default, UDP, SCTP) and optionally endPort for a range. Empty or missing: all ports. A rule allows traffic that matches one of its peers AND one of its ports.';

export const EXPLAIN_TEXTS: readonly ExplainText[] = [
  // Service
  { path: 'service', type: '', ref: SERVICE, text: 'A stable virtual IP and DNS name (<name>.<namespace>.svc.cluster.local) in front of a changing set of pods. Its selector picks the pods; the endpoints controller lists their IPs; kube-proxy on every node forwards traffic for the Service\'s IP and ports to one of them.' },
  { path: 'service.spec', type: '<ServiceSpec>', ref: `${SERVICE}#ServiceSpec`, text: 'What the Service exposes (ports), to which pods (selector), and how (type, clusterIP, traffic policies, session affinity).' },
  { path: 'service.spec.selector', type: '<map[string]string>', ref: `${SERVICE}#ServiceSpec`, text: 'Label pairs a pod must all carry (AND) to receive this Service\'s traffic, matched only in the Service\'s own namespace. A typo here leaves the Service with no endpoints: connections are refused. Without a selector, the Service has only the endpoints you write yourself (EndpointSlices or Endpoints). Ignored for type ExternalName.' },
  { path: 'service.spec.type', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'ClusterIP (default): a virtual IP reachable only inside the cluster. NodePort: also opens a port (30000-32767) on every node\'s IP. LoadBalancer: also asks the cloud for an external load balancer in front of the node ports; without a cloud controller its EXTERNAL-IP stays <pending>. ExternalName: no IP at all, DNS answers with a CNAME to spec.externalName.' },
  { path: 'service.spec.ports', type: '<[]ServicePort>', ref: `${SERVICE}#ServiceSpec`, text: 'The ports the Service listens on, each mapped to a port on the pods. With more than one port, each must have a name. A port that is not listed is not forwarded: traffic to it goes nowhere.' },
  { path: 'service.spec.ports.port', type: '<integer> -required-', ref: `${SERVICE}#ServiceSpec`, text: 'The port clients connect to on the Service\'s ClusterIP (and DNS name). It need not be the port the pods listen on: targetPort says that.' },
  { path: 'service.spec.ports.targetPort', type: '<IntOrString>', ref: `${SERVICE}#ServiceSpec`, text: 'The port on the pods that traffic is forwarded to: a number, or the name of a containerPort (resolved per pod, so pods may use different numbers). Defaults to the same value as port. A pod where nothing listens on it refuses the connection; a pod with no container port of that name is left out of the endpoints.' },
  { path: 'service.spec.ports.nodePort', type: '<integer>', ref: `${SERVICE}#ServiceSpec`, text: 'For NodePort and LoadBalancer Services: the port opened on every node\'s IP (default range 30000-32767), forwarded like the Service port. Allocated at random when left out.' },
  { path: 'service.spec.ports.name', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'A DNS_LABEL name, required when the Service has several ports. It names the port in EndpointSlices and in SRV records (_<name>._<protocol>.<service>.<namespace>.svc.cluster.local), and an Ingress backend may refer to the port by it.' },
  { path: 'service.spec.ports.protocol', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'TCP (default), UDP or SCTP. A UDP port and a TCP port with the same number are two different ports (DNS needs both).' },
  { path: 'service.spec.clusterIP', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'The virtual IP, allocated from the service network (10.96.0.0/12 by default) unless given. "None" makes a headless Service: no virtual IP and no kube-proxy; DNS answers with the ready pods\' own IPs. It cannot be changed after creation.' },
  { path: 'service.spec.externalName', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'For type ExternalName: the DNS name the cluster DNS returns as a CNAME for this Service. No proxying and no ports are involved; the client connects to whatever that name resolves to.' },
  { path: 'service.spec.externalTrafficPolicy', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'For traffic arriving at a NodePort or load balancer. Cluster (default): any node forwards to any ready pod, and the source IP is rewritten to the node\'s. Local: a node forwards only to pods on that node, keeping the client\'s source IP; a node with none of the pods drops the traffic.' },
  { path: 'service.spec.internalTrafficPolicy', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'For traffic from inside the cluster to the ClusterIP. Cluster (default): any ready pod. Local: only pods on the same node as the client; with none there, the traffic is dropped.' },
  { path: 'service.spec.sessionAffinity', type: '<string>', ref: `${SERVICE}#ServiceSpec`, text: 'None (default): kube-proxy picks an endpoint at random for each connection. ClientIP: connections from one client IP keep going to the same pod (for 3 hours by default, see sessionAffinityConfig).' },
  { path: 'service.spec.publishNotReadyAddresses', type: '<boolean>', ref: `${SERVICE}#ServiceSpec`, text: 'When true, pods that are not ready are listed as ready endpoints anyway (and get DNS records). Used by headless Services of StatefulSets whose members must find each other before they are ready. Default false.' },
  // Endpoints
  { path: 'endpoints', type: '', ref: ENDPOINTS, text: 'The addresses behind a Service, in the older v1 form (EndpointSlice replaces it). The endpoints controller writes one, named like the Service, for every Service with a selector; for a Service without a selector you write it yourself.' },
  { path: 'endpoints.subsets', type: '<[]EndpointSubset>', ref: `${ENDPOINTS}#Endpoints`, text: 'Groups of addresses that share the same ports. Every address in a subset is reachable on every port of that subset.' },
  { path: 'endpoints.subsets.addresses', type: '<[]EndpointAddress>', ref: `${ENDPOINTS}#Endpoints`, text: 'Ready addresses: kube-proxy sends traffic to these. Each has an ip and, for a pod, a targetRef and nodeName.' },
  { path: 'endpoints.subsets.notReadyAddresses', type: '<[]EndpointAddress>', ref: `${ENDPOINTS}#Endpoints`, text: 'Addresses of pods that match the selector but are not ready (failing readiness probe, starting up). kube-proxy skips them, so a Service whose pods are all here has no working endpoint.' },
  { path: 'endpoints.subsets.ports', type: '<[]EndpointPort>', ref: `${ENDPOINTS}#Endpoints`, text: 'The pod ports of the subset (targetPort already resolved), with the Service port\'s name and protocol.' },
  // EndpointSlice
  { path: 'endpointslice', type: '', ref: SLICE, text: 'A piece of a Service\'s endpoints (at most 100 by default). The EndpointSlice controller writes them for Services with a selector, labelled kubernetes.io/service-name=<service>; kube-proxy reads them. For a Service without a selector, write your own slices with that label.' },
  { path: 'endpointslice.addressType', type: '<string> -required-', ref: `${SLICE}#EndpointSlice`, text: 'IPv4, IPv6 or FQDN: the kind of every address in this slice.' },
  { path: 'endpointslice.endpoints', type: '<[]Endpoint> -required-', ref: `${SLICE}#EndpointSlice`, text: 'One item per backend (a pod): its addresses, conditions (ready, serving, terminating), nodeName and targetRef.' },
  { path: 'endpointslice.endpoints.addresses', type: '<[]string> -required-', ref: `${SLICE}#EndpointSlice`, text: 'The backend\'s IP addresses; consumers use the first one.' },
  { path: 'endpointslice.endpoints.conditions', type: '<EndpointConditions>', ref: `${SLICE}#EndpointSlice`, text: 'ready: whether kube-proxy may send new traffic here (unset means ready). serving and terminating describe a pod that is shutting down.' },
  { path: 'endpointslice.ports', type: '<[]EndpointPort>', ref: `${SLICE}#EndpointSlice`, text: 'The ports every endpoint in the slice listens on. The name must equal the Service port\'s name (empty for an unnamed port) for the port to be used.' },
  // Ingress
  { path: 'ingress', type: '', ref: INGRESS, text: 'HTTP(S) routing rules by host name and path, carried out by an ingress controller (ingress-nginx, Traefik, ...). Without a controller serving it, an Ingress does nothing. The controller runs as pods behind its own Service, usually a LoadBalancer or NodePort.' },
  { path: 'ingress.spec', type: '<IngressSpec>', ref: `${INGRESS}#IngressSpec`, text: 'Which controller (ingressClassName), the rules by host and path, a default backend and TLS.' },
  { path: 'ingress.spec.ingressClassName', type: '<string>', ref: `${INGRESS}#IngressSpec`, text: 'The IngressClass, and so the controller, that should serve this Ingress. Left out, the IngressClass marked ingressclass.kubernetes.io/is-default-class: "true" is used; with no default class, most controllers ignore the Ingress.' },
  { path: 'ingress.spec.defaultBackend', type: '<IngressBackend>', ref: `${INGRESS}#IngressSpec`, text: 'Where requests that match no rule go. Without it, the controller answers them itself (ingress-nginx: 404 Not Found).' },
  { path: 'ingress.spec.rules', type: '<[]IngressRule>', ref: `${INGRESS}#IngressSpec`, text: 'Host rules, each with HTTP paths. Rules of several Ingresses for the same host are merged by the controller.' },
  { path: 'ingress.spec.rules.host', type: '<string>', ref: `${INGRESS}#IngressSpec`, text: 'The host name the request\'s Host header must have: exact ("shop.example.com") or a wildcard for exactly one label ("*.example.com" matches a.example.com, not a.b.example.com). Left out, the rule matches every host. No IP addresses and no ports.' },
  { path: 'ingress.spec.rules.http', type: '<HTTPIngressRuleValue>', ref: `${INGRESS}#IngressSpec`, text: 'The HTTP paths of the rule.' },
  { path: 'ingress.spec.rules.http.paths', type: '<[]HTTPIngressPath> -required-', ref: `${INGRESS}#IngressSpec`, text: 'Path rules, each a path, a pathType and a backend. The longest matching path wins; for equal lengths an Exact match beats a Prefix match.' },
  { path: 'ingress.spec.rules.http.paths.path', type: '<string>', ref: `${INGRESS}#IngressSpec`, text: 'The URL path to match; it must start with "/". How it matches depends on pathType.' },
  { path: 'ingress.spec.rules.http.paths.pathType', type: '<string> -required-', ref: `${INGRESS}#IngressSpec`, text: 'Exact: the path must be equal (case-sensitive). Prefix: matched element by element split on "/", so /foo matches /foo and /foo/bar but not /foobar. ImplementationSpecific: up to the controller (ingress-nginx treats it as a prefix, or as a regex with use-regex).' },
  { path: 'ingress.spec.rules.http.paths.backend', type: '<IngressBackend> -required-', ref: `${INGRESS}#IngressBackend`, text: 'Where matching requests go: service (a Service name and port in the Ingress\'s namespace) or resource. The controller sends traffic straight to the Service\'s endpoints (pod IPs), so the controller-to-pod hop is subject to NetworkPolicy.' },
  { path: 'ingress.spec.rules.http.paths.backend.service', type: '<IngressServiceBackend>', ref: `${INGRESS}#IngressBackend`, text: 'name: a Service in the same namespace as the Ingress. port: its port, by number (the Service\'s port, not the targetPort) or by name. A Service that does not exist or has no ready endpoints gives 503.' },
  { path: 'ingress.spec.tls', type: '<[]IngressTLS>', ref: `${INGRESS}#IngressSpec`, text: 'TLS for some hosts: the hosts and the Secret (type kubernetes.io/tls, same namespace) with their certificate. ingress-nginx then redirects plain HTTP for those hosts to HTTPS (308).' },
  { path: 'ingressclass', type: '', ref: INGRESS_CLASS, text: 'Names a kind of ingress controller; an Ingress picks one with spec.ingressClassName. The annotation ingressclass.kubernetes.io/is-default-class: "true" makes it the default for Ingresses that name none.' },
  { path: 'ingressclass.spec.controller', type: '<string>', ref: `${INGRESS_CLASS}#IngressClassSpec`, text: 'Which controller implements this class, e.g. k8s.io/ingress-nginx. A controller serves the Ingresses whose class has its controller value.' },
  // NetworkPolicy
  { path: 'networkpolicy', type: '', ref: NETPOL, text: 'Which traffic may reach (ingress) or leave (egress) the pods it selects. Pods selected by no policy for a direction allow everything in that direction; once any policy selects a pod for a direction, only what some policy allows passes. Policies only add allowances. Enforced by the CNI plugin (Calico, Cilium do; Flannel does not).' },
  { path: 'networkpolicy.spec', type: '<NetworkPolicySpec>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'The pods it applies to (podSelector), the directions (policyTypes) and the allow rules (ingress, egress).' },
  { path: 'networkpolicy.spec.podSelector', type: '<LabelSelector> -required-', ref: `${NETPOL}#NetworkPolicySpec`, text: 'The pods in the policy\'s namespace this policy applies to. {} selects every pod in the namespace (as in a default-deny policy).' },
  { path: 'networkpolicy.spec.policyTypes', type: '<[]string>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'Ingress, Egress or both: the directions in which the selected pods become isolated. Left out: Ingress always, plus Egress if the policy has egress rules. So a policy meant to block egress with no rules must say Egress here.' },
  { path: 'networkpolicy.spec.ingress', type: '<[]NetworkPolicyIngressRule>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'Allow rules for incoming traffic, ORed. Missing or [] with Ingress in policyTypes: nothing may come in (default deny). One empty rule [{}]: everything may come in.' },
  { path: 'networkpolicy.spec.ingress.from', type: '<[]NetworkPolicyPeer>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'Sources allowed by this rule: a list of peers, any one of which may match (OR). Each peer is a podSelector, a namespaceSelector, both together (AND), or an ipBlock. Missing or empty: any source.' },
  { path: 'networkpolicy.spec.ingress.from.podSelector', type: '<LabelSelector>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_POD_SELECTOR },
  { path: 'networkpolicy.spec.ingress.from.namespaceSelector', type: '<LabelSelector>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_NS_SELECTOR },
  { path: 'networkpolicy.spec.ingress.from.ipBlock', type: '<IPBlock>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_IP_BLOCK },
  { path: 'networkpolicy.spec.ingress.ports', type: '<[]NetworkPolicyPort>', ref: `${NETPOL}#NetworkPolicySpec`, text: NP_PORTS },
  { path: 'networkpolicy.spec.egress', type: '<[]NetworkPolicyEgressRule>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'Allow rules for outgoing traffic, ORed; applies only when policyTypes includes Egress. Remember DNS: a pod isolated for egress must be allowed UDP and TCP port 53 to CoreDNS (the kube-dns Service\'s pods in kube-system), or names stop resolving.' },
  { path: 'networkpolicy.spec.egress.to', type: '<[]NetworkPolicyPeer>', ref: `${NETPOL}#NetworkPolicySpec`, text: 'Destinations allowed by this rule: a list of peers, any one of which may match (OR), as in ingress.from. Missing or empty: any destination. For a Service, the peer must match the pods behind it (policies see pod IPs, after kube-proxy), not the ClusterIP.' },
  { path: 'networkpolicy.spec.egress.to.podSelector', type: '<LabelSelector>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_POD_SELECTOR },
  { path: 'networkpolicy.spec.egress.to.namespaceSelector', type: '<LabelSelector>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_NS_SELECTOR },
  { path: 'networkpolicy.spec.egress.to.ipBlock', type: '<IPBlock>', ref: `${NETPOL}#NetworkPolicySpec`, text: PEER_IP_BLOCK },
  { path: 'networkpolicy.spec.egress.ports', type: '<[]NetworkPolicyPort>', ref: `${NETPOL}#NetworkPolicySpec`, text: NP_PORTS },
  // Pod
  { path: 'pod.spec.hostNetwork', type: '<boolean>', ref: `${POD}#PodSpec`, text: 'When true, the pod uses its node\'s network namespace: its IP is the node\'s IP and its ports are opened on the node. How NetworkPolicy treats such pods is undefined in the API (most plugins cannot tell their traffic from the node\'s), so policies should not rely on selecting them. Default false.' },
  { path: 'pod.spec.containers.ports', type: '<[]ContainerPort>', ref: `${POD}#Container`, text: 'The ports the container listens on. Mostly informational to Kubernetes (a process may listen on any port), but a Service targetPort or a NetworkPolicy port given by name is resolved through these names. In kubequest, a pod accepts traffic only on the ports it declares.' },
  { path: 'pod.spec.containers.ports.containerPort', type: '<integer> -required-', ref: `${POD}#Container`, text: 'The port number the container listens on, on the pod\'s IP. Containers in one pod share the IP, so two containers cannot use the same port.' },
  { path: 'pod.spec.containers.ports.name', type: '<string>', ref: `${POD}#Container`, text: 'An IANA_SVC_NAME (at most 15 characters, lower case, digits and "-") that Services (targetPort) and NetworkPolicies (ports.port) can refer to instead of the number. Unique within the pod.' },
  { path: 'pod.spec.containers.ports.protocol', type: '<string>', ref: `${POD}#Container`, text: 'TCP (default), UDP or SCTP.' },
  { path: 'pod.metadata.labels', type: '<map[string]string>', ref: `${POD}#Pod`, text: 'Key/value pairs that Services, NetworkPolicies and kubectl -l select pods by. A Deployment\'s pods get the labels of its spec.template.metadata, plus pod-template-hash.' },
];

/** Names kubectl accepts for the resource part of `explain`. */
export const EXPLAIN_ALIASES: Readonly<Record<string, string>> = {
  svc: 'service',
  services: 'service',
  ep: 'endpoints',
  endpoint: 'endpoints',
  endpointslices: 'endpointslice',
  ing: 'ingress',
  ingresses: 'ingress',
  ingressclasses: 'ingressclass',
  netpol: 'networkpolicy',
  networkpolicies: 'networkpolicy',
  po: 'pod',
  pods: 'pod',
};
