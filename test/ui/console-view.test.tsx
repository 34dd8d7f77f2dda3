import { render } from 'ink-testing-library';
import { describe, expect, test } from 'vitest';
import { ConsoleView } from '../../src/ui/components/console-view.js';
import { themeFor } from '../../src/ui/theme.js';
import { KEY, press, waitForFrame } from '../helpers/render.js';
import { worldFromYaml } from '../helpers/yaml-world.js';

const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {containers: [{name: shell, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`);

describe('ConsoleView', () => {
  test('runs kubectl commands on the level world and shows their output', async () => {
    const instance = render(<ConsoleView world={world} namespace="default" theme={themeFor('dark', { NO_COLOR: '1' })} height={20} onClose={() => undefined} />);
    await waitForFrame(instance, 'kubectl on this cluster');
    await press(instance, 'kubectl get svc web', KEY.enter);
    const frame = await waitForFrame(instance, 'CLUSTER-IP');
    expect(frame).toMatch(/web\s+ClusterIP\s+10\.\d+\.\d+\.\d+/);
  });

  test('↑ brings back the last command', async () => {
    const instance = render(<ConsoleView world={world} namespace="default" theme={themeFor('dark', { NO_COLOR: '1' })} height={20} onClose={() => undefined} />);
    await waitForFrame(instance, 'kubectl on this cluster');
    await press(instance, 'k get pods', KEY.enter);
    await waitForFrame(instance, 'READY');
    await press(instance, KEY.up);
    await waitForFrame(instance, /\$ k get pods\s*$/m);
  });
});
