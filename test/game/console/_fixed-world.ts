/**
 * A world whose every address is pinned (pod IPs, nodes, ClusterIPs), so
 * tests can compare kubectl-shaped tables character for character.
 */
import type { World } from '../../../src/sim/index.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';

const pod = (name: string, ip: string, node: string, labels: string, ports = '[{name: http, containerPort: 8080}]', ready = true) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {${labels}}}
spec: {nodeName: ${node}, containers: [{name: app, image: example/${name}, ports: ${ports}}]}
status: {podIP: ${ip}${ready ? '' : ', conditions: [{type: Ready, status: "False"}]'}}
---`;

export const FIXED_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${pod('web-1', '192.168.0.5', 'node-1', 'app: web')}
${pod('web-2', '192.168.1.9', 'node-2', 'app: web')}
${pod('web-3', '192.168.2.7', 'node-3', 'app: web')}
${pod('web-4', '192.168.0.6', 'node-1', 'app: web')}
${pod('web-5', '192.168.1.10', 'node-2', 'app: web', '[{name: http, containerPort: 8080}]', false)}
${pod('client', '192.168.0.20', 'node-1', 'role: client', '[]')}
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  type: NodePort
  clusterIP: 10.96.12.4
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: shop}
spec:
  type: LoadBalancer
  clusterIP: 10.96.12.5
  selector: {app: web}
  ports: [{port: 443, targetPort: 8080, nodePort: 31443}]
---
apiVersion: v1
kind: Service
metadata: {name: headless, namespace: shop}
spec: {clusterIP: None, selector: {app: nothing}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com}
`;

export function fixedWorld(): World {
  return worldFromYaml(FIXED_YAML);
}
