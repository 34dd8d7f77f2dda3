/**
 * The editor view: line numbers, problem markers in the gutter, coloured
 * YAML and the cursor. It only draws; state lives in use-editor-state.ts and
 * keys in use-editor.ts.
 *
 *    1   apiVersion: v1
 *    2   kind: Service
 *    3 ● spec:
 *    4     selectr:
 */
import { Box, Text } from 'ink';
import type { Theme } from '../../theme.js';
import type { EditorState } from './use-editor-state.js';
import { colourYamlLine, type Span } from './yaml-colour.js';

export type EditorProps = {
  readonly state: EditorState;
  readonly height: number;
  readonly width: number;
  readonly focused: boolean;
  /** 1-based line numbers with a problem, and the first problem's message. */
  readonly problems: ReadonlyMap<number, string>;
  readonly theme: Theme;
};

function spanColour(theme: Theme, kind: Span['kind']): string | undefined {
  if (!theme.color) return undefined;
  return kind === 'plain' ? undefined : theme.yaml[kind];
}

/** Cut spans to the visible columns [from, from+width). */
function clip(spans: readonly Span[], from: number, width: number): Span[] {
  const out: Span[] = [];
  let col = 0;
  for (const span of spans) {
    const start = Math.max(from, col);
    const end = Math.min(from + width, col + span.text.length);
    if (end > start) out.push({ ...span, text: span.text.slice(start - col, end - col) });
    col += span.text.length;
  }
  return out;
}

function Line(props: { spans: readonly Span[]; cursorCol?: number; theme: Theme }) {
  const { spans, cursorCol, theme } = props;
  if (cursorCol === undefined) {
    return (
      <Text>
        {spans.map((s, i) => (
          <Text key={i} color={spanColour(theme, s.kind)}>
            {s.text}
          </Text>
        ))}
      </Text>
    );
  }
  const before: Span[] = [];
  const after: Span[] = [];
  let at = ' ';
  let col = 0;
  for (const span of spans) {
    const end = col + span.text.length;
    if (end <= cursorCol) before.push(span);
    else if (col > cursorCol) after.push(span);
    else {
      const k = cursorCol - col;
      if (k > 0) before.push({ ...span, text: span.text.slice(0, k) });
      at = span.text[k] ?? ' ';
      if (k + 1 < span.text.length) after.push({ ...span, text: span.text.slice(k + 1) });
    }
    col = end;
  }
  return (
    <Text>
      {before.map((s, i) => (
        <Text key={`b${i}`} color={spanColour(theme, s.kind)}>
          {s.text}
        </Text>
      ))}
      <Text inverse>{at}</Text>
      {after.map((s, i) => (
        <Text key={`a${i}`} color={spanColour(theme, s.kind)}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

export function Editor({ state, height, width, focused, problems, theme }: EditorProps) {
  const gutter = String(state.lines.length).length + 3;
  const textWidth = Math.max(10, width - gutter);
  const from = Math.max(0, state.cursor.col - textWidth + 1);
  const visible = state.lines.slice(state.scroll, state.scroll + height);
  return (
    <Box flexDirection="column">
      {visible.map((line, i) => {
        const row = state.scroll + i;
        const problem = problems.has(row + 1);
        return (
          <Box key={row}>
            <Text color={theme.color ? theme.text.dim : undefined}>{String(row + 1).padStart(gutter - 3)} </Text>
            <Text color={theme.color ? theme.verdict.denied : undefined}>{problem ? '●' : ' '}</Text>
            <Text> </Text>
            <Line spans={clip(colourYamlLine(line), from, textWidth)} {...(focused && row === state.cursor.row ? { cursorCol: state.cursor.col - from } : {})} theme={theme} />
          </Box>
        );
      })}
    </Box>
  );
}
