import { pinMessage, pinnedMessages } from '../../services/pins';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

export function pinHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, 'messages:pin' | 'messages:pinned'> {
  return {
    'messages:pin': async (payload, call) => {
      const { message, changed } = await pinMessage(ctx.db, call.userId, payload);
      if (changed) call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },

    'messages:pinned': async (payload, call) => ({ messages: await pinnedMessages(ctx.db, call.userId, payload) }),
  };
}
