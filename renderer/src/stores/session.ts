import { create } from 'zustand';
import type { ConnectionState, SessionState, User } from '../shared/contract';

interface SessionStore {
  /** null until main has told us (first `session:get`). */
  session: SessionState | null;
  connection: ConnectionState;
  setSession: (session: SessionState) => void;
  setConnection: (connection: ConnectionState) => void;
}

export const useSessionStore = create<SessionStore>()((set) => ({
  session: null,
  connection: { status: 'connecting', retryAt: null, reason: null },
  setSession: (session) => set({ session }),
  setConnection: (connection) => set({ connection }),
}));

export const selectMe = (s: SessionStore): User | null => (s.session?.status === 'signedIn' ? s.session.user : null);
export const selectMyId = (s: SessionStore): string | null => selectMe(s)?.id ?? null;
export const getMyId = (): string | null => selectMyId(useSessionStore.getState());
