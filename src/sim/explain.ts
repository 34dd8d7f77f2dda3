/**
 * Explanations as data: a sentence is a list of tokens, plain text mixed with
 * references to the things it names. The CLI renders tokens as plain text
 * (`tokensToText`), the game gives each kind its own colour, and `--json`
 * carries the text. One structure, two renderers, so the words never drift
 * from the verdict.
 */
import { safeText } from './safe-text.js';

export type TokenKind = 'pod' | 'service' | 'policy' | 'object' | 'port' | 'ip' | 'name' | 'field' | 'verdict' | 'node';

export type Token = string | { readonly kind: TokenKind; readonly text: string };

export type Explanation = readonly Token[];

export const tok = {
  pod: (text: string): Token => ({ kind: 'pod', text }),
  service: (text: string): Token => ({ kind: 'service', text }),
  policy: (text: string): Token => ({ kind: 'policy', text }),
  object: (text: string): Token => ({ kind: 'object', text }),
  port: (text: string | number): Token => ({ kind: 'port', text: String(text) }),
  ip: (text: string): Token => ({ kind: 'ip', text }),
  name: (text: string): Token => ({ kind: 'name', text }),
  field: (text: string): Token => ({ kind: 'field', text }),
  verdict: (text: string): Token => ({ kind: 'verdict', text }),
  node: (text: string): Token => ({ kind: 'node', text }),
};

/** Plain text for logs and `--json`; names from input are made terminal-safe. */
export function tokensToText(tokens: Explanation): string {
  return tokens.map((t) => (typeof t === 'string' ? t : safeText(t.text))).join('');
}
