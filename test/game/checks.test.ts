import { describe, expect, test } from 'vitest';
import { checkProbe, type Probe } from '../../src/game/index.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

const at = { line: 1, col: 1 };

describe('checkProbe - reach', () => {
  // Two web pods listen on 8080, a third (an old version) on 80; the Service sends to 8080.
  const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-new, labels: {app: web, version: v2}}
spec: {containers: [{name: web, image: web:2, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-old, labels: {app: web, version: v1}}
spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-v2}
spec: {selector: {app: web, version: v2}, ports: [{port: 80, targetPort: 8080}]}
`);
  const probe = (to: string, labels: Record<string, string>): Probe => ({ from: 'default/client', to, expect: { kind: 'reach-selector', labels }, at });

  test('passes when exactly the expected pods receive it', () => {
    expect(checkProbe(world, probe('http://web-v2/', { version: 'v2' })).passed).toBe(true);
  });

  test('fails when another selected pod turns some connections away, and says which', () => {
    const result = checkProbe(world, probe('http://web/', { version: 'v2' }));
    expect(result.trace?.reach).toEqual(['default/web-new']);
    expect(result.passed).toBe(false);
    expect(result.actual).toMatch(/default\/web-old, which is an endpoint too, refuses it/);
  });
});
