/**
 * The sandbox: an editor on a free draft and a kubectl console on the world
 * it describes. Enter edits, Esc stops editing, `:` opens the console.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SANDBOX_STARTER, sandboxWorld } from '../../game/index.js';
import { safeText } from '../../sim/index.js';
import type { DraftStore } from '../../store/index.js';
import { ConsoleView } from '../components/console-view.js';
import { keyToEditorAction } from '../components/editor/editor-keys.js';
import { Editor } from '../components/editor/editor.js';
import { editorText, useEditorState } from '../components/editor/use-editor-state.js';
import { KeyHelp } from '../components/key-help.js';
import { isKey } from '../keys.js';
import type { Theme } from '../theme.js';

/** The sandbox's draft lives with the levels' drafts under this id. */
export const SANDBOX_DRAFT = 'sandbox';

type Mode = 'menu' | 'editing' | 'console';

export function SandboxScreen({ drafts, theme, columns, rows, onBack }: { readonly drafts: DraftStore; readonly theme: Theme; readonly columns: number; readonly rows: number; readonly onBack: () => void }) {
  const initial = useMemo(() => drafts.read(SANDBOX_DRAFT) ?? SANDBOX_STARTER, []);
  const [editor, dispatch] = useEditorState(initial, rows - 4);
  const [mode, setModeState] = useState<Mode>('menu');
  const modeRef = useRef<Mode>('menu');
  const setMode = (next: Mode) => {
    modeRef.current = next;
    setModeState(next);
  };
  const text = editorText(editor);
  useEffect(() => drafts.write(SANDBOX_DRAFT, text), [text]);
  const { world, problems } = useMemo(() => sandboxWorld(text, drafts.pathOf(SANDBOX_DRAFT)), [text]);
  useInput((input, key) => {
    const now = modeRef.current;
    if (now === 'console') return;
    if (now === 'editing') {
      if (isKey('editor.leave', input, key)) setMode('menu');
      else {
        const action = keyToEditorAction(input, key);
        if (action) dispatch(action);
      }
      return;
    }
    if (isKey('nav.back', input, key)) onBack();
    else if (isKey('level.edit', input, key)) setMode('editing');
    else if (isKey('level.console', input, key)) setMode('console');
  });
  const errors = problems.filter((p) => p.severity === 'error');
  const lines = new Map(errors.map((p) => [p.line, p.message]));
  return (
    <Box flexDirection="column" height={rows}>
      <Text bold color={theme.color ? theme.text.title : undefined}>
        Sandbox <Text color={theme.color ? theme.text.dim : undefined}>· {world.pods.filter((p) => p.namespace !== 'kube-system').length} pods, {world.services.length} Services</Text>
      </Text>
      {mode === 'console' ? (
        <ConsoleView world={world} namespace="default" theme={theme} height={rows - 2} onClose={() => setMode('menu')} />
      ) : (
        <>
          <Box flexGrow={1}>
            <Editor state={editor} height={rows - 4} width={columns} focused={mode === 'editing'} problems={lines} theme={theme} />
          </Box>
          <Text color={errors.length > 0 && theme.color ? theme.verdict.denied : theme.color ? theme.text.dim : undefined} wrap="truncate-end">
            {errors.length > 0 ? `line ${errors[0]!.line}: ${safeText(errors[0]!.message)}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}` : `saved in ${drafts.pathOf(SANDBOX_DRAFT)}`}
          </Text>
          <KeyHelp actions={mode === 'editing' ? ['editor.leave', 'editor.undo', 'editor.redo'] : ['level.edit', 'level.console', 'nav.back']} theme={theme} width={columns} />
        </>
      )}
    </Box>
  );
}
