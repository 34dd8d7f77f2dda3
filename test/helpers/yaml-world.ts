import { parseAllDocuments } from 'yaml';
import { buildWorld, type ClusterSettings, type KubeObject, type World } from '../../src/sim/index.js';

/** A world from inline YAML, for tests that read like the manifests a learner writes. */
export function worldFromYaml(text: string, settings?: Partial<ClusterSettings>): World {
  const objects = parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
  return buildWorld(objects, settings);
}
