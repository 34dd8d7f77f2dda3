/**
 * XML well-formedness for tests (no dependency): one root element, tags
 * balanced and properly nested, attributes quoted and unique, only the five
 * predefined entities and character references, no `<` or stray `&` in
 * text. Returns the problems; [] means well-formed. Also a tiny element
 * lister, for counting testsuites and testcases.
 */
const NAME = /^[A-Za-z_:][\w.:-]*$/;

function entitiesOk(text: string): boolean {
  return !/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text);
}

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  let rest = xml.replace(/^\uFEFF/, '');
  const decl = /^<\?xml[^?]*\?>/.exec(rest);
  if (decl) rest = rest.slice(decl[0].length);
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < rest.length) {
    const lt = rest.indexOf('<', i);
    const text = lt === -1 ? rest.slice(i) : rest.slice(i, lt);
    if (!entitiesOk(text)) problems.push(`bad entity in text near "${text.slice(0, 40)}"`);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: "${text.trim().slice(0, 40)}"`);
    if (lt === -1) break;
    if (rest.startsWith('<!--', lt)) {
      const end = rest.indexOf('-->', lt);
      if (end === -1) return [...problems, 'unclosed comment'];
      i = end + 3;
      continue;
    }
    const gt = rest.indexOf('>', lt);
    if (gt === -1) return [...problems, 'unclosed tag'];
    const tag = rest.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
    if (!m || !NAME.test(m[1]!)) {
      problems.push(`bad tag <${tag.slice(0, 40)}>`);
      continue;
    }
    let attrs = m[2]!.trim();
    const seen = new Set<string>();
    while (attrs !== '') {
      const a = /^([A-Za-z_:][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')\s*/.exec(attrs);
      if (!a) {
        problems.push(`bad attributes in <${m[1]}>: ${attrs.slice(0, 40)}`);
        break;
      }
      if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} in <${m[1]}>`);
      seen.add(a[1]!);
      if (!entitiesOk(a[3] ?? a[4] ?? '')) problems.push(`bad entity in attribute ${a[1]}`);
      attrs = attrs.slice(a[0].length);
    }
    if (stack.length === 0) roots += 1;
    if (!selfClosing) stack.push(m[1]!);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The attributes of every element named `name`, in document order. */
export function elements(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${name}(\\s[^>]*?)?/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
