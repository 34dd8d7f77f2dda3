/**
 * The level overview: the story (or the debrief once passed), the goals,
 * what the last check found, the hints revealed so far and the cluster, in
 * a box that scrolls. After a check, what failed comes first.
 */
import { Box, Text } from 'ink';
import type { GradeReport, Hint, IsolationGrid, Level } from '../../game/index.js';
import { safeText, type World } from '../../sim/index.js';
import { ClusterView, type PodMarks } from '../components/cluster-view.js';
import { GoalsView } from '../components/goals-view.js';
import { ResultsView } from '../components/results-view.js';
import { ScrollBox } from '../components/scroll-box.js';
import { TextBlock } from '../components/text-block.js';
import { TruthTable } from '../components/truth-table.js';
import type { Theme } from '../theme.js';

export type LevelOverviewProps = {
  readonly level: Level;
  readonly report?: GradeReport;
  readonly grid?: IsolationGrid;
  readonly hints: readonly Hint[];
  readonly world: World;
  readonly namespaces: ReadonlySet<string>;
  readonly theme: Theme;
  readonly width: number;
  readonly height: number;
};

function marksOf(report: GradeReport | undefined): PodMarks {
  const marks = new Map<string, 'reached' | 'denied'>();
  for (const goal of report?.goals ?? []) {
    for (const probe of goal.probes) {
      for (const ep of probe.trace?.endpoints ?? []) {
        if (!ep.pod) continue;
        if (ep.outcome === 'delivered') marks.set(ep.pod, 'reached');
        else if (ep.outcome === 'denied' && !marks.has(ep.pod)) marks.set(ep.pod, 'denied');
      }
    }
  }
  return marks;
}


export function LevelOverview({ level, report, grid, hints, world, namespaces, theme, width, height }: LevelOverviewProps) {
  const passed = report?.passed === true;
  const goals = (
    <Box marginBottom={1}>
      <GoalsView level={level} {...(report ? { report } : {})} theme={theme} />
    </Box>
  );
  const revealed = hints.map((h, i) => (
    <Text key={`hint${i}`} color={theme.color ? theme.verdict.pending : undefined} wrap="wrap">
      hint {i + 1}: {safeText(h.text)}
    </Text>
  ));
  const story = passed ? (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.color ? theme.verdict.allowed : undefined} paddingX={1} marginBottom={1}>
      <Text bold color={theme.color ? theme.verdict.allowed : undefined}>
        ✓ Level passed{report ? `  ·  ${report.score}/${report.maxScore} points` : ''}
      </Text>
      <TextBlock text={level.debrief} width={width - 4} theme={theme} />
    </Box>
  ) : (
    <Box flexDirection="column" marginBottom={1}>
      <TextBlock text={level.briefing} width={width} theme={theme} />
    </Box>
  );
  return (
    <ScrollBox height={height} active theme={theme} resetKey={`${report ? 'checked' : ''}:${hints.length}:${report?.score ?? ''}`}>
      {revealed}
      {revealed.length > 0 ? <Text> </Text> : null}
      {report && !passed ? (
        <>
          {goals}
          <Box marginBottom={1}>
            <ResultsView report={report} theme={theme} maxLines={40} />
          </Box>
          {grid ? <TruthTable grid={grid} theme={theme} /> : null}
          {story}
        </>
      ) : (
        <>
          {story}
          {goals}
        </>
      )}
      <ClusterView world={world} namespaces={namespaces} marks={marksOf(report)} theme={theme} width={width} />
    </ScrollBox>
  );
}
