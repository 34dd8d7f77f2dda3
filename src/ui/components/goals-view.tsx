/**
 * The goals checklist. Before a check every goal is "·"; after one, ✓ or ✗.
 * Hidden goals count, but their titles are not shown.
 *
 *   Goals
 *    ✓ shop/client reaches every web pod through http://web/
 *    ✗ the admin pods receive nothing
 *    · 1 hidden goal
 */
import { Box, Text } from 'ink';
import type { GradeReport, Level } from '../../game/index.js';
import type { Theme } from '../theme.js';

export function GoalsView({ level, report, theme }: { readonly level: Level; readonly report?: GradeReport; readonly theme: Theme }) {
  const results = new Map(report?.goals.map((g) => [g.goal.id, g.passed]));
  const goals = level.kind === 'predict' ? level.questions.map((q) => ({ id: q.id, title: q.prompt, hidden: false })) : level.goals;
  const hidden = goals.filter((g) => g.hidden);
  const hiddenPassed = hidden.filter((g) => results.get(g.id)).length;
  const mark = (id: string) => {
    const passed = results.get(id);
    if (passed === undefined) return <Text color={theme.color ? theme.text.dim : undefined}>·</Text>;
    return passed ? <Text color={theme.color ? theme.verdict.allowed : undefined}>✓</Text> : <Text color={theme.color ? theme.verdict.denied : undefined}>✗</Text>;
  };
  return (
    <Box flexDirection="column">
      <Text bold>Goals</Text>
      {goals
        .filter((g) => !g.hidden)
        .map((g) => (
          <Box key={g.id}>
            <Box width={3} flexShrink={0}>
              <Text> {mark(g.id)}</Text>
            </Box>
            <Text wrap="wrap">{g.title}</Text>
          </Box>
        ))}
      {hidden.length > 0 ? (
        <Text color={theme.color ? theme.text.dim : undefined}>
          {' '}
          {report ? `${hiddenPassed} of ${hidden.length}` : hidden.length} hidden goal{hidden.length === 1 ? '' : 's'}
          {report ? ' passed' : ''}
        </Text>
      ) : null}
    </Box>
  );
}
