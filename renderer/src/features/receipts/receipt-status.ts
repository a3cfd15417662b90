import type { Message, OutboxItem } from '../../shared/contract';
import type { RoomReceipts } from '../../stores/receipts';

type DeliveryState = 'pending' | 'failed' | 'sent' | 'delivered' | 'read';

export interface DeliveryStatus {
  state: DeliveryState;
  /** Ids of the other members who have read the message. */
  readBy: string[];
}

export function pendingStatus(item: OutboxItem): DeliveryStatus {
  return { state: item.status === 'failed' ? 'failed' : 'pending', readBy: [] };
}

/**
 * The ticks of one of my stored messages: read once every other member read it (in a DM: the
 * other person), delivered once any other device received it, otherwise sent.
 */
export function deliveryStatus(message: Message, memberIds: readonly string[], receipts: RoomReceipts | undefined, myId: string): DeliveryStatus {
  const others = memberIds.filter((id) => id !== myId);
  const readBy = others.filter((id) => (receipts?.[id]?.readSeq ?? 0) >= message.seq);
  const delivered = others.some((id) => {
    const r = receipts?.[id];
    return r !== undefined && Math.max(r.deliveredSeq, r.readSeq) >= message.seq;
  });
  const state: DeliveryState = others.length > 0 && readBy.length === others.length ? 'read' : delivered ? 'delivered' : 'sent';
  return { state, readBy };
}
