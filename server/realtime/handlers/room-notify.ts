import { setNotifyLevel } from '../../services/room-notify';
import { roomForUser } from '../../services/rooms';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function roomNotifyHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'rooms:notify'> {
  return {
    // Per user: the caller's other devices learn the new level, no other member hears of it.
    'rooms:notify': async (payload, call) => {
      await setNotifyLevel(ctx.db, call.userId, payload);
      const room = await roomForUser(ctx.db, payload.roomId, call.userId);
      call.afterAck(() => broadcaster.roomViewToOtherDevices(call.userId, call.socket.id, room));
      return { room };
    },
  };
}
