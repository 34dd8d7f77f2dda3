/**
 * The app shell: picks the screen, nothing else. Each screen gets only the
 * props it needs. The menu is drawn at once; the other screens are loaded
 * with the levels, right after (screens/load-after-menu.ts).
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { LevelState, Pack } from '../game/index.js';
import { safeText } from '../sim/safe-text.js';
import { afterMenuNow, loadAfterMenu, type AfterMenu } from './screens/load-after-menu.js';
import { MenuScreen } from './screens/menu-screen.js';
import { Countdown } from './components/countdown.js';
import type { AppServices } from './services.js';
import { useAppState } from './state/use-app-state.js';
import { isKey } from './keys.js';
import { themeFor } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Below this, the screens cannot be drawn readably. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function App({ services, initialLevel }: { readonly services: AppServices; readonly initialLevel?: string }) {
  const { exit } = useApp();
  const { store } = services;
  // The levels and the other screens are loaded after the first frame, so
  // the menu shows at once (a level opened from the command line comes with
  // both ready). A pack that fails to load ends the game with the reason.
  const [loaded, setLoaded] = useState<{ readonly pack: Pack; readonly screens: AfterMenu } | undefined>(() => {
    const screens = afterMenuNow();
    return services.pack.ready && screens ? { pack: services.pack.ready, screens } : undefined;
  });
  useEffect(() => {
    if (loaded) return;
    let live = true;
    const timer = setTimeout(() => {
      Promise.all([services.pack.load(), loadAfterMenu()]).then(
        ([pack, screens]) => live && setLoaded({ pack, screens }),
        (error: unknown) => live && exit(error instanceof Error ? error : new Error(String(error))),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  const pack = loaded?.pack;
  const screens = loaded?.screens;
  const [screen, dispatch] = useAppState(initialLevel ? { name: 'level', levelId: initialLevel } : { name: 'menu' });
  const [revision, setRevision] = useState(0);
  const terminal = useTerminalSize();
  // In a challenge the countdown takes the first line of every screen.
  const size = services.deadline === undefined ? terminal : { ...terminal, rows: terminal.rows - 1 };
  const snapshot = useMemo(() => store.snapshot(), [screen, revision]);
  const theme = themeFor(snapshot.settings.theme, services.env);
  const levels = loaded ? loaded.screens.allLevels(loaded.pack) : [];
  const done = new Set(Object.entries(snapshot.levels).filter(([, p]) => p.passedAt).map(([id]) => id));
  const states = loaded ? loaded.screens.levelStates(loaded.pack, done, snapshot.settings.unlockAll) : new Map<string, LevelState>();
  const { summary } = services.pack;

  if (terminal.columns < MIN_COLUMNS || terminal.rows < MIN_ROWS) return <TooSmall columns={terminal.columns} rows={terminal.rows} />;
  const screenView = renderScreen();
  return services.deadline === undefined ? (
    screenView
  ) : (
    <Box flexDirection="column">
      <Countdown deadline={services.deadline} now={services.now} theme={theme} />
      {screenView}
    </Box>
  );

  function renderScreen() {
    switch (screen.name) {
      case 'menu': {
        // Until the levels are read, Continue names the level by its id.
        const current = snapshot.current === undefined ? undefined : pack ? levels.find((l) => l.id === snapshot.current) : { id: snapshot.current, title: snapshot.current };
        return (
          <MenuScreen
            banner={services.banner}
            theme={theme}
            {...(current ? { continueTitle: current.title } : {})}
            progress={{ done: pack ? levels.filter((l) => done.has(l.id)).length : done.size, total: pack ? levels.length : summary.levelCount }}
            {...(services.notice ? { notice: services.notice } : {})}
            {...(summary.welcome ? { welcome: safeText(summary.welcome) } : {})}
            onChoose={(choice) => {
              if (choice === 'continue' && current) dispatch({ type: 'open-level', levelId: current.id });
              else if (choice === 'campaign') dispatch({ type: 'open-map' });
              else if (choice === 'sandbox') dispatch({ type: 'open-sandbox' });
              else if (choice === 'settings') dispatch({ type: 'open-settings' });
              else exit();
            }}
          />
        );
      }
      case 'map': {
        if (!pack || !screens) return <Text>Reading the levels…</Text>;
        const { MapScreen, nextLevel } = screens;
        return (
          <MapScreen
            pack={pack}
            states={states}
            stars={new Map(Object.entries(snapshot.levels).map(([id, p]) => [id, p.stars]))}
            theme={theme}
            height={size.rows}
            {...((snapshot.current ?? nextLevel(pack, done)?.id) ? { initialLevel: snapshot.current ?? nextLevel(pack, done)!.id } : {})}
            onOpen={(levelId) => dispatch({ type: 'open-level', levelId })}
            onBack={() => dispatch({ type: 'open-menu' })}
          />
        );
      }
      case 'sandbox': {
        if (!screens) return <Text>Loading…</Text>;
        const { SandboxScreen } = screens;
        return <SandboxScreen drafts={services.drafts} theme={theme} columns={size.columns} rows={size.rows} onBack={() => dispatch({ type: 'open-menu' })} />;
      }
      case 'settings': {
        if (!screens) return <Text>Loading…</Text>;
        const { SettingsScreen } = screens;
        return (
          <SettingsScreen
            settings={snapshot.settings}
            theme={theme}
            progressPath={store.path}
            onChange={(patch) => {
              store.updateSettings(patch);
              setRevision((r) => r + 1);
            }}
            onReset={() => {
              store.reset();
              setRevision((r) => r + 1);
            }}
            onBack={() => dispatch({ type: 'open-menu' })}
          />
        );
      }
      case 'level': {
        if (!pack || !screens) return <Text>Reading the levels…</Text>;
        const { LevelScreen } = screens;
        const index = levels.findIndex((l) => l.id === screen.levelId);
        const level = levels[index];
        if (!level) {
          dispatch({ type: 'open-map' });
          return null;
        }
        const after = levels[index + 1];
        const chapter = pack.chapters.find((c) => c.levels.some((l) => l.id === level.id));
        return (
          <LevelScreen
            key={level.id}
            level={level}
            services={services}
            theme={theme}
            columns={size.columns}
            rows={size.rows}
            progress={store.get(level.id)}
            hasNext={after !== undefined}
            lesson={chapter?.lesson ?? ''}
            firstInChapter={chapter?.levels[0]?.id === level.id}
            onBack={() => dispatch({ type: 'open-map' })}
            onNext={() => after && dispatch({ type: 'open-level', levelId: after.id })}
          />
        );
      }
    }
  }
}

/** Asks for a larger window, and keeps listening (q quits) so the game waits for the resize. */
function TooSmall({ columns, rows }: { readonly columns: number; readonly rows: number }) {
  const { exit } = useApp();
  useInput((input, key) => {
    if (isKey('nav.quit', input, key)) exit();
  });
  return (
    <Box flexDirection="column">
      <Text>kubequest needs a window of at least {MIN_COLUMNS}×{MIN_ROWS}.</Text>
      <Text>
        This one is {columns}×{rows}: please make it larger (or press q to quit).
      </Text>
    </Box>
  );
}
