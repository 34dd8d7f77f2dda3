/**
 * Your `.`/`X` grid for a NetworkPolicy level, with the cells where the
 * reference solution differs marked. Rows are sources, columns destinations.
 *
 *   5432/TCP  (. allowed  X denied  ! the reference differs)
 *                          1  2  3
 *     1 shop/api           .  .  X!
 *     2 shop/db            .  .  .
 */
import { Box, Text } from 'ink';
import type { IsolationGrid } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import type { Theme } from '../theme.js';

const NAME_WIDTH = 28;

function shortName(pod: string): string {
  return pod.length <= NAME_WIDTH ? pod.padEnd(NAME_WIDTH) : `${pod.slice(0, NAME_WIDTH - 1)}…`;
}

export function TruthTable({ grid, theme }: { readonly grid: IsolationGrid; readonly theme: Theme }) {
  const differs = grid.ports.some((port) => grid.pods.some((_, r) => grid.pods.some((_, c) => grid.yours[port]![r]![c] !== grid.reference[port]![r]![c])));
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>
        Who may talk to whom{differs ? '' : ' (same as the reference solution)'}
      </Text>
      {grid.ports.map((port) => (
        <Box key={port} flexDirection="column">
          <Text color={theme.color ? theme.text.dim : undefined}>
            {port}  (rows: from, columns: to; . allowed  X denied{differs ? '  ! the reference solution differs' : ''})
          </Text>
          <Text>
            {' '.repeat(NAME_WIDTH + 5)}
            {grid.pods.map((_, i) => String(i + 1).padEnd(3)).join('')}
          </Text>
          {grid.pods.map((pod, r) => (
            <Text key={pod}>
              {String(r + 1).padStart(3)} {safeText(shortName(pod))} {' '}
              {grid.pods.map((_, c) => {
                const yours = grid.yours[port]![r]![c]!;
                const wrong = yours !== grid.reference[port]![r]![c];
                const mark = `${yours ? '.' : 'X'}${wrong ? '!' : ' '} `;
                return (
                  <Text key={c} color={theme.color ? (wrong ? theme.verdict.denied : yours ? theme.verdict.allowed : theme.text.dim) : undefined} bold={wrong}>
                    {mark}
                  </Text>
                );
              })}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
