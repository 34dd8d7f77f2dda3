/**
 * Go's text/tabwriter, which kubectl prints every table and every `describe`
 * through, so our columns line up exactly as kubectl's do.
 *
 * A line is cells separated by tabs; a cell followed by a tab belongs to a
 * column, the last cell of a line does not (it is printed as is). A column
 * block is a run of consecutive lines that have a cell in that column; its
 * width is its widest cell plus `padding`, at least `minWidth`. A line with
 * no tab at all ends every block (Go flushes there).
 *
 *   kubectl get:       minWidth 6, padding 3     NAME   READY   STATUS
 *   kubectl describe:  minWidth 0, padding 2     Name:       web
 */
export type TabwriterOptions = { readonly minWidth: number; readonly padding: number };

export const GET_TABLE: TabwriterOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE: TabwriterOptions = { minWidth: 0, padding: 2 };

const width = (text: string) => [...text].length;

export function formatTabbed(text: string, options: TabwriterOptions): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let segment: string[][] = [];
  const flush = () => {
    out.push(...formatSegment(segment, options));
    segment = [];
  };
  for (const line of lines) {
    const cells = line.split('\t');
    if (cells.length === 1) {
      flush();
      out.push(line);
    } else segment.push(cells);
  }
  flush();
  return out.join('\n');
}

function formatSegment(lines: readonly string[][], options: TabwriterOptions): string[] {
  const widths: number[][] = lines.map(() => []);
  // Column by column, split lines into blocks and size each block.
  const assign = (column: number, from: number, to: number) => {
    let line = from;
    while (line < to) {
      if (column >= lines[line]!.length - 1) {
        line++;
        continue;
      }
      const start = line;
      let w = options.minWidth;
      while (line < to && column < lines[line]!.length - 1) {
        w = Math.max(w, width(lines[line]![column]!) + options.padding);
        line++;
      }
      for (let i = start; i < line; i++) widths[i]![column] = w;
      assign(column + 1, start, line);
    }
  };
  assign(0, 0, lines.length);
  return lines.map((cells, i) =>
    cells.map((cell, c) => (c < cells.length - 1 ? cell + ' '.repeat(Math.max(0, widths[i]![c]! - width(cell))) : cell)).join(''),
  );
}
