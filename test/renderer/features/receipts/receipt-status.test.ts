import { describe, expect, it } from 'vitest';
import { deliveryStatus, pendingStatus } from '../../../../renderer/src/features/receipts/receipt-status';
import { makeMessage, makeOutboxItem, uuid } from '../../support/factories';

const ROOM = uuid();
const receipt = (userId: string, deliveredSeq: number, readSeq: number) => ({ roomId: ROOM, userId, deliveredSeq, readSeq });

describe('delivery status of my messages', () => {
  const me = uuid();
  const [bob, carol] = [uuid(), uuid()];
  const message = makeMessage(ROOM, 5, { senderId: me });

  it('goes sent → delivered → read in a DM', () => {
    const members = [me, bob];
    expect(deliveryStatus(message, members, {}, me).state).toBe('sent');
    expect(deliveryStatus(message, members, { [bob]: receipt(bob, 5, 0) }, me).state).toBe('delivered');
    expect(deliveryStatus(message, members, { [bob]: receipt(bob, 5, 7) }, me)).toEqual({ state: 'read', readBy: [bob] });
  });

  it('in a group is read once everyone read it, and lists who did', () => {
    const members = [me, bob, carol];
    const partly = deliveryStatus(message, members, { [bob]: receipt(bob, 9, 9), [carol]: receipt(carol, 5, 4) }, me);
    expect(partly).toEqual({ state: 'delivered', readBy: [bob] });
    const all = deliveryStatus(message, members, { [bob]: receipt(bob, 9, 9), [carol]: receipt(carol, 5, 5) }, me);
    expect(all.state).toBe('read');
  });

  it('is pending or failed while in the outbox', () => {
    expect(pendingStatus(makeOutboxItem(ROOM, { status: 'sending' })).state).toBe('pending');
    expect(pendingStatus(makeOutboxItem(ROOM, { status: 'failed' })).state).toBe('failed');
  });
});
