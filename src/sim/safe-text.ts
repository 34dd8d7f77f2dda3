/**
 * Text taken from input (names, values, file contents) may carry escape
 * sequences that would repaint or hijack a terminal. Everything that reaches
 * stdout or stderr from input passes through here: control characters other
 * than newline and tab become visible `\xNN` / `\u{...}` escapes.
 */
export function safeText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
