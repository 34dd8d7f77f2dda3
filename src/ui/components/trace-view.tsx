/**
 * The full hop-by-hop trace of each failing probe (the `t` key).
 *
 *   shop/client → http://web/   no-endpoints
 *     ✓ dns         web → web.shop.svc.cluster.local → 10.96.14.7
 *     ✗ kube-proxy  Service shop/web selects app=wbe; no pod ...
 */
import { Box, Text } from 'ink';
import type { GradeReport } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import type { Theme } from '../theme.js';
import { Explanation } from './explanation.js';

export function TraceView({ report, theme, maxLines, all }: { readonly report: GradeReport; readonly theme: Theme; readonly maxLines: number; readonly all: boolean }) {
  const probes = report.goals.filter((g) => !g.goal.hidden).flatMap((g) => g.probes.filter((p) => all || !p.passed));
  const rows: React.ReactNode[] = [];
  for (const p of probes) {
    if (!p.trace) continue;
    rows.push(
      <Text key={`${rows.length}`} bold color={theme.color ? (p.passed ? theme.verdict.allowed : theme.verdict.denied) : undefined}>
        {p.passed ? '✓' : '✗'} {safeText(p.probe.from)} → {safeText(p.probe.to)}   {p.trace.outcome}
      </Text>,
    );
    for (const hop of p.trace.hops) {
      rows.push(
        <Box key={`${rows.length}`}>
          <Text color={theme.color ? (hop.ok ? theme.verdict.allowed : theme.verdict.denied) : undefined}>
            {'  '}
            {hop.ok ? '✓' : '✗'} {hop.step.padEnd(15)}
          </Text>
          <Explanation tokens={hop.explanation} theme={theme} />
        </Box>,
      );
    }
  }
  if (rows.length === 0) rows.push(<Text key="none">Every probe passed. Press Esc to go back.</Text>);
  return <Box flexDirection="column">{rows.slice(0, maxLines)}</Box>;
}
