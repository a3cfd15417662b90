import { requireMembership } from '../../services/membership';
import { roomChannel } from '../channels';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function typingHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'typing'> {
  return {
    typing: async ({ roomId, typing }, call) => {
      // Typing events are frequent: a socket subscribed to the room is a member, so only
      // the others need the database (to tell not_found from forbidden, or a fresh join).
      if (!call.socket.rooms.has(roomChannel(roomId))) await requireMembership(ctx.db, roomId, call.userId);
      call.afterAck(() => broadcaster.typing(call.userId, roomId, typing));
      return {};
    },
  };
}
