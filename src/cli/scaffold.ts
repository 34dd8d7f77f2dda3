/**
 * `kubequest pack new` and `kubequest workspace init` write their files
 * here: a new pack from the template in `assets/pack-template/` (with the
 * JSON Schemas copied into its `.schema/` folder, so editor completion works
 * offline, in a .tgz, and from wherever the pack is moved), and a student's
 * workspace for a pack.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { allLevels, type Level, type Pack } from '../game/index.js';
import { WORKSPACE_FILE, workspaceFileOf } from '../store/index.js';
import { UsageError } from './errors.js';
import { assetPath } from './package-root.js';
import { safeText } from '../sim/index.js';

/** Refuse a folder that exists and holds anything, or a path that is not a folder. */
export function assertEmptyFolder(dir: string, shown: string, what: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(`${safeText(shown)} exists and is not a folder; ${what} needs a new or empty folder`);
  if (readdirSync(dir).length > 0) throw new UsageError(`${safeText(shown)} is not empty; ${what} writes into a new or empty folder only, so nothing of yours is overwritten`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Write a file that must not exist yet, making its folders. */
function create(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
}

/** The template with the title filled in: quoted in YAML scalars, as is in text. Returns the files written, relative to `dir`. */
export function scaffoldPack(dir: string, title: string): string[] {
  const template = assetPath('pack-template');
  const written: string[] = [];
  for (const source of filesUnder(template).sort()) {
    const name = relative(template, source);
    const text = readFileSync(source, 'utf8')
      .replace(/^(title: )\{\{TITLE\}\}$/gm, (_m, key: string) => `${key}${JSON.stringify(title)}`)
      .replaceAll('{{TITLE}}', title);
    create(join(dir, name), text);
    written.push(name);
  }
  for (const schema of ['pack.schema.json', 'level.schema.json']) {
    create(join(dir, '.schema', schema), readFileSync(assetPath(schema), 'utf8'));
    written.push(join('.schema', schema));
  }
  return written;
}

/** `# prompt` lines and `id: ` for each question of a predict level: the answers file a student fills in. */
export function answersTemplate(level: Level): string {
  const lines = [
    `# ${level.id}: ${oneLine(level.title)}`,
    '# Write your answer after each question id. An outcome question takes one',
    '# outcome (e.g. delivered, refused, dns-failure); a "which pods" question takes',
    '# pod names as ns/name, separated by commas.',
    '',
  ];
  for (const q of level.questions) {
    lines.push(`# ${oneLine(q.prompt)}`);
    if (q.choices && q.choices.length > 0) lines.push(`# one of: ${q.choices.map(oneLine).join(', ')}`);
    lines.push(`${q.id}: `, '');
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return safeText(text).replace(/\s+/g, ' ').trim();
}

/** The first lines of a student's draft: which level it answers. The starter follows. */
function draftTemplate(level: Level): string {
  const header = [`# ${level.id}: ${oneLine(level.title)}`, '# Your answer to this level: the game and "kubequest check" read this file.', ''];
  return `${header.join('\n')}${level.starter}${level.starter.endsWith('\n') || level.starter === '' ? '' : '\n'}`;
}

export type WorkspaceRecord = { readonly pack: string; readonly title: string; readonly digest: string };

/** The workspace's own file: which pack it is for (written once, read by `play --workspace`). */
export function workspaceRecordText(record: WorkspaceRecord): string {
  return [
    '# kubequest workspace: the pack these files answer. Written by "kubequest workspace init".',
    'format_version: 1',
    `pack: ${JSON.stringify(record.pack)}`,
    `title: ${JSON.stringify(record.title)}`,
    `digest: ${JSON.stringify(record.digest)}`,
    '',
  ].join('\n');
}

function studentReadme(pack: Pack, packShown: string): string {
  const rows = pack.chapters.flatMap((c) =>
    c.levels.map((l) => `| ${safeText(c.title)} | \`${l.id}\` | ${oneLine(l.title)} | \`${workspaceFileOf(pack, l.id)}\` |`),
  );
  return `# ${oneLine(pack.title || 'kubequest')}: your workspace

One file per level: write your answer in it, then commit and push as usual
(\`git add -A && git commit -m "my answers" && git push\`).

| Chapter | Level | Title | Your file |
| --- | --- | --- | --- |
${rows.join('\n')}

Play the levels in the game; it edits these files, and you may also edit
them in your own editor:

\`\`\`sh
npx kubequest play --workspace .
\`\`\`

Grade everything as your teacher will:

\`\`\`sh
npx kubequest check --pack ${packShown} --workspace .
\`\`\`

Files ending in \`.answers.yaml\` are prediction levels: write your answer
after each question id. Some goals are hidden: you see whether they pass,
not what they check.
`;
}

/** Write a workspace: a draft per level (its starter, or an answers file), a README and the workspace record. */
export function scaffoldWorkspace(dir: string, pack: Pack, record: WorkspaceRecord, packShown: string): string[] {
  const written: string[] = [];
  for (const level of allLevels(pack)) {
    const name = workspaceFileOf(pack, level.id);
    create(join(dir, name), level.kind === 'predict' ? answersTemplate(level) : draftTemplate(level));
    written.push(name);
  }
  create(join(dir, 'README.md'), studentReadme(pack, packShown));
  create(join(dir, WORKSPACE_FILE), workspaceRecordText(record));
  return [...written, 'README.md', WORKSPACE_FILE];
}
