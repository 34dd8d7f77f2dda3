/**
 * `kubectl exec POD [-n NS] [-c CONTAINER] -- COMMAND`: the pod (or the
 * first pod of a Deployment, StatefulSet or DaemonSet of that name, or
 * `deploy/NAME`) runs curl, wget, nslookup or nc, each a request through
 * the simulator from that pod (traceProbe). `sh -c "..."` runs the quoted
 * command. A failing tool ends with kubectl's "command terminated with exit
 * code N", as kubectl prints it.
 */
import { kubeDnsIP, parseIPv4, podResolver, resolveOutside, resolveTargetPod, resolveWithConfig, traceProbe, type DnsLookup, type Pod, type Trace, type World } from '../../sim/index.js';
import { failureOf, HTTP_STATUS, responseBody, type ToolResult } from './exec-tools.js';
import { getopt } from './getopt.js';
import type { KubectlArgs } from './kubectl-args.js';
import { splitShellWords } from './shell-words.js';
import type { ConsoleResult } from './types.js';

const WORKLOAD_PREFIXES = /^(pods?|po|deployments?|deploy|statefulsets?|sts|daemonsets?|ds|replicasets?|rs)\//i;

const TOOLS = 'curl, wget, nslookup and nc';

export function runExec(world: World, args: KubectlArgs, defaultNamespace: string): ConsoleResult {
  const [target, ...extra] = args.positional;
  if (target === undefined) return { output: 'error: expected \'exec (POD | TYPE/NAME) -- COMMAND [args...]\'.\nPOD or TYPE/NAME is a required argument for the exec command', error: true };
  if (args.command === undefined) {
    return { output: `error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`, error: true };
  }
  if (extra.length > 0) return { output: `error: unexpected argument "${extra[0]}" before --`, error: true };
  if (args.command.length === 0) return { output: 'error: you must specify at least one command for the container', error: true };
  const namespace = args.flags.get('namespace') ?? defaultNamespace;
  const name = target.replace(WORKLOAD_PREFIXES, '');
  const resolved = resolveTargetPod(world, namespace, name);
  if (!resolved.ok) return { output: `Error from server (NotFound): pods "${name}" not found\n(${resolved.error})`, error: true };
  const pod = resolved.value;
  const container = args.flags.get('container');
  if (container !== undefined && !pod.containers.some((c) => c.name === container)) {
    return { output: `Error from server (BadRequest): container ${container} is not valid for pod ${pod.name}`, error: true };
  }
  const result = runTool(world, pod, args.command);
  const output = [result.output, ...(result.exitCode !== 0 ? [`command terminated with exit code ${result.exitCode}`] : [])].filter((t) => t !== '').join('\n');
  return { output: expandTabs(output), ...(result.exitCode !== 0 ? { error: true } : {}), ...(result.trace ? { trace: result.trace } : {}) };
}

/** Tabs to spaces at 8-column stops, as a terminal shows them, so every renderer lines them up alike. */
function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[^\t]*\t/g, (chunk) => chunk.slice(0, -1) + ' '.repeat(8 - ((chunk.length - 1) % 8))))
    .join('\n');
}

function runTool(world: World, pod: Pod, command: readonly string[]): ToolResult {
  const [tool, ...rest] = command;
  if ((tool === 'sh' || tool === 'bash' || tool === 'ash' || tool === '/bin/sh') && rest[0] === '-c' && rest[1] !== undefined) {
    const words = splitShellWords(rest[1]);
    if (!words.ok) return { output: `sh: ${words.error}`, exitCode: 2 };
    if (words.words.length === 0) return { output: '', exitCode: 0 };
    return runTool(world, pod, words.words);
  }
  switch (tool) {
    case 'curl':
      return curl(world, pod, rest);
    case 'wget':
      return wget(world, pod, rest);
    case 'nslookup':
      return nslookup(world, pod, rest);
    case 'nc':
    case 'netcat':
      return nc(world, pod, rest);
    default:
      return {
        output: `error: kubequest's pods can run ${TOOLS} (e.g. -- curl -s http://web); "${tool}" is not simulated`,
        exitCode: 127,
      };
  }
}

