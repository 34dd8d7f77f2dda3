/**
 * The time left in a challenge, on every screen, updated each second.
 *
 *   ⏱ 12:07 left in the challenge · hints and the solution cost points
 */
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import type { Theme } from '../theme.js';

export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

export function Countdown({ deadline, now, theme }: { readonly deadline: number; readonly now: () => number; readonly theme: Theme }) {
  const [left, setLeft] = useState(() => deadline - now());
  useEffect(() => {
    const timer = setInterval(() => setLeft(deadline - now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  if (left <= 0) {
    return <Text color={theme.color ? theme.verdict.denied : undefined}>⏱ Time is up: your files were graded as they were at the deadline. Press q on the menu to finish.</Text>;
  }
  return (
    <Text color={theme.color ? (left < 60_000 ? theme.verdict.denied : theme.verdict.pending) : undefined}>
      ⏱ {formatTimeLeft(left)} left in the challenge · hints and the solution cost points
    </Text>
  );
}
