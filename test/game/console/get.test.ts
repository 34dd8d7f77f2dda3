import { describe, expect, test } from 'vitest';
import { runConsoleCommand } from '../../../src/game/index.js';
import { fixedWorld } from './_fixed-world.js';
import { shopWorld } from './_shop-world.js';

const world = fixedWorld();
const run = (line: string, namespace = 'shop') => runConsoleCommand(world, line, { namespace });
const text = (lines: readonly string[]) => lines.join('\n');

describe('kubectl get - tables as kubectl prints them', () => {
  test('get pods', () => {
    expect(run('kubectl get pods').output).toBe(
      text([
        'NAME     READY   STATUS    RESTARTS   AGE',
        'client   1/1     Running   0          5m',
        'web-1    1/1     Running   0          5m',
        'web-2    1/1     Running   0          5m',
        'web-3    1/1     Running   0          5m',
        'web-4    1/1     Running   0          5m',
        'web-5    0/1     Running   0          5m',
      ]),
    );
  });

  test('get pods -o wide', () => {
    expect(run('k get po -o wide -l app=web,app!=db').output).toBe(
      text([
        'NAME    READY   STATUS    RESTARTS   AGE   IP             NODE     NOMINATED NODE   READINESS GATES',
        'web-1   1/1     Running   0          5m    192.168.0.5    node-1   <none>           <none>',
        'web-2   1/1     Running   0          5m    192.168.1.9    node-2   <none>           <none>',
        'web-3   1/1     Running   0          5m    192.168.2.7    node-3   <none>           <none>',
        'web-4   1/1     Running   0          5m    192.168.0.6    node-1   <none>           <none>',
        'web-5   0/1     Running   0          5m    192.168.1.10   node-2   <none>           <none>',
      ]),
    );
  });

  test('get svc: NodePort ports, <pending> load balancer, headless None, ExternalName', () => {
    expect(run('kubectl get svc').output).toBe(
      text([
        'NAME       TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)         AGE',
        'ext        ExternalName   <none>       db.example.com   <none>          5m',
        'headless   ClusterIP      None         <none>           5432/TCP        5m',
        'lb         LoadBalancer   10.96.12.5   <pending>        443:31443/TCP   5m',
        'web        NodePort       10.96.12.4   <none>           80:30080/TCP    5m',
      ]),
    );
  });

  test('get svc -o wide adds SELECTOR', () => {
    expect(run('kubectl get svc web -o wide').output).toBe(
      text([
        'NAME   TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
        'web    NodePort   10.96.12.4   <none>        80:30080/TCP   5m    app=web',
      ]),
    );
  });

  test('get endpoints: ready addresses only, three then "+ N more..."', () => {
    expect(run('kubectl get ep').output).toBe(
      text([
        'NAME       ENDPOINTS                                                        AGE',
        'headless   <none>                                                           5m',
        'lb         192.168.0.5:8080,192.168.0.6:8080,192.168.1.9:8080 + 1 more...   5m',
        'web        192.168.0.5:8080,192.168.0.6:8080,192.168.1.9:8080 + 1 more...   5m',
      ]),
    );
  });

  test('get endpointslices: every address, ready or not; an empty placeholder slice', () => {
    const out = run('kubectl get endpointslices').output.split('\n');
    expect(out[0]).toBe('NAME             ADDRESSTYPE   PORTS     ENDPOINTS                                          AGE');
    expect(out.slice(1).map((l) => l.replace(/^(\w+)-\w{5}/, '$1-xxxxx'))).toEqual([
      'headless-xxxxx   IPv4          <unset>   <unset>                                            5m',
      'lb-xxxxx         IPv4          8080      192.168.0.5,192.168.0.6,192.168.1.10 + 2 more...   5m',
      'web-xxxxx        IPv4          8080      192.168.0.5,192.168.0.6,192.168.1.10 + 2 more...   5m',
    ]);
  });

  test('get nodes and -o wide', () => {
    expect(run('kubectl get nodes').output).toBe(
      text([
        'NAME     STATUS   ROLES    AGE   VERSION',
        'node-1   Ready    <none>   5m    v1.30.0',
        'node-2   Ready    <none>   5m    v1.30.0',
        'node-3   Ready    <none>   5m    v1.30.0',
      ]),
    );
    expect(run('kubectl get no node-1 -o wide').output).toBe(
      text([
        'NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION       CONTAINER-RUNTIME',
        'node-1   Ready    <none>   5m    v1.30.0   10.0.0.11     <none>        Ubuntu 22.04.4 LTS   5.15.0-105-generic   containerd://1.7.13',
      ]),
    );
  });

  test('get ns', () => {
    expect(run('kubectl get ns').output).toBe(
      text([
        'NAME              STATUS   AGE',
        'default           Active   5m',
        'kube-node-lease   Active   5m',
        'kube-public       Active   5m',
        'kube-system       Active   5m',
        'shop              Active   5m',
      ]),
    );
  });

  test('-A adds NAMESPACE and shows the system Services', () => {
    expect(run('kubectl get svc -A -l "!app"').output).toBe(
      text([
        'NAMESPACE     NAME         TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                  AGE',
        'default       kubernetes   ClusterIP      10.96.0.1    <none>           443/TCP                  5m',
        'kube-system   kube-dns     ClusterIP      10.96.0.10   <none>           53/UDP,53/TCP,9153/TCP   5m',
        'shop          ext          ExternalName   <none>       db.example.com   <none>                   5m',
        'shop          headless     ClusterIP      None         <none>           5432/TCP                 5m',
        'shop          lb           LoadBalancer   10.96.12.5   <pending>        443:31443/TCP            5m',
      ]),
    );
  });

  test('several types: one table each, names prefixed with the type', () => {
    expect(run('kubectl get svc,ep -l app=web').output).toBe(
      text([
        'NAME          TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE',
        'service/web   NodePort   10.96.12.4   <none>        80:30080/TCP   5m',
        '',
        'NAME            ENDPOINTS                                                        AGE',
        'endpoints/web   192.168.0.5:8080,192.168.0.6:8080,192.168.1.9:8080 + 1 more...   5m',
      ]),
    );
  });

  test('--show-labels and -o name', () => {
    expect(run('kubectl get pods client --show-labels').output).toBe(
      text(['NAME     READY   STATUS    RESTARTS   AGE   LABELS', 'client   1/1     Running   0          5m    role=client']),
    );
    expect(run('kubectl get svc,netpol -o name -l app=web').output).toBe('service/web');
    expect(run('kubectl get pod/web-1 svc/web -o name').output).toBe('pod/web-1\nservice/web');
  });

  test('ingress, ingressclass and netpol tables', () => {
    const shop = shopWorld();
    expect(runConsoleCommand(shop, 'kubectl get ing -n shop').output).toBe(
      text(['NAME   CLASS   HOSTS              ADDRESS   PORTS   AGE', 'web    nginx   shop.example.com             80      5m']),
    );
    expect(runConsoleCommand(shop, 'kubectl get netpol -n shop').output).toBe(
      text(['NAME               POD-SELECTOR   AGE', 'api-allow-client   app=api        5m']),
    );
    expect(runConsoleCommand(shop, 'kubectl get ingressclass').output).toBe('No resources found');
  });

  test('"No resources found" names the namespace', () => {
    expect(run('kubectl get pods -n empty')).toEqual({ output: 'No resources found in empty namespace.' });
    expect(run('kubectl get netpol')).toEqual({ output: 'No resources found in shop namespace.' });
    expect(run('kubectl get pods -A -l app=nothing')).toEqual({ output: 'No resources found' });
  });

  test('the namespace option is the default, -n overrides it', () => {
    expect(runConsoleCommand(world, 'kubectl get svc').output).toBe(
      text(['NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE', 'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m']),
    );
    expect(runConsoleCommand(world, 'kubectl -n kube-system get svc -o name')).toEqual({ output: 'service/kube-dns' });
  });
});

