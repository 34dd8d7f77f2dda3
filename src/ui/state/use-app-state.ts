/**
 * Which screen is showing: in a terminal, routes are only screen states.
 * The reducer is exported bare for tests.
 */
import { useReducer } from 'react';

export type Screen =
  | { readonly name: 'menu' }
  | { readonly name: 'map' }
  | { readonly name: 'level'; readonly levelId: string }
  | { readonly name: 'settings' }
  | { readonly name: 'sandbox' };

export type AppAction =
  | { readonly type: 'open-menu' }
  | { readonly type: 'open-map' }
  | { readonly type: 'open-level'; readonly levelId: string }
  | { readonly type: 'open-settings' }
  | { readonly type: 'open-sandbox' };

export function appReducer(_state: Screen, action: AppAction): Screen {
  switch (action.type) {
    case 'open-menu':
      return { name: 'menu' };
    case 'open-map':
      return { name: 'map' };
    case 'open-level':
      return { name: 'level', levelId: action.levelId };
    case 'open-settings':
      return { name: 'settings' };
    case 'open-sandbox':
      return { name: 'sandbox' };
  }
}

export function useAppState(initial: Screen) {
  return useReducer(appReducer, initial);
}
