import type { ClusterSettings, CniName } from './model.js';

export const CNI_NAMES: readonly CniName[] = ['calico', 'flannel', 'weave', 'cilium'];

/** Each plugin's usual pod network, as its install manifests default it. */
const DEFAULT_POD_CIDR: Record<CniName, string> = {
  calico: '192.168.0.0/16',
  flannel: '10.244.0.0/16',
  weave: '10.32.0.0/12',
  cilium: '10.0.0.0/8',
};

/** Whether the plugin implements NetworkPolicy; flannel only wires up the pod network. */
export const CNI_ENFORCES_POLICY: Record<CniName, boolean> = {
  calico: true,
  flannel: false,
  weave: true,
  cilium: true,
};

export function isCniName(value: unknown): value is CniName {
  return typeof value === 'string' && (CNI_NAMES as readonly string[]).includes(value);
}

export function resolveSettings(partial: Partial<ClusterSettings> = {}): ClusterSettings {
  const cni = partial.cni ?? 'calico';
  return {
    cni,
    podCidr: partial.podCidr ?? DEFAULT_POD_CIDR[cni],
    serviceCidr: partial.serviceCidr ?? '10.96.0.0/12',
    clusterDomain: partial.clusterDomain ?? 'cluster.local',
    nodePortRange: partial.nodePortRange ?? { min: 30000, max: 32767 },
    cloudLoadBalancer: partial.cloudLoadBalancer ?? false,
  };
}
