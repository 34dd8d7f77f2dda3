/**
 * Level YAML -> `Level` + problems. Like manifests, a level's mistakes are
 * data with file:line:col, never exceptions: an author sees every problem in
 * one run. YAML embedded in a level (the cluster, the starter, the solution)
 * is checked as manifests, with positions mapped back into the level file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { parseManifests, suggest, type Problem, type ProblemCode } from '../manifests/index.js';
import { CNI_NAMES, isCniName, isOutcome, OUTCOMES, parseCidr, parseSource, parseTarget, type ClusterSettings, type KubeObject } from '../sim/index.js';
import { FORMAT_VERSION, type Constraint, type Expectation, type Goal, type Hint, type Level, type Position, type Probe, type Question } from './level.js';

const LEVEL_KEYS = [
  'format_version',
  'id',
  'title',
  'chapter',
  'kind',
  'concepts',
  'difficulty',
  'briefing',
  'cluster',
  'allowedKinds',
  'starter',
  'goals',
  'questions',
  'hints',
  'solution',
  'debrief',
] as const;

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads one YAML mapping, remembering positions and reporting what is wrong. */
class Reader {
  constructor(
    readonly file: string,
    readonly source: string,
    readonly lines: LineCounter,
    readonly problems: Problem[],
  ) {}

  pos(node: YamlNode | null | undefined): Position {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  report(code: ProblemCode, at: Position, message: string, hint?: string): void {
    this.problems.push({ code, severity: 'error', message, file: this.file, line: at.line, col: at.col, ...(hint ? { hint } : {}) });
  }

  pairs(map: YAMLMap, allowed: readonly string[], where: string): Map<string, Pair<YamlNode, YamlNode>> {
    const out = new Map<string, Pair<YamlNode, YamlNode>>();
    for (const pair of map.items as Pair<YamlNode, YamlNode>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        const close = suggest(key, allowed);
        this.report('UNKNOWN_FIELD', this.pos(pair.key), `unknown field "${key}" in ${where}`, close ? `did you mean ${close}?` : `known fields: ${allowed.join(', ')}`);
        continue;
      }
      out.set(key, pair);
    }
    return out;
  }

  string(pair: Pair<YamlNode, YamlNode> | undefined, where: string, required: boolean, at: Position): string | undefined {
    if (!pair) {
      if (required) this.report('MISSING_FIELD', at, `${where} is required`);
      return undefined;
    }
    const value = pair.value;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) return String(value.value);
    this.report('WRONG_TYPE', this.pos(value ?? pair.key), `${where} must be text`);
    return undefined;
  }

  number(pair: Pair<YamlNode, YamlNode> | undefined, where: string): number | undefined {
    if (!pair) return undefined;
    if (isScalar(pair.value) && typeof pair.value.value === 'number') return pair.value.value;
    this.report('WRONG_TYPE', this.pos(pair.value ?? pair.key), `${where} must be a number`);
    return undefined;
  }

  boolean(pair: Pair<YamlNode, YamlNode> | undefined, where: string): boolean | undefined {
    if (!pair) return undefined;
    if (isScalar(pair.value) && typeof pair.value.value === 'boolean') return pair.value.value;
    this.report('WRONG_TYPE', this.pos(pair.value ?? pair.key), `${where} must be true or false`);
    return undefined;
  }

  strings(pair: Pair<YamlNode, YamlNode> | undefined, where: string): string[] {
    if (!pair) return [];
    if (!isSeq(pair.value)) {
      this.report('WRONG_TYPE', this.pos(pair.value ?? pair.key), `${where} must be a list`);
      return [];
    }
    return pair.value.items.flatMap((item) => {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) return [String(item.value)];
      this.report('WRONG_TYPE', this.pos(item as YamlNode), `each item of ${where} must be text`);
      return [];
    });
  }

  map(pair: Pair<YamlNode, YamlNode> | undefined, where: string): YAMLMap | undefined {
    if (!pair) return undefined;
    if (isMap(pair.value)) return pair.value;
    this.report('WRONG_TYPE', this.pos(pair.value ?? pair.key), `${where} must be a mapping`);
    return undefined;
  }

  items(pair: Pair<YamlNode, YamlNode> | undefined, where: string): YAMLMap[] {
    if (!pair) return [];
    if (!isSeq(pair.value)) {
      this.report('WRONG_TYPE', this.pos(pair.value ?? pair.key), `${where} must be a list`);
      return [];
    }
    return pair.value.items.flatMap((item) => {
      if (isMap(item)) return [item];
      this.report('WRONG_TYPE', this.pos(item as YamlNode), `each item of ${where} must be a mapping`);
      return [];
    });
  }

  /**
   * YAML text embedded as a block scalar (`starter: |`), read as manifests.
   * Positions inside it are mapped back to the level file.
   */
  manifests(pair: Pair<YamlNode, YamlNode> | undefined, where: string): { text: string; objects: KubeObject[] } {
    if (!pair) return { text: '', objects: [] };
    const text = this.string(pair, where, false, this.pos(pair.key)) ?? '';
    const start = this.pos(pair.value);
    const { objects, problems } = parseManifests(text, this.file);
    const blockScalar = isScalar(pair.value) && (pair.value.type === 'BLOCK_LITERAL' || pair.value.type === 'BLOCK_FOLDED');
    const indent = blockScalar ? this.blockIndent(pair.value as YamlNode) : start.col - 1;
    const lineOffset = blockScalar ? start.line : start.line - 1;
    for (const p of problems) {
      this.problems.push({ ...p, line: p.line + lineOffset, col: p.col + indent, message: `${where}: ${p.message}` });
    }
    return { text, objects: objects.map((o) => o.object) };
  }

  private blockIndent(node: YamlNode): number {
    const start = node.range?.[0] ?? 0;
    const { line } = this.lines.linePos(start);
    const next = this.lines.lineStarts[line];
    const source = this.source.slice(next ?? start);
    return /^( *)/.exec(source)?.[1]?.length ?? 0;
  }
}


