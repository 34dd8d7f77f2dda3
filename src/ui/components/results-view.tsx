/**
 * What a check found, one line per failing probe (expected vs actual), the
 * first hop where the path broke, then problems in the YAML and the hints
 * that fit. `t` opens the whole trace.
 *
 *   ✗ shop/client → http://web/
 *     expected delivered to exactly the ready pods with app=web (...)
 *     got no-endpoints: Service shop/web selects app=wbe; no pod ...
 */
import { Box, Text } from 'ink';
import type { GradeReport } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export function ResultsView({ report, theme, maxLines }: { readonly report: GradeReport; readonly theme: Theme; readonly maxLines: number }) {
  const lines: { text: string; color?: string | undefined; indent?: number }[] = [];
  const red = theme.color ? theme.verdict.denied : undefined;
  const dim = theme.color ? theme.text.dim : undefined;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) {
    lines.push({
      text: `Your YAML has ${errors === 1 ? 'an error' : `${errors} errors`}: what it is in was not applied (as kubectl would refuse it), so the goals below ran without it.`,
      color: red,
    });
  }
  for (const p of report.problems) {
    lines.push({ text: `line ${p.line}:${p.col}: ${safeText(p.message)}`, color: p.severity === 'error' ? red : theme.color ? theme.verdict.pending : undefined });
    if (p.hint) lines.push({ text: `hint: ${safeText(p.hint)}`, color: dim, indent: 2 });
  }
  for (const goal of report.goals) {
    if (goal.passed || goal.goal.hidden) continue;
    if (goal.answer) {
      lines.push({ text: `✗ ${goal.goal.title}`, color: red });
      lines.push({ text: `you said ${goal.answer.given || '(nothing yet)'}`, indent: 2 });
      continue;
    }
    for (const probe of goal.probes.filter((p) => !p.passed)) {
      lines.push({ text: `✗ ${safeText(probe.probe.from)} → ${safeText(probe.probe.to)}`, color: red });
      lines.push({ text: `expected ${probe.expected}`, indent: 2 });
      lines.push({ text: `got ${safeText(probe.actual)}`, indent: 2 });
    }
    for (const c of goal.constraints.filter((c) => !c.passed)) {
      lines.push({ text: `✗ ${c.expected}`, color: red });
      lines.push({ text: `got ${safeText(c.actual)}`, indent: 2 });
    }
  }
  const shown = lines.slice(0, maxLines);
  return (
    <Box flexDirection="column">
      {shown.map((l, i) => (
        <Box key={i} paddingLeft={l.indent ?? 0}>
          <Text color={l.color} wrap="wrap">
            {l.text}
          </Text>
        </Box>
      ))}
      {lines.length > shown.length ? <Text color={dim}>… {lines.length - shown.length} more lines: press t for the full trace</Text> : null}
    </Box>
  );
}
