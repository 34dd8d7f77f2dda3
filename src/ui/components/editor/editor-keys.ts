/**
 * Keys to editor actions. The level screen routes keys here only while the
 * editor has focus, so its single-letter keys work when it does not.
 */
import type { Key } from 'ink';
import { isKey } from '../../keys.js';
import type { EditorAction } from './use-editor-state.js';

export function keyToEditorAction(input: string, key: Key): EditorAction | undefined {
  if (isKey('editor.undo', input, key)) return { type: 'undo' };
  if (isKey('editor.redo', input, key)) return { type: 'redo' };
  if (key.upArrow) return { type: 'move', to: 'up' };
  if (key.downArrow) return { type: 'move', to: 'down' };
  if (key.leftArrow) return { type: 'move', to: 'left' };
  if (key.rightArrow) return { type: 'move', to: 'right' };
  if (key.pageUp) return { type: 'move', to: 'page-up' };
  if (key.pageDown) return { type: 'move', to: 'page-down' };
  if (key.home) return { type: 'move', to: 'home' };
  if (key.end) return { type: 'move', to: 'end' };
  if (key.ctrl && input === 'a') return { type: 'move', to: 'home' };
  if (key.ctrl && input === 'e') return { type: 'move', to: 'end' };
  if (key.return) return { type: 'newline' };
  if (key.tab) return { type: 'tab' };
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`,
  // the same name as the Delete key: both erase backward; Ctrl-D erases forward.
  if (key.backspace || key.delete) return { type: 'delete-backward' };
  if (key.ctrl && input === 'd') return { type: 'delete-forward' };
  if (key.ctrl || key.meta || key.escape) return undefined;
  return input === '' ? undefined : { type: 'insert-text', text: input };
}
