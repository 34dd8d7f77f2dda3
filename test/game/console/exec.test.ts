import { describe, expect, test } from 'vitest';
import { runConsoleCommand } from '../../../src/game/index.js';
import { fixedWorld } from './_fixed-world.js';
import { shopWorld } from './_shop-world.js';

const shop = shopWorld();
const run = (line: string) => runConsoleCommand(shop, line, { namespace: 'shop' });
const web = (ip: string) => shop.services.find((s) => s.name === 'web' && s.namespace === 'shop')!.clusterIP === ip;
const ipOf = (name: string) => shop.services.find((s) => s.name === name && s.namespace === 'shop')!.clusterIP!;

describe('kubectl exec - curl', () => {
  test('delivered: an (invented) body from one of the pods that may answer', () => {
    const result = run('kubectl exec client -- curl -s http://web');
    expect(result.error).toBeUndefined();
    expect(result.trace?.outcome).toBe('delivered');
    const pod = result.trace!.reach[0]!.split('/')[1]!;
    const ip = shop.pods.find((p) => p.name === pod)!.ip;
    expect(result.output).toBe(`Hello from ${pod} (${ip})`);
  });

  test('dns-failure: Could not resolve host', () => {
    const result = run('kubectl exec client -- curl http://webb');
    expect(result).toMatchObject({ error: true, output: 'curl: (6) Could not resolve host: webb\ncommand terminated with exit code 6' });
    expect(result.trace?.outcome).toBe('dns-failure');
  });

  test('no-endpoints: kube-proxy rejects, so the connection is refused', () => {
    const result = run('kubectl exec client -- curl http://db:5432');
    expect(result.trace?.outcome).toBe('no-endpoints');
    expect(result.output).toBe('curl: (7) Failed to connect to db port 5432 after 3 ms: Connection refused\ncommand terminated with exit code 7');
  });

  test('refused: nothing listens on the port', () => {
    const result = runConsoleCommand(fixedWorld(), 'kubectl exec client -n shop -- curl http://192.168.0.5:9999');
    expect(result.trace?.outcome).toBe('refused');
    expect(result.output).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.0\.5 port 9999 after 3 ms: Connection refused/);
  });

  test('denied: NetworkPolicy drops it, the client times out', () => {
    const result = run('kubectl exec intruder -- curl -m 2 http://api:9000');
    expect(result.trace?.outcome).toBe('denied');
    expect(result.output).toBe('curl: (28) Connection timed out after 2000 milliseconds\ncommand terminated with exit code 28');
    expect(run('kubectl exec client -- curl http://api:9000').trace?.outcome).toBe('delivered');
  });

  test('unreachable: a port the Service does not expose is dropped', () => {
    const result = run('kubectl exec client -- curl web:81');
    expect(result.trace?.outcome).toBe('unreachable');
    expect(result.output).toMatch(/^curl: \(28\) Connection timed out after 5000 milliseconds/);
  });

  test('-s hides the error as curl does; -sS shows it', () => {
    expect(run('kubectl exec client -- curl -s http://webb').output).toBe('command terminated with exit code 6');
    expect(run('kubectl exec client -- curl -sS http://webb').output).toMatch(/^curl: \(6\)/);
  });

  test('-o /dev/null -w "%{http_code}"', () => {
    expect(run('kubectl exec client -- curl -s -o /dev/null -w "%{http_code}" http://web').output).toBe('200');
  });

  test('POD may be the Deployment\'s name or deploy/NAME', () => {
    expect(run('kubectl exec web -- curl -s http://api:9000').trace?.from).toMatch(/^shop\/web-/);
    expect(run('kubectl exec deploy/web -- curl -s http://api:9000').trace?.outcome).toBe('denied');
  });

  test('sh -c runs the quoted command', () => {
    expect(run(`kubectl exec client -- sh -c 'curl -s web'`).trace?.outcome).toBe('delivered');
  });
});

