import { call } from '../bridge/call';
import { USERS_GET_MAX, type User } from '../shared/contract';
import { useUsersStore } from '../stores/users';
import { warnFailure } from './report-failure';

const requested = new Set<string>();
let pending = new Set<string>();
let scheduled = false;

/** Makes sure these users are known; lookups of one tick are batched into as few calls as possible. */
export function ensureUsers(ids: Iterable<string>): void {
  const known = useUsersStore.getState().users;
  for (const id of ids) if (!known[id] && !requested.has(id)) pending.add(id);
  if (pending.size === 0 || scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    const ids = [...pending];
    pending = new Set();
    for (const id of ids) requested.add(id);
    for (let i = 0; i < ids.length; i += USERS_GET_MAX) void fetchUsers(ids.slice(i, i + USERS_GET_MAX));
  });
}

async function fetchUsers(userIds: string[]): Promise<void> {
  try {
    const { users } = await call('users:get', { userIds });
    useUsersStore.getState().upsertUsers(users);
  } catch (error) {
    warnFailure('load user profiles')(error);
    for (const id of userIds) requested.delete(id);
  }
}

export async function searchUsers(query: string): Promise<User[]> {
  const { users } = await call('users:search', { query });
  useUsersStore.getState().upsertUsers(users);
  return users;
}

export function forgetRequestedUsers(): void {
  requested.clear();
}