const source = (pod: Pod) => `${pod.namespace}/${pod.name}`;

/** A name looked up as the pod's own resolver would: cluster DNS, or the node's for dnsPolicy Default. */
function lookupFrom(world: World, pod: Pod, name: string): DnsLookup {
  const config = podResolver(world, pod);
  return config ? resolveWithConfig(world, name, config) : resolveOutside(world, name);
}

/** The address a name resolves to from the pod, for the tools' messages. */
function addressOf(world: World, pod: Pod, host: string): string {
  if (parseIPv4(host) !== undefined) return host;
  const answer = lookupFrom(world, pod, host).answer;
  if (answer.kind === 'address' && answer.ips[0]) return answer.ips[0];
  if (answer.kind === 'cname') return answer.target;
  return host;
}

const podIP = (world: World) => (key: string) => world.pods.find((p) => `${p.namespace}/${p.name}` === key)?.ip;

type Url = { readonly scheme: 'http' | 'https'; readonly host: string; readonly port: number; readonly path: string };

function parseUrl(text: string): Url | string {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(text);
  if (!m) return 'URL rejected: Malformed input to a URL function';
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return `Protocol "${scheme}" not supported`;
  const host = m[2]!.toLowerCase();
  if (host === '' || !/^[a-z0-9.-]+$/.test(host)) return 'URL rejected: Bad hostname';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (!(port >= 1 && port <= 65535)) return 'URL rejected: Port number was not a decimal number between 0 and 65535';
  const path = (m[4] ?? '/').replace(/[?#].*$/, '') || '/';
  return { scheme, host, port, path: path.startsWith('/') ? path : `/${path}` };
}

function traceFrom(world: World, pod: Pod, target: string): Trace | string {
  const result = traceProbe(world, source(pod), target);
  return result.ok ? result.value : result.error;
}

function curl(world: World, pod: Pod, words: readonly string[]): ToolResult {
  const parsed = getopt(words, {
    flags: 'sSvkLfIi',
    withValue: 'moHXdwA',
    long: {
      silent: 's', 'show-error': 'S', verbose: 'v', insecure: 'k', location: 'L', fail: 'f', head: 'I', include: 'i',
      'max-time': 'm', 'connect-timeout': 'm', output: 'o', header: 'H', request: 'X', data: 'd', 'write-out': 'w', 'user-agent': 'A',
    },
  });
  if (!parsed.ok) return { output: `curl: option ${parsed.bad}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, exitCode: 2 };
  const { opts, operands } = parsed;
  const quietErrors = opts.has('s') && !opts.has('S');
  const fail = (code: number, message: string, trace?: Trace): ToolResult => ({
    output: [opts.has('w') ? writeOut(opts.get('w')!, 0) : '', quietErrors ? '' : `curl: (${code}) ${message}`].filter((t) => t !== '').join('\n'),
    exitCode: code,
    ...(trace ? { trace } : {}),
  });
  const urlText = operands[0];
  if (urlText === undefined) return { output: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information", exitCode: 2 };
  const url = parseUrl(urlText);
  if (typeof url === 'string') return fail(url.startsWith('Protocol') ? 1 : 3, url);
  const trace = traceFrom(world, pod, `${url.scheme}://${url.host}:${url.port}${url.path}`);
  if (typeof trace === 'string') return fail(3, `URL rejected: ${trace}`);
  const failure = failureOf(trace);
  const seconds = Number(opts.get('m') ?? 5);
  if (failure === 'dns') return fail(6, `Could not resolve host: ${url.host}`, trace);
  if (failure === 'refused') return fail(7, `Failed to connect to ${url.host} port ${url.port} after 3 ms: Connection refused`, trace);
  if (failure === 'timeout') return fail(28, `Connection timed out after ${Math.round((Number.isFinite(seconds) ? seconds : 5) * 1000)} milliseconds`, trace);
  const status = HTTP_STATUS[trace.outcome] ?? { code: 200, text: 'OK' };
  if (opts.has('f') && status.code >= 400) return fail(22, `The requested URL returned error: ${status.code}`, trace);
  const headers = [`HTTP/1.1 ${status.code} ${status.text}`, ...(trace.location ? [`Location: ${trace.location}`] : []), ''];
  const body = opts.has('I') ? headers.join('\n') : [...(opts.has('i') ? headers : []), responseBody(trace, podIP(world))].join('\n');
  const shown = opts.has('o') && opts.get('o') !== '-' ? '' : body;
  const written = opts.has('w') ? writeOut(opts.get('w')!, status.code, addressOf(world, pod, url.host)) : '';
  return { output: shown + written, exitCode: 0, trace };
}

/** curl's --write-out: %{http_code}, %{remote_ip} and \n. */
function writeOut(format: string, code: number, ip = ''): string {
  return format
    .replaceAll('%{http_code}', String(code).padStart(3, '0'))
    .replaceAll('%{response_code}', String(code).padStart(3, '0'))
    .replaceAll('%{remote_ip}', ip)
    .replaceAll('\\n', '\n');
}

function wget(world: World, pod: Pod, words: readonly string[]): ToolResult {
  const parsed = getopt(words, { flags: 'qS', withValue: 'OTU', long: { quiet: 'q', 'output-document': 'O', timeout: 'T', 'server-response': 'S', 'user-agent': 'U' } });
  if (!parsed.ok) return { output: `wget: unrecognized option '${parsed.bad}'\nBusyBox wget: usage: wget [-qS] [-O FILE] [-T SEC] URL`, exitCode: 1 };
  const { opts, operands } = parsed;
  const urlText = operands[0];
  if (urlText === undefined) return { output: 'BusyBox wget: usage: wget [-qS] [-O FILE] [-T SEC] URL', exitCode: 1 };
  const url = parseUrl(urlText);
  if (typeof url === 'string') return { output: `wget: not an http or ftp url: ${urlText}`, exitCode: 1 };
  const trace = traceFrom(world, pod, `${url.scheme}://${url.host}:${url.port}${url.path}`);
  if (typeof trace === 'string') return { output: `wget: bad address '${url.host}'`, exitCode: 1 };
  const ip = addressOf(world, pod, url.host);
  const connecting = opts.has('q') ? [] : [`Connecting to ${url.host}${url.port === 80 || url.port === 443 ? '' : `:${url.port}`} (${ip}:${url.port})`];
  const failure = failureOf(trace);
  const failed = (message: string): ToolResult => ({ output: [...(failure === 'dns' ? [] : connecting), `wget: ${message}`].join('\n'), exitCode: 1, trace });
  if (failure === 'dns') return failed(`bad address '${url.host}'`);
  if (failure === 'refused') return failed(`can't connect to remote host (${ip}): Connection refused`);
  if (failure === 'timeout') return failed('download timed out');
  const status = HTTP_STATUS[trace.outcome] ?? { code: 200, text: 'OK' };
  if (status.code !== 200) return failed(`server returned error: HTTP/1.1 ${status.code} ${status.text}`);
  const file = opts.get('O') ?? 'index.html';
  if (file === '-') return { output: [...(opts.has('q') ? [] : [...connecting, 'writing to stdout']), responseBody(trace, podIP(world))].join('\n'), exitCode: 0, trace };
  return { output: opts.has('q') ? '' : [...connecting, `saving to '${file}'`, `'${file}' saved`].join('\n'), exitCode: 0, trace };
}

function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

function nslookup(world: World, pod: Pod, words: readonly string[]): ToolResult {
  const names = words.filter((w) => !w.startsWith('-'));
  const name = names[0];
  if (name === undefined) return { output: 'Usage: nslookup [-type=QUERY_TYPE] HOST [DNS_SERVER]', exitCode: 1 };
  const dns = kubeDnsIP(world.settings);
  const reach = traceFrom(world, pod, `udp://${dns}:53`);
  const trace = typeof reach === 'string' ? undefined : reach;
  const withTrace = (r: { output: string; exitCode: number }): ToolResult => (trace ? { ...r, trace } : r);
  if (trace && trace.outcome !== 'delivered') return withTrace({ output: ';; connection timed out; no servers could be reached', exitCode: 1 });
  const header = [`Server:\t\t${dns}`, `Address:\t${dns}#53`, ''];
  if (parseIPv4(name) !== undefined) {
    const service = world.services.find((s) => s.clusterIP === name);
    const fqdn = service ? `${service.name}.${service.namespace}.svc.${world.settings.clusterDomain}` : undefined;
    return withTrace(
      fqdn
        ? { output: [...header, `${reverseName(name)}\tname = ${fqdn}.`].join('\n'), exitCode: 0 }
        : { output: [...header, `** server can't find ${reverseName(name)}: NXDOMAIN`].join('\n'), exitCode: 1 },
    );
  }
  const answer = lookupFrom(world, pod, name).answer;
  switch (answer.kind) {
    case 'address':
      return withTrace({ output: [...header, ...answer.ips.flatMap((ip) => [`Name:\t${answer.fqdn}`, `Address: ${ip}`])].join('\n'), exitCode: 0 });
    case 'cname': {
      const next = answer.target ? lookupFrom(world, pod, `${answer.target}.`).answer : undefined;
      const lines = [...header, `${answer.fqdn}\tcanonical name = ${answer.target}.`];
      if (next?.kind === 'address') lines.push(...next.ips.flatMap((ip) => [`Name:\t${next.fqdn}`, `Address: ${ip}`]));
      else lines.push(`;; ${answer.target} is outside the cluster: CoreDNS asks the upstream resolver (kubequest does not simulate the internet)`);
      return withTrace({ output: lines.join('\n'), exitCode: 0 });
    }
    case 'upstream':
      return withTrace({
        output: [...header, 'Non-authoritative answer:', `;; ${answer.fqdn} is outside the cluster: CoreDNS asks the upstream resolver (kubequest does not simulate the internet)`].join('\n'),
        exitCode: 0,
      });
    case 'nxdomain':
      return withTrace({ output: [...header, `** server can't find ${name.replace(/\.$/, '')}: NXDOMAIN`].join('\n'), exitCode: 1 });
  }
}

function nc(world: World, pod: Pod, words: readonly string[]): ToolResult {
  const parsed = getopt(words, { flags: 'zvun46', withValue: 'w', long: {} });
  const usage = 'usage: nc [-zvu] [-w SECS] HOST PORT';
  if (!parsed.ok) return { output: `nc: invalid option -- '${parsed.bad.replace(/^-+/, '')}'\n${usage}`, exitCode: 1 };
  const { opts, operands } = parsed;
  const [host, portText] = operands;
  if (host === undefined || portText === undefined) return { output: usage, exitCode: 1 };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return { output: `nc: port number invalid: ${portText}`, exitCode: 1 };
  const udp = opts.has('u');
  const lowerHost = host.toLowerCase();
  const trace = traceFrom(world, pod, `${udp ? 'udp' : 'tcp'}://${lowerHost}:${port}`);
  if (typeof trace === 'string') return { output: `nc: bad address '${host}'`, exitCode: 1 };
  const failure = failureOf(trace);
  if (failure === 'dns') return { output: `nc: bad address '${host}'`, exitCode: 1, trace };
  const where = `${host} (${addressOf(world, pod, lowerHost)}:${port})`;
  const verbose = opts.has('v');
  // UDP has no handshake: silence (a drop) looks the same as a listener; only an ICMP error shows.
  if (failure === undefined || (udp && failure === 'timeout')) return { output: verbose ? `${where} open` : '', exitCode: 0, trace };
  return { output: `nc: ${where}: ${failure === 'refused' ? 'Connection refused' : 'Connection timed out'}`, exitCode: 1, trace };
}
