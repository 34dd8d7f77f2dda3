import { Text } from 'ink';
import { footerText, type KeyAction } from '../keys.js';
import type { Theme } from '../theme.js';

/** The footer: the keys that work on this screen, from the key map. */
export function KeyHelp({ actions, theme }: { readonly actions: readonly KeyAction[]; readonly theme: Theme }) {
  return <Text color={theme.color ? theme.text.dim : undefined} wrap="truncate-end">{footerText(actions)}</Text>;
}
