import type { KubeObject } from './model.js';

/** Namespaced objects without `metadata.namespace` land in `default`, as kubectl's context would put them. */
export function namespaceOfObject(obj: KubeObject): string {
  return obj.metadata?.namespace || 'default';
}
