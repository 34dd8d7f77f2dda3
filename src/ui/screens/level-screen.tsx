/**
 * The level screen: the briefing, the goals, the cluster, and the player's
 * YAML. One draft, three ways to edit it: the built-in editor, `e` for
 * $EDITOR, or any editor on the draft file (changes on disk reload).
 * Every change is saved to the draft file at once.
 */
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useEffect, useMemo, useRef, useState } from 'react';
import { gradeLevel, isolationGrid, submittedObjects, worldWith, type GradeReport, type Hint, type Level } from '../../game/index.js';
import { parseSource, safeText } from '../../sim/index.js';
import type { LevelProgress } from '../../store/index.js';
import { ConsoleView } from '../components/console-view.js';
import { Editor } from '../components/editor/editor.js';
import { editorText, useEditorState } from '../components/editor/use-editor-state.js';
import { keyToEditorAction } from '../components/editor/editor-keys.js';
import { KeyHelp } from '../components/key-help.js';
import { TraceView } from '../components/trace-view.js';
import { isKey, type KeyAction } from '../keys.js';
import type { AppServices } from '../services.js';
import type { Theme } from '../theme.js';
import { LevelOverview } from './level-overview.js';
import { ScrollBox } from '../components/scroll-box.js';
import { TextBlock } from '../components/text-block.js';

/** What Ink passes on for the terminal's bracketed-paste markers (ESC [200~ and ESC [201~). */
const PASTE_START = '[200~';
const PASTE_END = '[201~';

type Mode = 'overview' | 'editing' | 'console' | 'details' | 'confirm-solution' | 'solution' | 'help' | 'answer' | 'lesson';

export type LevelScreenProps = {
  readonly level: Level;
  readonly services: AppServices;
  readonly theme: Theme;
  readonly columns: number;
  readonly rows: number;
  readonly progress: LevelProgress | undefined;
  readonly hasNext: boolean;
  /** The chapter's lesson (its README), shown before its first level and on `l`. */
  readonly lesson: string;
  readonly firstInChapter: boolean;
  readonly onBack: () => void;
  readonly onNext: () => void;
};

/** Namespaces the level is about: those its probes start from, plus those its manifests use. */
function levelNamespaces(level: Level): Set<string> {
  const out = new Set<string>();
  for (const p of [...level.goals.flatMap((g) => g.probes), ...level.questions]) {
    const src = parseSource(p.from);
    if (src.ok && src.value.kind === 'pod') out.add(src.value.namespace);
  }
  for (const o of level.cluster.objects) if (o.kind !== 'Namespace' && o.kind !== 'Node') out.add(o.metadata?.namespace ?? 'default');
  out.delete('kube-system');
  out.delete('ingress-nginx');
  return out.size > 0 ? out : new Set(['default']);
}



/** Hints in the order `h` reveals them: those that fit the last check first, then the staged ones. */
function orderedHints(level: Level, report: GradeReport | undefined): Hint[] {
  const contextual = report?.hints ?? [];
  const general = level.hints.filter((h) => h.goal === undefined && h.when === undefined);
  return [...contextual, ...general.filter((h) => !contextual.includes(h))];
}

