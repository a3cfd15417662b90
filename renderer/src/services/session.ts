import { call } from '../bridge/call';
import type { SessionState, SettableStatus } from '../shared/contract';
import { useMessagesStore } from '../stores/messages';
import { useOutboxStore } from '../stores/outbox';
import { useReceiptsStore } from '../stores/receipts';
import { useRoomsStore } from '../stores/rooms';
import { selectMe, useSessionStore } from '../stores/session';
import { useThreadsStore } from '../stores/threads';
import { useTypingStore } from '../stores/typing';
import { useUiStore } from '../stores/ui';
import { useUsersStore } from '../stores/users';
import { resetPrefetch } from './prefetch';
import { warnFailure } from './report-failure';
import { refreshRooms } from './rooms';
import { loadThreadUnread } from './threads';
import { forgetRequestedUsers } from './users';

function clearSignedInState(): void {
  useRoomsStore.getState().reset();
  useMessagesStore.getState().reset();
  useThreadsStore.getState().reset();
  useReceiptsStore.getState().reset();
  useTypingStore.getState().reset();
  useUsersStore.getState().reset();
  useUiStore.getState().reset();
  forgetRequestedUsers();
  resetPrefetch();
}

/** Takes in a session from main: loads the user's rooms on sign-in, forgets everything on sign-out. */
export function applySession(session: SessionState): void {
  const previous = selectMe(useSessionStore.getState());
  useSessionStore.getState().setSession(session);
  const next = session.status === 'signedIn' ? session.user : null;
  if (previous && previous.id !== next?.id) clearSignedInState();
  if (next) {
    useUsersStore.getState().upsertUsers([next]);
    if (previous?.id !== next.id) void loadThreadUnread().catch(warnFailure('load the threads with new replies'));
    // Rooms come from the server: when not connected yet, the `connection` event loads them.
    if (previous?.id !== next.id && useSessionStore.getState().connection.status === 'online') refreshRooms();
  }
}

export async function signIn(serverUrl: string, username: string, password: string): Promise<void> {
  applySession(await call('session:login', { serverUrl, username, password }));
}

export async function register(serverUrl: string, username: string, password: string, displayName: string): Promise<void> {
  applySession(await call('session:register', { serverUrl, username, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) }));
}

export async function signOut(): Promise<void> {
  applySession(await call('session:logout', {}));
}

/** Every device of the user is signed out, this one included. */
export async function signOutEverywhere(): Promise<void> {
  applySession(await call('session:logout-everywhere', {}));
}

/** This device stays signed in (main keeps the new token); the user's other devices are signed out. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  applySession(await call('session:change-password', { currentPassword, newPassword }));
}

export async function setMyStatus(status: SettableStatus): Promise<void> {
  const me = selectMe(useSessionStore.getState());
  await call('presence:set', { status });
  if (me) useUsersStore.getState().setPresence(me.id, status, null);
}

/** First contact with main: who is signed in, settings, connection and the outbox. */
export async function loadInitialState(): Promise<void> {
  const [session, connection, outbox] = await Promise.all([call('session:get', {}), call('connection:get', {}), call('outbox:list', {})]);
  useSessionStore.getState().setConnection(connection);
  useOutboxStore.getState().setItems(outbox.items);
  applySession(session);
}
