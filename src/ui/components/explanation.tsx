/**
 * Explanation tokens from the simulator, each kind in its theme colour.
 * The CLI renders the same tokens as plain text (tokensToText).
 */
import { Text } from 'ink';
import { safeText, type Explanation as Tokens } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export function Explanation({ tokens, theme }: { readonly tokens: Tokens; readonly theme: Theme }) {
  return (
    <Text>
      {tokens.map((t, i) =>
        typeof t === 'string' ? (
          <Text key={i}>{t}</Text>
        ) : (
          <Text key={i} color={theme.color && t.kind in theme.token ? theme.token[t.kind as keyof Theme['token']] : undefined}>
            {safeText(t.text)}
          </Text>
        ),
      )}
    </Text>
  );
}
