import { useEffect } from 'react';
import { sidebarOrder } from '../../lib/sidebar-order';
import { openRoom } from '../../services/rooms';
import { useRoomsStore } from '../../stores/rooms';
import { useUiStore } from '../../stores/ui';
import { ConnectionBanner } from '../connection/ConnectionBanner';
import { RoomView } from '../room/RoomView';
import { Sidebar } from '../sidebar/Sidebar';
import { DialogHost } from './DialogHost';
import { EmptyState } from './EmptyState';
import { useGlobalShortcuts } from './use-global-shortcuts';
import './ChatScreen.css';

export function ChatScreen() {
  const activeRoomId = useUiStore((s) => s.activeRoomId);
  const roomsLoaded = useRoomsStore((s) => s.loaded);
  useGlobalShortcuts();

  // Land in the first room once the list arrives, like reopening the app.
  useEffect(() => {
    if (!roomsLoaded || useUiStore.getState().activeRoomId) return;
    const first = sidebarOrder(useRoomsStore.getState().rooms)[0];
    if (first) openRoom(first.id);
  }, [roomsLoaded]);

  return (
    <div className="chat">
      <Sidebar />
      <main className="chat__main">
        <ConnectionBanner />
        {activeRoomId ? <RoomView key={activeRoomId} roomId={activeRoomId} /> : <EmptyState loading={!roomsLoaded} />}
      </main>
      <DialogHost />
    </div>
  );
}