describe('kubectl exec - wget, nslookup, nc', () => {
  test('wget -qO- prints the body; errors as BusyBox words them', () => {
    expect(run('kubectl exec client -- wget -qO- http://web').output).toMatch(/^Hello from web-/);
    expect(run('kubectl exec client -- wget -qO- http://webb').output).toBe("wget: bad address 'webb'\ncommand terminated with exit code 1");
    expect(run('kubectl exec client -- wget -qO- http://db:5432').output).toBe(`wget: can't connect to remote host (${ipOf('db')}): Connection refused\ncommand terminated with exit code 1`);
    expect(run('kubectl exec intruder -- wget -qO- http://api:9000').output).toBe('wget: download timed out\ncommand terminated with exit code 1');
  });

  test('nslookup: the server, then the name and address', () => {
    const result = run('kubectl exec client -- nslookup web');
    expect(result.output).toBe(['Server:         10.96.0.10', 'Address:        10.96.0.10#53', '', 'Name:   web.shop.svc.cluster.local', `Address: ${ipOf('web')}`].join('\n'));
    expect(web(ipOf('web'))).toBe(true);
  });

  test('nslookup of a missing name: NXDOMAIN', () => {
    const result = run('kubectl exec client -- nslookup web.shopp');
    expect(result.error).toBe(true);
    expect(result.output).toContain("** server can't find web.shopp: NXDOMAIN");
  });

  test('nslookup when egress to DNS is blocked: no servers could be reached', () => {
    const world = shopWorld();
    const blocked = runConsoleCommand(
      { ...world, networkPolicies: [...world.networkPolicies, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'no-egress', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Egress'] } }] },
      'kubectl exec client -n shop -- nslookup web',
    );
    expect(blocked.output).toBe(';; connection timed out; no servers could be reached\ncommand terminated with exit code 1');
  });

  test('nc -zv: open, refused, timed out', () => {
    expect(run('kubectl exec client -- nc -zv web 80').output).toBe(`web (${ipOf('web')}:80) open`);
    expect(run('kubectl exec client -- nc -zv db 5432').output).toBe(`nc: db (${ipOf('db')}:5432): Connection refused\ncommand terminated with exit code 1`);
    expect(run('kubectl exec intruder -- nc -zv api 9000').output).toBe(`nc: api (${ipOf('api')}:9000): Connection timed out\ncommand terminated with exit code 1`);
    expect(run('kubectl exec client -- nc -zvu kube-dns.kube-system 53').output).toBe('kube-dns.kube-system (10.96.0.10:53) open');
  });
});

describe('kubectl exec - mistakes', () => {
  test.each([
    ['kubectl exec nope -- curl web', /^Error from server \(NotFound\): pods "nope" not found/],
    ['kubectl exec client curl web', /Use exec \[POD\] -- \[COMMAND\] instead/],
    ['kubectl exec client --', /at least one command/],
    ['kubectl exec client -c nope -- curl web', /container nope is not valid for pod client/],
    ['kubectl exec client -- ls /', /can run curl, wget, nslookup and nc/],
    ['kubectl exec client -- curl', /no URL specified/],
    ['kubectl exec client -- curl ftp://web', /Protocol "ftp" not supported/],
    ['kubectl exec client -- nc -zv web', /usage: nc/],
    ['kubectl exec client -- nc -zv web 99999', /port number invalid/],
  ])('%s', (line, message) => {
    const result = run(line);
    expect(result.error).toBe(true);
    expect(result.output).toMatch(message);
  });
});

describe('kubectl exec - nslookup follows the pod\'s dnsPolicy', () => {
  test('a pod with dnsPolicy Default asks the node\'s resolver, which knows no cluster names', async () => {
    const { worldFromYaml } = await import('../../helpers/yaml-world.js');
    const world = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: legacy}
spec: {dnsPolicy: Default, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: modern}
spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
`);
    expect(runConsoleCommand(world, 'kubectl exec legacy -- nslookup web').output).toContain("server can't find web");
    expect(runConsoleCommand(world, 'kubectl exec modern -- nslookup web').output).toMatch(/Name:\s+web\.default\.svc\.cluster\.local/);
  });
});