function readSettings(r: Reader, map: YAMLMap | undefined): Partial<ClusterSettings> {
  if (!map) return {};
  const f = r.pairs(map, ['cni', 'podCidr', 'serviceCidr', 'clusterDomain', 'cloudLoadBalancer', 'manifests', 'editable'], 'cluster');
  const settings: { -readonly [K in keyof ClusterSettings]?: ClusterSettings[K] } = {};
  const cni = r.string(f.get('cni'), 'cluster.cni', false, r.pos(map));
  if (cni !== undefined) {
    if (isCniName(cni)) settings.cni = cni;
    else r.report('INVALID_VALUE', r.pos(f.get('cni')!.value), `cluster.cni "${cni}" is not one of ${CNI_NAMES.join(', ')}`);
  }
  for (const key of ['podCidr', 'serviceCidr'] as const) {
    const value = r.string(f.get(key), `cluster.${key}`, false, r.pos(map));
    if (value === undefined) continue;
    if (parseCidr(value)) settings[key] = value;
    else r.report('INVALID_VALUE', r.pos(f.get(key)!.value), `cluster.${key} "${value}" is not an IPv4 CIDR`);
  }
  const domain = r.string(f.get('clusterDomain'), 'cluster.clusterDomain', false, r.pos(map));
  if (domain !== undefined) settings.clusterDomain = domain;
  const cloud = r.boolean(f.get('cloudLoadBalancer'), 'cluster.cloudLoadBalancer');
  if (cloud !== undefined) settings.cloudLoadBalancer = cloud;
  return settings;
}

