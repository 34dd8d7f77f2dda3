/**
 * The sandbox: any manifests the player writes, built into a world to
 * explore with the console. No goals, no grading; problems are reported as
 * in a level, and objects with errors are left out, as kubectl would.
 */
import { parseManifests, validateObjects, type Problem } from '../manifests/index.js';
import { buildWorld, type ClusterSettings, type World } from '../sim/index.js';

/** A first sandbox: a small shop to poke at. */
export const SANDBOX_STARTER = `# The sandbox: write any manifests, then press Esc and : for a kubectl console.
# Try: kubectl get pods -o wide, kubectl exec client -- curl http://web/
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
    - name: shell
      image: busybox
`;

export function sandboxWorld(text: string, file: string, settings: Partial<ClusterSettings> = {}): { readonly world: World; readonly problems: readonly Problem[] } {
  const parsed = parseManifests(text, file);
  const valid = parsed.objects.filter((o) => o.valid);
  const problems = [...parsed.problems, ...validateObjects(valid, settings)];
  return { world: buildWorld(valid.map((o) => o.object), settings), problems };
}
