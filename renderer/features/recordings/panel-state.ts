/**
 * What the Recordings panel keeps while another tab is shown (the panel unmounts): the file it
 * works on, what opening it gave, the replay under way and the mocks it serves.
 */
import { create } from 'zustand';
import type { MockServed, OpenedRecording, ReplayProgress } from '../../../shared/ipc/recording-commands.js';

/** The panel's state and its setters. */
export interface RecordingsPanelState {
  readonly file: string;
  readonly opened: OpenedRecording | null;
  /** The replay's first progress (the poll takes it from there), null before the first replay. */
  readonly replay: ReplayProgress | null;
  readonly mocks: readonly MockServed[];
  setFile(file: string): void;
  setOpened(opened: OpenedRecording | null): void;
  setReplay(replay: ReplayProgress | null): void;
  addMock(mock: MockServed): void;
  removeMock(url: string): void;
}

/** The one panel state of this window. */
export const usePanelState = create<RecordingsPanelState>()((set) => ({
  file: '',
  opened: null,
  replay: null,
  mocks: [],
  setFile: (file) => set({ file }),
  setOpened: (opened) => set({ opened }),
  setReplay: (replay) => set({ replay }),
  addMock: (mock) => set((s) => ({ mocks: [...s.mocks, mock] })),
  removeMock: (url) => set((s) => ({ mocks: s.mocks.filter((m) => m.url !== url) })),
}));