function readExpectation(r: Reader, map: YAMLMap, at: Position, where: string): Expectation | undefined {
  const f = r.pairs(map, ['outcome', 'allowed', 'reach', 'namespace', 'spread', 'requests'], where);
  const forms = ['outcome', 'allowed', 'reach', 'spread'].filter((k) => f.has(k));
  if (forms.length !== 1) {
    r.report('INVALID_VALUE', at, `${where} needs exactly one of outcome, allowed, reach or spread${forms.length > 1 ? ` (found ${forms.join(', ')})` : ''}`);
    return undefined;
  }
  const form = forms[0]!;
  const pair = f.get(form)!;
  if (form === 'outcome') {
    const outcome = r.string(pair, `${where}.outcome`, true, at);
    if (outcome === undefined) return undefined;
    if (!isOutcome(outcome)) {
      r.report('INVALID_VALUE', r.pos(pair.value), `"${outcome}" is not an outcome`, `use one of ${OUTCOMES.join(', ')}`);
      return undefined;
    }
    return { kind: 'outcome', outcome };
  }
  if (form === 'allowed') {
    const allowed = r.boolean(pair, `${where}.allowed`);
    return allowed === undefined ? undefined : { kind: 'allowed', allowed };
  }
  if (form === 'spread') {
    const spread = r.string(pair, `${where}.spread`, true, at);
    if (spread !== 'all' && spread !== 'one') {
      r.report('INVALID_VALUE', r.pos(pair.value), `${where}.spread must be "all" (every pod gets some) or "one" (all land on one pod)`);
      return undefined;
    }
    const requests = r.number(f.get('requests'), `${where}.requests`) ?? 100;
    return { kind: 'spread', requests, over: spread };
  }
  if (isSeq(pair.value)) return { kind: 'reach-pods', pods: r.strings(pair, `${where}.reach`) };
  const labels = r.map(pair, `${where}.reach`);
  if (!labels) return undefined;
  const selector: Record<string, string> = {};
  for (const item of labels.items as Pair<YamlNode, YamlNode>[]) {
    if (isScalar(item.key) && isScalar(item.value)) selector[String(item.key.value)] = String(item.value.value);
  }
  const namespace = r.string(f.get('namespace'), `${where}.namespace`, false, at);
  return { kind: 'reach-selector', labels: selector, ...(namespace ? { namespace } : {}) };
}

function readProbe(r: Reader, map: YAMLMap, where: string): Probe | undefined {
  const at = r.pos(map);
  const f = r.pairs(map, ['from', 'to', 'expect'], where);
  const from = r.string(f.get('from'), `${where}.from`, true, at);
  const to = r.string(f.get('to'), `${where}.to`, true, at);
  const expectMap = r.map(f.get('expect'), `${where}.expect`);
  if (!f.has('expect')) r.report('MISSING_FIELD', at, `${where}.expect is required`);
  if (from !== undefined) {
    const parsed = parseSource(from);
    if (!parsed.ok) r.report('INVALID_VALUE', r.pos(f.get('from')!.value), parsed.error);
  }
  if (to !== undefined) {
    const parsed = parseTarget(to);
    if (!parsed.ok) r.report('INVALID_VALUE', r.pos(f.get('to')!.value), parsed.error);
  }
  const expect = expectMap ? readExpectation(r, expectMap, r.pos(expectMap), `${where}.expect`) : undefined;
  return from !== undefined && to !== undefined && expect ? { from, to, expect, at } : undefined;
}

function readConstraint(r: Reader, map: YAMLMap, where: string): Constraint | undefined {
  const at = r.pos(map);
  const f = r.pairs(map, ['kind', 'min', 'max', 'field', 'equals', 'notEquals', 'present'], where);
  const kind = r.string(f.get('kind'), `${where}.kind`, true, at);
  const min = r.number(f.get('min'), `${where}.min`);
  const max = r.number(f.get('max'), `${where}.max`);
  const field = r.string(f.get('field'), `${where}.field`, false, at);
  const scalar = (key: 'equals' | 'notEquals') => {
    const v = f.get(key)?.value;
    return isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean') ? v.value : undefined;
  };
  const equals = scalar('equals');
  const notEquals = scalar('notEquals');
  const present = r.boolean(f.get('present'), `${where}.present`);
  if ((equals !== undefined || notEquals !== undefined || present !== undefined) && field === undefined) {
    r.report('MISSING_FIELD', at, `${where} compares a field, so it needs field: (e.g. spec.type)`);
  }
  if (kind === undefined) return undefined;
  return {
    kind,
    ...(min !== undefined || max !== undefined ? { count: { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } } : {}),
    ...(field !== undefined ? { field } : {}),
    ...(equals !== undefined ? { equals } : {}),
    ...(notEquals !== undefined ? { notEquals } : {}),
    ...(present !== undefined ? { present } : {}),
    at,
  };
}

