/**
 * Just enough YAML colouring for a learner's manifests: comments, keys, list
 * dashes, numbers and strings. One line at a time, no parser: the editor
 * must colour half-typed YAML too.
 */
export type Span = { readonly text: string; readonly kind: 'key' | 'string' | 'number' | 'comment' | 'punctuation' | 'plain' };

export function colourYamlLine(line: string): Span[] {
  const spans: Span[] = [];
  const commentAt = findComment(line);
  const code = commentAt === -1 ? line : line.slice(0, commentAt);
  const m = /^(\s*)(- )?([^\s:#][^:#]*?)(:)(\s|$)(.*)$/.exec(code);
  if (m) {
    const [, indent, dash, key, colon, space, rest] = m;
    spans.push({ text: indent!, kind: 'plain' });
    if (dash) spans.push({ text: dash, kind: 'punctuation' });
    spans.push({ text: key!, kind: 'key' }, { text: colon!, kind: 'punctuation' }, { text: space!, kind: 'plain' });
    spans.push(...valueSpans(rest!));
  } else {
    const dash = /^(\s*)(- )(.*)$/.exec(code);
    if (dash) spans.push({ text: dash[1]!, kind: 'plain' }, { text: dash[2]!, kind: 'punctuation' }, ...valueSpans(dash[3]!));
    else spans.push(...valueSpans(code));
  }
  if (commentAt !== -1) spans.push({ text: line.slice(commentAt), kind: 'comment' });
  return spans.filter((s) => s.text !== '');
}

function valueSpans(value: string): Span[] {
  if (value === '') return [];
  if (/^-?\d+(\.\d+)?\s*$/.test(value)) return [{ text: value, kind: 'number' }];
  if (/^[{}[\],]/.test(value.trim())) return [{ text: value, kind: 'plain' }];
  return [{ text: value, kind: 'string' }];
}

/** Where a comment starts: a `#` at the start or after a space, outside quotes. */
function findComment(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || line[i - 1] === ' ')) return i;
  }
  return -1;
}
