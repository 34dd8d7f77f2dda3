/**
 * Loads after-menu.ts (every screen but the menu) on demand, and hands it
 * out synchronously once loaded, so a screen drawn after that never waits.
 */
export type AfterMenu = typeof import('./after-menu.js');

let loaded: AfterMenu | undefined;

/** The module, if `loadAfterMenu` has loaded it. */
export function afterMenuNow(): AfterMenu | undefined {
  return loaded;
}

export async function loadAfterMenu(): Promise<AfterMenu> {
  return (loaded ??= await import('./after-menu.js'));
}
