import type { Message } from '../../shared/contract';
import { useReceiptsStore } from '../../stores/receipts';
import { useRoomsStore } from '../../stores/rooms';
import { deliveryStatus } from './receipt-status';
import { ReceiptTicks } from './ReceiptTicks';

/** Ticks for one of my stored messages, from the room members' receipts. */
export function OwnReceipt({ message, myId, showReadBy }: { message: Message; myId: string; showReadBy: boolean }) {
  // Members and kind only: the room object itself changes with every new message.
  const memberIds = useRoomsStore((s) => s.rooms[message.roomId]?.memberIds);
  const isDm = useRoomsStore((s) => s.rooms[message.roomId]?.kind === 'dm');
  const receipts = useReceiptsStore((s) => s.byRoom[message.roomId]);
  if (!memberIds) return null;
  return <ReceiptTicks status={deliveryStatus(message, memberIds, receipts, myId)} showReadBy={showReadBy && !isDm} />;
}
