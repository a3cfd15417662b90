import { deleteMessage, messageChanges, editMessage, messageHistory, reactToMessage, sendMessage, syncMessages } from '../../services/messages';
import { searchMessages } from '../../services/search';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

type MessageEvents =
  'messages:send' | 'messages:history' | 'messages:sync' | 'messages:changes' | 'messages:edit' | 'messages:delete' | 'messages:react' | 'messages:search';

export function messageHandlers({ ctx, broadcaster }: RealtimeDeps): Pick<HandlerTable, MessageEvents> {
  return {
    'messages:send': async (payload, call) => {
      const { message, created } = await sendMessage(ctx.db, call.userId, payload, {
        // Only new messages count: a resend of a stored clientId is never rate limited.
        admit: () => ctx.rateLimits.messages.consume(call.userId),
      });
      if (created) call.afterAck(() => broadcaster.message('message:new', message));
      return { message };
    },

    'messages:history': (payload, call) => messageHistory(ctx.db, call.userId, payload),

    'messages:sync': (payload, call) => syncMessages(ctx.db, call.userId, payload),

    'messages:changes': (payload, call) => messageChanges(ctx.db, call.userId, payload),

    'messages:search': async (payload, call) => ({ messages: await searchMessages(ctx.db, call.userId, payload) }),

    'messages:edit': async (payload, call) => {
      const message = await editMessage(ctx.db, call.userId, payload);
      call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },

    'messages:delete': async ({ messageId }, call) => {
      const { message, changed } = await deleteMessage(ctx.db, call.userId, messageId);
      if (changed) call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },

    'messages:react': async (payload, call) => {
      const message = await reactToMessage(ctx.db, call.userId, payload);
      call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },
  };
}
