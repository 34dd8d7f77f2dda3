/**
 * The campaign map: chapters and their levels, with done / stars / locked.
 *
 *   The pod network
 *     ✓ ★★☆  Every pod has an IP
 *     ▸      Across nodes, no NAT
 *     ·      Sidecars share localhost        (locked)
 */
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useState } from 'react';
import type { LevelState, Pack } from '../../game/index.js';
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

function starText(n: number): string {
  return '★'.repeat(n) + '☆'.repeat(3 - n);
}

export function MapScreen({ pack, states, stars, theme, height, initialLevel, onOpen, onBack }: MapScreenProps) {
  useInput((input, key) => {
    if (isKey('nav.back', input, key)) onBack();
  });
  const items = pack.chapters.flatMap((chapter, c) =>
    chapter.levels.map((level, i) => {
      const state = states.get(level.id) ?? 'locked';
      const mark = state === 'done' ? `✓ ${starText(stars.get(level.id) ?? 1)}` : state === 'open' ? '▸    ' : '·    ';
      const heading = i === 0 ? `${c + 1}. ${chapter.title}\n` : '';
      return { key: level.id, label: `${heading}  ${mark}  ${level.title}${state === 'locked' ? '  (locked)' : ''}`, value: level.id };
    }),
  );
  const initialIndex = Math.max(0, items.findIndex((i) => i.value === initialLevel));
  const [highlighted, setHighlighted] = useState(items[initialIndex]?.value);
  const [tried, setTried] = useState<string | undefined>();
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.color ? theme.text.title : undefined}>
        {pack.title || 'Campaign'}
      </Text>
      <SelectInput
        items={items}
        initialIndex={initialIndex}
        limit={Math.max(3, Math.floor((height - 4) / 2))}
        onHighlight={(item) => {
          setHighlighted(item.value);
          setTried(undefined);
        }}
        onSelect={(item) => {
          if (states.get(item.value) !== 'locked') onOpen(item.value);
          else setTried(item.value);
        }}
      />
      <Text color={theme.color ? theme.verdict.pending : undefined}>
        {tried && tried === highlighted
          ? 'Locked: finish the level before it first (a chapter opens when half of the one before is done). Settings can unlock all.'
          : ' '}
      </Text>
      <Box marginTop={1}>
        <KeyHelp actions={['nav.back']} theme={theme} />
        <Text color={theme.color ? theme.text.dim : undefined}>  ·  ↑↓ choose  ·  Enter play</Text>
      </Box>
    </Box>
  );
}