function readGoal(r: Reader, map: YAMLMap, index: number): Goal | undefined {
  const where = `goals[${index}]`;
  const at = r.pos(map);
  const f = r.pairs(map, ['id', 'title', 'probes', 'constraints', 'points', 'hidden'], where);
  const title = r.string(f.get('title'), `${where}.title`, true, at);
  const id = r.string(f.get('id'), `${where}.id`, false, at) ?? `goal-${index + 1}`;
  const probes = r.items(f.get('probes'), `${where}.probes`).flatMap((m, i) => readProbe(r, m, `${where}.probes[${i}]`) ?? []);
  const constraints = r.items(f.get('constraints'), `${where}.constraints`).flatMap((m, i) => readConstraint(r, m, `${where}.constraints[${i}]`) ?? []);
  if (!f.has('probes') && !f.has('constraints')) r.report('MISSING_FIELD', at, `${where} needs probes or constraints: something to check`);
  const points = r.number(f.get('points'), `${where}.points`) ?? 1;
  const hidden = r.boolean(f.get('hidden'), `${where}.hidden`) ?? false;
  // A goal without a title is still a goal: later checks (hint references) must not pile up on it.
  return { id, title: title ?? id, probes, constraints, points, hidden, at };
}

function readQuestion(r: Reader, map: YAMLMap, index: number): Question | undefined {
  const where = `questions[${index}]`;
  const at = r.pos(map);
  const f = r.pairs(map, ['id', 'prompt', 'from', 'to', 'ask', 'choices'], where);
  const prompt = r.string(f.get('prompt'), `${where}.prompt`, true, at);
  const from = r.string(f.get('from'), `${where}.from`, true, at);
  const to = r.string(f.get('to'), `${where}.to`, true, at);
  const ask = r.string(f.get('ask'), `${where}.ask`, false, at) ?? 'outcome';
  if (ask !== 'outcome' && ask !== 'reach') r.report('INVALID_VALUE', r.pos(f.get('ask')!.value), `${where}.ask must be outcome or reach`);
  const choices = f.has('choices') ? r.strings(f.get('choices'), `${where}.choices`) : undefined;
  if (from !== undefined && !parseSource(from).ok) r.report('INVALID_VALUE', r.pos(f.get('from')!.value), (parseSource(from) as { error: string }).error);
  if (to !== undefined && !parseTarget(to).ok) r.report('INVALID_VALUE', r.pos(f.get('to')!.value), (parseTarget(to) as { error: string }).error);
  if (prompt === undefined || from === undefined || to === undefined || (ask !== 'outcome' && ask !== 'reach')) return undefined;
  const id = r.string(f.get('id'), `${where}.id`, false, at) ?? `q${index + 1}`;
  return { id, prompt, from, to, ask, ...(choices ? { choices } : {}), at };
}

export type ParsedLevel = { readonly level?: Level; readonly problems: readonly Problem[] };

/**
 * Read one level file. `solutionText`, when given, is the reference solution
 * from a `<id>.solution.yaml` file beside the level (it wins over `solution:`).
 */
