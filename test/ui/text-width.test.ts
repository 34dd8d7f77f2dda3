import fc from 'fast-check';
import stringWidth from 'string-width';
// wrap-ansi's own, older string-width, which the build also answers for.
import stringWidth7 from '../../node_modules/wrap-ansi/node_modules/string-width/index.js';
import { describe, expect, it } from 'vitest';
import { LazyGraphemeSegmenter, oneColumnWidth } from '../../src/ui/text-width.js';

const segmentsOf = (segments: Iterable<Intl.SegmentData>) => [...segments].map(({ segment, index, input }) => ({ segment, index, input }));

/** Text mixing what takes the shortcut with what must not: marks, emoji, CJK, controls, CR LF, surrogates. */
const mixedText = fc
  .array(fc.oneof(fc.constantFrom('a', 'Z', ' ', '·', '─', '★', '✓', '↑', '❯', '⏱', '…', '\r\n', '\r', '\n', '\t', '\u001b[31m', '\u0301', '\u200d', '\ufe0f', '👍', '👩‍💻', '漢', '가', '\u00ad', '\u202e', '⌚', '✅', '\ud800'), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), { maxLength: 8 })
  .map((parts) => parts.join(''));

describe('oneColumnWidth', () => {
  it('agrees with both string-widths on every character it answers for, and answers for the characters the UI draws', () => {
    let answered = 0;
    for (let code = 0; code < 0x2800; code++) {
      const text = String.fromCharCode(code);
      const width = oneColumnWidth(text);
      if (width === undefined) continue;
      answered++;
      expect({ text, width, width7: width }).toEqual({ text, width: stringWidth(text), width7: stringWidth7(text) });
    }
    expect(answered).toBeGreaterThan(300);
    for (const glyph of '·─│→✗✓↓↑…★☆❯▸╰╯╮╭×█') expect(oneColumnWidth(glyph)).toBe(1);
  });

  it('agrees with string-width on any text, or leaves it to string-width', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const width = oneColumnWidth(text);
        if (width !== undefined) expect([width, width]).toEqual([stringWidth(text), stringWidth7(text)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves emoji, wide characters, combining marks and escape sequences to string-width', () => {
    for (const text of ['👍', '漢字', 'e\u0301', '\u001b[31mred\u001b[39m', '⌚', 'a\u00adb', '©', '⏱']) expect(oneColumnWidth(text)).toBeUndefined();
  });
});

describe('LazyGraphemeSegmenter', () => {
  it('splits any text into the graphemes Intl.Segmenter finds, and finds the one containing any index', () => {
    const lazy = new LazyGraphemeSegmenter(undefined, { granularity: 'grapheme' });
    const intl = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(segmentsOf(lazy.segment(text))).toEqual(segmentsOf(intl.segment(text)));
        for (let index = -1; index <= text.length; index++) {
          const want = intl.segment(text).containing(index);
          const got = lazy.segment(text).containing(index);
          expect(got && { segment: got.segment, index: got.index }).toEqual(want && { segment: want.segment, index: want.index });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps CR LF together and words as words, as Intl.Segmenter does', () => {
    expect(segmentsOf(new LazyGraphemeSegmenter().segment('a\r\nb')).map((s) => s.segment)).toEqual(['a', '\r\n', 'b']);
    expect(segmentsOf(new LazyGraphemeSegmenter('en', { granularity: 'word' }).segment('two words')).map((s) => s.segment)).toEqual(['two', ' ', 'words']);
  });
});
