import { call } from '../bridge/call';
import { useReceiptsStore } from '../stores/receipts';
import { readSeqOf, useRoomsStore } from '../stores/rooms';
import { warnFailure } from './report-failure';

export async function loadReceipts(roomId: string): Promise<void> {
  try {
    const { receipts } = await call('receipts:list', { roomId });
    useReceiptsStore.getState().setRoomReceipts(roomId, receipts);
  } catch (error) {
    // Receipts are decoration: without them own messages simply show as sent.
    warnFailure(`load the receipts of room ${roomId}`)(error);
  }
}

/** Marks the room read up to seq, once: main batches the receipt and updates the badge. */
export function markRead(roomId: string, seq: number): void {
  const room = useRoomsStore.getState().rooms[roomId];
  if (!room || readSeqOf(room) >= seq) return;
  useRoomsStore.getState().markRead(roomId, seq);
  call('receipts:read', { roomId, seq }).catch(warnFailure(`mark room ${roomId} read`));
}
