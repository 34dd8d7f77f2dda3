/**
 * A box of fixed height whose content scrolls (↑/↓, PgUp/PgDn while the
 * owner lets it), so a long briefing never pushes the footer off screen.
 * Shows "↓ more" when content continues below.
 */
import { Box, measureElement, Text, useInput, type DOMElement } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Theme } from '../theme.js';

export function ScrollBox({ height, active, theme, resetKey, children }: { readonly height: number; readonly active: boolean; readonly theme: Theme; readonly resetKey?: unknown; readonly children: ReactNode }) {
  const inner = useRef<DOMElement>(null);
  const [offset, setOffset] = useState(0);
  const [contentHeight, setContentHeight] = useState(0);
  useEffect(() => {
    if (inner.current) setContentHeight(measureElement(inner.current).height);
  });
  useEffect(() => setOffset(0), [resetKey]);
  const max = Math.max(0, contentHeight - height);
  useInput(
    (_input, key) => {
      if (key.upArrow) setOffset((o) => Math.max(0, o - 1));
      else if (key.downArrow) setOffset((o) => Math.min(max, o + 1));
      else if (key.pageUp) setOffset((o) => Math.max(0, o - (height - 1)));
      else if (key.pageDown) setOffset((o) => Math.min(max, o + (height - 1)));
    },
    { isActive: active },
  );
  const shown = Math.min(offset, max);
  return (
    <Box flexDirection="column" height={height} overflow="hidden" flexShrink={0}>
      <Box ref={inner} flexDirection="column" marginTop={-shown} flexShrink={0}>
        {children}
      </Box>
      {shown < max ? (
        <Box position="absolute" marginTop={height - 1} width="100%" justifyContent="flex-end">
          <Text color={theme.color ? theme.text.accent : undefined}>↓ more (↑↓ PgUp PgDn)</Text>
        </Box>
      ) : null}
    </Box>
  );
}
