/**
 * A console line split into words as a POSIX shell would: blanks separate
 * words; 'single quotes' keep everything literally; "double quotes" keep
 * blanks and let a backslash escape `"`, `\`, `$` and a backquote; outside
 * quotes a backslash keeps the next character. There is no expansion, no
 * pipes and no redirection: `|`, `>` and `$` are ordinary characters.
 */
export type ShellWords = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly error: string };

export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i]!;
      else word += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') {
      if (i + 1 < line.length) word += line[++i]!;
    } else word += ch;
  }
  if (quote) return { ok: false, error: `unexpected end of line: the ${quote === "'" ? 'single' : 'double'} quote is never closed` };
  if (inWord) words.push(word);
  return { ok: true, words };
}
