/**
 * The cluster as a picture in text: the nodes as boxes holding their pods
 * (name, IP, labels), then the Services and the pods they send to, and the
 * way in from outside when the level has one. Pods that received a checked
 * request are green, pods a policy denied are red. Narrow terminals get one
 * line per node instead of boxes.
 *
 *   ╭ node-1 10.0.0.11 ──────╮╭ node-2 10.0.0.12 ──────╮
 *   │ web-7c9d-x2k4q         ││ client                 │
 *   │  192.168.0.7 app=web   ││  192.168.1.5           │
 *   ╰────────────────────────╯╰────────────────────────╯
 *   svc shop/web ClusterIP 10.96.14.7 80→8080 → web-7c9d-x2k4q, web-7c9d-b8f6n
 */
import { Box, Text } from 'ink';
import { safeText, type Pod, type Service, type World } from '../../sim/index.js';
import type { Theme } from '../theme.js';

export type PodMarks = ReadonlyMap<string, 'reached' | 'denied'>;

/** Below this width per node, boxes get too cramped to read: one line per node instead. */
const MIN_BOX_WIDTH = 36;
/** Labels Kubernetes adds itself say nothing about the lesson. */
const NOISE_LABELS = new Set(['pod-template-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash']);

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/** The ports a pod's containers declare, e.g. `:8080,:53/UDP`. */
function portsText(pod: Pod): string {
  return pod.containers
    .flatMap((c) => c.ports.map((p) => `:${p.containerPort}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`))
    .join(',');
}

function labelText(pod: Pod): string {
  return Object.entries(pod.labels)
    .filter(([k]) => !NOISE_LABELS.has(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function serviceLine(world: World, s: Service): string {
  if (s.type === 'ExternalName') return `ExternalName → ${s.externalName ?? ''}`;
  const eps = world.endpoints.get(`${s.namespace}/${s.name}`);
  const ready = [...new Set(eps?.ports.flatMap((p) => p.endpoints.filter((e) => e.ready).map((e) => (e.pod ? e.pod.split('/')[1]! : e.ip))) ?? [])];
  const ports = s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}→${p.targetPort}`).join(' ');
  const lb = s.type === 'LoadBalancer' ? ` external ${s.loadBalancerIP ?? '<pending>'}` : '';
  return `${s.type} ${s.clusterIP ?? ''}${lb} ${ports} → ${ready.length > 0 ? ready.join(', ') : 'no endpoints'}`;
}

export function ClusterView({ world, namespaces, marks, theme, width }: { readonly world: World; readonly namespaces: ReadonlySet<string>; readonly marks: PodMarks; readonly theme: Theme; readonly width: number }) {
  const pods = world.pods.filter((p) => namespaces.has(p.namespace));
  const services = world.services.filter((s) => namespaces.has(s.namespace));
  const color = (pod: Pod) => {
    const mark = marks.get(`${pod.namespace}/${pod.name}`);
    if (!theme.color || !mark) return undefined;
    return mark === 'reached' ? theme.verdict.allowed : theme.verdict.denied;
  };
  const podName = (p: Pod) => safeText(`${namespaces.size > 1 ? `${p.namespace}/` : ''}${p.name}`);
  const boxWidth = Math.floor(width / Math.max(1, world.nodes.length));
  const entry = world.services.find((s) => s.type === 'LoadBalancer' && s.loadBalancerIP && !namespaces.has(s.namespace));
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Cluster</Text>
      {boxWidth >= MIN_BOX_WIDTH ? (
        <Box>
          {world.nodes.map((node) => (
            <Box key={node.name} flexDirection="column" borderStyle="round" borderColor={theme.color ? theme.border.idle : undefined} width={boxWidth} paddingX={1}>
              <Text color={theme.color ? theme.token.node : undefined} bold>
                {cut(`${node.name} ${node.internalIP}`, boxWidth - 4)}
              </Text>
              {pods
                .filter((p) => p.nodeName === node.name)
                .map((p) => (
                  <Box key={`${p.namespace}/${p.name}`} flexDirection="column">
                    <Text color={color(p)}>{cut(podName(p), boxWidth - 4)}</Text>
                    <Text color={theme.color ? theme.text.dim : undefined}>
                      {cut(` ${p.ip}${portsText(p)}${p.ready ? '' : ' not ready'} ${safeText(labelText(p))}`, boxWidth - 4)}
                    </Text>
                  </Box>
                ))}
            </Box>
          ))}
        </Box>
      ) : (
        world.nodes.map((node) => (
          <Box key={node.name} flexDirection="column">
            <Text color={theme.color ? theme.token.node : undefined}>
              {' '}
              {node.name} {node.internalIP}
            </Text>
            {pods
              .filter((p) => p.nodeName === node.name)
              .map((p) => (
                <Text key={`${p.namespace}/${p.name}`} wrap="truncate-end">
                  {'   '}
                  <Text color={color(p)}>{cut(podName(p), 32).padEnd(33)}</Text>
                  {`${p.ip}${portsText(p)}`.padEnd(22)}
                  <Text color={theme.color ? theme.text.dim : undefined}>
                    {p.ready ? '' : 'not ready '}
                    {safeText(labelText(p))}
                  </Text>
                </Text>
              ))}
          </Box>
        ))
      )}
      {services.map((s) => (
        <Text key={`${s.namespace}/${s.name}`} wrap="truncate-end">
          {' '}svc <Text color={theme.color ? theme.token.service : undefined}>{safeText(`${s.namespace}/${s.name}`)}</Text> {safeText(serviceLine(world, s))}
        </Text>
      ))}
      {entry ? (
        <Text wrap="truncate-end">
          {' '}outside client 203.0.113.10 → load balancer {entry.loadBalancerIP} (<Text color={theme.color ? theme.token.service : undefined}>{safeText(`${entry.namespace}/${entry.name}`)}</Text>)
        </Text>
      ) : null}
    </Box>
  );
}
