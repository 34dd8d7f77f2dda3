/**
 * Learners' mistakes are data: every problem found in a manifest is a
 * `Problem` with a code, a plain message and a 1-based position, never a
 * thrown error. `formatProblem` renders one the way a compiler would:
 *
 * ```
 * web.yaml:14:9: unknown field "targetport" in spec.ports[0]
 *     targetport: 8080
 *     ^
 * hint: did you mean targetPort?
 * ```
 */
import { safeText } from '../sim/index.js';

export type ProblemCode =
  // reading the text
  | 'YAML_SYNTAX'
  | 'DUPLICATE_KEY'
  | 'TAB_INDENT'
  | 'ALIAS_LIMIT'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'NOT_AN_OBJECT'
  // kubectl strict field validation
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'UNKNOWN_KIND'
  | 'UNSUPPORTED_KIND'
  | 'WRONG_API_VERSION'
  // API server validation
  | 'INVALID_VALUE'
  | 'INVALID_NAME'
  | 'FORBIDDEN_FIELD'
  | 'DUPLICATE_VALUE'
  | 'SELECTOR_MISMATCH'
  // across objects
  | 'DUPLICATE_OBJECT'
  | 'PORT_CONFLICT'
  | 'IP_CONFLICT'
  // levels, packs and submissions
  | 'DISALLOWED_KIND'
  | 'NAME_COLLISION'
  | 'MISSING_FILE'
  | 'DUPLICATE_LEVEL_ID'
  | 'UNKNOWN_REFERENCE'
  | 'UNFAIR_LEVEL';

/**
 * `error`: the API server or kubectl would refuse the object (validate exits 2).
 * `warning`: accepted, but worth knowing (a kind kubequest skips, a slice no Service uses).
 */
export type Severity = 'error' | 'warning';

export type Problem = {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** A suggestion on its own line, e.g. "did you mean targetPort?". */
  readonly hint?: string;
};

export function problem(
  code: ProblemCode,
  message: string,
  file: string,
  pos: { readonly line: number; readonly col: number },
  extra: { readonly hint?: string | undefined; readonly severity?: Severity | undefined } = {},
): Problem {
  return {
    code,
    severity: extra.severity ?? 'error',
    message,
    file,
    line: pos.line,
    col: pos.col,
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
  };
}

export function isError(p: Problem): boolean {
  return p.severity === 'error';
}

/** Problems in reading order: grouped by file (in the order files first appear), then by line and column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const fileRank = new Map<string, number>();
  for (const p of problems) if (!fileRank.has(p.file)) fileRank.set(p.file, fileRank.size);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (fileRank.get(a.p.file) ?? 0) - (fileRank.get(b.p.file) ?? 0) || a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * `file:line:col: message`, then (when the source text is given) the source
 * line and a caret under the column, then `hint: ...`. Warnings say so.
 * Everything taken from input passes through `safeText`.
 */
export function formatProblem(p: Problem, sourceText?: string): string {
  const lines = [`${safeText(p.file)}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${safeText(p.message)}`];
  if (sourceText !== undefined) {
    const source = sourceLine(sourceText, p.line);
    if (source !== undefined && source.trim() !== '') {
      const shown = truncate(source, p.col);
      lines.push(`    ${safeText(shown.text)}`);
      lines.push(`    ${caretPad(safeText(shown.text.slice(0, Math.max(0, shown.col - 1))))}^`);
    }
  }
  if (p.hint !== undefined) lines.push(`hint: ${safeText(p.hint)}`);
  return lines.join('\n');
}

function sourceLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  let result = text.slice(start, end);
  if (result.endsWith('\r')) result = result.slice(0, -1);
  if (line === 1 && result.startsWith('\uFEFF')) result = result.slice(1);
  return result;
}

/** Long lines (minified JSON) are cut to a window around the column. */
function truncate(line: string, col: number): { text: string; col: number } {
  const max = 120;
  if (line.length <= max) return { text: line, col };
  const from = Math.max(0, Math.min(col - 1 - 40, line.length - max));
  const prefix = from > 0 ? '…' : '';
  const body = line.slice(from, from + max);
  const suffix = from + max < line.length ? '…' : '';
  return { text: prefix + body + suffix, col: col - from + prefix.length };
}

/** Spaces up to the caret; tabs stay tabs so the caret lines up in a terminal. */
function caretPad(before: string): string {
  return before.replace(/[^\t]/gu, ' ');
}