export function parseLevel(text: string, file: string, solutionText?: string): ParsedLevel {
  const problems: Problem[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(file, text, lines, problems);
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    problems.push({ code: 'YAML_SYNTAX', severity: 'error', message: error.message.split('\n')[0] ?? 'YAML syntax error', file, line, col });
  }
  if (doc.errors.length > 0) return { problems };
  const root = doc.contents;
  if (!isMap(root)) {
    r.report('NOT_AN_OBJECT', { line: 1, col: 1 }, 'a level file must be a mapping of fields (id, title, goals, ...)');
    return { problems };
  }
  const f = r.pairs(root, LEVEL_KEYS, 'the level');
  const top = r.pos(root);

  const version = r.number(f.get('format_version'), 'format_version');
  if (version !== undefined && version !== FORMAT_VERSION) {
    r.report('INVALID_VALUE', r.pos(f.get('format_version')!.value), `format_version ${version} is not supported; this kubequest reads format_version ${FORMAT_VERSION}`);
  }
  const id = r.string(f.get('id'), 'id', true, top);
  if (id !== undefined && !ID_PATTERN.test(id)) r.report('INVALID_NAME', r.pos(f.get('id')!.value), `id "${id}" must be kebab-case: lowercase letters, digits and single dashes`);
  const title = r.string(f.get('title'), 'title', true, top);
  const chapter = r.string(f.get('chapter'), 'chapter', false, top) ?? '';
  const kindText = r.string(f.get('kind'), 'kind', false, top) ?? 'manifest';
  if (kindText !== 'manifest' && kindText !== 'predict') r.report('INVALID_VALUE', r.pos(f.get('kind')!.value), 'kind must be manifest or predict');
  const kind = kindText === 'predict' ? 'predict' : 'manifest';
  const difficulty = r.number(f.get('difficulty'), 'difficulty') ?? 1;
  if (difficulty < 1 || difficulty > 5) r.report('INVALID_VALUE', r.pos(f.get('difficulty')!.value), 'difficulty goes from 1 (first steps) to 5 (hard)');
  const briefing = r.string(f.get('briefing'), 'briefing', true, top) ?? '';

  const clusterMap = r.map(f.get('cluster'), 'cluster');
  const settings = readSettings(r, clusterMap);
  const clusterFields = clusterMap ? new Map((clusterMap.items as Pair<YamlNode, YamlNode>[]).map((p) => [isScalar(p.key) ? String(p.key.value) : '', p])) : new Map();
  const given = r.manifests(clusterFields.get('manifests'), 'cluster.manifests');
  const editable = r.strings(clusterFields.get('editable'), 'cluster.editable');

  const allowedKinds = r.strings(f.get('allowedKinds'), 'allowedKinds');
  if (kind === 'manifest' && allowedKinds.length === 0) r.report('MISSING_FIELD', top, 'allowedKinds is required: which kinds the player may write (e.g. [Service])');
  const starter = r.manifests(f.get('starter'), 'starter').text;
  const goals = r.items(f.get('goals'), 'goals').flatMap((m, i) => readGoal(r, m, i) ?? []);
  const questions = r.items(f.get('questions'), 'questions').flatMap((m, i) => readQuestion(r, m, i) ?? []);
  if (kind === 'manifest' && goals.length === 0) r.report('MISSING_FIELD', top, 'a manifest level needs goals');
  if (kind === 'predict' && questions.length === 0) r.report('MISSING_FIELD', top, 'a predict level needs questions');
  const hints = r.items(f.get('hints'), 'hints').flatMap((m, i): Hint[] => {
    const hf = r.pairs(m, ['text', 'goal', 'when'], `hints[${i}]`);
    const hintText = r.string(hf.get('text'), `hints[${i}].text`, true, r.pos(m));
    const goal = r.string(hf.get('goal'), `hints[${i}].goal`, false, r.pos(m));
    const when = r.string(hf.get('when'), `hints[${i}].when`, false, r.pos(m));
    if (goal !== undefined && !goals.some((g) => g.id === goal)) r.report('INVALID_VALUE', r.pos(hf.get('goal')!.value), `hints[${i}].goal "${goal}" is not the id of a goal`);
    return hintText === undefined ? [] : [{ text: hintText, ...(goal ? { goal } : {}), ...(when ? { when } : {}) }];
  });
  const solution = solutionText ?? (kind === 'manifest' ? r.manifests(f.get('solution'), 'solution').text : (r.string(f.get('solution'), 'solution', false, top) ?? ''));
  const debrief = r.string(f.get('debrief'), 'debrief', false, top) ?? '';
  const concepts = r.strings(f.get('concepts'), 'concepts');

  if (problems.some((p) => p.severity === 'error') || id === undefined || title === undefined) return { problems };
  return {
    problems,
    level: {
      id,
      title,
      chapter,
      kind,
      concepts,
      difficulty,
      briefing,
      cluster: { settings, objects: given.objects, editable },
      allowedKinds,
      starter,
      goals,
      questions,
      hints,
      solution,
      debrief,
      file,
    },
  };
}
