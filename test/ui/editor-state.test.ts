import { describe, expect, test } from 'vitest';
import { createEditorState, editorReducer, editorText, type EditorAction, type EditorState } from '../../src/ui/components/editor/use-editor-state.js';

const reduce = editorReducer(10);
function run(text: string, actions: EditorAction[], at?: { row: number; col: number }): EditorState {
  let state = createEditorState(text);
  if (at) state = { ...state, cursor: at };
  for (const a of actions) state = reduce(state, a);
  return state;
}
const type = (text: string): EditorAction => ({ type: 'insert-text', text });

describe('editorReducer', () => {
  test('insert-text - types at the cursor', () => {
    const s = run('kind: Servce', [type('i')], { row: 0, col: 10 });
    expect(editorText(s)).toBe('kind: Service');
    expect(s.cursor).toEqual({ row: 0, col: 11 });
  });

  test('insert-text - a paste keeps its lines; CRLF and tabs are made YAML-safe', () => {
    const s = run('', [type('spec:\r\n\tports:\r\n\t- port: 80')]);
    expect(editorText(s)).toBe('spec:\n  ports:\n  - port: 80');
    expect(s.cursor).toEqual({ row: 2, col: 12 });
  });

  test('tab - inserts two spaces, never a tab character', () => {
    expect(editorText(run('', [{ type: 'tab' }]))).toBe('  ');
  });

  test('newline - keeps indentation, and indents after a key that opens a block', () => {
    const s = run('spec:', [{ type: 'newline' }, type('selector:'), { type: 'newline' }, type('app: web')], { row: 0, col: 5 });
    expect(editorText(s)).toBe('spec:\n  selector:\n    app: web');
  });

  test('newline - after a list item, continues inside the item', () => {
    const s = run('  - port: 80', [{ type: 'newline' }, type('targetPort: 8080')], { row: 0, col: 12 });
    expect(editorText(s)).toBe('  - port: 80\n    targetPort: 8080');
  });

  test('newline - splits a line at the cursor', () => {
    expect(editorText(run('ab', [{ type: 'newline' }], { row: 0, col: 1 }))).toBe('a\nb');
  });

  test('delete-backward - removes one indentation step inside leading spaces, and joins lines at column 0', () => {
    expect(editorText(run('    x', [{ type: 'delete-backward' }], { row: 0, col: 4 }))).toBe('  x');
    const joined = run('a\nb', [{ type: 'delete-backward' }], { row: 1, col: 0 });
    expect(editorText(joined)).toBe('ab');
    expect(joined.cursor).toEqual({ row: 0, col: 1 });
  });

  test('delete-forward - deletes under the cursor, and joins the next line at the end', () => {
    expect(editorText(run('abc', [{ type: 'delete-forward' }], { row: 0, col: 1 }))).toBe('ac');
    expect(editorText(run('a\nb', [{ type: 'delete-forward' }], { row: 0, col: 1 }))).toBe('ab');
  });

  test('move - arrows wrap at line ends and clamp to the text', () => {
    expect(run('ab\ncd', [{ type: 'move', to: 'right' }], { row: 0, col: 2 }).cursor).toEqual({ row: 1, col: 0 });
    expect(run('abcdef\nx', [{ type: 'move', to: 'down' }], { row: 0, col: 5 }).cursor).toEqual({ row: 1, col: 1 });
    expect(run('ab', [{ type: 'move', to: 'up' }], { row: 0, col: 1 }).cursor).toEqual({ row: 0, col: 1 });
  });

  test('move - home goes to the indentation first, then column 0', () => {
    const once = run('    port: 80', [{ type: 'move', to: 'home' }], { row: 0, col: 0 });
    expect(once.cursor.col).toBe(4);
    expect(reduce(once, { type: 'move', to: 'home' }).cursor.col).toBe(0);
  });

  test('move - page down scrolls so the cursor stays visible', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const s = run(text, [{ type: 'move', to: 'page-down' }, { type: 'move', to: 'page-down' }]);
    expect(s.cursor.row).toBe(18);
    expect(s.scroll).toBeLessThanOrEqual(18);
    expect(s.scroll + 10).toBeGreaterThan(18);
  });

  test('undo and redo - step back and forth through edits', () => {
    const s = run('', [type('a'), type('b'), { type: 'undo' }]);
    expect(editorText(s)).toBe('a');
    expect(editorText(reduce(s, { type: 'redo' }))).toBe('ab');
    expect(editorText(reduce(reduce(s, { type: 'undo' }), { type: 'undo' }))).toBe('');
  });

  test('replace-all - takes a draft changed on disk, undoably', () => {
    const s = run('old', [{ type: 'replace-all', text: 'new\ntext' }]);
    expect(editorText(s)).toBe('new\ntext');
    expect(editorText(reduce(s, { type: 'undo' }))).toBe('old');
  });
});
