/**
 * `kubequest validate FILE... [--json]`: manifests checked as the API server
 * and `kubectl apply --validate=strict` would. Text output, one block per
 * problem, then a summary:
 *
 * ```
 * web.yaml:14:9: unknown field "targetport" in spec.ports[0]
 *     targetport: 8080
 *     ^
 * hint: did you mean targetPort?
 *
 * 1 error in 2 objects from 1 file
 * ```
 *
 * Exit 0 when there is no error (warnings allowed), 2 when there is one, or
 * when a file cannot be read.
 */
import { parseArgs } from 'node:util';
import { formatProblem, isError, parseManifests, validateObjects, type Problem, type SourcedObject } from '../../manifests/index.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import { readInputs, MAX_INPUT_BYTES, MAX_TOTAL_BYTES } from '../inputs.js';
import type { Command } from '../main.js';

const help = `Usage: kubequest validate FILE... [--json]

Check Kubernetes manifests the way the API server and "kubectl apply
--validate=strict" would: YAML syntax, unknown or misplaced fields, wrong
types, required fields, names, ports, selectors, IPs and CIDRs, and conflicts
between objects (the same object twice, a nodePort or clusterIP used twice).

  FILE, -f PATH   a file, a directory (its *.yaml, *.yml and *.json files,
                  not recursive) or - for standard input; repeat as needed
  --json          print {"valid", "objects", "problems": [...]} instead of text
  -h, --help      show this help

Limits: ${MAX_INPUT_BYTES / 1024 / 1024} MiB per input, ${MAX_TOTAL_BYTES / 1024 / 1024} MiB in all.
Kinds that kubequest does not simulate (Job, ServiceAccount, ...) are
skipped with a warning.

Examples:
  kubequest validate web.yaml
  kubequest validate manifests/ --json
  kubectl get svc,deploy -o yaml | kubequest validate -

Exit codes: 0 no errors (warnings allowed), 2 errors found or bad usage.
`;

export const validateCommand: Command = {
  summary: 'check manifests as the API server and kubectl would',
  help,
  async run(args, io) {
    const paths = parseValidateArgs(args);
    const inputs = await readInputs(paths.files, io);
    const objects: SourcedObject[] = [];
    const problems: Problem[] = [];
    for (const input of inputs) {
      const result = parseManifests(input.text, input.file);
      objects.push(...result.objects);
      problems.push(...result.problems);
    }
    const all = orderByInput([...problems, ...validateObjects(objects)], inputs.map((i) => i.file));
    const errors = all.filter(isError).length;
    const warnings = all.length - errors;

    if (paths.json) {
      const report = {
        valid: errors === 0,
        objects: objects.length,
        problems: all.map((p) => ({
          file: p.file,
          line: p.line,
          col: p.col,
          code: p.code,
          severity: p.severity,
          message: p.message,
          hint: p.hint ?? null,
        })),
      };
      io.stdout.write(`${escapeJsonControls(JSON.stringify(report, null, 2))}\n`);
    } else {
      const texts = new Map(inputs.map((i) => [i.file, i.text]));
      for (const p of all) io.stdout.write(`${formatProblem(p, texts.get(p.file))}\n\n`);
      io.stdout.write(`${summary(errors, warnings, objects.length, inputs.length)}\n`);
    }
    return errors > 0 ? EXIT_USAGE : EXIT_OK;
  },
};

function parseValidateArgs(args: readonly string[]): { files: string[]; json: boolean } {
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args: [...args],
      options: { file: { type: 'string', short: 'f', multiple: true }, json: { type: 'boolean' } },
      allowPositionals: true,
      tokens: true,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nRun "kubequest validate --help" for usage.`);
  }
  const files: string[] = [];
  let json = false;
  for (const t of tokens) {
    if (t.kind === 'positional') files.push(t.value);
    else if (t.kind === 'option' && t.name === 'file' && t.value !== undefined) files.push(t.value);
    else if (t.kind === 'option' && t.name === 'json') json = true;
  }
  if (files.length === 0) throw new UsageError('no files to validate. Usage: kubequest validate FILE... (a file, a directory, or - for stdin)');
  return { files, json };
}

/** Problems grouped by input, in the order the inputs were given; each group by line and column. */
function orderByInput(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const rank = new Map(files.map((f, i) => [f, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (rank.get(a.p.file) ?? 0) - (rank.get(b.p.file) ?? 0) || a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map(({ p }) => p);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(errors: number, warnings: number, objects: number, files: number): string {
  const where = `${plural(objects, 'object')} ${errors > 0 ? 'from' : 'in'} ${plural(files, 'file')}`;
  if (errors > 0) return `${plural(errors, 'error')}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''} in ${where}`;
  return `✓ ${where} ${objects === 1 ? 'is' : 'are'} valid${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`;
}

/** JSON.stringify escapes C0 controls; escape C1 controls and bidi/zero-width marks too, so no raw control reaches a terminal. */
function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
