import { parseArgs } from 'node:util';
import { isOutcome, OUTCOMES, safeText, traceProbe } from '../../sim/index.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import { traceToJson, traceToText } from '../format-trace.js';
import type { Command } from '../main.js';
import { loadWorld, WORLD_OPTIONS, WORLD_OPTIONS_HELP } from '../load-world.js';

const help = `Usage: kubequest trace -f PATH... --from SRC --to TARGET [options]

Follow one request through the cluster your manifests describe: DNS, the
Service and kube-proxy, NetworkPolicy, and the pod that answers (or why none does).

  -f, --file PATH     manifests: a file, a directory (*.yaml, *.yml, *.json) or - for stdin;
                      repeat it; all documents together form the cluster
  --from SRC          ns/pod | node/NAME | external | external:IP
  --to TARGET         ns/pod:PORT[/PROTO] | tcp://HOST:PORT | udp://HOST:PORT
                      | http://HOST[:PORT]/PATH | https://HOST[:PORT]/PATH
                      (HOST: a DNS name or an IP, resolved as the source would)
  --expect OUTCOME    exit 1 unless the outcome is this one
                      (${OUTCOMES.join(', ')})
  --json              print the trace as JSON
${WORLD_OPTIONS_HELP}
Examples:
  kubequest trace -f shop/ --from shop/web-7c9d4b8f6-x2k4q --to http://api.shop/
  kubequest trace -f app.yaml --from external --to tcp://10.0.0.11:30080

Exit codes: 0 traced (or the outcome was the one expected), 1 another outcome than --expect,
2 bad input.
`;

export const traceCommand: Command = {
  summary: 'follow one request through DNS, Services and pods',
  help,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        expect: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...WORLD_OPTIONS,
      },
      allowPositionals: false,
      strict: true,
    });
    if (!values.from) throw new UsageError('trace needs --from SRC (for example --from default/client or --from external)');
    if (!values.to) throw new UsageError('trace needs --to TARGET (for example --to http://web.shop/)');
    if (values.expect !== undefined && !isOutcome(values.expect)) {
      throw new UsageError(`--expect "${safeText(values.expect)}" is not an outcome; use one of ${OUTCOMES.join(', ')}`);
    }
    const world = await loadWorld(values, io);
    const result = traceProbe(world, values.from, values.to);
    if (!result.ok) throw new UsageError(safeText(result.error));
    const trace = result.value;
    io.stdout.write(values.json ? `${JSON.stringify(traceToJson(trace), null, 2)}\n` : traceToText(trace));
    return values.expect === undefined || values.expect === trace.outcome ? EXIT_OK : EXIT_FAILED;
  },
};
