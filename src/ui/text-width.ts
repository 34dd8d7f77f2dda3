/**
 * Ink measures every piece of text it lays out with string-width, which
 * splits text into grapheme clusters with Intl.Segmenter. Creating the first
 * segmenter loads ICU's break rules (~14 ms, once per copy of string-width,
 * and Ink's dependencies carry two): too much for a menu that should appear
 * at once. Nearly all the game's text is made of characters one column wide
 * that never join into clusters, and for those the width is simply the
 * number of characters. The production build (scripts/build.mjs) asks this
 * first and falls back to string-width for anything else.
 */

/**
 * Code points string-width measures as one column and that form a cluster
 * of their own: printable ASCII, Latin-1, punctuation, arrows, box drawing,
 * shapes and the dingbats the UI uses, minus the ones terminals draw as
 * two-column emoji or as nothing. test/ui/text-width.test.ts checks every
 * one of them against string-width.
 */
const ONE_COLUMN: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac], // U+00AD, the soft hyphen, is invisible
  [0xae, 0xff],
  [0x2010, 0x2029], // U+202A-U+202E are bidi controls
  [0x202f, 0x205e],
  [0x2190, 0x21ff],
  [0x2300, 0x2319], // U+231A-U+231B: watch, hourglass
  [0x231c, 0x2328], // U+2329-U+232A: wide angle brackets
  [0x232b, 0x23e8], // U+23E9-U+23EC, U+23F0, U+23F3: emoji
  [0x23ed, 0x23ef],
  [0x23f1, 0x23f2],
  [0x23f4, 0x23ff],
  [0x2500, 0x25fc], // U+25FD-U+25FE: emoji squares
  [0x25ff, 0x2613], // U+2614-U+2615: umbrella, hot beverage
  [0x2700, 0x2704], // U+2705: check mark button
  [0x2706, 0x2709], // U+270A-U+270B: raised fists
  [0x270c, 0x2727], // U+2728: sparkles
  [0x2729, 0x274b], // U+274C, U+274E: cross marks
  [0x274d, 0x274d],
  [0x274f, 0x2752], // U+2753-U+2755, U+2757: question and exclamation marks
  [0x2756, 0x2756],
  [0x2758, 0x2794], // U+2795-U+2797: heavy plus, minus, division
  [0x2798, 0x27af], // U+27B0: curly loop
  [0x27b1, 0x27be], // U+27BF: double curly loop
];

const oneColumn = new Uint8Array(0x2800);
for (const [from, to] of ONE_COLUMN) oneColumn.fill(1, from, to + 1);

/**
 * The width string-width would give `text` (without options), when every
 * character is one of the one-column characters above; undefined when it
 * needs string-width's full rules.
 */
export function oneColumnWidth(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x2800 || oneColumn[code] === 0) return undefined;
  }
  return text.length;
}

/** True when each UTF-16 unit of `text` is a grapheme cluster of its own (no CR LF pair, nothing that joins). */
function unitsAreClusters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) return false;
    } else if (code >= 0x2800 || oneColumn[code] === 0) return false;
  }
  return true;
}

/** What Intl.Segmenter's `segment()` returns, for text whose every UTF-16 unit is a cluster. */
class UnitSegments implements Iterable<Intl.SegmentData> {
  constructor(private readonly text: string) {}

  containing(index = 0): Intl.SegmentData | undefined {
    const at = Math.trunc(index);
    return at >= 0 && at < this.text.length ? { segment: this.text[at]!, index: at, input: this.text } : undefined;
  }

  *[Symbol.iterator](): IterableIterator<Intl.SegmentData> {
    for (let index = 0; index < this.text.length; index++) yield { segment: this.text[index]!, index, input: this.text };
  }
}

/**
 * Intl.Segmenter for graphemes, created only once some text needs it: text
 * of ASCII and the one-column characters above is split into its UTF-16
 * units, which is what Intl.Segmenter returns for it. Ink's text libraries
 * each make a segmenter as they load; the build gives them this one instead.
 */
export class LazyGraphemeSegmenter {
  #segmenter: Intl.Segmenter | undefined;
  readonly #locales: string | string[] | undefined;
  readonly #options: Intl.SegmenterOptions | undefined;

  constructor(locales?: string | string[], options?: Intl.SegmenterOptions) {
    this.#locales = locales;
    this.#options = options;
  }

  segment(text: string): Pick<Intl.Segments, 'containing'> & Iterable<Intl.SegmentData> {
    if ((this.#options?.granularity ?? 'grapheme') === 'grapheme' && unitsAreClusters(text)) return new UnitSegments(text);
    this.#segmenter ??= new Intl.Segmenter(this.#locales, this.#options);
    return this.#segmenter.segment(text);
  }
}
