import { deleteMessage, messageChanges, editMessage, messageHistory, reactToMessage, syncMessages } from '../../services/messages';
import { writeSendBatch } from '../../services/send-batch-writer';
import { SendBatcher } from '../../services/send-batcher';
import { sendMessage } from '../../services/send-message';
import { searchMessages } from '../../services/search';
import { roomChannel } from '../channels';
import type { RealtimeDeps } from '../deps';
import type { HandlerTable } from '../handler';

type MessageEvents =
  'messages:send' | 'messages:history' | 'messages:sync' | 'messages:changes' | 'messages:edit' | 'messages:delete' | 'messages:react' | 'messages:search';

/** Most sends one group-commit transaction writes. */
const SEND_BATCH_MAX = 500;
/** Send batches in flight at once on PostgreSQL (PGlite has one connection: one at a time). */
const DEFAULT_POSTGRES_SEND_LANES = 4;

export function messageHandlers({ ctx, broadcaster, previews }: RealtimeDeps): Pick<HandlerTable, MessageEvents> {
  const batcher = new SendBatcher((requests) => writeSendBatch(ctx.db, requests), {
    maxQueue: ctx.config.sendQueueMax,
    maxBatch: SEND_BATCH_MAX,
    lanes: ctx.config.sendLanes ?? (ctx.storage.kind === 'postgres' ? DEFAULT_POSTGRES_SEND_LANES : 1),
    logger: ctx.logger,
  });
  return {
    'messages:send': async (payload, call) => {
      const { message, created, threadRoot } = await sendMessage(ctx.db, batcher, call.userId, payload, {
        // The socket is subscribed to a room's channel exactly while the user is a member: every
        // join, invite and leave (on any node) subscribes or unsubscribes it through the adapter.
        knownMember: call.socket.rooms.has(roomChannel(payload.roomId)),
        // Only new messages count: a resend of a stored clientId is never rate limited.
        admit: () => ctx.rateLimits.messages.consume(call.userId),
      });
      if (created) call.afterAck(() => broadcaster.message('message:new', message));
      // After the commit and the ack: previews never hold up a send.
      if (created) call.afterAck(() => previews.queue(message));
      // The root's new thread summary, after the reply it counts.
      if (threadRoot) call.afterAck(() => broadcaster.message('message:updated', threadRoot));
      return { message };
    },

    'messages:history': (payload, call) => messageHistory(ctx.db, call.userId, payload),

    'messages:sync': (payload, call) => syncMessages(ctx.db, call.userId, payload),

    'messages:changes': (payload, call) => messageChanges(ctx.db, call.userId, payload),

    'messages:search': async (payload, call) => ({ messages: await searchMessages(ctx.db, call.userId, payload) }),

    'messages:edit': async (payload, call) => {
      const message = await editMessage(ctx.db, call.userId, payload);
      call.afterAck(() => broadcaster.message('message:updated', message));
      call.afterAck(() => previews.queue(message));
      return { message };
    },

    'messages:delete': async ({ messageId }, call) => {
      const { message, changed, threadRoot } = await deleteMessage(ctx.db, call.userId, messageId);
      if (changed) call.afterAck(() => broadcaster.message('message:updated', message));
      if (threadRoot) call.afterAck(() => broadcaster.message('message:updated', threadRoot));
      return { message };
    },

    'messages:react': async (payload, call) => {
      const message = await reactToMessage(ctx.db, call.userId, payload);
      call.afterAck(() => broadcaster.message('message:updated', message));
      return { message };
    },
  };
}
