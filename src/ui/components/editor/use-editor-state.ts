/**
 * The YAML editor's state as a pure reducer over lines and a cursor, so
 * every editing rule is tested without a terminal. YAML-minded details: Tab
 * inserts two spaces (YAML forbids tabs), Enter keeps the indentation and
 * adds two more after a `key:` or a `- key:` line, and pasted text keeps its
 * own lines with CRLF and tabs made safe.
 */
import { useReducer } from 'react';

export type Cursor = { readonly row: number; readonly col: number };

export type EditorState = {
  readonly lines: readonly string[];
  readonly cursor: Cursor;
  /** First visible line. */
  readonly scroll: number;
  readonly undo: readonly Snapshot[];
  readonly redo: readonly Snapshot[];
};

type Snapshot = { readonly lines: readonly string[]; readonly cursor: Cursor };

export type EditorAction =
  | { readonly type: 'insert-text'; readonly text: string }
  | { readonly type: 'newline' }
  | { readonly type: 'tab' }
  | { readonly type: 'delete-backward' }
  | { readonly type: 'delete-forward' }
  | { readonly type: 'move'; readonly to: 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'page-up' | 'page-down' | 'top' | 'bottom' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'replace-all'; readonly text: string };

const INDENT = '  ';
const UNDO_LIMIT = 200;

export function textToLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, INDENT).split('\n');
}

export function createEditorState(text: string): EditorState {
  return { lines: textToLines(text), cursor: { row: 0, col: 0 }, scroll: 0, undo: [], redo: [] };
}

export function editorText(state: EditorState): string {
  return state.lines.join('\n');
}

function clampCursor(lines: readonly string[], cursor: Cursor): Cursor {
  const row = Math.max(0, Math.min(lines.length - 1, cursor.row));
  return { row, col: Math.max(0, Math.min(lines[row]!.length, cursor.col)) };
}

/** Keep the cursor on screen: scroll so its row is between scroll and scroll+height-1. */
function follow(state: EditorState, height: number): EditorState {
  const { row } = state.cursor;
  if (row < state.scroll) return { ...state, scroll: row };
  if (row >= state.scroll + height) return { ...state, scroll: row - height + 1 };
  return state;
}

/** An edit: remember what was there for undo, and forget redo. */
function edit(state: EditorState, lines: readonly string[], cursor: Cursor): EditorState {
  const undo = [...state.undo, { lines: state.lines, cursor: state.cursor }].slice(-UNDO_LIMIT);
  return { ...state, lines, cursor, undo, redo: [] };
}

function insertText(state: EditorState, raw: string): EditorState {
  const pasted = textToLines(raw);
  const { row, col } = state.cursor;
  const line = state.lines[row]!;
  const before = line.slice(0, col);
  const after = line.slice(col);
  if (pasted.length === 1) {
    const lines = state.lines.with(row, before + pasted[0] + after);
    return edit(state, lines, { row, col: col + pasted[0]!.length });
  }
  const middle = pasted.slice(1, -1);
  const last = pasted.at(-1)!;
  const lines = [...state.lines.slice(0, row), before + pasted[0], ...middle, last + after, ...state.lines.slice(row + 1)];
  return edit(state, lines, { row: row + pasted.length - 1, col: last.length });
}

/** The indentation a new line under `line` should get. */
export function indentAfter(line: string): string {
  const indent = /^ */.exec(line)![0];
  const trimmed = line.trimEnd();
  const listItem = /^(\s*)- /.exec(line);
  if (trimmed.endsWith(':')) return indent + (listItem ? INDENT + INDENT : INDENT);
  if (listItem) return `${listItem[1]}${INDENT}`;
  return indent;
}

export function editorReducer(height: number) {
  return (state: EditorState, action: EditorAction): EditorState => follow(reduce(state, action, height), height);
}

