import { create } from 'zustand';
import type { ContractError, Snapshot } from '../shared/contract';

export interface AppState {
  snapshot: Snapshot | null;
  /** the last command that failed, shown until the next success */
  error: ContractError | null;
  applySnapshot(snapshot: Snapshot): void;
  setError(error: ContractError | null): void;
}

export const useAppStore = create<AppState>((set) => ({
  snapshot: null,
  error: null,
  // Events can arrive out of order with command replies: keep the newest.
  applySnapshot: (snapshot) =>
    set((state) => (state.snapshot && state.snapshot.version > snapshot.version ? state : { snapshot })),
  setError: (error) => set({ error }),
}));
