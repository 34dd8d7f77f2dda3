/**
 * The kubectl console on the level's world (`:`). A one-line prompt with
 * history (↑/↓); output scrolls above it.
 *
 *   $ kubectl get svc -n shop
 *   NAME   TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE
 *   web    ClusterIP   10.96.14.7    <none>        80/TCP    5m
 *   $ █
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { runConsoleCommand } from '../../game/index.js';
import { safeText, type World } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export function ConsoleView({ world, namespace, theme, height, onClose }: { readonly world: World; readonly namespace: string; readonly theme: Theme; readonly height: number; readonly onClose: () => void }) {
  const [line, setLine] = useState('');
  const [history, setHistory] = useState<string[]>([]);
  const [back, setBack] = useState(0);
  const [output, setOutput] = useState<string[]>([`kubectl on this level's cluster (namespace ${namespace}). Try: kubectl get pods -o wide, kubectl exec client -- curl http://web/, help. Esc closes.`]);
  useInput((input, key) => {
    if (key.escape) return onClose();
    if (key.return) {
      const command = line.trim();
      setLine('');
      setBack(0);
      if (command === '') return;
      if (command === 'clear') return setOutput([]);
      const result = runConsoleCommand(world, command, { namespace });
      setHistory((h) => [...h, command]);
      setOutput((o) => [...o, `$ ${command}`, ...safeText(result.output).split('\n')]);
      return;
    }
    if (key.upArrow || key.downArrow) {
      const next = Math.max(0, Math.min(history.length, back + (key.upArrow ? 1 : -1)));
      setBack(next);
      setLine(next === 0 ? '' : (history[history.length - next] ?? ''));
      return;
    }
    if (key.backspace || key.delete) return setLine((l) => l.slice(0, -1));
    if (key.ctrl || key.meta || key.tab) return;
    setLine((l) => l + input.replace(/[\r\n]/g, ' '));
  });
  const visible = output.slice(-Math.max(1, height - 1));
  return (
    <Box flexDirection="column">
      {visible.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={l.startsWith('$ ') && theme.color ? theme.text.accent : undefined}>
          {l}
        </Text>
      ))}
      <Text>
        <Text color={theme.color ? theme.text.accent : undefined}>$ </Text>
        {line}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