describe('kubectl get -o yaml / json', () => {
  test('one named object prints the object, keys sorted, sequences not indented', () => {
    expect(run('kubectl get svc web -o yaml').output).toBe(
      text([
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  labels:',
        '    app: web',
        '  name: web',
        '  namespace: shop',
        'spec:',
        '  clusterIP: 10.96.12.4',
        '  clusterIPs:',
        '  - 10.96.12.4',
        '  externalTrafficPolicy: Cluster',
        '  internalTrafficPolicy: Cluster',
        '  ipFamilies:',
        '  - IPv4',
        '  ipFamilyPolicy: SingleStack',
        '  ports:',
        '  - name: http',
        '    nodePort: 30080',
        '    port: 80',
        '    protocol: TCP',
        '    targetPort: http',
        '  selector:',
        '    app: web',
        '  sessionAffinity: None',
        '  type: NodePort',
        'status:',
        '  loadBalancer: {}',
      ]),
    );
  });

  test('a list prints kind: List', () => {
    const out = run('kubectl get pods -l role=client -o yaml').output;
    expect(out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(out.endsWith('kind: List\nmetadata:\n  resourceVersion: ""')).toBe(true);
    expect(out).toContain('    podIP: 192.168.0.20');
  });

  test('-o json parses back', () => {
    const obj = JSON.parse(run('kubectl get ep web -o json').output) as { subsets: { addresses: { ip: string }[]; notReadyAddresses: { ip: string }[] }[] };
    expect(obj.subsets[0]!.addresses.map((a) => a.ip)).toEqual(['192.168.0.5', '192.168.0.6', '192.168.1.9', '192.168.2.7']);
    expect(obj.subsets[0]!.notReadyAddresses.map((a) => a.ip)).toEqual(['192.168.1.10']);
  });
});

describe('kubectl get - mistakes', () => {
  test.each([
    ['kubectl get', /You must specify the type of resource to get/],
    ['kubectl get foos', /the server doesn't have a resource type "foos"/],
    ['kubectl get deploy', /does not show "deploy".*kubectl get pods/],
    ['kubectl get pods nope', /^Error from server \(NotFound\): pods "nope" not found$/],
    ['kubectl get pods -o table', /unable to match a printer/],
    ['kubectl get pods -l "a in (b"', /unable to parse requirement/],
    ['kubectl get pods web-1 -l app=web', /name cannot be provided when a selector is specified/],
    ['kubectl get pods --watch', /unknown flag: --watch/],
    ['kubectl get pods -n', /flag needs an argument/],
  ])('%s', (line, message) => {
    const result = run(line);
    expect(result.error).toBe(true);
    expect(result.output).toMatch(message);
  });

  test('found objects are printed before the NotFound errors', () => {
    const result = run('kubectl get pods web-1 nope');
    expect(result.error).toBe(true);
    expect(result.output).toBe(text(['NAME    READY   STATUS    RESTARTS   AGE', 'web-1   1/1     Running   0          5m', 'Error from server (NotFound): pods "nope" not found']));
  });
});
