import { Text } from 'ink';
import { footerText, type KeyAction } from '../keys.js';
import type { Theme } from '../theme.js';

/**
 * The footer: the keys that work on this screen, from the key map, as many
 * as fit the width (the first ones matter most; `?` lists them all).
 */
export function KeyHelp({ actions, theme, width }: { readonly actions: readonly KeyAction[]; readonly theme: Theme; readonly width?: number }) {
  let shown = [...actions];
  while (width !== undefined && shown.length > 1 && footerText(shown).length > width) shown = shown.slice(0, -1);
  return <Text color={theme.color ? theme.text.dim : undefined} wrap="truncate-end">{footerText(shown)}</Text>;
}
