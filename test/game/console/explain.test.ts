import { describe, expect, test } from 'vitest';
import { runConsoleCommand } from '../../../src/game/index.js';
import { EXPLAIN_KINDS, EXPLAIN_TEXTS } from '../../../src/game/console/explain-texts.js';
import { buildWorld } from '../../../src/sim/index.js';

const world = buildWorld([]);
const run = (line: string) => runConsoleCommand(world, line);

describe('kubectl explain', () => {
  test('a field: kind, version, field and type, our text, the reference link', () => {
    const out = run('kubectl explain service.spec.ports.targetPort').output;
    expect(out.split('\n').slice(0, 7)).toEqual(['KIND:       Service', 'VERSION:    v1', '', 'FIELD: targetPort <IntOrString>', '', 'DESCRIPTION:', expect.stringMatching(/^ {4}The port on the pods/)]);
    expect(out).toMatch(/REFERENCE:\n {4}https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/service-resources\/service-v1\/#ServiceSpec$/);
  });

  test('aliases and any case: netpol, svc, targetport', () => {
    expect(run('k explain netpol.spec.ingress.from').output).toContain('GROUP:      networking.k8s.io\nKIND:       NetworkPolicy');
    expect(run('k explain netpol.spec.ingress.from').output).toContain('FIELDS:\n  podSelector        <LabelSelector>\n  namespaceSelector  <LabelSelector>\n  ipBlock            <IPBlock>');
    expect(run('k explain svc.spec.ports.targetport').error).toBeUndefined();
  });

  test('descriptions are wrapped within 80 columns', () => {
    for (const t of EXPLAIN_TEXTS) {
      const out = run(`kubectl explain ${t.path}`).output;
      const long = out.split('\n').filter((l) => l.length > 80 && !l.includes('https://'));
      expect(long, t.path).toEqual([]);
    }
  });

  test('every text has a kind, a type for fields and a link to the API reference', () => {
    expect(EXPLAIN_TEXTS.length).toBeGreaterThanOrEqual(40);
    for (const t of EXPLAIN_TEXTS) {
      expect(EXPLAIN_KINDS[t.path.split('.')[0]!], t.path).toBeDefined();
      expect(t.ref, t.path).toMatch(/^https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\//);
      if (t.path.includes('.')) expect(t.type, t.path).toMatch(/^<.+>/);
    }
  });

  test('a misspelt field suggests the close matches', () => {
    const result = run('kubectl explain svc.spec.selectr');
    expect(result.error).toBe(true);
    expect(result.output).toContain('Did you mean:\n  service.spec.selector');
    expect(run('kubectl explain service.spec.port.target').output).toContain('service.spec.ports.targetPort');
  });

  test('an unknown resource says so', () => {
    const result = run('kubectl explain widget.spec');
    expect(result.error).toBe(true);
    expect(result.output).toMatch(/^error: the server doesn't have a resource type "widget"/);
  });
});
