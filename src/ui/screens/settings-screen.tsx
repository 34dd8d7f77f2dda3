import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useRef, useState } from 'react';
import type { Settings } from '../../store/index.js';
import { KeyHelp } from '../components/key-help.js';
import { isKey } from '../keys.js';
import type { Theme } from '../theme.js';

type Choice = 'theme' | 'unlock' | 'editor' | 'reset' | 'back';

export type SettingsScreenProps = {
  readonly settings: Settings;
  readonly theme: Theme;
  readonly progressPath: string;
  readonly onChange: (patch: Partial<Settings>) => void;
  readonly onReset: () => void;
  readonly onBack: () => void;
};

export function SettingsScreen({ settings, theme, progressPath, onChange, onReset, onBack }: SettingsScreenProps) {
  const [confirming, setConfirming] = useState(false);
  // The text being typed lives in a ref too, so keys faster than a render are not lost.
  const [editing, setEditingState] = useState<string | undefined>();
  const editingRef = useRef<string | undefined>(undefined);
  const setEditing = (text: string | undefined) => {
    editingRef.current = text;
    setEditingState(text);
  };
  const [notice, setNotice] = useState<string | undefined>();
  useInput((input, key) => {
    const typed = editingRef.current;
    if (typed !== undefined) {
      if (key.escape) setEditing(undefined);
      else if (key.return) {
        onChange({ editorCommand: typed.trim() });
        setEditing(undefined);
      } else if (key.backspace || key.delete) setEditing(typed.slice(0, -1));
      else if (!key.ctrl && !key.meta) setEditing(typed + input);
      return;
    }
    if (confirming) {
      if (isKey('confirm.yes', input, key)) {
        onReset();
        setConfirming(false);
        setNotice('Progress reset.');
      } else if (isKey('confirm.no', input, key)) setConfirming(false);
      return;
    }
    if (isKey('nav.back', input, key)) onBack();
  });
  const items: { label: string; value: Choice }[] = [
    { label: `Colour theme: ${settings.theme}`, value: 'theme' },
    { label: `Unlock all levels: ${settings.unlockAll ? 'yes' : 'no'}`, value: 'unlock' },
    { label: `Editor command: ${settings.editorCommand || '$VISUAL / $EDITOR'}`, value: 'editor' },
    { label: 'Reset progress…', value: 'reset' },
    { label: 'Back', value: 'back' },
  ];
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.color ? theme.text.title : undefined}>
        Settings
      </Text>
      {editing !== undefined ? (
        <Text>
          Editor command (Enter to save, Esc to cancel): {editing}
          <Text inverse> </Text>
        </Text>
      ) : confirming ? (
        <Text>Reset all progress? Drafts stay. (y/n)</Text>
      ) : (
        <SelectInput
          items={items}
          onSelect={(item) => {
            if (item.value === 'theme') onChange({ theme: settings.theme === 'dark' ? 'light' : 'dark' });
            else if (item.value === 'unlock') onChange({ unlockAll: !settings.unlockAll });
            else if (item.value === 'editor') setEditing(settings.editorCommand);
            else if (item.value === 'reset') setConfirming(true);
            else onBack();
          }}
        />
      )}
      {notice ? <Text color={theme.color ? theme.verdict.allowed : undefined}>{notice}</Text> : null}
      <Box marginTop={1} flexDirection="column">
        <Text color={theme.color ? theme.text.dim : undefined}>Progress is kept in {progressPath}</Text>
        <Text color={theme.color ? theme.text.dim : undefined}>NO_COLOR=1 turns colours off.</Text>
        <KeyHelp actions={['nav.back']} theme={theme} />
      </Box>
    </Box>
  );
}
