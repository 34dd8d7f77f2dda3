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
 * Code points both string-widths in Ink's tree (8, and 7 in wrap-ansi)
 * measure as one column, and that form a cluster of their own: printable
 * ASCII, Latin-1, punctuation, the plain arrows, box drawing and blocks,
 * and the shapes and dingbats the UI draws; not those either draws as a
 * two-column emoji or as nothing (the soft hyphen, ©, ®).
 * test/ui/text-width.test.ts checks every one against both.
 */
const ONE_COLUMN: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xa8],
  [0xaa, 0xac],
  [0xaf, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x203b],
  [0x2190, 0x2193],
  [0x2500, 0x259f],
  [0x25b7, 0x25bf],
  [0x2605, 0x2606],
  [0x2713, 0x2713],
  [0x2717, 0x2718],
  [0x276f, 0x2770],
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
