/**
 * kubectl's describe output is written line by line with tabs between a
 * field and its value, indented by level (two spaces each), then aligned by
 * Go's tabwriter with padding 2 (tabwriter.ts). This collects those lines.
 */
import type { Labels } from '../../sim/index.js';
import { DESCRIBE, formatTabbed } from './tabwriter.js';

export class DescribeWriter {
  private readonly lines: string[] = [];

  /** One line at `level` (0 = no indent); cells are joined by tabs. */
  line(level: number, ...cells: string[]): this {
    this.lines.push('  '.repeat(level) + cells.map((c) => c.replace(/[\t\n]/g, ' ')).join('\t'));
    return this;
  }

  /** `Labels:` with one `k=v` per line, sorted; `<none>` when empty. */
  labels(title: string, labels: Labels | undefined): this {
    const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return this.line(0, `${title}:`, '<none>');
    entries.forEach(([k, v], i) => this.lines.push(`${i === 0 ? `${title}:` : ''}\t${k}=${v}`.replace(/\n/g, ' ')));
    return this;
  }

  /** `Annotations:` with one `k: v` per line (kubectl hides last-applied-configuration). */
  annotations(annotations: Labels | undefined): this {
    const entries = Object.entries(annotations ?? {})
      .filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return this.line(0, 'Annotations:', '<none>');
    entries.forEach(([k, v], i) => this.lines.push(`${i === 0 ? 'Annotations:' : ''}\t${k}: ${v}`.replace(/\n/g, ' ')));
    return this;
  }

  /** A raw line, tabs kept (for the describers that write tab-terminated cells). */
  raw(text: string): this {
    this.lines.push(text);
    return this;
  }

  events(): this {
    return this.line(0, 'Events:', '<none>');
  }

  toString(): string {
    return formatTabbed(this.lines.join('\n'), DESCRIBE);
  }
}
