/**
 * The cluster as a picture in text: each node with its pods (name and IP),
 * then the Services and where they send traffic. Pods that received a
 * checked request are green, pods a policy denied are red.
 *
 *   node-1 10.0.0.11   client 192.168.0.5 · web-7c9d-x2k4q 192.168.0.7
 *   node-2 10.0.0.12   web-7c9d-b8f6n 192.168.1.3
 *   svc shop/web  ClusterIP 10.96.14.7  80→8080  2 endpoints
 */
import { Box, Text } from 'ink';
import { safeText, type World } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export type PodMarks = ReadonlyMap<string, 'reached' | 'denied'>;

export function ClusterView({ world, namespaces, marks, theme, width }: { readonly world: World; readonly namespaces: ReadonlySet<string>; readonly marks: PodMarks; readonly theme: Theme; readonly width: number }) {
  const pods = world.pods.filter((p) => namespaces.has(p.namespace));
  const services = world.services.filter((s) => namespaces.has(s.namespace));
  const color = (key: string) => {
    const mark = marks.get(key);
    if (!theme.color || !mark) return undefined;
    return mark === 'reached' ? theme.verdict.allowed : theme.verdict.denied;
  };
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Cluster</Text>
      {world.nodes.map((node) => {
        const here = pods.filter((p) => p.nodeName === node.name);
        return (
          <Box key={node.name}>
            <Box width={20} flexShrink={0}>
              <Text color={theme.color ? theme.token.node : undefined}>
                {' '}
                {node.name} {node.internalIP}
              </Text>
            </Box>
            <Text wrap="wrap">
              {here.length === 0 ? <Text color={theme.color ? theme.text.dim : undefined}>(no pods)</Text> : null}
              {here.map((p, i) => (
                <Text key={`${p.namespace}/${p.name}`}>
                  {i > 0 ? ' · ' : ''}
                  <Text color={color(`${p.namespace}/${p.name}`)}>
                    {namespaces.size > 1 ? `${safeText(p.namespace)}/` : ''}
                    {safeText(p.name)}
                  </Text>{' '}
                  <Text color={theme.color ? theme.token.ip : undefined}>{p.ip}</Text>
                  {p.ready ? '' : ' (not ready)'}
                </Text>
              ))}
            </Text>
          </Box>
        );
      })}
      {services.map((s) => {
        const eps = world.endpoints.get(`${s.namespace}/${s.name}`);
        const ready = new Set(eps?.ports.flatMap((p) => p.endpoints.filter((e) => e.ready).map((e) => e.ip)) ?? []);
        const ports = s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}→${p.targetPort}`).join(' ');
        return (
          <Text key={`${s.namespace}/${s.name}`} wrap="truncate-end">
            {' '}svc <Text color={theme.color ? theme.token.service : undefined}>{safeText(`${s.namespace}/${s.name}`)}</Text> {s.type}{' '}
            {s.type === 'ExternalName' ? `→ ${safeText(s.externalName ?? '')}` : `${s.clusterIP ?? ''}  ${ports}  ${ready.size} endpoint${ready.size === 1 ? '' : 's'}`}
            {s.type === 'LoadBalancer' ? `  external ${s.loadBalancerIP ?? '<pending>'}` : ''}
          </Text>
        );
      })}
    </Box>
  );
}
