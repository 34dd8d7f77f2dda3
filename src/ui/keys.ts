/**
 * Every key the game answers to, by action. The footer's help line is made
 * from this map, so what the footer says is what the keys do.
 */
import type { Key } from 'ink';

export type KeyBinding = {
  /** How the footer names the key. */
  readonly label: string;
  /** What it does, in two or three words. */
  readonly help: string;
  readonly matches: (input: string, key: Key) => boolean;
};

const ctrl = (letter: string) => (input: string, key: Key) => key.ctrl && input === letter;
const plain = (letter: string) => (input: string, key: Key) => !key.ctrl && !key.meta && input === letter;

export const keys = {
  'nav.back': { label: 'Esc', help: 'back', matches: (_i, k) => k.escape },
  'nav.quit': { label: 'q', help: 'quit', matches: plain('q') },
  'nav.help': { label: '?', help: 'help', matches: plain('?') },
  'level.edit': { label: 'Enter', help: 'edit', matches: (_i, k) => k.return },
  'level.answer': { label: 'Enter', help: 'answer', matches: (_i, k) => k.return },
  'level.check': { label: 'c', help: 'check', matches: plain('c') },
  'level.checkAnywhere': { label: 'Ctrl-R', help: 'check', matches: ctrl('r') },
  'level.hint': { label: 'h', help: 'hint', matches: plain('h') },
  'level.solution': { label: 's', help: 'solution', matches: plain('s') },
  'level.externalEditor': { label: 'e', help: '$EDITOR', matches: plain('e') },
  'level.reload': { label: 'r', help: 'reload', matches: plain('r') },
  'level.details': { label: 't', help: 'trace', matches: plain('t') },
  'level.console': { label: ':', help: 'console', matches: plain(':') },
  'level.next': { label: 'n', help: 'next level', matches: plain('n') },
  'level.lesson': { label: 'l', help: 'lesson', matches: plain('l') },
  'editor.leave': { label: 'Esc', help: 'stop editing', matches: (_i, k) => k.escape },
  'editor.undo': { label: 'Ctrl-Z', help: 'undo', matches: ctrl('z') },
  'editor.redo': { label: 'Ctrl-Y', help: 'redo', matches: ctrl('y') },
  'confirm.yes': { label: 'y', help: 'yes', matches: plain('y') },
  'confirm.no': { label: 'n', help: 'no', matches: (i, k) => plain('n')(i, k) || k.escape },
} satisfies Record<string, KeyBinding>;

export type KeyAction = keyof typeof keys;

export function isKey(action: KeyAction, input: string, key: Key): boolean {
  return keys[action].matches(input, key);
}

/** The footer line for the actions that work on the current screen. */
export function footerText(actions: readonly KeyAction[]): string {
  return actions.map((a) => `${keys[a].label} ${keys[a].help}`).join('  ·  ');
}
