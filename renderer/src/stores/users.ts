import { create } from 'zustand';
import type { PresenceStatus, User } from '../shared/contract';

interface UsersStore {
  users: Record<string, User>;
  upsertUsers: (users: User[]) => void;
  setPresence: (userId: string, status: PresenceStatus, lastSeenAt: string | null) => void;
  reset: () => void;
}

export const useUsersStore = create<UsersStore>()((set) => ({
  users: {},
  upsertUsers: (list) =>
    set((s) => {
      if (list.length === 0) return s;
      const users = { ...s.users };
      for (const user of list) users[user.id] = user;
      return { users };
    }),
  setPresence: (userId, status, lastSeenAt) =>
    set((s) => {
      const user = s.users[userId];
      if (!user || (user.status === status && user.lastSeenAt === lastSeenAt)) return s;
      return { users: { ...s.users, [userId]: { ...user, status, lastSeenAt } } };
    }),
  reset: () => set({ users: {} }),
}));

export const displayNameOf = (user: User | undefined): string => user?.displayName || user?.username || 'Someone';
