import { useAvatarUploadStore } from '../../../renderer/src/stores/avatar-upload';
import { useMessagesStore } from '../../../renderer/src/stores/messages';
import { useNoticesStore } from '../../../renderer/src/stores/notices';
import { useOutboxStore } from '../../../renderer/src/stores/outbox';
import { useReceiptsStore } from '../../../renderer/src/stores/receipts';
import { useRoomsStore } from '../../../renderer/src/stores/rooms';
import { useSessionStore } from '../../../renderer/src/stores/session';
import { useSettingsStore } from '../../../renderer/src/stores/settings';
import { useTypingStore } from '../../../renderer/src/stores/typing';
import { useUiStore } from '../../../renderer/src/stores/ui';
import { useUploadsStore } from '../../../renderer/src/stores/uploads';
import { useUsersStore } from '../../../renderer/src/stores/users';
import type { User } from '../../../renderer/src/shared/contract';

const initial = [
  useAvatarUploadStore,
  useMessagesStore,
  useNoticesStore,
  useOutboxStore,
  useReceiptsStore,
  useRoomsStore,
  useSessionStore,
  useSettingsStore,
  useTypingStore,
  useUiStore,
  useUploadsStore,
  useUsersStore,
].map((store) => [store, store.getInitialState()] as const);

/** Puts every store back to its initial state between tests. */
export function resetStores(): void {
  for (const [store, state] of initial) (store as { setState(s: unknown, replace: true): void }).setState(state, true);
}

/** Signs `user` in, as main would report it. */
export function signIn(user: User): void {
  useSessionStore.setState({
    session: { status: 'signedIn', serverUrl: 'http://127.0.0.1:4000', user },
    connection: { status: 'online', retryAt: null, reason: null },
  });
  useUsersStore.getState().upsertUsers([user]);
}
