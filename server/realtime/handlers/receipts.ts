import { requireMembership } from '../../services/membership';
import { ReceiptBatcher } from '../../services/receipt-batcher';
import { listReceipts } from '../../services/receipts';
import { roomChannel } from '../channels';
import type { RealtimeDeps } from '../deps';
import type { Call, HandlerTable } from '../handler';

export function receiptHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'receipts:delivered' | 'receipts:read' | 'receipts:list'> {
  const batcher = new ReceiptBatcher(ctx.db, ctx.logger);

  /** Moves the caller's position forward (a lower seq than stored is accepted and ignored); members only. */
  async function advance(kind: 'delivered' | 'read', { roomId, seq }: { roomId: string; seq: number }, call: Call) {
    // The socket is subscribed to the room's channel exactly while the user is a member (see messages:send).
    if (!call.socket.rooms.has(roomChannel(roomId))) await requireMembership(ctx.db, roomId, call.userId);
    const receipt = await batcher.submit({ userId: call.userId, roomId, seq, read: kind === 'read' });
    if (receipt) call.afterAck(() => broadcaster.receipt(receipt));
    return {};
  }

  return {
    'receipts:delivered': (payload, call) => advance('delivered', payload, call),
    'receipts:read': (payload, call) => advance('read', payload, call),
    'receipts:list': async ({ roomId }, call) => ({ receipts: await listReceipts(ctx.db, call.userId, roomId) }),
  };
}
