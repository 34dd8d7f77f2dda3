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
import { useRef, useState } from 'react';
import { runConsoleCommand } from '../../game/index.js';
import { safeText, type World } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export function ConsoleView({ world, namespace, theme, height, onClose }: { readonly world: World; readonly namespace: string; readonly theme: Theme; readonly height: number; readonly onClose: () => void }) {
  // Keys can arrive faster than React renders, so the prompt's state lives in
  // refs the input handler reads directly; `redraw` makes React show it.
  const line = useRef('');
  const history = useRef<string[]>([]);
  const back = useRef(0);
  const [, redraw] = useState(0);
  const [output, setOutput] = useState<string[]>([`kubectl on this cluster (namespace ${namespace}). Try: kubectl get pods -o wide, kubectl exec POD -- curl URL, help. Esc closes.`]);
  const setLine = (text: string) => {
    line.current = text;
    redraw((n) => n + 1);
  };
  useInput((input, key) => {
    if (key.escape) return onClose();
    if (key.return) {
      const command = line.current.trim();
      setLine('');
      back.current = 0;
      if (command === '') return;
      if (command === 'clear') return setOutput([]);
      const result = runConsoleCommand(world, command, { namespace });
      history.current = [...history.current, command];
      setOutput((o) => [...o, `$ ${command}`, ...safeText(result.output).split('\n')]);
      return;
    }
    if (key.upArrow || key.downArrow) {
      back.current = Math.max(0, Math.min(history.current.length, back.current + (key.upArrow ? 1 : -1)));
      setLine(back.current === 0 ? '' : (history.current[history.current.length - back.current] ?? ''));
      return;
    }
    if (key.backspace || key.delete) return setLine(line.current.slice(0, -1));
    if (key.ctrl || key.meta || key.tab) return;
    setLine(line.current + input.replace(/[\r\n]/g, ' '));
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
        {line.current}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
