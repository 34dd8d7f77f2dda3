/**
 * Authors' prose (briefings, debriefs, chapter lessons) for a terminal:
 * paragraphs are re-wrapped to the width, but code keeps its layout: lines
 * inside ``` fences, indented lines (YAML) and table rows are shown as
 * written. Blank lines between paragraphs stay; headings get a line of
 * their own; `**bold**` marks are dropped.
 */
import { Box, Text } from 'ink';
import { safeText } from '../../sim/safe-text.js';
import type { Theme } from '../theme.js';

export type Block = { readonly kind: 'prose' | 'code' | 'blank'; readonly text: string };

function isCodeLine(line: string): boolean {
  return /^\s{2,}\S/.test(line) || /^\s*\|/.test(line) || /^\t/.test(line);
}

/** Prose lines wrapped to `width`, code lines kept. */
export function layoutText(text: string, width: number): Block[] {
  const out: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    let line = '';
    for (const word of paragraph.join(' ').split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push({ kind: 'prose', text: line });
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push({ kind: 'prose', text: line });
    paragraph = [];
  };
  let fenced = false;
  for (const raw of text.replace(/\r\n?/g, '\n').trimEnd().split('\n')) {
    if (/^\s*```/.test(raw)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced || isCodeLine(raw)) {
      flush();
      out.push({ kind: 'code', text: fenced ? `  ${raw}` : raw });
    } else if (/^#+\s/.test(raw)) {
      flush();
      out.push({ kind: 'prose', text: raw.replace(/^#+\s+/, '') });
    } else if (raw.trim() === '') {
      flush();
      if (out.length > 0 && out.at(-1)!.kind !== 'blank') out.push({ kind: 'blank', text: '' });
    } else paragraph.push(raw.replace(/\*\*(.+?)\*\*/g, '$1'));
  }
  flush();
  return out;
}

export function TextBlock({ text, width, theme }: { readonly text: string; readonly width: number; readonly theme: Theme }) {
  return (
    <Box flexDirection="column">
      {layoutText(text, width).map((b, i) =>
        b.kind === 'code' ? (
          <Text key={i} color={theme.color ? theme.yaml.string : undefined} wrap="truncate-end">
            {safeText(b.text)}
          </Text>
        ) : (
          <Text key={i}>{b.kind === 'blank' ? ' ' : safeText(b.text)}</Text>
        ),
      )}
    </Box>
  );
}