function reduce(state: EditorState, action: EditorAction, height: number): EditorState {
  const { lines, cursor } = state;
  const line = lines[cursor.row]!;
  switch (action.type) {
    case 'insert-text':
      return action.text === '' ? state : insertText(state, action.text);
    case 'tab':
      return insertText(state, INDENT);
    case 'newline': {
      const indent = indentAfter(line.slice(0, cursor.col));
      const rest = line.slice(cursor.col).trimStart();
      const next = [...lines.slice(0, cursor.row), line.slice(0, cursor.col).trimEnd() || line.slice(0, cursor.col), indent + rest, ...lines.slice(cursor.row + 1)];
      return edit(state, next, { row: cursor.row + 1, col: indent.length });
    }
    case 'delete-backward': {
      if (cursor.col > 0) {
        // Inside leading spaces, Backspace removes one indentation step.
        const leading = /^ */.exec(line)![0].length;
        const width = cursor.col <= leading && cursor.col % 2 === 0 && cursor.col >= 2 ? 2 : 1;
        return edit(state, lines.with(cursor.row, line.slice(0, cursor.col - width) + line.slice(cursor.col)), { row: cursor.row, col: cursor.col - width });
      }
      if (cursor.row === 0) return state;
      const prev = lines[cursor.row - 1]!;
      const merged = [...lines.slice(0, cursor.row - 1), prev + line, ...lines.slice(cursor.row + 1)];
      return edit(state, merged, { row: cursor.row - 1, col: prev.length });
    }
    case 'delete-forward': {
      if (cursor.col < line.length) return edit(state, lines.with(cursor.row, line.slice(0, cursor.col) + line.slice(cursor.col + 1)), cursor);
      if (cursor.row === lines.length - 1) return state;
      const merged = [...lines.slice(0, cursor.row), line + lines[cursor.row + 1], ...lines.slice(cursor.row + 2)];
      return edit(state, merged, cursor);
    }
    case 'move': {
      const to = action.to;
      const moved: Cursor =
        to === 'left'
          ? cursor.col > 0
            ? { row: cursor.row, col: cursor.col - 1 }
            : cursor.row > 0
              ? { row: cursor.row - 1, col: lines[cursor.row - 1]!.length }
              : cursor
          : to === 'right'
            ? cursor.col < line.length
              ? { row: cursor.row, col: cursor.col + 1 }
              : cursor.row < lines.length - 1
                ? { row: cursor.row + 1, col: 0 }
                : cursor
            : to === 'up'
              ? { row: cursor.row - 1, col: cursor.col }
              : to === 'down'
                ? { row: cursor.row + 1, col: cursor.col }
                : to === 'home'
                  ? { row: cursor.row, col: cursor.col === 0 ? /^ */.exec(line)![0].length : 0 }
                  : to === 'end'
                    ? { row: cursor.row, col: line.length }
                    : to === 'page-up'
                      ? { row: cursor.row - Math.max(1, height - 1), col: cursor.col }
                      : to === 'page-down'
                        ? { row: cursor.row + Math.max(1, height - 1), col: cursor.col }
                        : to === 'top'
                          ? { row: 0, col: 0 }
                          : { row: lines.length - 1, col: lines.at(-1)!.length };
      return { ...state, cursor: clampCursor(lines, moved) };
    }
    case 'undo': {
      const last = state.undo.at(-1);
      if (!last) return state;
      return { ...state, lines: last.lines, cursor: last.cursor, undo: state.undo.slice(0, -1), redo: [...state.redo, { lines, cursor }] };
    }
    case 'redo': {
      const next = state.redo.at(-1);
      if (!next) return state;
      return { ...state, lines: next.lines, cursor: next.cursor, redo: state.redo.slice(0, -1), undo: [...state.undo, { lines, cursor }] };
    }
    case 'replace-all': {
      const replaced = textToLines(action.text);
      if (replaced.join('\n') === lines.join('\n')) return state;
      return edit(state, replaced, clampCursor(replaced, cursor));
    }
  }
}

export function useEditorState(text: string, height: number) {
  return useReducer(editorReducer(height), text, createEditorState);
}
