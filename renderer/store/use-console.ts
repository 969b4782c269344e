/**
 * React access to the console model: `useConsole(selector)` with an atomic selector (house-style:
 * never the whole state), `useModel()` for the rows, the view and the bridge.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { ConsoleActions, ConsoleModel, ConsoleState } from './console-store.js';

/** Provided once by main.tsx. */
export const ModelContext = createContext<ConsoleModel | null>(null);

/** The model (rows, view, bridge, store). */
export function useModel(): ConsoleModel {
  const model = useContext(ModelContext);
  if (model === null) throw new Error('useModel outside ModelContext');
  return model;
}

/** One slice of the state, re-rendering only when it changes. */
export function useConsole<T>(selector: (state: ConsoleState & ConsoleActions) => T): T {
  return useStore(useModel().store, selector);
}