export function LevelScreen({ level, services, theme, columns, rows, progress, hasNext, lesson, firstInChapter, onBack, onNext }: LevelScreenProps) {
  const { drafts, store } = services;
  const draftPath = drafts.pathOf(level.id);
  const initial = useMemo(() => drafts.read(level.id) ?? level.starter, [level.id]);
  const editorHeight = Math.max(5, rows - 5);
  const [editor, dispatch] = useEditorState(initial, editorHeight);
  // A chapter's lesson comes before its first level, the first time only.
  const startMode: Mode = firstInChapter && lesson.trim() !== '' && (progress?.attempts ?? 0) === 0 ? 'lesson' : 'overview';
  const [mode, setModeState] = useState<Mode>(startMode);
  // Keys can arrive faster than React renders: the input handler reads the
  // mode from this ref, so a key right after Enter already goes to the editor.
  const modeRef = useRef<Mode>(startMode);
  const pastingRef = useRef(false);
  const setMode = (next: Mode) => {
    modeRef.current = next;
    setModeState(next);
  };
  const [report, setReport] = useState<GradeReport | undefined>();
  const [grid, setGrid] = useState<ReturnType<typeof isolationGrid>>();
  const [hintsShown, setHintsShown] = useState(0);
  const [message, setMessage] = useState<string | undefined>(services.notice);
  const [question, setQuestion] = useState(0);
  const text = editorText(editor);
  const lastSaved = useRef(initial);
  const openedAt = useRef(services.now());

  useEffect(() => {
    store.record(level.id, { type: 'opened' });
    store.setCurrent(level.id);
    return () => {
      store.record(level.id, { type: 'time', ms: services.now() - openedAt.current });
    };
  }, [level.id]);

  // Autosave: every change reaches the draft file, so a dead terminal loses nothing.
  useEffect(() => {
    if (text === lastSaved.current) return;
    lastSaved.current = text;
    drafts.write(level.id, text);
  }, [text]);

  // The player's own editor may change the draft file: take it in and check.
  useEffect(
    () =>
      services.watchFile(draftPath, () => {
        const onDisk = drafts.read(level.id);
        if (onDisk === undefined || onDisk === lastSaved.current) return;
        lastSaved.current = onDisk;
        dispatch({ type: 'replace-all', text: onDisk });
        check(onDisk);
        setMessage('The draft changed on disk: reloaded and checked.');
      }),
    [draftPath],
  );

  const world = useMemo(() => worldWith(level, []), [level]);
  // The console explores the cluster as the draft would make it.
  const draftWorld = useMemo(() => (mode === 'console' ? worldWith(level, submittedObjects(level, { text, file: draftPath })) : world), [mode === 'console', text]);
  const namespaces = useMemo(() => levelNamespaces(level), [level]);

  function check(submission = text) {
    const next = gradeLevel(level, { text: submission, file: draftPath });
    setReport(next);
    setGrid(isolationGrid(level, { text: submission, file: draftPath }));
    store.record(level.id, { type: 'checked', passed: next.passed, score: next.score });
    setMessage(next.passed ? undefined : `${next.goals.filter((g) => !g.passed).length} goal(s) still failing.`);
    if (next.passed) setMode('overview');
  }

  function revealHint() {
    if (hintsShown >= orderedHints(level, report).length) {
      setMessage('No more hints. Press s to see the solution.');
      return;
    }
    setHintsShown(hintsShown + 1);
    store.record(level.id, { type: 'hint', revealed: hintsShown + 1 });
  }

  function openExternal() {
    drafts.write(level.id, text);
    const result = services.openInEditor(draftPath);
    if (!result.ok) {
      setMessage(result.error ?? 'Could not open the editor.');
      return;
    }
    const back = drafts.read(level.id) ?? text;
    lastSaved.current = back;
    dispatch({ type: 'replace-all', text: back });
    check(back);
  }

  const passed = report?.passed === true;
  useInput(
    (input, key) => {
      const mode = modeRef.current;
      // Bracketed paste: text between the markers goes in as typed, never re-indented.
      if (input === PASTE_START || input === PASTE_END) {
        pastingRef.current = input === PASTE_START;
        return;
      }
      if (mode === 'editing' && pastingRef.current) {
        dispatch({ type: 'insert-text', text: key.return ? '\n' : key.tab ? '\t' : input });
        return;
      }
      if (mode === 'editing') {
        if (isKey('editor.leave', input, key)) setMode('overview');
        else if (isKey('level.checkAnywhere', input, key)) check();
        else {
          const action = keyToEditorAction(input, key);
          if (action) dispatch(action);
        }
        return;
      }
      if (mode === 'confirm-solution') {
        if (isKey('confirm.yes', input, key)) {
          store.record(level.id, { type: 'solution-viewed' });
          setMode('solution');
        } else if (isKey('confirm.no', input, key)) setMode('overview');
        return;
      }
      if (mode === 'console' || mode === 'answer') return;
      if (mode === 'lesson') {
        if (isKey('nav.back', input, key) || key.return || isKey('level.lesson', input, key)) setMode('overview');
        return;
      }
      if (mode !== 'overview') {
        if (isKey('nav.back', input, key) || isKey('nav.help', input, key)) setMode('overview');
        return;
      }
      if (isKey('nav.back', input, key)) onBack();
      else if (isKey('level.edit', input, key)) setMode(level.kind === 'predict' ? 'answer' : 'editing');
      else if (isKey('level.check', input, key) || isKey('level.checkAnywhere', input, key)) check();
      else if (isKey('level.hint', input, key)) revealHint();
      else if (isKey('level.solution', input, key)) setMode('confirm-solution');
      else if (isKey('level.externalEditor', input, key) && level.kind === 'manifest') openExternal();
      else if (isKey('level.reload', input, key)) {
        const onDisk = drafts.read(level.id);
        if (onDisk !== undefined) dispatch({ type: 'replace-all', text: onDisk });
        check(onDisk ?? text);
      } else if (isKey('level.details', input, key) && report) setMode('details');
      else if (isKey('level.console', input, key)) setMode('console');
      else if (isKey('level.lesson', input, key) && lesson.trim() !== '') setMode('lesson');
      else if (isKey('nav.help', input, key)) setMode('help');
      else if (isKey('level.next', input, key) && passed && hasNext) onNext();
    },
    { isActive: true },
  );

  const dim = theme.color ? theme.text.dim : undefined;
  const stars = progress?.stars ?? 0;
  const header = (
    <Box>
      <Text bold color={theme.color ? theme.text.title : undefined} wrap="truncate-end">
        {safeText(level.title)}
      </Text>
      <Text color={dim}>
        {'  '}
        {level.chapter} · {'★'.repeat(stars)}
        {'☆'.repeat(3 - stars)}
      </Text>
    </Box>
  );

  if (mode === 'editing') {
    const problems = new Map((report?.problems ?? []).filter((p) => p.file === draftPath).map((p) => [p.line, p.message]));
    const here = problems.get(editor.cursor.row + 1);
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <Box flexGrow={1}>
          <Editor state={editor} height={editorHeight} width={columns} focused problems={problems} theme={theme} />
        </Box>
        <Text color={here ? (theme.color ? theme.verdict.denied : undefined) : dim} wrap="truncate-end">
          {here ? `line ${editor.cursor.row + 1}: ${safeText(here)}` : `${draftPath}  ·  ${editor.cursor.row + 1}:${editor.cursor.col + 1}${report ? `  ·  ${report.goals.filter((g) => g.passed).length}/${report.goals.length} goals` : ''}`}
        </Text>
        <KeyHelp actions={['editor.leave', 'level.checkAnywhere', 'editor.undo', 'editor.redo']} theme={theme} />
      </Box>
    );
  }

  if (mode === 'lesson') {
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <ScrollBox height={rows - 2} active theme={theme}>
          <TextBlock text={lesson} width={Math.max(20, columns - 2)} theme={theme} />
        </ScrollBox>
        <Text color={dim}>Enter or Esc: on to the level  ·  ↑↓ PgUp PgDn scroll</Text>
      </Box>
    );
  }

  if (mode === 'console') {
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <ConsoleView world={draftWorld} namespace={[...namespaces][0] ?? 'default'} theme={theme} height={rows - 3} onClose={() => setMode('overview')} />
      </Box>
    );
  }

  if (mode === 'details' && report) {
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <TraceView report={report} theme={theme} maxLines={rows - 3} all={passed} />
        <KeyHelp actions={['nav.back']} theme={theme} />
      </Box>
    );
  }

  if (mode === 'help') {
    const all: KeyAction[] = ['level.edit', 'level.check', 'level.checkAnywhere', 'level.hint', 'level.solution', 'level.externalEditor', 'level.reload', 'level.details', 'level.console', 'level.next', 'nav.back'];
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <Text>Keys on this screen:</Text>
        {all.map((a) => (
          <KeyHelp key={a} actions={[a]} theme={theme} />
        ))}
        <Text> </Text>
        <Text>In the editor: arrows, Home/End, PgUp/PgDn, Tab (two spaces), Backspace, Ctrl-D (delete), Ctrl-Z/Ctrl-Y (undo/redo).</Text>
        <Text>Your draft is saved as you type: {draftPath}</Text>
        <Text>Edit it in any editor; kubequest reloads it (or press r).</Text>
      </Box>
    );
  }

  if (mode === 'solution' || mode === 'confirm-solution') {
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        {mode === 'confirm-solution' ? (
          <Text>
            {services.deadline === undefined ? 'See the solution? It costs a star. (y/n)' : "See the solution? In this challenge it costs all of this level's points. (y/n)"}
          </Text>
        ) : (
          <>
            <Text bold>Solution</Text>
            {level.solution
              .split('\n')
              .slice(0, rows - 4)
              .map((l, i) => (
                <Text key={i}>{safeText(l)}</Text>
              ))}
            <KeyHelp actions={['nav.back']} theme={theme} />
          </>
        )}
      </Box>
    );
  }

  if (mode === 'answer') {
    const q = level.questions[question]!;
    const choices = (q.choices ?? ['delivered', 'refused', 'denied', 'no-endpoints', 'dns-failure', 'unreachable']).map((c) => ({ label: c, value: c }));
    const previous = new RegExp(`^${q.id}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
    return (
      <Box flexDirection="column" height={rows}>
        {header}
        <Text>
          Question {question + 1} of {level.questions.length}: {safeText(q.prompt)}
        </Text>
        <SelectInput
          key={q.id}
          items={choices}
          initialIndex={Math.max(0, choices.findIndex((c) => c.value === previous))}
          onSelect={(item) => {
            const answers = text
              .split('\n')
              .filter((l) => l.trim() !== '' && !l.startsWith(`${q.id}:`));
            const next = [...answers, `${q.id}: ${item.value}`].join('\n');
            dispatch({ type: 'replace-all', text: next });
            if (question + 1 < level.questions.length) setQuestion(question + 1);
            else {
              setQuestion(0);
              check(next);
              // This Enter is still being delivered to the screen's own key handler:
              // leave answer mode after it, or the handler would read it as "answer again".
              queueMicrotask(() => setMode('overview'));
            }
          }}
        />
      </Box>
    );
  }

  const revealed = orderedHints(level, report).slice(0, hintsShown);
  const overviewKeys: KeyAction[] = passed
    ? [...(hasNext ? (['level.next'] as const) : []), 'level.details', 'nav.back', 'level.console']
    : [level.kind === 'predict' ? 'level.answer' : 'level.edit', 'level.check', 'level.hint', 'nav.help', 'nav.back', ...(report ? (['level.details'] as const) : []), ...(lesson.trim() !== '' ? (['level.lesson'] as const) : []), ...(level.kind === 'manifest' ? (['level.externalEditor'] as const) : []), 'level.console'];
  return (
    <Box flexDirection="column" height={rows}>
      {header}
      <LevelOverview
        level={level}
        {...(report ? { report } : {})}
        {...(grid ? { grid } : {})}
        hints={revealed}
        world={world}
        namespaces={namespaces}
        theme={theme}
        width={Math.max(20, columns - 2)}
        height={rows - (message ? 3 : 2)}
      />
      {message ? (
        <Text color={dim} wrap="truncate-end">
          {message}
        </Text>
      ) : null}
      <KeyHelp actions={overviewKeys} theme={theme} width={columns} />
    </Box>
  );
}
