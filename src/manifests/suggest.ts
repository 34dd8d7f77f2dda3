/**
 * "Did you mean ...?" for near-miss names: a case-insensitive match first
 * (`targetport` -> targetPort, `service` -> Service), then the closest name
 * within a small edit distance (`selectr` -> selector). Short words get a
 * smaller allowance, so `ip` never turns into `id`.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = plainLookalikes(word).toLowerCase();
  const exact = list.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const allowance = word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2;
  if (allowance === 0) return undefined;
  let best: string | undefined;
  let bestDistance = allowance + 1;
  for (const c of list) {
    if (Math.abs(c.length - word.length) > allowance) continue;
    const d = editDistance(lower, c.toLowerCase(), allowance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Damerau-Levenshtein (optimal string alignment), giving up past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + (a === b ? 0 : limit + 1);
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Characters that look like ASCII but are not (copied from a web page, a
 * chat or a document, or planted): what each one looks like. Fullwidth
 * forms (U+FF01-U+FF5E) are handled apart.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y', '\u0445': 'x', '\u0456': 'i', '\u0458': 'j', '\u0455': 's',
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O', '\u0420': 'P', '\u0421': 'C', '\u0422': 'T', '\u0425': 'X', '\u0405': 'S', '\u0406': 'I',
  '\u03bf': 'o', '\u03b1': 'a', '\u03b5': 'e', '\u03b9': 'i', '\u03bd': 'v', '\u03c1': 'p',
  '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0397': 'H', '\u0399': 'I', '\u039a': 'K', '\u039c': 'M', '\u039d': 'N', '\u039f': 'O', '\u03a1': 'P', '\u03a4': 'T', '\u03a7': 'X', '\u0396': 'Z',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u3000': ' ',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2024': '.', '\u2236': ':', '\ua789': ':',
};

const SCRIPT_OF: readonly [number, number, string][] = [
  [0x0370, 0x03ff, 'a Greek letter'],
  [0x0400, 0x04ff, 'a Cyrillic letter'],
  [0xff01, 0xff5e, 'a fullwidth character'],
];

/**
 * The first character of `text` that only looks like ASCII: how to show it
 * (`"е" (U+0435, a Cyrillic letter)`; a space is shown by its code only)
 * and the ASCII character it imitates. Undefined when there is none.
 */
export function lookalikeOf(text: string): { readonly shown: string; readonly plain: string } | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    const plain = LOOKALIKES[ch] ?? (code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : undefined);
    if (plain === undefined) continue;
    const what = SCRIPT_OF.find(([lo, hi]) => code >= lo && code <= hi)?.[2] ?? (plain === ' ' ? 'a special space' : 'a special character');
    const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return { shown: plain === ' ' ? `${u} (${what})` : `"${ch}" (${u}, ${what})`, plain };
  }
  return undefined;
}

/** `text` with every lookalike replaced by the ASCII it imitates (`Ѕеrviсе` -> `Service`). */
export function plainLookalikes(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x80 ? ch : (LOOKALIKES[ch] ?? (code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : ch));
  }
  return out;
}

/** `: "е" (U+0435, a Cyrillic letter) only looks like "e"; ...` to append to a message about `text`, or ''. */
export function withLookalike(text: string): string {
  const l = lookalikeOf(text);
  return l === undefined ? '' : `: ${l.shown} only looks like "${l.plain}"; type a plain "${l.plain}"`;
}
