import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runConsoleCommand } from '../../../src/game/index.js';
import { splitShellWords } from '../../../src/game/console/shell-words.js';
import { formatTabbed, GET_TABLE, DESCRIBE } from '../../../src/game/console/tabwriter.js';
import { formatLabelSelector, matchesSelectorText, parseSelector } from '../../../src/game/console/selectors.js';
import { worldFromYaml } from '../../helpers/yaml-world.js';
import { shopWorld } from './_shop-world.js';

const world = shopWorld();
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('the console line', () => {
  test('help lists the commands', () => {
    const out = runConsoleCommand(world, 'help').output;
    for (const cmd of ['kubectl get', 'kubectl describe', 'kubectl explain', 'kubectl exec']) expect(out).toContain(cmd);
  });

  test('anything but kubectl points at help', () => {
    expect(runConsoleCommand(world, 'ls -la')).toEqual({ output: "kubequest's console knows kubectl get/describe/explain/exec; try `help`", error: true });
    expect(runConsoleCommand(world, 'curl web').output).toContain('kubectl exec POD -- curl');
    expect(runConsoleCommand(world, 'kubectl apply -f x.yaml').output).toMatch(/^error: unknown command "apply" for "kubectl"/);
  });

  test('an empty line prints nothing', () => {
    expect(runConsoleCommand(world, '   ')).toEqual({ output: '' });
  });

  test('global flags may come before the command', () => {
    expect(runConsoleCommand(world, 'kubectl -n shop get netpol -o name').output).toBe('networkpolicy.networking.k8s.io/api-allow-client');
  });

  test('an unclosed quote is an error, not a crash', () => {
    expect(runConsoleCommand(world, 'kubectl get pods -l "app=web')).toEqual({ output: 'error: unexpected end of line: the double quote is never closed', error: true });
  });

  test('control characters from input never reach the output', () => {
    const evil = worldFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default, labels: {app: "x\\e[31mred"}}
spec: {containers: [{name: c, image: "img\\e]0;title\\a"}]}
`);
    for (const line of ['kubectl get pods --show-labels', 'kubectl describe pod p', 'kubectl get pod p -o yaml', 'kubectl get pods -n "\u001b[2J"', 'kubectl explain "svc.\u001b[2J"']) {
      expect(runConsoleCommand(evil, line).output, line).not.toMatch(CONTROL);
    }
  });

  test('never throws and never prints control characters, whatever the line', () => {
    const words = fc.constantFrom('kubectl', 'k', 'get', 'describe', 'explain', 'exec', '--', '-n', 'shop', '-A', '-o', 'yaml', 'wide', 'name', '-l', 'app=web', '!app', 'pods', 'svc', 'ep', 'netpol', 'nodes', 'ns', 'ing', 'client', 'web', 'curl', 'wget', 'nslookup', 'nc', '-zv', '80', 'http://web', '-qO-', '"', "'", '\u001b', 'x\u0007');
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 8 }), (parts) => {
        const result = runConsoleCommand(world, parts.join(' '), { namespace: 'shop' });
        expect(typeof result.output).toBe('string');
        expect(result.output).not.toMatch(CONTROL);
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitShellWords', () => {
  test.each([
    [`kubectl exec a -- curl -s "http://web/a b"`, ['kubectl', 'exec', 'a', '--', 'curl', '-s', 'http://web/a b']],
    [`a 'b "c"' d\\ e`, ['a', 'b "c"', 'd e']],
    [`-w "%{http_code}\\n"`, ['-w', '%{http_code}\\n']],
    [`"" x`, ['', 'x']],
  ])('%s', (line, words) => {
    expect(splitShellWords(line)).toEqual({ ok: true, words });
  });
});

describe('formatTabbed - Go tabwriter rules', () => {
  test('get tables: padding 3, the last column unpadded', () => {
    expect(formatTabbed('NAME\tREADY\tAGE\nweb-1\t1/1\t5m', GET_TABLE)).toBe('NAME    READY   AGE\nweb-1   1/1     5m');
  });

  test('minimum width 6', () => {
    expect(formatTabbed('A\tB\nC\tD', GET_TABLE)).toBe('A     B\nC     D');
  });

  test('a line without tabs ends the column block', () => {
    expect(formatTabbed('Name:\tx\nIPs:\n  IP:\ty\nControlled By:\tz', DESCRIBE)).toBe('Name:  x\nIPs:\n  IP:           y\nControlled By:  z');
  });

  test('a cell in a later column is aligned only with its neighbours', () => {
    expect(formatTabbed('Port:\thttp\t80/TCP\nTargetPort:\t8080/TCP', DESCRIBE)).toBe('Port:        http  80/TCP\nTargetPort:  8080/TCP');
  });
});

describe('label selectors', () => {
  test.each([
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'db' }, false],
    ['app!=web', {}, true],
    ['app', { app: '' }, true],
    ['!app', { app: 'x' }, false],
    ['tier in (a, b),app', { tier: 'b', app: 'x' }, true],
    ['tier notin (a,b)', { tier: 'a' }, false],
  ])('-l %s on %o', (text, labels, expected) => {
    const parsed = parseSelector(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(matchesSelectorText(parsed.selector, labels)).toBe(expected);
  });

  test('formatLabelSelector as kubectl prints a NetworkPolicy podSelector', () => {
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector({ matchLabels: { b: '1', a: '2' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }, { key: 'd', operator: 'DoesNotExist' }] })).toBe('a=2,b=1,c in (x,y),!d');
  });
});
