/**
 * "Did you mean ...?" for near-miss names: a case-insensitive match first
 * (`targetport` -> targetPort, `service` -> Service), then the closest name
 * within a small edit distance (`selectr` -> selector). Short words get a
 * smaller allowance, so `ip` never turns into `id`.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = word.toLowerCase();
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
