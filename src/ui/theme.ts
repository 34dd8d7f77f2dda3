/**
 * Colours by meaning. Components ask for `theme.verdict.denied`, never for
 * 'red', so a light theme or NO_COLOR is one change here.
 */
export type Theme = {
  readonly verdict: { readonly allowed: string; readonly denied: string; readonly pending: string };
  readonly text: { readonly normal: string | undefined; readonly dim: string; readonly accent: string; readonly title: string };
  readonly border: { readonly focus: string; readonly idle: string };
  readonly token: {
    readonly pod: string;
    readonly service: string;
    readonly policy: string;
    readonly port: string;
    readonly ip: string;
    readonly name: string;
    readonly field: string;
    readonly node: string;
  };
  readonly yaml: { readonly key: string; readonly string: string; readonly number: string; readonly comment: string; readonly punctuation: string };
  /** False under NO_COLOR: components then draw with plain text and marks only. */
  readonly color: boolean;
};

const dark: Theme = {
  verdict: { allowed: 'green', denied: 'red', pending: 'yellow' },
  text: { normal: undefined, dim: 'gray', accent: 'cyan', title: 'magentaBright' },
  border: { focus: 'cyan', idle: 'gray' },
  token: { pod: 'green', service: 'cyan', policy: 'magenta', port: 'yellow', ip: 'blue', name: 'cyanBright', field: 'yellow', node: 'blueBright' },
  yaml: { key: 'cyan', string: 'green', number: 'yellow', comment: 'gray', punctuation: 'gray' },
  color: true,
};

const light: Theme = {
  ...dark,
  text: { normal: undefined, dim: 'gray', accent: 'blue', title: 'magenta' },
  border: { focus: 'blue', idle: 'gray' },
  token: { pod: 'green', service: 'blue', policy: 'magenta', port: 'red', ip: 'blue', name: 'blue', field: 'red', node: 'blue' },
  yaml: { key: 'blue', string: 'green', number: 'red', comment: 'gray', punctuation: 'gray' },
};

export function themeFor(name: 'dark' | 'light', env: NodeJS.ProcessEnv): Theme {
  const base = name === 'light' ? light : dark;
  // https://no-color.org: any non-empty NO_COLOR disables colour; TERM=dumb cannot show it either.
  const noColor = (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || env['TERM'] === 'dumb';
  return noColor ? { ...base, color: false } : base;
}
