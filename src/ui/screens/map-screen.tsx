/**
 * The campaign map: chapters and their levels, with done / stars / locked.
 * Chapter headings are not choices: the cursor moves over levels only.
 *
 *   1. The pod network
 *   ❯ ✓ ★★☆  Every pod has an IP
 *     ▸      Across nodes, no NAT
 *     ·      Sidecars share localhost  (locked)
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { Level, LevelState, Pack } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import { KeyHelp } from '../components/key-help.js';
import { isKey } from '../keys.js';
import type { Theme } from '../theme.js';

export type MapScreenProps = {
  readonly pack: Pack;
  readonly states: ReadonlyMap<string, LevelState>;
  readonly stars: ReadonlyMap<string, number>;
  readonly theme: Theme;
  readonly height: number;
  readonly initialLevel?: string;
  readonly onOpen: (levelId: string) => void;
  readonly onBack: () => void;
};

type Row = { readonly kind: 'chapter'; readonly title: string } | { readonly kind: 'level'; readonly level: Level; readonly index: number };

function starText(n: number): string {
  return '★'.repeat(n) + '☆'.repeat(3 - n);
}

export function MapScreen({ pack, states, stars, theme, height, initialLevel, onOpen, onBack }: MapScreenProps) {
  const levels = pack.chapters.flatMap((c) => c.levels);
  const rows: Row[] = [];
  let index = 0;
  pack.chapters.forEach((chapter, c) => {
    rows.push({ kind: 'chapter', title: `${c + 1}. ${chapter.title}` });
    for (const level of chapter.levels) rows.push({ kind: 'level', level, index: index++ });
  });
  const [selected, setSelected] = useState(() => Math.max(0, levels.findIndex((l) => l.id === initialLevel)));
  const [tried, setTried] = useState<string | undefined>();
  const current = levels[selected];

  useInput((input, key) => {
    if (isKey('nav.back', input, key)) onBack();
    else if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) {
      const step = key.pageUp || key.pageDown ? 10 : 1;
      setSelected((s) => Math.max(0, Math.min(levels.length - 1, s + (key.upArrow || key.pageUp ? -step : step))));
      setTried(undefined);
    } else if (key.return && current) {
      if (states.get(current.id) === 'locked') setTried(current.id);
      else onOpen(current.id);
    }
  });

  // Keep the selected level (and its chapter heading, when it is the first) in view.
  const visible = Math.max(3, height - 5);
  const selectedRow = rows.findIndex((r) => r.kind === 'level' && r.index === selected);
  const top = Math.max(0, Math.min(selectedRow - Math.floor(visible / 2), rows.length - visible));
  const dim = theme.color ? theme.text.dim : undefined;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.color ? theme.text.title : undefined}>
        {safeText(pack.title || 'Campaign')}
      </Text>
      {rows.slice(top, top + visible).map((row, i) => {
        if (row.kind === 'chapter') {
          return (
            <Text key={`c${top + i}`} bold>
              {safeText(row.title)}
            </Text>
          );
        }
        const state = states.get(row.level.id) ?? 'locked';
        const mark = state === 'done' ? `✓ ${starText(stars.get(row.level.id) ?? 1)}` : state === 'open' ? '▸    ' : '·    ';
        const isSelected = row.index === selected;
        return (
          <Text key={row.level.id} color={isSelected && theme.color ? theme.text.accent : state === 'locked' ? dim : undefined}>
            {isSelected ? '❯ ' : '  '}
            {mark}  {safeText(row.level.title)}
            {state === 'locked' ? '  (locked)' : ''}
          </Text>
        );
      })}
      <Text color={theme.color ? theme.verdict.pending : undefined}>
        {tried && tried === current?.id ? 'Locked: finish the level before it first (a chapter opens when half of the one before is done). Settings can unlock all.' : ' '}
      </Text>
      <Box>
        <KeyHelp actions={['nav.back']} theme={theme} />
        <Text color={dim}>  ·  ↑↓ choose  ·  Enter play</Text>
      </Box>
    </Box>
  );
}
