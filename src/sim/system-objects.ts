/**
 * What every kubeadm-style cluster runs before anyone applies a manifest:
 * CoreDNS behind the `kube-dns` Service, and the `kubernetes` Service in front
 * of the API server. A manifest that declares its own version of one of these
 * replaces it.
 */
import { formatIPv4, parseCidr } from './cidr.js';
import type { ClusterSettings, KubeObject, Node } from './model.js';

/** kubeadm gives kube-dns the tenth address of the service network (10.96.0.10 by default). */
export function kubeDnsIP(settings: ClusterSettings): string {
  return nthServiceIP(settings, 10);
}

/** The first address of the service network belongs to the `kubernetes` Service. */
export function apiServerServiceIP(settings: ClusterSettings): string {
  return nthServiceIP(settings, 1);
}

function nthServiceIP(settings: ClusterSettings, n: number): string {
  const cidr = parseCidr(settings.serviceCidr);
  return cidr ? formatIPv4((cidr.base + n) >>> 0) : '';
}

const COREDNS_LABELS = { 'k8s-app': 'kube-dns' };

function isDeclared(given: readonly KubeObject[], kind: string, namespace: string, name: string): boolean {
  return given.some((o) => o.kind === kind && (o.metadata?.namespace ?? 'default') === namespace && o.metadata?.name === name);
}

export function systemObjects(given: readonly KubeObject[], settings: ClusterSettings, nodes: readonly Node[]): KubeObject[] {
  const out: KubeObject[] = [];
  if (!isDeclared(given, 'Deployment', 'kube-system', 'coredns')) {
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: COREDNS_LABELS },
      spec: {
        replicas: 2,
        selector: { matchLabels: COREDNS_LABELS },
        template: {
          metadata: { labels: COREDNS_LABELS },
          spec: {
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.1',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { name: 'dns', containerPort: 53, protocol: 'UDP' },
                  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                ],
              },
            ],
          },
        },
      },
    });
  }
  if (!isDeclared(given, 'Service', 'kube-system', 'kube-dns')) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: kubeDnsIP(settings),
        selector: COREDNS_LABELS,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    });
  }
  const apiServerNode = nodes[0];
  if (!isDeclared(given, 'Service', 'default', 'kubernetes') && apiServerNode) {
    out.push(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: apiServerServiceIP(settings), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [apiServerNode.internalIP], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    );
  }
  return out;
}
