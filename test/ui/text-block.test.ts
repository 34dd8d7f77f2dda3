import { describe, expect, test } from 'vitest';
import { layoutText } from '../../src/ui/components/text-block.js';

describe('layoutText', () => {
  test('re-wraps prose paragraphs and keeps the blank line between them', () => {
    const blocks = layoutText('one two three\nfour five\n\nsix', 9);
    expect(blocks.map((b) => b.text)).toEqual(['one two', 'three', 'four five', '', 'six']);
  });

  test('keeps indented YAML and fenced code exactly as written', () => {
    const text = 'Try this:\n\n  spec:\n    podSelector: {}\n\n```\nkubectl get svc\nNAME   TYPE\n```';
    const code = layoutText(text, 40).filter((b) => b.kind === 'code').map((b) => b.text);
    expect(code).toEqual(['  spec:', '    podSelector: {}', '  kubectl get svc', '  NAME   TYPE']);
  });

  test('drops bold marks and heading hashes; a heading is a line of its own', () => {
    expect(layoutText('## Why\n**Services** find pods', 40).map((b) => b.text)).toEqual(['Why', 'Services find pods']);
  });
});
