import { advanceReceipt, listReceipts, type ReceiptKind } from '../../services/receipts';
import type { RealtimeDeps } from '../deps';
import type { Call, HandlerTable } from '../handler';

export function receiptHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'receipts:delivered' | 'receipts:read' | 'receipts:list'> {
  async function advance(kind: ReceiptKind, { roomId, seq }: { roomId: string; seq: number }, call: Call) {
    const receipt = await advanceReceipt(ctx.db, call.userId, roomId, seq, kind);
    if (receipt) call.afterAck(() => broadcaster.receipt(receipt));
    return {};
  }

  return {
    'receipts:delivered': (payload, call) => advance('delivered', payload, call),
    'receipts:read': (payload, call) => advance('read', payload, call),
    'receipts:list': async ({ roomId }, call) => ({ receipts: await listReceipts(ctx.db, call.userId, roomId) }),
  };
}
