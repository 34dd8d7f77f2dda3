/**
 * What curl, wget, nslookup and nc print inside a pod, for each outcome of
 * a simulated request. The simulator decides what happens to the packets
 * (traceProbe); this module only words it as the tool would:
 *
 * | outcome                  | curl                                   | wget (BusyBox)                       | nc -zv (BusyBox)            |
 * |--------------------------|----------------------------------------|--------------------------------------|-----------------------------|
 * | delivered                | the response body                      | the body (-qO-)                      | HOST (IP:PORT) open         |
 * | http-404 / -503 / -redirect | the controller's error page         | server returned error: HTTP/1.1 ...  | open                        |
 * | dns-failure              | (6) Could not resolve host             | bad address 'HOST'                   | bad address 'HOST'          |
 * | refused, no-endpoints    | (7) ... Connection refused             | can't connect ... Connection refused | Connection refused          |
 * | denied, unreachable      | (28) Connection timed out              | download timed out                   | Connection timed out        |
 *
 * refused: nothing listens, or kube-proxy rejects a Service with no
 * endpoints with an ICMP error. denied and unreachable: packets are dropped
 * (NetworkPolicy, a port the Service does not expose, a Local traffic policy
 * with no local endpoint), so the client waits until it gives up.
 *
 * As with the real tools, `curl -s` prints no error (only kubectl's "command
 * terminated with exit code N"); `-sS` shows it. UDP has no handshake, so
 * `nc -zu` reports a dropped datagram as open: only the attached trace
 * tells the truth there.
 *
 * Response bodies are invented by the simulator: it knows which pod answers,
 * not what the application in it would say.
 */
import type { Trace } from '../../sim/index.js';

export type ToolResult = { readonly output: string; readonly exitCode: number; readonly trace?: Trace };

export type Failure = 'dns' | 'refused' | 'timeout';

/** How a non-HTTP failure looks from the client's side. */
export function failureOf(trace: Trace): Failure | undefined {
  switch (trace.outcome) {
    case 'dns-failure':
      return 'dns';
    case 'refused':
      return 'refused';
    case 'no-endpoints':
      return trace.cause === 'no-local-endpoint' ? 'timeout' : 'refused';
    case 'denied':
    case 'unreachable':
      return 'timeout';
    default:
      return undefined;
  }
}

export const HTTP_STATUS: Readonly<Record<string, { code: number; text: string }>> = {
  delivered: { code: 200, text: 'OK' },
  'http-404': { code: 404, text: 'Not Found' },
  'http-503': { code: 503, text: 'Service Temporarily Unavailable' },
  'http-redirect': { code: 308, text: 'Permanent Redirect' },
};

function nginxPage(code: number, text: string): string {
  return ['<html>', `<head><title>${code} ${text}</title></head>`, '<body>', `<center><h1>${code} ${text}</h1></center>`, '<hr><center>nginx</center>', '</body>', '</html>'].join('\n');
}

/** The body a delivered request gets back (invented: see the module comment). */
export function responseBody(trace: Trace, ipOf: (pod: string) => string | undefined): string {
  const status = HTTP_STATUS[trace.outcome];
  if (trace.outcome !== 'delivered') return status ? nginxPage(status.code, status.text) : '';
  const pod = trace.reach[0];
  if (pod) return `Hello from ${pod.split('/')[1]} (${ipOf(pod) ?? trace.endpoints.find((e) => e.pod === pod)?.ip ?? ''})`;
  if (trace.external) return `<!doctype html><html><body>A response from ${trace.external}, outside the cluster</body></html>`;
  const ep = trace.endpoints.find((e) => e.outcome === 'delivered');
  return `Hello from ${ep ? `${ep.ip}:${ep.port}` : 'the server'}`;
}
