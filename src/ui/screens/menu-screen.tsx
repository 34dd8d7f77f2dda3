import { Box, Text, useApp, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { KeyHelp } from '../components/key-help.js';
import { TextBlock } from '../components/text-block.js';
import { isKey } from '../keys.js';
import type { Theme } from '../theme.js';

export type MenuChoice = 'continue' | 'campaign' | 'sandbox' | 'settings' | 'quit';

export type MenuScreenProps = {
  readonly banner: string;
  readonly theme: Theme;
  /** Title of the level Continue resumes, when there is one. */
  readonly continueTitle?: string;
  readonly progress: { readonly done: number; readonly total: number };
  readonly notice?: string;
  /** The pack's welcome, shown until the first level is done. */
  readonly welcome?: string;
  readonly onChoose: (choice: MenuChoice) => void;
};

export function MenuScreen({ banner, theme, continueTitle, progress, notice, welcome, onChoose }: MenuScreenProps) {
  const { exit } = useApp();
  useInput((input, key) => {
    if (isKey('nav.quit', input, key)) exit();
  });
  const items = [
    ...(continueTitle ? [{ label: `Continue: ${continueTitle}`, value: 'continue' as const }] : []),
    { label: 'Campaign', value: 'campaign' as const },
    { label: 'Sandbox', value: 'sandbox' as const },
    { label: 'Settings', value: 'settings' as const },
    { label: 'Quit', value: 'quit' as const },
  ];
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text color={theme.color ? theme.text.title : undefined}>{banner.trimEnd()}</Text>
      <Text color={theme.color ? theme.text.dim : undefined}>
        Learn Kubernetes networking by doing · {progress.done} of {progress.total} levels done
      </Text>
      {notice ? <Text color={theme.color ? theme.verdict.pending : undefined}>{notice}</Text> : null}
      {welcome && progress.done === 0 ? (
        <Box marginTop={1}>
          <TextBlock text={welcome} width={78} theme={theme} />
        </Box>
      ) : null}
      <Box marginTop={1}>
        <SelectInput items={items} onSelect={(item) => onChoose(item.value)} />
      </Box>
      <Box marginTop={1}>
        <KeyHelp actions={['nav.quit']} theme={theme} />
        <Text color={theme.color ? theme.text.dim : undefined}>  ·  ↑↓ choose  ·  Enter open</Text>
      </Box>
    </Box>
  );
}
