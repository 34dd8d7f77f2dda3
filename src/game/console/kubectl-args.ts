/**
 * kubectl's flags, read the way its flag library (pflag) reads them:
 * `-n shop`, `-nshop`, `--namespace shop`, `--namespace=shop`; boolean
 * shorthands may be grouped (`-it`); `--` ends the flags and what follows is
 * the command for `exec`.
 */
export type FlagName = 'namespace' | 'all-namespaces' | 'output' | 'selector' | 'show-labels' | 'container' | 'stdin' | 'tty' | 'help' | 'recursive';

type FlagSpec = { readonly name: FlagName; readonly short?: string; readonly takesValue: boolean };

const FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', takesValue: true },
  { name: 'all-namespaces', short: 'A', takesValue: false },
  { name: 'output', short: 'o', takesValue: true },
  { name: 'selector', short: 'l', takesValue: true },
  { name: 'show-labels', takesValue: false },
  { name: 'container', short: 'c', takesValue: true },
  { name: 'stdin', short: 'i', takesValue: false },
  { name: 'tty', short: 't', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
  { name: 'recursive', takesValue: false },
];

export type KubectlArgs = {
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<FlagName, string>;
  /** The words after `--`, when there was one. */
  readonly command?: readonly string[];
};

export type ParsedArgs = { readonly ok: true; readonly args: KubectlArgs } | { readonly ok: false; readonly error: string };

export function parseKubectlArgs(words: readonly string[], allowed: readonly FlagName[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<FlagName, string>();
  const specs = FLAGS.filter((f) => allowed.includes(f.name) || f.name === 'help');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return { ok: true, args: { positional, flags, command: words.slice(i + 1) } };
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq === -1 ? undefined : eq);
      const spec = specs.find((f) => f.name === name);
      if (!spec) return { ok: false, error: `error: unknown flag: --${name}` };
      if (!spec.takesValue) {
        flags.set(spec.name, eq === -1 ? 'true' : word.slice(eq + 1));
        continue;
      }
      const value = eq !== -1 ? word.slice(eq + 1) : words[++i];
      if (value === undefined) return { ok: false, error: `error: flag needs an argument: --${name}` };
      flags.set(spec.name, value);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        const short = word[j]!;
        const spec = specs.find((f) => f.short === short);
        if (!spec) return { ok: false, error: `error: unknown shorthand flag: '${short}' in ${word}` };
        if (!spec.takesValue) {
          flags.set(spec.name, 'true');
          continue;
        }
        const rest = word.slice(j + 1).replace(/^=/, '');
        const value = rest !== '' ? rest : words[++i];
        if (value === undefined) return { ok: false, error: `error: flag needs an argument: '${short}' in -${short}` };
        flags.set(spec.name, value);
        break;
      }
      continue;
    }
    positional.push(word);
  }
  return { ok: true, args: { positional, flags } };
}
