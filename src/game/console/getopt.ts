/**
 * A small getopt for the tools run through `kubectl exec`: grouped short
 * flags (`-sS`, `-qO-`, `-zvu`), short flags with a value attached or next
 * (`-m5`, `-m 5`), long flags mapped to a short one (`--max-time=5`).
 */
export type OptSpec = {
  /** Short flags without a value. */
  readonly flags: string;
  /** Short flags that take a value. */
  readonly withValue: string;
  /** Long names and the short flag each stands for. */
  readonly long: Readonly<Record<string, string>>;
};

export type Opts = { readonly ok: true; readonly opts: ReadonlyMap<string, string>; readonly operands: readonly string[] } | { readonly ok: false; readonly bad: string };

export function getopt(words: readonly string[], spec: OptSpec): Opts {
  const opts = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq === -1 ? undefined : eq);
      const short = spec.long[name];
      if (short === undefined) return { ok: false, bad: word };
      if (spec.withValue.includes(short)) {
        const value = eq !== -1 ? word.slice(eq + 1) : words[++i];
        if (value === undefined) return { ok: false, bad: word };
        opts.set(short, value);
      } else opts.set(short, 'true');
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const ch = word[j]!;
        if (spec.flags.includes(ch)) {
          opts.set(ch, 'true');
        } else if (spec.withValue.includes(ch)) {
          const rest = word.slice(j + 1);
          const value = rest !== '' ? rest : words[++i];
          if (value === undefined) return { ok: false, bad: `-${ch}` };
          opts.set(ch, value);
          break;
        } else return { ok: false, bad: `-${ch}` };
      }
      continue;
    }
    operands.push(word);
  }
  return { ok: true, opts, operands };
}
