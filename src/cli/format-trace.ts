/**
 * A trace for people (one hop a line) and for programs (DESIGN.md's JSON):
 *
 *   from pod default/client (192.168.1.70 on node-2)
 *     ✓ dns         web.shop → web.shop.svc.cluster.local → 10.105.159.123 ...
 *     ✓ service     10.105.159.123 is the ClusterIP of shop/web; port 80/TCP
 *     ✓ kube-proxy  kube-proxy picks one of 3 ready endpoint(s): ...
 *     ✓ pod         shop/web-988cb4578-7x92l accepts 8080/TCP
 *   delivered: any of 3 pods may receive it: ...
 */
import { tokensToText, type Trace } from '../sim/index.js';

export function traceToText(trace: Trace): string {
  const [first, ...rest] = trace.hops;
  const width = Math.max(...rest.map((h) => h.step.length), 4);
  const lines = [
    first ? tokensToText(first.explanation) : `from ${trace.from}`,
    ...rest.map((h) => `  ${h.ok ? '✓' : '✗'} ${h.step.padEnd(width)}  ${tokensToText(h.explanation)}`),
    `${trace.outcome}: ${tokensToText(trace.explanation)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** DESIGN.md's `trace --json` object, plus `cause` and each hop's verdict and object. */
export function traceToJson(trace: Trace): object {
  return {
    from: trace.from,
    to: trace.to,
    outcome: trace.outcome,
    reach: trace.reach,
    ...(trace.port !== undefined ? { port: trace.port } : {}),
    endpoints: trace.endpoints.map((e) => ({
      ...(e.pod ? { pod: e.pod } : {}),
      ip: e.ip,
      port: e.port,
      ...(e.nodeName ? { node: e.nodeName } : {}),
      outcome: e.outcome,
      reason: tokensToText(e.explanation),
    })),
    hops: trace.hops.map((h) => ({
      step: h.step,
      ok: h.ok,
      detail: tokensToText(h.explanation),
      ...(h.object ? { object: h.object } : {}),
      ...(h.field ? { field: h.field } : {}),
    })),
    reason: tokensToText(trace.explanation),
    cause: trace.cause,
    ...(trace.external !== undefined ? { external: trace.external } : {}),
    ...(trace.location !== undefined ? { location: trace.location } : {}),
  };
}
